/** The tenant domain and its API audience: no SDK here, so the CLI can check a flag without loading one. */
import { UsageError } from '../../errors.js';

/** Validate a canonical tenant domain: a bare host name, no scheme, path or port. */
export function normaliseDomain(input: string): string {
  const d = input.trim().toLowerCase();
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(d)) {
    throw new UsageError(
      `--domain ${JSON.stringify(input)} is not a tenant domain: give the bare host, e.g. acme.us.auth0.com (no https://, no path)`,
    );
  }
  return d;
}

export function audienceFor(domain: string): string {
  return `https://${domain}/api/v2/`;
}
