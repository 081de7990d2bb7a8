/**
 * A fixture tenant: the configuration of one Auth0 tenant as the Management API returns it,
 * keyed by the resource keys of src/snapshot/resources.ts. The emulator serves it over HTTP;
 * tests turn it into a Snapshot directly. `null` marks a resource the API answers with 404
 * (no email provider, no theme, no custom page template, an email template never customised).
 *
 * Every `resources[key]` has the shape of its key's schema in the registry, so that a snapshot
 * made straight from the fixture (test/support/tenant.ts) and one collected through the emulator
 * agree. Per-parent resources are keyed by the parent's id:
 * - `connectionClients`: connection id → enabled client ids (served by `/connections/{id}/clients`;
 *   the same ids as the connection's `enabled_clients`);
 * - `rolePermissions`: role id → permissions as `/roles/{id}/permissions` returns them;
 * - `organizationConnections` and `organizationDiscoveryDomains`: organization id → items as
 *   `/organizations/{id}/enabled_connections` and `/discovery-domains` return them;
 * - `organizationMembers`: organization id → `{count, more}`, what the collector sees on the first
 *   page of 50; the emulator synthesises that many members (see `memberTotals`).
 *
 * `logEvents` and `usersSample` are what the collector computes from the raw `logs` and `users`
 * below, as of `asOf` with a 7-day lookback and a sample of 50 users; a fixture without raw logs
 * (or users) leaves them out.
 */
import type { ResourceDataMap, ResourceKey } from '../../src/snapshot/resources.js';

/** One tenant log event, as `GET /logs` returns it (the OAS `Log` schema; more fields pass). */
export interface FixtureLog {
  log_id: string;
  date: string;
  type: string;
  description?: string | null;
  client_id?: string;
  client_name?: string;
  hostname?: string;
  ip?: string;
  user_id?: string;
  user_name?: string;
  connection?: string;
  connection_id?: string;
  strategy?: string;
  strategy_type?: string;
  audience?: string;
  scope?: string;
  user_agent?: string;
  details?: Record<string, unknown>;
  [field: string]: unknown;
}

/** One user, as `GET /users` returns it (the OAS `UserResponseSchema`; more fields pass). */
export interface FixtureUser {
  user_id: string;
  email?: string;
  email_verified?: boolean;
  identities?: { connection?: string; user_id?: string; provider?: string; isSocial?: boolean; [field: string]: unknown }[];
  user_metadata?: Record<string, unknown>;
  app_metadata?: Record<string, unknown>;
  [field: string]: unknown;
}

export interface TenantFixture {
  /** What this tenant is for, in a sentence. */
  description: string;
  /** Canonical tenant domain, e.g. `acme-prod.us.auth0.com`. */
  domain: string;
  /**
   * When the fixture's dated data was captured (ISO 8601). The emulator moves every log date
   * forward by (its clock − `asOf`), so a fixture's logs stay as recent as they were then.
   */
  asOf?: string;
  resources: Partial<ResourceDataMap>;
  /** Resources whose endpoints answer as on a plan without the feature (403, or 402 for the page template). */
  planGated?: ResourceKey[];
  /** Raw tenant logs served by `GET /logs` (searchable with `q`), newest or oldest first. */
  logs?: FixtureLog[];
  /** Raw users served by `GET /users` (searchable with `q`). */
  users?: FixtureUser[];
  /**
   * Organization id → how many members it really has, when that is more than the first page
   * (`resources.organizationMembers[id]` then says `{count: 50, more: true}`). Without it the
   * emulator synthesises `count` members, or 100 when `more` is true.
   */
  memberTotals?: Record<string, number>;
}
