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
    hidden: 'Application {name}: jwt_configuration.alg is not in the data',
  },
  evaluate({ clients }) {
    const out: FindingDraft<'ok' | 'hs256' | 'hidden'>[] = [];
    for (const c of clients) {
      if (c.global) continue;
      const resource = ref(c);
      const name = resource.name;
      const alg = c.jwt_configuration?.alg;
      if (!alg) out.push({ status: 'unknown', messageId: 'hidden', data: { name }, resource, field: 'jwt_configuration.alg' });
      else if (alg.toUpperCase() === 'HS256') out.push({ status: 'fail', messageId: 'hs256', data: { name }, resource, field: 'jwt_configuration.alg', value: alg });
      else out.push({ status: 'pass', messageId: 'ok', data: { name, alg }, resource });
    }
    return out;
  },
});
