import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import type { ClientData } from '../src/snapshot/resources.js';

/**
 * `client_authentication_methods` is returned only to a token with read:client_keys (or
 * read:client_credentials), which this tool does not ask for: read it through a narrow view and
 * treat its absence as "not visible". Auth0 keeps it and `token_endpoint_auth_method` mutually
 * exclusive (one of them is null), so a visible `client_secret_*` method is conclusive by itself.
 */
interface AuthMethods {
  private_key_jwt?: { credentials?: unknown[] } | null;
  tls_client_auth?: unknown;
  self_signed_tls_client_auth?: unknown;
}
const authMethodsOf = (c: ClientData): AuthMethods | null | undefined =>
  (c as { client_authentication_methods?: AuthMethods | null }).client_authentication_methods;

const CONFIDENTIAL = ['regular_web', 'non_interactive'];
const ref = (c: ClientData) => ({ type: 'client', id: c.client_id, name: c.name ?? c.client_id });

export default defineRule({
  id: 'app-private-key-jwt',
  title: 'Confidential apps authenticate with Private Key JWT (or mTLS), not a shared client secret',
  topics: bothPlans('p1.authentication.application-integration'),
  severity: 'advice',
  checks: [],
  checkmate: ['checkPrivateKeyJWT'],
  rationale:
    'A client secret is a shared password: it is stored on both sides, is sent (client_secret_post/basic) on every token request, ends up in configuration files, CI variables and support tickets, and anyone who copies it can obtain tokens as the app until someone rotates it. With Private Key JWT the app signs a short-lived assertion with a private key that never leaves it and Auth0 holds only the public key, so nothing reusable crosses the wire or sits in Auth0; mTLS client authentication gives the same property with a certificate.',
  remediation:
    'Generate an RSA key pair, then Dashboard → Applications → Applications → <app> → Credentials → Authentication Method: Private Key JWT, and upload the public key (PEM or X.509); or POST /api/v2/clients/{client_id}/credentials with the public key and PATCH /api/v2/clients/{client_id} with `token_endpoint_auth_method: null` and `client_authentication_methods: { private_key_jwt: { credentials: [{ id: "<credential id>" }] } }`. Switch the app (and the Auth0 SDK) to client assertions, then rotate the old secret away.',
  docs: 'https://auth0.com/docs/get-started/applications/configure-private-key-jwt',
  needs: ['clients'],
  messages: {
    ok: 'Application {name} ({type}) authenticates with {method}',
    secret: 'Application {name} ({type}) authenticates with a shared client secret ({method})',
    hidden:
      'Application {name} ({type}): token_endpoint_auth_method is unset, so it uses client_authentication_methods, which the Management API returns only with read:client_keys (not granted to this audit): Private Key JWT cannot be confirmed',
    'hidden-here': 'Application {name} ({type}): neither token_endpoint_auth_method nor client_authentication_methods is in the data',
  },
  evaluate({ clients }) {
    const visible = clients.some((c) => 'client_authentication_methods' in c);
    const out: FindingDraft<'ok' | 'secret' | 'hidden' | 'hidden-here'>[] = [];
    for (const c of clients) {
      if (c.global || !c.app_type || !CONFIDENTIAL.includes(c.app_type)) continue;
      const method = c.token_endpoint_auth_method;
      // "none": not a confidential client in practice; app-token-endpoint-auth reports it.
      if (method === 'none') continue;
      const resource = ref(c);
      const data = { name: resource.name, type: c.app_type };
      if (method) {
        out.push({ status: 'fail', messageId: 'secret', data: { ...data, method }, resource, field: 'token_endpoint_auth_method', value: method });
        continue;
      }
      const m = authMethodsOf(c);
      if (m?.private_key_jwt) out.push({ status: 'pass', messageId: 'ok', data: { ...data, method: 'Private Key JWT' }, resource });
      else if (m?.tls_client_auth || m?.self_signed_tls_client_auth) out.push({ status: 'pass', messageId: 'ok', data: { ...data, method: 'mTLS client authentication' }, resource });
      else out.push({ status: 'unknown', messageId: visible ? 'hidden-here' : 'hidden', data, resource, field: 'client_authentication_methods' });
    }
    return out;
  },
});
