import { callsReading, findCalls, parseRunningCode, runningCode, type ReadingCall } from '../src/engine/code.js';
import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';


const DENY = /(^|\.)access\.deny$/;
/** What identifies the person signing up: the email, phone number or username they entered. */
const IDENTITY = /^event\.user\.(email|phone_number|username)$/;
/** Callees that are I/O even when not awaited: HTTP clients, the Management API SDK, database clients. */
const IO = /^(globalThis\.)?fetch$|^(axios|got|request|superagent|undici)(\.\w+)?$|(^|\.)(https?|node:https?)\.(get|request)$|(^|\.)users(ByEmail)?\.\w+$|(^|\.)(query|findOne|findFirst|findUnique|execute|getItem|scan)$/;

/**
 * A lookup of an existing identity: an I/O call (awaited, or an HTTP / SDK / database client)
 * whose arguments carry the email, phone number or username being registered. Calls on `api`
 * (the Action's own API) and `console` are not lookups.
 */
function identityLookups(calls: ReadingCall[]): ReadingCall[] {
  return calls.filter((c) => !/^(api|console)\./.test(c.callee) && (c.awaited || IO.test(c.callee)));
}

const messages = {
  clean: 'Pre-user-registration Action {name} does not deny sign-ups',
  deny: 'Pre-user-registration Action {name} denies sign-ups at {at}{shown} after looking up the identity being registered ({lookup} at {lookupAt}): check the answer cannot reveal that an account exists',
  'deny-no-lookup': 'Pre-user-registration Action {name} denies sign-ups at {at} on criteria that look up no existing identity (such as geography or an invite code): it reveals no accounts',
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
    'A pre-user-registration Action that calls `api.access.deny` shows its user message on the sign-up page. When the denial depends on whether the email is already known (in a legacy store, a CRM, a blocklist of customers), an attacker can submit addresses and read the answer: user enumeration, the first step of credential stuffing and targeted phishing. Denying on criteria that say nothing about existing accounts is what the trigger is for — Auth0\'s own examples deny by location (`event.request.geoip`) or by JA3/JA4 fingerprint — so only a deny that follows a lookup of the identity being registered (an awaited or HTTP/SDK/database call whose arguments carry `event.user.email`, `phone_number` or `username`) is a finding.',
  remediation:
    'Keep the sign-up answer identical whether or not the person is known: deny only on criteria that reveal nothing (e.g. disallowed email domain) with a generic message, or let the sign-up continue and notify the existing owner by email from your back end. Edit in Dashboard → Actions → Library → <action> and Deploy (POST /api/v2/actions/actions/{id}/deploy). Waive once the messages are reviewed.',
  docs: 'https://auth0.com/docs/customize/actions/explore-triggers/signup-and-login-triggers/pre-user-registration-trigger',
  needs: ['actions'],
  messages,
  failSummary: {
    deny: 'deny sign-ups after looking up the identity being registered, which may reveal that an account exists',
  },
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
      // Only a deny that follows a lookup of the identity being registered reveals accounts.
      const lookups = identityLookups(callsReading(parsed, IDENTITY));
      const after = denies.filter((d) => lookups.some((l) => l.line < d.line || (l.line === d.line && l.column < d.column)));
      const deny = after[0];
      const lookup = deny && lookups.find((l) => l.line < deny.line || (l.line === deny.line && l.column < deny.column));
      if (!deny || !lookup) {
        out.push({ status: 'pass', messageId: 'deny-no-lookup', data: { name: a.name, at: denies.map((d) => `${d.line}:${d.column}`).join(', ') }, resource });
        continue;
      }
      // The second argument is the message the user sees.
      const userMessage = deny.stringArgs[1];
      const shown = userMessage === undefined ? '' : ` ("${userMessage.length > 80 ? `${userMessage.slice(0, 77)}...` : userMessage}")`;
      out.push({
        status: 'fail',
        messageId: 'deny',
        data: { name: a.name, at: after.map((d) => `${d.line}:${d.column}`).join(', '), shown, lookup: lookup.callee, lookupAt: `${lookup.line}:${lookup.column}` },
        resource,
        field: `${field}:${deny.line}:${deny.column}`,
        value: after.map((d) => `${d.line}:${d.column} ${d.callee}`),
      });
    }
    return out;
  },
});
