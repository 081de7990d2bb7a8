import { findCalls, parseRunningCode, runningCode } from '../src/engine/code.js';
import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';


/** The code that runs: the deployed version when there is one, else the draft. */
const TRIGGER = 'password-reset-post-challenge';
const CHALLENGE = /(^|\.)authentication\.(challengeWith|challengeWithAny)$/;

const messages = {
  challenges: 'Password-reset Action {name} challenges the user with MFA ({at}) before the new password is set',
  'no-challenge': 'Password-reset Action {name} does not call api.authentication.challengeWith/challengeWithAny',
  none: 'No password-reset post-challenge Action asks for a second factor: whoever controls the mailbox can reset the password of {connections}',
  syntax: 'Password-reset Action {name} could not be parsed ({error}): not checked',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'action-password-reset-mfa',
  title: 'Password reset asks for a second factor (password-reset post-challenge Action)',
  topics: bothPlans('p1.profile-management.password-reset'),
  severity: 'advice',
  checks: [],
  checkmate: ['checkPasswordResetMFA'],
  rationale:
    'By default a password reset needs only the email link: whoever controls or intercepts the mailbox takes over the account, and MFA on login does not help if the attacker also resets it. A password-reset / post-challenge Action can require an enrolled factor (`api.authentication.challengeWith`) before the new password is accepted.',
  remediation:
    'Dashboard → Actions → Library → Create Action (trigger Password Reset / Post Challenge) calling `api.authentication.challengeWithAny(event.user.enrolledFactors.map((f) => ({ type: f.type })))` for users with factors; Deploy, then Actions → Triggers → password-reset-post-challenge: add it and Apply. API: POST /api/v2/actions/actions, POST …/deploy, PATCH /api/v2/actions/triggers/password-reset-post-challenge/bindings. Needs New Universal Login.',
  docs: 'https://auth0.com/docs/customize/actions/explore-triggers/password-reset-triggers/post-challenge-trigger',
  needs: ['connections', 'actions'],
  messages,
  failSummary: {
    'no-challenge': 'let users reset their password without an MFA challenge',
  },
  evaluate({ connections, actions }) {
    // Database connections whose users can reset a password (self-service reset not disabled).
    const dbs = connections.filter((c) => c.strategy === 'auth0' && c.options?.disable_self_service_change_password !== true);
    if (dbs.length === 0) return [];
    const out: FindingDraft<Msg>[] = [];
    const silent: FindingDraft<Msg>[] = [];
    for (const a of actions) {
      if (!a.supported_triggers?.some((t) => t.id === TRIGGER)) continue;
      const resource = { type: 'action', id: a.id, name: a.name };
      const { code, field } = runningCode(a);
      const parsed = parseRunningCode(code);
      if (!parsed.ok) {
        const loc = parsed.location ? `:${parsed.location.line}:${parsed.location.column}` : '';
        out.push({ status: 'unknown', messageId: 'syntax', data: { name: a.name, error: parsed.error }, resource, field: `${field}${loc}` });
        continue;
      }
      const hits = findCalls(parsed, CHALLENGE);
      if (hits.length) out.push({ status: 'pass', messageId: 'challenges', data: { name: a.name, at: hits.map((h) => `${h.callee} at ${h.line}:${h.column}`).join(', ') }, resource });
      else silent.push({ status: 'fail', messageId: 'no-challenge', data: { name: a.name }, resource, field });
    }
    if (out.length) return out;
    const names = dbs.map((c) => c.name);
    return [
      ...silent,
      {
        status: 'fail',
        messageId: 'none',
        data: { connections: names.length > 3 ? `${names.slice(0, 3).join(', ')}, +${names.length - 3}` : names.join(', ') },
        field: 'actions.supported_triggers',
        value: TRIGGER,
      },
    ];
  },
});
