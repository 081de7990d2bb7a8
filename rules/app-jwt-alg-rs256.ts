import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import type { ClientData } from '../src/snapshot/resources.js';

const ref = (c: ClientData) => ({ type: 'client', id: c.client_id, name: c.name ?? c.client_id });

export default defineRule({
  id: 'app-jwt-alg-rs256',
  title: 'Applications sign ID tokens with an asymmetric algorithm (RS256/PS256), not HS256',
  topics: bothPlans('p1.authentication.application-integration'),
  severity: 'warning',
  checks: ['APP-07'],
  checkmate: ['checkJWTSignAlg'],
  dashboard: ['rs256'],
  rationale:
    'With HS256 the ID token is signed with the client secret, so every party that must verify the token needs the secret — and anyone holding it can mint tokens that verify. Public apps (SPA, native) cannot keep the secret at all. RS256 or PS256 tokens are signed with the tenant private key and verified with the public keys at /.well-known/jwks.json, which also lets Auth0 rotate signing keys without touching the apps.',
  remediation:
    'Dashboard → Applications → Applications → <app> → Settings → Advanced Settings → OAuth → JSON Web Token (JWT) Signature Algorithm: RS256 (or PS256), then make the app validate tokens against the tenant JWKS; or PATCH /api/v2/clients/{client_id} with `jwt_configuration.alg: "RS256"` (send the whole `jwt_configuration` object).',
  docs: 'https://auth0.com/docs/get-started/applications/signing-algorithms',
  needs: ['clients'],
  messages: {
    ok: 'Application {name} signs ID tokens with {alg}',
    hs256: 'Application {name} signs ID tokens with HS256 (the client secret): any holder of the secret can forge them',
    'hs256-default':
      'Application {name} sets no jwt_configuration.alg, so it signs ID tokens with the default, HS256 (the client secret): any holder of the secret can forge them',
    hidden: 'Application {name}: jwt_configuration is not in the data',
  },
  failSummary: {
    hs256: 'sign ID tokens with HS256 (the client secret)',
    'hs256-default': 'sign ID tokens with the default HS256 (the client secret)',
  },
  evaluate({ clients }) {
    const out: FindingDraft<'ok' | 'hs256' | 'hs256-default' | 'hidden'>[] = [];
    for (const c of clients) {
      if (c.global) continue;
      const resource = ref(c);
      const name = resource.name;
      const alg = c.jwt_configuration?.alg;
      // The API's documented default for an unset alg is HS256 (SigningAlgorithmEnum: "HS256 (default)"):
      // old clients and Deploy CLI exports of them carry jwt_configuration without alg.
      if (!alg && c.jwt_configuration) out.push({ status: 'fail', messageId: 'hs256-default', data: { name }, resource, field: 'jwt_configuration.alg', value: null });
      else if (!alg) out.push({ status: 'unknown', messageId: 'hidden', data: { name }, resource, field: 'jwt_configuration' });
      else if (alg.toUpperCase() === 'HS256') out.push({ status: 'fail', messageId: 'hs256', data: { name }, resource, field: 'jwt_configuration.alg', value: alg });
      else out.push({ status: 'pass', messageId: 'ok', data: { name, alg }, resource });
    }
    return out;
  },
});
