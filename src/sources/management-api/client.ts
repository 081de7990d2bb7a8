/**
 * Credentials → an authenticated `auth0` v7 ManagementClient whose every request goes through our
 * transport. With client credentials the token is requested here first, so a bad secret or an
 * unreachable tenant fails fast with exit 3 and one clear line, before any resource is read.
 */
import { ManagementClient } from 'auth0';
import { SourceError, UsageError } from '../../errors.js';
import { audienceFor } from './domain.js';
import { describeNetworkError, rewriteUrl, type Transport } from './transport.js';

export interface Credentials {
  domain: string;
  clientId?: string;
  clientSecret?: string;
  token?: string;
}

export { audienceFor, normaliseDomain } from './domain.js';

interface TokenResponse {
  access_token?: unknown;
  error?: unknown;
  error_description?: unknown;
}

/** Client-credentials token request (form-encoded, as the SDK sends it). */
export async function requestToken(creds: Required<Pick<Credentials, 'domain' | 'clientId' | 'clientSecret'>>, transport: Transport, apiBaseUrl?: URL): Promise<string> {
  const url = new URL(`https://${creds.domain}/oauth/token`);
  const where = rewriteUrl(url, apiBaseUrl).origin;
  let res: Response;
  try {
    res = await transport.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: creds.clientId,
        client_secret: creds.clientSecret,
        audience: audienceFor(creds.domain),
      }).toString(),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (e) {
    throw new SourceError(`cannot get a token from ${where}: ${describeNetworkError(e, new URL(where).host)}`);
  }
  let body: TokenResponse = {};
  try {
    body = (await res.json()) as TokenResponse;
  } catch {
    /* a non-JSON error page: reported by status below */
  }
  if (!res.ok || typeof body.access_token !== 'string') {
    const why = [body.error, body.error_description].filter((x) => typeof x === 'string').join(': ');
    throw new SourceError(
      `authentication failed at ${where}/oauth/token (HTTP ${res.status}${why ? `, ${why}` : ''}): check the client id, client secret and that the application is authorised for ${audienceFor(creds.domain)}${canonicalDomainHint(creds.domain)}`,
    );
  }
  return body.access_token;
}

/**
 * A hint for a `--domain` that is not the canonical tenant domain: the Management API and its
 * token audience live only on `<tenant>.<region>.auth0.com`, never on a custom domain.
 */
export function canonicalDomainHint(domain: string): string {
  const host = domain.replace(/^https?:\/\//, '').replace(/[/:].*$/, '');
  if (/\.auth0(?:app)?\.com$/i.test(host) || /^(localhost|\d+\.\d+\.\d+\.\d+|\[[0-9a-f:]+\])$/i.test(host)) return '';
  return `; ${host} is not a canonical *.auth0.com domain: the Management API answers only on the tenant's canonical domain (e.g. acme.us.auth0.com), not on a custom domain`;
}

export async function createManagementClient(creds: Credentials, transport: Transport, apiBaseUrl?: URL): Promise<ManagementClient> {
  let token = creds.token;
  if (!token) {
    if (!creds.clientId || !creds.clientSecret) {
      throw new UsageError('credentials missing: give --client-id and --client-secret (or AUTH0_CLIENT_ID / AUTH0_CLIENT_SECRET), or --token (AUTH0_ACCESS_TOKEN)');
    }
    token = await requestToken({ domain: creds.domain, clientId: creds.clientId, clientSecret: creds.clientSecret }, transport, apiBaseUrl);
  }
  return new ManagementClient({
    domain: creds.domain,
    token,
    fetch: transport.fetch,
    maxRetries: 0,
    timeoutInSeconds: 60,
    telemetry: true,
  });
}
