import { bothPlans, defineRule, NOT_EVALUATED_MESSAGE, notEvaluated, type FindingDraft } from '../src/engine/define-rule.js';
import { findCalls, parseCode, propertyReads, type Location, type ParsedCode } from '../src/engine/code.js';
import type { ClientData } from '../src/snapshot/resources.js';

const PUBLIC = ['spa', 'native'];
const ref = (c: ClientData) => ({ type: 'client', id: c.client_id, name: c.name ?? c.client_id });

/** The PKCE parameter as the Action reads it from the request: `….query.code_challenge` (or `body` for a POSTed /authorize). */
const CODE_CHALLENGE = /(^|\.)(query|body)\.code_challenge$/;

/**
 * Where the code reads `code_challenge` from the request, however it is written: member access
 * (`event.request.query.code_challenge`), `q['code_challenge']`, destructuring, `in`, and one level
 * of aliasing (`const q = event.request.query; q.code_challenge`).
 */
function readsCodeChallenge(parsed: ParsedCode): Location | undefined {
  const hit = propertyReads(parsed).find((r) => CODE_CHALLENGE.test(r.path));
  return hit ? { line: hit.line, column: hit.column } : undefined;
}

interface Enforcer {
  id: string;
  name: string;
  read: Location;
  deny: Location;
}
interface Unparsable {
  name: string;
  where: string;
  error: string;
}

export default defineRule({
  id: 'app-pkce-enforced',
  title: 'Single-page and native apps cannot log in without PKCE',
  topics: bothPlans('p1.authentication.application-integration'),
  severity: 'advice',
  checks: [],
  checkmate: ['checkPKCEEnforcement'],
  rationale:
    'PKCE binds an authorization code to a secret (the code_verifier) held by the app instance that started the login, so an intercepted code — through a malicious app registered for the same custom scheme, a leaked redirect, browser history or logs — cannot be redeemed. Auth0 SDKs send it, but a public app cannot authenticate at the token endpoint, so nothing stops an attacker from starting a login without PKCE. A post-login Action that denies public-app logins whose request carries no code_challenge closes that path.',
  remediation:
    'Add a post-login Action that, for your SPA and native client ids, calls `api.access.deny("PKCE required")` when `event.request.query.code_challenge` is missing (and `code_challenge_method` is not S256), then deploy it and bind it in Dashboard → Actions → Triggers → post-login; or POST /api/v2/actions/actions, POST /api/v2/actions/actions/{id}/deploy and PATCH /api/v2/actions/triggers/post-login/bindings.',
  docs: 'https://auth0.com/docs/get-started/authentication-and-authorization-flow/authorization-code-flow-with-pkce',
  needs: ['clients'],
  wants: ['actions', 'postLoginBindings'],
  messages: {
    ...NOT_EVALUATED_MESSAGE,
    enforced: 'Application {name} ({type}): PKCE is enforced by post-login Action {action} (reads code_challenge at {read}, api.access.deny at {deny})',
    'not-enforced': 'Application {name} ({type}) uses the authorization code grant and no bound post-login Action denies logins without code_challenge',
    unparsable: 'Application {name} ({type}): could not tell whether PKCE is enforced, post-login Action {action} has a syntax error at {where}: {error}',
  },
  failSummary: {
    'not-enforced': 'use the authorization code grant without enforced PKCE',
  },
  evaluate({ clients, wants }) {
    const targets = clients.filter((c) => !c.global && !!c.app_type && PUBLIC.includes(c.app_type) && (c.grant_types ?? []).includes('authorization_code'));
    if (targets.length === 0) return [];
    const { actions, postLoginBindings } = wants;
    if (!actions.ok) return [notEvaluated(actions)];
    if (!postLoginBindings.ok) return [notEvaluated(postLoginBindings)];

    const bound = new Set(postLoginBindings.data.map((b) => b.action?.id).filter((id): id is string => !!id));
    let enforcer: Enforcer | undefined;
    const broken: Unparsable[] = [];
    for (const a of actions.data) {
      if (!bound.has(a.id)) continue;
      const code = a.deployed_version?.code ?? a.code;
      if (!code) continue;
      const parsed = parseCode(code);
      if (!parsed.ok) {
        broken.push({ name: a.name, where: parsed.location ? `${parsed.location.line}:${parsed.location.column}` : 'an unknown position', error: parsed.error });
        continue;
      }
      const read = readsCodeChallenge(parsed);
      const deny = findCalls(parsed, /(^|\.)access\.deny$/)[0];
      // Evidence, as CheckMate reads it: the Action's own client filter is not analysed.
      if (read && deny) {
        enforcer = { id: a.id, name: a.name, read, deny: { line: deny.line, column: deny.column } };
        break;
      }
    }

    const out: FindingDraft<'enforced' | 'not-enforced' | 'unparsable' | 'resource-unavailable'>[] = [];
    for (const c of targets) {
      const resource = ref(c);
      const data = { name: resource.name, type: c.app_type ?? 'untyped' };
      const firstBroken = broken[0];
      if (enforcer) {
        const at = (l: Location) => `${l.line}:${l.column}`;
        out.push({ status: 'pass', messageId: 'enforced', data: { ...data, action: enforcer.name, read: at(enforcer.read), deny: at(enforcer.deny) }, resource });
      } else if (firstBroken) {
        out.push({ status: 'unknown', messageId: 'unparsable', data: { ...data, action: firstBroken.name, where: firstBroken.where, error: firstBroken.error }, resource });
      } else {
        const i = (c.grant_types ?? []).indexOf('authorization_code');
        out.push({ status: 'fail', messageId: 'not-enforced', data, resource, field: `grant_types[${i}]`, value: 'authorization_code' });
      }
    }
    return out;
  },
});
