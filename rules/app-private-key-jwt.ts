import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import { clientAuthOf } from '../src/engine/client-auth.js';
import type { ClientData } from '../src/snapshot/resources.js';

const CONFIDENTIAL = ['regular_web', 'non_interactive'];
const ref = (c: ClientData) => ({ type: 'client', id: c.client_id, name: c.name ?? c.client_id });

export default defineRule({
  id: 'app-private-key-jwt',
  feature: 'private-key-jwt',
  title: 'Confidential apps authenticate with Private Key JWT (or mTLS), not a shared client secret',
  topics: bothPlans('p1.authentication.application-integration'),
  severity: 'advice',
  // An app whose Private Key JWT has no credential cannot authenticate at all: a warning.
  maxSeverity: 'warning',
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
    inferred:
      'Application {name} ({type}) authenticates through client_authentication_methods (Private Key JWT or mTLS): token_endpoint_auth_method is null, which Auth0 sets only when those are used. Which method, and its credentials, are returned only with read:client_keys (not granted to this audit) and could not be seen',
    'no-credentials': 'Application {name} ({type}) is set to {method} with an empty credential list: it cannot authenticate to the token endpoint',
    unset: 'Application {name} ({type}): token_endpoint_auth_method is unset and no client_authentication_methods is in the data although its client_secret is visible',
    absent: 'Application {name} ({type}): the data holds no token_endpoint_auth_method at all (not even the null Auth0 sets for client authentication methods), so how it authenticates cannot be told',
  },
  failSummary: {
    secret: 'authenticate with a shared client secret',
    'no-credentials': 'use a credential method with no credential registered',
  },
  evaluate({ clients }) {
    const out: FindingDraft<'ok' | 'secret' | 'inferred' | 'no-credentials' | 'unset' | 'absent'>[] = [];
    for (const c of clients) {
      if (c.global || !c.app_type || !CONFIDENTIAL.includes(c.app_type)) continue;
      const auth = clientAuthOf(c);
      // "none": not a confidential client in practice; app-token-endpoint-auth reports it.
      if (auth.kind === 'none') continue;
      const resource = ref(c);
      const data = { name: resource.name, type: c.app_type };
      if (auth.kind === 'secret') out.push({ status: 'fail', messageId: 'secret', data: { ...data, method: auth.method }, resource, field: 'token_endpoint_auth_method', value: auth.method });
      else if (auth.kind === 'strong') out.push({ status: 'pass', messageId: 'ok', data: { ...data, method: auth.method }, resource });
      else if (auth.kind === 'no-credentials') out.push({ status: 'fail', messageId: 'no-credentials', data: { ...data, method: auth.method }, resource, field: auth.field, value: [], severity: 'warning' });
      else if (auth.kind === 'inferred') out.push({ status: 'pass', messageId: 'inferred', data, resource });
      else out.push({ status: 'unknown', messageId: auth.kind, data, resource, field: 'token_endpoint_auth_method', ...(auth.kind === 'unset' ? { value: null } : {}) });
    }
    return out;
  },
});
