import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import type { ClientData } from '../src/snapshot/resources.js';

/**
 * `client_authentication_methods` is not in the shared Client schema (the Management API returns it
 * only with read:client_keys / read:client_credentials, which this tool does not ask for): read it
 * through a narrow view.
 */
interface AuthMethods {
  private_key_jwt?: { credentials?: unknown[] } | null;
  tls_client_auth?: unknown;
  self_signed_tls_client_auth?: unknown;
}
const authMethodsOf = (c: ClientData): AuthMethods | null | undefined =>
  (c as { client_authentication_methods?: AuthMethods | null }).client_authentication_methods;

/** The strong method configured in `client_authentication_methods`, if any. */
function strongMethod(m: AuthMethods | null | undefined): string | undefined {
  if (!m) return undefined;
  if (m.private_key_jwt) return 'Private Key JWT';
  if (m.tls_client_auth) return 'mTLS (CA-signed certificate)';
  if (m.self_signed_tls_client_auth) return 'mTLS (self-signed certificate)';
  return undefined;
}

const PUBLIC = ['spa', 'native'];
const CONFIDENTIAL = ['regular_web', 'non_interactive'];
const ref = (c: ClientData) => ({ type: 'client', id: c.client_id, name: c.name ?? c.client_id });

export default defineRule({
  id: 'app-token-endpoint-auth',
  title: 'Public apps use no client secret; confidential apps authenticate to the token endpoint',
  topics: [...bothPlans('p1.authentication.application-integration'), 'b2b.p2.authorization.m2m-authorization'],
  severity: 'warning',
  checks: ['APP-06'],
  rationale:
    'A SPA or native app ships its code to users, so any client secret it is given is public: it gives a false sense of protection and, once extracted, lets anyone impersonate the app at the token endpoint. The reverse is worse: a regular web or machine-to-machine app set to "None" does not authenticate at all, so anyone who knows its client_id can redeem authorization codes or refresh tokens as that app. Public apps use "None" with PKCE; confidential apps use a client secret (client_secret_basic / client_secret_post) or, better, Private Key JWT or mTLS.',
  remediation:
    'Dashboard → Applications → Applications → <app> → Credentials → Authentication Method: "None" for single-page and native apps; "Client Secret (Basic)", "Client Secret (Post)" or "Private Key JWT" for regular web and machine-to-machine apps; or PATCH /api/v2/clients/{client_id} with `token_endpoint_auth_method` ("none", "client_secret_basic", "client_secret_post"), or with `token_endpoint_auth_method: null` and `client_authentication_methods.private_key_jwt.credentials` for Private Key JWT. Rotate a secret that was ever shipped in a public app.',
  docs: 'https://auth0.com/docs/get-started/applications/confidential-and-public-applications',
  needs: ['clients'],
  messages: {
    'public-ok': 'Application {name} ({type}) is a public client: token endpoint authentication "none"',
    'public-secret': 'Application {name} ({type}) is a public app but authenticates with {method}: a credential shipped to users is not secret',
    'confidential-ok': 'Application {name} ({type}) authenticates to the token endpoint with {method}',
    'confidential-none': 'Application {name} ({type}) does not authenticate to the token endpoint ("none"): anyone with its client_id can redeem its codes and refresh tokens',
    hidden:
      'Application {name} ({type}): token_endpoint_auth_method is unset, so it authenticates with client_authentication_methods (Private Key JWT or mTLS), which the Management API returns only with read:client_keys; confirm it in the Dashboard or record a waiver',
  },
  evaluate({ clients }) {
    const out: FindingDraft<'public-ok' | 'public-secret' | 'confidential-ok' | 'confidential-none' | 'hidden'>[] = [];
    for (const c of clients) {
      if (c.global || !c.app_type) continue;
      const isPublic = PUBLIC.includes(c.app_type);
      if (!isPublic && !CONFIDENTIAL.includes(c.app_type)) continue;
      const resource = ref(c);
      const data = { name: resource.name, type: c.app_type };
      const method = c.token_endpoint_auth_method;
      const at = { resource, field: 'token_endpoint_auth_method', value: method ?? null };
      if (method === 'none') {
        out.push(isPublic ? { status: 'pass', messageId: 'public-ok', data, resource } : { status: 'fail', messageId: 'confidential-none', data, ...at });
        continue;
      }
      if (method) {
        out.push(
          isPublic
            ? { status: 'fail', messageId: 'public-secret', data: { ...data, method }, ...at }
            : { status: 'pass', messageId: 'confidential-ok', data: { ...data, method }, resource },
        );
        continue;
      }
      // No token_endpoint_auth_method: Auth0 nulls it when client_authentication_methods is in use.
      const strong = strongMethod(authMethodsOf(c));
      if (!strong) {
        out.push({ status: 'unknown', messageId: 'hidden', data, resource, field: 'client_authentication_methods' });
      } else if (isPublic) {
        out.push({ status: 'fail', messageId: 'public-secret', data: { ...data, method: strong }, resource, field: 'client_authentication_methods', value: strong });
      } else {
        out.push({ status: 'pass', messageId: 'confidential-ok', data: { ...data, method: strong }, resource });
      }
    }
    return out;
  },
});
