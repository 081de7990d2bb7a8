import { actionCode, boundActions } from '../src/engine/actions.js';
import { findCalls } from '../src/engine/code.js';
import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';


/** The code that runs on login: the deployed version when there is one, else the draft. */
/** `api.idToken.setCustomClaim` / `api.accessToken.setCustomClaim`, whatever the `api` parameter is called. */
const CLAIM_CALL = /(^|\.)(idToken|accessToken)\.setCustomClaim$/;

const messages = {
  claims: 'Post-login Action {name} adds custom claims to the {tokens} ({at})',
  'not-built': 'Post-login Action {name} sets custom claims but is not built ({status}): they are not added at login',
  syntax: 'Post-login Action {name} could not be parsed ({error}): custom claims not checked',
  none: 'No bound post-login Action adds custom claims ({bound} bound)',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'action-custom-claims',
  title: 'A bound post-login Action adds the custom claims applications need',
  topics: bothPlans('p1.authorization.id-token-claims', 'p1.profile-management.metadata'),
  // Evidence (catalog ACT-01): it shows how claims and metadata reach the tokens.
  severity: 'advice',
  checks: ['ACT-01'],
  rationale:
    'Auth0 puts only standard OIDC claims in ID and access tokens: roles, customer ids or metadata an application needs must be added by a post-login Action with `api.idToken.setCustomClaim` / `api.accessToken.setCustomClaim`, under a namespaced URL. If none does, applications typically fetch the profile through the Management API at runtime, which hits rate limits.',
  remediation:
    'Dashboard → Actions → Library → Create Action (trigger Login / Post Login) that calls `api.idToken.setCustomClaim("https://your.app/claim", value)`, Deploy it, then Actions → Triggers → post-login: drag it into the flow and Apply; or POST /api/v2/actions/actions, POST /api/v2/actions/actions/{id}/deploy, PATCH /api/v2/actions/triggers/post-login/bindings.',
  docs: 'https://auth0.com/docs/secure/tokens/json-web-tokens/create-custom-claims',
  needs: ['actions', 'postLoginBindings'],
  messages,
  failSummary: {
    'not-built': 'set custom claims but are not built, so login adds none of them',
  },
  evaluate({ actions, postLoginBindings }) {
    const out: FindingDraft<Msg>[] = [];
    const bound = boundActions(actions, postLoginBindings);
    for (const a of bound) {
      const src = actionCode(a);
      const { resource, field } = src;
      if (!src.ok) {
        out.push({ status: 'unknown', messageId: 'syntax', data: { name: a.name, error: src.error }, resource, field });
        continue;
      }
      const { parsed } = src;
      const hits = findCalls(parsed, CLAIM_CALL);
      if (hits.length === 0) continue;
      const tokens = [...new Set(hits.map((h) => (h.callee.includes('idToken') ? 'ID token' : 'access token')))].join(' and ');
      const where = hits.map((h) => `${h.line}:${h.column}`).join(', ');
      const built = a.deployed_version?.deployed === true || a.status === 'built';
      out.push(
        built
          ? { status: 'pass', messageId: 'claims', data: { name: a.name, tokens, at: `line:column ${where}` }, resource }
          : { status: 'fail', messageId: 'not-built', data: { name: a.name, status: a.status ?? 'unknown' }, resource, field: 'status', value: a.status ?? null },
      );
    }
    if (!out.some((f) => f.status === 'pass' || f.status === 'unknown')) {
      // Evidence only: tokens without custom claims are a design choice, not a failure.
      out.push({ status: 'n/a', messageId: 'none', data: { bound: bound.length }, field: 'post-login bindings', value: bound.length });
    }
    return out;
  },
});
