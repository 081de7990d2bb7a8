import { runningCode } from '../src/engine/code.js';
import { bothPlans, defineRule } from '../src/engine/define-rule.js';

const RESOURCE = { type: 'mfa-policy', id: 'guardian/policies', name: 'MFA policy' };
/** A legacy Rule that requires MFA (Auth0's documented pattern: `context.multifactor = { provider: 'any' }`). */
const RULE_MFA = /\bcontext\s*\.\s*multifactor\s*=/;
/** Calls that require or challenge MFA from a post-login Action. */
const MFA_CALLS = /\bapi\s*\.\s*(multifactor\s*\.\s*enable|authentication\s*\.\s*(challengeWith|challengeWithAny|enrollWith|enrollWithAny))\s*\(/;

export default defineRule({
  id: 'mfa-policy-enforced',
  firstGoLive: 'advice',
  title: 'MFA is actually required: by policy or by a post-login Action',
  topics: bothPlans('p2.authentication.mfa'),
  severity: 'warning',
  checks: ['MFA-02'],
  checkmate: ['checkGuardianPolicy'],
  dashboard: ['mfa'],
  rationale:
    'Enabled factors protect nothing unless MFA is required: the tenant policy must be "Always" or "Adaptive", or a deployed post-login Action must trigger it (api.multifactor.enable / api.authentication.challengeWith), or — on a tenant that still runs legacy Rules — an enabled Rule must set context.multifactor.',
  remediation:
    'Dashboard → Security → Multi-factor Auth → Require Multi-factor Auth: "Always" or "Use Adaptive MFA"; or PUT /api/v2/guardian/policies with `["all-applications"]` or `["confidence-score"]`; or bind a post-login Action that calls `api.multifactor.enable("any")` for the users and apps that need it.',
  docs: 'https://auth0.com/docs/secure/multi-factor-authentication/enable-mfa',
  needs: ['guardianPolicies'],
  wants: ['actions', 'postLoginBindings', 'rules'],
  messages: {
    policy: 'MFA policy requires MFA ({policy})',
    action: 'Post-login Action {action} requires MFA',
    'legacy-rule': 'Legacy Rule {rule} requires MFA (context.multifactor); Rules are deprecated: move it to a post-login Action',
    never: 'MFA policy is "Never" and no bound post-login Action requires MFA',
    'never-unknown': 'MFA policy is "Never"; could not check post-login Actions: {detail}',
  },
  evaluate({ guardianPolicies, wants }) {
    const policy = guardianPolicies.find((p) => p === 'all-applications' || p === 'confidence-score');
    if (policy) return [{ status: 'pass', messageId: 'policy', data: { policy }, resource: RESOURCE }];
    const { actions, postLoginBindings, rules } = wants;
    // A tenant that still runs legacy Rules may require MFA there (read when the Rules could be read).
    const legacy = rules.ok ? rules.data.find((r) => r.enabled !== false && RULE_MFA.test(r.script ?? '')) : undefined;
    if (legacy) return [{ status: 'pass', messageId: 'legacy-rule', data: { rule: legacy.name ?? legacy.id ?? 'unnamed' }, resource: { type: 'rule', id: legacy.id ?? legacy.name ?? 'rule', ...(legacy.name ? { name: legacy.name } : {}) } }];
    if (!actions.ok || !postLoginBindings.ok) {
      const detail = !actions.ok ? actions.detail : !postLoginBindings.ok ? postLoginBindings.detail : '';
      return [{ status: 'unknown', messageId: 'never-unknown', data: { detail }, resource: RESOURCE }];
    }
    const bound = new Set(postLoginBindings.data.map((b) => b.action?.id).filter((id): id is string => !!id));
    const boundActions = actions.data.filter((a) => bound.has(a.id));
    const enforcing = boundActions.find((a) => MFA_CALLS.test(runningCode(a).code ?? ''));
    if (enforcing) {
      return [{ status: 'pass', messageId: 'action', data: { action: enforcing.name }, resource: { type: 'action', id: enforcing.id, name: enforcing.name } }];
    }
    const unreadable = boundActions.find((a) => runningCode(a).code === undefined);
    if (unreadable) return [{ status: 'unknown', messageId: 'never-unknown', data: { detail: `the code of Action ${unreadable.name} is not available` }, resource: RESOURCE }];
    return [{ status: 'fail', messageId: 'never', resource: RESOURCE, field: 'policies', value: guardianPolicies }];
  },
});
