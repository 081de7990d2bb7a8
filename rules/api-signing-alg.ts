import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';

/** Asymmetric algorithms Auth0 offers for access tokens: the API validates with the public key only. */
const ASYMMETRIC = new Set(['RS256', 'RS512', 'PS256']);

const messages = {
  asymmetric: 'API {name} signs its access tokens with {alg} (asymmetric)',
  symmetric: 'API {name} signs its access tokens with {alg}: every service that validates them must hold the signing secret',
  missing: 'API {name} reports no signing algorithm',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'api-signing-alg',
  title: 'APIs sign access tokens with an asymmetric algorithm (RS256 or PS256)',
  topics: bothPlans('p2.authorization.api-integration'),
  severity: 'warning',
  checks: ['API-02'],
  checkmate: ['checkAPISigningAlgorithm'],
  rationale:
    'With HS256 the same secret signs and verifies the token: every API, gateway or microservice that validates access tokens holds a key that can also mint them, and rotating it means a coordinated redeploy. RS256/PS256 tokens are verified with the public key from the tenant JWKS, which rotates without touching the APIs.',
  remediation:
    'Dashboard → Applications → APIs → <API> → Settings → Token Settings → JSON Web Token (JWT) Signing Algorithm: RS256 (or PS256); or PATCH /api/v2/resource-servers/{id} with `{ "signing_alg": "RS256" }`. Update the APIs to validate against https://<your-domain>/.well-known/jwks.json first.',
  docs: 'https://auth0.com/docs/get-started/applications/signing-algorithms',
  needs: ['resourceServers'],
  messages,
  failSummary: {
    symmetric: 'sign access tokens with a symmetric (shared-secret) algorithm',
  },
  evaluate({ resourceServers }) {
    return resourceServers
      .filter((rs) => rs.is_system !== true)
      .map((rs): FindingDraft<Msg> => {
        const resource = { type: 'resource-server', id: rs.id ?? rs.identifier, name: rs.name ?? rs.identifier };
        const data = { name: resource.name, alg: rs.signing_alg ?? null };
        if (!rs.signing_alg) return { status: 'unknown', messageId: 'missing', data, resource, field: 'signing_alg' };
        return ASYMMETRIC.has(rs.signing_alg)
          ? { status: 'pass', messageId: 'asymmetric', data, resource }
          : { status: 'fail', messageId: 'symmetric', data, resource, field: 'signing_alg', value: rs.signing_alg };
      });
  },
});
