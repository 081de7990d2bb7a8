import { findCalls, parseRunningCode, runningCode } from '../src/engine/code.js';
import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';


/** The code that runs: the deployed version when there is one, else the draft. */
const DENY = /(^|\.)access\.deny$/;

const messages = {
  clean: 'Pre-user-registration Action {name} does not deny sign-ups',
  deny: 'Pre-user-registration Action {name} denies sign-ups at {at}{shown}: check the message cannot reveal that an account exists',
  syntax: 'Pre-user-registration Action {name} could not be parsed ({error}): not checked',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'action-pre-registration-enumeration',
  title: 'Pre-user-registration Actions do not reveal which accounts exist',
  topics: [...bothPlans('p1.authentication.anomaly-detection'), 'b2c.p1.provisioning.self-sign-up'],
  severity: 'warning',
  checks: [],
  checkmate: ['checkPreRegistrationUserEnumeration'],
  rationale:
    'A pre-user-registration Action that calls `api.access.deny` shows its user message on the sign-up page. When the denial depends on whether the email is already known (in a legacy store, a CRM, a blocklist of customers), an attacker can submit addresses and read the answer: user enumeration, the first step of credential stuffing and targeted phishing.',
  remediation:
    'Keep the sign-up answer identical whether or not the person is known: deny only on criteria that reveal nothing (e.g. disallowed email domain) with a generic message, or let the sign-up continue and notify the existing owner by email from your back end. Edit in Dashboard → Actions → Library → <action> and Deploy (POST /api/v2/actions/actions/{id}/deploy). Waive once the messages are reviewed.',
  docs: 'https://auth0.com/docs/customize/actions/explore-triggers/signup-and-login-triggers/pre-user-registration-trigger',
  needs: ['actions'],
  messages,
  evaluate({ actions }) {
    const out: FindingDraft<Msg>[] = [];
    for (const a of actions) {
      if (!a.supported_triggers?.some((t) => t.id === 'pre-user-registration')) continue;
      const resource = { type: 'action', id: a.id, name: a.name };
      const { code, field } = runningCode(a);
      const parsed = parseRunningCode(code);
      if (!parsed.ok) {
        const loc = parsed.location ? `:${parsed.location.line}:${parsed.location.column}` : '';
        out.push({ status: 'unknown', messageId: 'syntax', data: { name: a.name, error: parsed.error }, resource, field: `${field}${loc}` });
        continue;
      }
      const denies = findCalls(parsed, DENY);
      const first = denies[0];
      if (!first) {
        out.push({ status: 'pass', messageId: 'clean', data: { name: a.name }, resource });
        continue;
      }
      // The second argument is the message the user sees.
      const userMessage = first.stringArgs[1];
      const shown = userMessage === undefined ? '' : ` ("${userMessage.length > 80 ? `${userMessage.slice(0, 77)}...` : userMessage}")`;
      out.push({
        status: 'fail',
        messageId: 'deny',
        data: { name: a.name, at: denies.map((d) => `${d.line}:${d.column}`).join(', '), shown },
        resource,
        field: `${field}:${first.line}:${first.column}`,
        value: denies.map((d) => `${d.line}:${d.column} ${d.callee}`),
      });
    }
    return out;
  },
});
