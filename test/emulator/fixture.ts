/**
 * A fixture tenant: the configuration of one Auth0 tenant as the Management API returns it,
 * keyed by the resource keys of src/snapshot/resources.ts. The emulator serves it over HTTP;
 * tests turn it into a Snapshot directly. `null` marks a resource the API answers with 404
 * (no email provider, no theme, no custom page template, an email template never customised).
 */
import type { ResourceDataMap, ResourceKey } from '../../src/snapshot/resources.js';

export interface TenantFixture {
  /** What this tenant is for, in a sentence. */
  description: string;
  /** Canonical tenant domain, e.g. `acme-prod.us.auth0.com`. */
  domain: string;
  resources: Partial<ResourceDataMap>;
  /** Resources whose endpoints answer as on a plan without the feature (403, or 402 for the page template). */
  planGated?: ResourceKey[];
}
