import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import type { ClientData } from '../src/snapshot/resources.js';

/** Grants that issue access or refresh tokens to the app (CheckMate checkAppTokenSenderConstraining). */
const TOKEN_GRANTS = [
  'authorization_code',
  'refresh_token',
  'client_credentials',
  'password',
  'http://auth0.com/oauth/grant-type/password-realm',
  'urn:ietf:params:oauth:grant-type:device_code',
];

/** `require_proof_of_possession` is not in the shared Client schema: read it through a narrow view. */
const popOf = (c: ClientData): unknown => (c as { require_proof_of_possession?: unknown }).require_proof_of_possession;
const ref = (c: ClientData) => ({ type: 'client', id: c.client_id, name: c.name ?? c.client_id });

export default defineRule({
  id: 'app-sender-constrained-tokens',
  feature: 'highly-regulated-identity',
  title: 'Applications require sender-constrained tokens (DPoP or mTLS)',
  topics: bothPlans('p1.authentication.application-integration'),
  severity: 'advice',
  checks: [],
  checkmate: ['checkAppTokenSenderConstraining'],
  rationale:
    'Access and refresh tokens are bearer tokens by default: whoever holds one can use it, so a token copied from a browser, a mobile device, a log file or a proxy works from anywhere. Sender constraining binds each token to a key the app holds — a DPoP proof signed per request, or the app\'s mTLS client certificate — so a stolen token is useless without that key. It matters most for public apps and for APIs that move money or personal data.',
  remediation:
    'Where your plan includes it (DPoP; mTLS with the Highly Regulated Identity add-on): make the app send DPoP proofs or use mTLS, then Dashboard → Applications → Applications → <app> → Settings → Token Sender-Constraining: require it; or PATCH /api/v2/clients/{client_id} with `require_proof_of_possession: true`. Configure the API too (PATCH /api/v2/resource-servers/{id} with `proof_of_possession: { mechanism: "dpop" | "mtls", required: true }`) and validate the binding in the API.',
  docs: 'https://auth0.com/docs/secure/sender-constraining',
  needs: ['clients'],
  messages: {
    ok: 'Application {name} requires proof-of-possession: its tokens are sender-constrained',
    bearer: 'Application {name} ({grants}) does not require proof-of-possession: its tokens are bearer tokens, usable by whoever copies them',
  },
  failSummary: {
    bearer: 'use bearer tokens (no proof-of-possession)',
  },
  evaluate({ clients }) {
    const out: FindingDraft<'ok' | 'bearer'>[] = [];
    for (const c of clients) {
      if (c.global) continue;
      const grants = (c.grant_types ?? []).filter((g) => TOKEN_GRANTS.includes(g));
      if (grants.length === 0) continue;
      const resource = ref(c);
      const name = resource.name;
      const pop = popOf(c);
      out.push(
        pop === true
          ? { status: 'pass', messageId: 'ok', data: { name }, resource }
          : { status: 'fail', messageId: 'bearer', data: { name, grants: grants.join(', ') }, resource, field: 'require_proof_of_possession', value: pop ?? null },
      );
    }
    return out;
  },
});
