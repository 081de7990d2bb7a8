import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import { clientAuthOf, INFERRED_METHOD } from '../src/engine/client-auth.js';
import type { ClientData } from '../src/snapshot/resources.js';

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
    'confidential-inferred':
      'Application {name} ({type}) authenticates through client_authentication_methods (Private Key JWT or mTLS): Auth0 sets token_endpoint_auth_method to null only when those are used. The methods and their credentials are returned only with read:client_keys, which this audit does not ask for, so which one, and its keys, could not be seen',
    'no-credentials': 'Application {name} ({type}) is set to {method} with an empty credential list: it cannot authenticate to the token endpoint',
    unset: 'Application {name} ({type}): token_endpoint_auth_method is unset and no client_authentication_methods is in the data although its client_secret is visible, so how it authenticates cannot be told',
    absent: 'Application {name} ({type}): the data holds no token_endpoint_auth_method at all (not even the null Auth0 sets for client authentication methods), so how it authenticates cannot be told',
  },
  failSummary: {
    'public-secret': 'are public apps that authenticate with a secret',
    'confidential-none': 'are confidential apps that do not authenticate to the token endpoint',
    'no-credentials': 'use a credential method with no credential registered',
  },
  evaluate({ clients }) {
    type Msg = 'public-ok' | 'public-secret' | 'confidential-ok' | 'confidential-none' | 'confidential-inferred' | 'no-credentials' | 'unset' | 'absent';
    const out: FindingDraft<Msg>[] = [];
    for (const c of clients) {
      if (c.global || !c.app_type) continue;
      const isPublic = PUBLIC.includes(c.app_type);
      if (!isPublic && !CONFIDENTIAL.includes(c.app_type)) continue;
      const resource = ref(c);
      const data = { name: resource.name, type: c.app_type };
      const method = c.token_endpoint_auth_method;
      const at = { resource, field: 'token_endpoint_auth_method', value: method ?? null };
      const auth = clientAuthOf(c);
      switch (auth.kind) {
        case 'none':
          out.push(isPublic ? { status: 'pass', messageId: 'public-ok', data, resource } : { status: 'fail', messageId: 'confidential-none', data, ...at });
          break;
        case 'secret':
          out.push(
            isPublic
              ? { status: 'fail', messageId: 'public-secret', data: { ...data, method: auth.method }, ...at }
              : { status: 'pass', messageId: 'confidential-ok', data: { ...data, method: auth.method }, resource },
          );
          break;
        case 'no-credentials':
          out.push({ status: 'fail', messageId: 'no-credentials', data: { ...data, method: auth.method }, resource, field: auth.field, value: [] });
          break;
        case 'strong':
          out.push(
            isPublic
              ? { status: 'fail', messageId: 'public-secret', data: { ...data, method: auth.method }, resource, field: 'client_authentication_methods', value: auth.method }
              : { status: 'pass', messageId: 'confidential-ok', data: { ...data, method: auth.method }, resource },
          );
          break;
        case 'inferred':
          // A public app holding a private key or certificate is the same mistake as one holding a secret.
          out.push(
            isPublic
              ? { status: 'fail', messageId: 'public-secret', data: { ...data, method: INFERRED_METHOD }, ...at }
              : { status: 'pass', messageId: 'confidential-inferred', data, resource },
          );
          break;
        case 'unset':
          out.push({ status: 'unknown', messageId: 'unset', data, ...at });
          break;
        case 'absent':
          out.push({ status: 'unknown', messageId: 'absent', data, resource, field: 'token_endpoint_auth_method' });
          break;
      }
    }
    return out;
  },
});
