/**
 * How an application authenticates to the token endpoint, as far as the data shows.
 *
 * Auth0 keeps `token_endpoint_auth_method` and `client_authentication_methods` mutually
 * exclusive: it sets the method to null when Private Key JWT or mTLS is configured through
 * `client_authentication_methods`. That object (and `client_secret`) is returned only to a token
 * with read:client_keys / read:client_credentials, which this tool never asks for. So a null
 * method with no visible `client_secret` means "configured through client authentication
 * methods" — judged so, saying what could not be seen — never "unknown".
 */
import type { ClientData } from '../snapshot/resources.js';

export type ClientAuth =
  /** `token_endpoint_auth_method: "none"`: a public client. */
  | { kind: 'none' }
  /** `client_secret_basic` / `client_secret_post`. */
  | { kind: 'secret'; method: string }
  /** A visible `client_authentication_methods` entry with credentials. */
  | { kind: 'strong'; method: string }
  /** A visible `client_authentication_methods` entry whose credential list is empty: it cannot authenticate. */
  | { kind: 'no-credentials'; method: string; field: string }
  /** Null method, `client_authentication_methods` not visible: Private Key JWT or mTLS, credentials unseen. */
  | { kind: 'inferred' }
  /** Null method although `client_secret` is visible (so the methods would be too): nothing configured in the data. */
  | { kind: 'unset' }
  /**
   * No `token_endpoint_auth_method` at all, not even the API's null (an old Deploy CLI export): the
   * data does not say, so it is not judged. Absent is not null.
   */
  | { kind: 'absent' };

const METHODS = [
  ['private_key_jwt', 'Private Key JWT'],
  ['tls_client_auth', 'mTLS (CA-signed certificate)'],
  ['self_signed_tls_client_auth', 'mTLS (self-signed certificate)'],
] as const;

export const INFERRED_METHOD = 'client authentication methods (Private Key JWT or mTLS)';

export function clientAuthOf(c: ClientData): ClientAuth {
  const method = c.token_endpoint_auth_method;
  if (method === 'none') return { kind: 'none' };
  if (method) return { kind: 'secret', method };
  const cam = c.client_authentication_methods;
  if (cam && typeof cam === 'object') {
    for (const [key, label] of METHODS) {
      const entry = (cam as Record<string, unknown>)[key];
      if (!entry || typeof entry !== 'object') continue;
      // A redacted list (`[REDACTED]`) held credentials; only a visible empty list is conclusive.
      const creds = (entry as { credentials?: unknown }).credentials;
      if (Array.isArray(creds) && creds.length === 0) return { kind: 'no-credentials', method: label, field: `client_authentication_methods.${key}.credentials` };
      return { kind: 'strong', method: label };
    }
  }
  const secret = (c as { client_secret?: unknown }).client_secret;
  if (secret !== undefined && secret !== null) return { kind: 'unset' };
  return method === null ? { kind: 'inferred' } : { kind: 'absent' };
}
