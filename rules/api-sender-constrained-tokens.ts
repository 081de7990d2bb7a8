import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';

const MECHANISMS = new Set(['dpop', 'mtls']);

const messages = {
  required: 'API {name} requires sender-constrained tokens ({mechanism}, for {scope})',
  optional: 'API {name} accepts {mechanism}-bound tokens but does not require them: bearer tokens still work',
  bearer: 'API {name} accepts plain bearer tokens (no proof-of-possession)',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'api-sender-constrained-tokens',
  feature: 'highly-regulated-identity',
  title: 'APIs require sender-constrained access tokens (DPoP or mTLS)',
  topics: bothPlans('p2.authorization.api-integration'),
  severity: 'advice',
  checks: [],
  checkmate: ['checkTokenConstrainingResourceServer'],
  rationale:
    'A bearer token works for whoever holds it: one leaked from a browser, a log or a proxy can be replayed against the API until it expires. With DPoP or mTLS the token is bound to a key the legitimate client holds, so a stolen token alone is useless. Worth it for APIs that move money or personal data.',
  remediation:
    'Dashboard → Applications → APIs → <API> → Settings → Token Sender-Constraining: choose DPoP or mTLS and require it; or PATCH /api/v2/resource-servers/{id} with `{ "proof_of_possession": { "mechanism": "dpop", "required": true } }`. Enable it on the calling applications too (client `require_proof_of_possession`), and validate the binding in the API.',
  docs: 'https://auth0.com/docs/get-started/applications/configure-sender-constraining/configure-resource-server-for-sender-constraining',
  needs: ['resourceServers'],
  messages,
  failSummary: {
    bearer: 'accept plain bearer tokens',
    optional: 'accept bound tokens without requiring them',
  },
  evaluate({ resourceServers }) {
    return resourceServers
      .filter((rs) => rs.is_system !== true)
      .map((rs): FindingDraft<Msg> => {
        const resource = { type: 'resource-server', id: rs.id ?? rs.identifier, name: rs.name ?? rs.identifier };
        const pop = rs.proof_of_possession as { mechanism?: unknown; required?: unknown; required_for?: unknown } | null | undefined;
        const mechanism = typeof pop?.mechanism === 'string' ? pop.mechanism : undefined;
        if (!mechanism || !MECHANISMS.has(mechanism)) {
          return { status: 'fail', messageId: 'bearer', data: { name: resource.name }, resource, field: 'proof_of_possession', value: rs.proof_of_possession ?? null };
        }
        if (pop?.required !== true) {
          return { status: 'fail', messageId: 'optional', data: { name: resource.name, mechanism }, resource, field: 'proof_of_possession.required', value: pop?.required ?? null };
        }
        const scope = pop.required_for === 'public_clients' ? 'public clients' : 'all clients';
        return { status: 'pass', messageId: 'required', data: { name: resource.name, mechanism, scope }, resource };
      });
  },
});
