import { asRecord } from '../src/engine/connections.js';
import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';

type Msg = 'otp' | 'link' | 'classic' | 'hidden';

export default defineRule({
  id: 'database-email-verification-otp',
  appliesWhen: 'passwords',
  title: 'Database connections verify email addresses with a one-time code',
  topics: bothPlans('p1.profile-management.account-verification'),
  severity: 'advice',
  checks: [],
  checkmate: ['checkEmailAttributeVerification'],
  rationale:
    'With classic settings (or the `link` method) Auth0 creates the account first and mails a verification link afterwards: accounts with unverified, mistyped or someone else\'s addresses pile up, and link emails are easy to phish and break in mail scanners that pre-click links. With flexible identifiers (connection attributes) and `verification_method: "otp"`, the user proves the address with a one-time code during sign-up. Activating attributes changes login and reset prompts: test it in development first.',
  remediation:
    'Dashboard → Authentication → Database → <connection> → Attributes: activate the attributes configuration, then configure Email → Verify email on sign up with a one-time code. Or PATCH /api/v2/connections/{id} with `options.attributes.email: { "identifier": { "active": true }, "signup": { "status": "required", "verification": { "active": true } }, "verification_method": "otp" }` (PATCH replaces the whole `options` object: send it complete).',
  docs: 'https://auth0.com/docs/authenticate/database-connections/activate-and-configure-attributes-for-flexible-identifiers',
  needs: ['connections'],
  messages: {
    otp: 'Database connection {name} verifies email addresses with a one-time code',
    link: 'Database connection {name} verifies email addresses with a link ({method}): use a one-time code',
    classic: 'Database connection {name} has no attributes configuration (flexible identifiers): emails are verified by link after the account exists',
    hidden: 'Options of database connection {name} are not visible: grant read:connections_options',
  },
  failSummary: {
    link: 'verify email addresses with a link instead of a one-time code',
    classic: 'verify email addresses by link after the account exists',
  },
  evaluate({ connections }) {
    const out: FindingDraft<Msg>[] = [];
    for (const c of connections.filter((x) => x.strategy === 'auth0')) {
      const resource = { type: 'connection', id: c.id, name: c.name };
      if (!c.options) {
        out.push({ status: 'unknown', messageId: 'hidden', data: { name: c.name }, resource, field: 'options' });
        continue;
      }
      const attributes = asRecord(c.options.attributes);
      if (!attributes || Object.keys(attributes).length === 0) {
        out.push({ status: 'fail', messageId: 'classic', data: { name: c.name }, resource, field: 'options.attributes', value: null });
        continue;
      }
      const email = asRecord(attributes.email);
      // Phone or username only: there is no email to verify.
      if (!email) continue;
      const method = email.verification_method;
      out.push(
        method === 'otp'
          ? { status: 'pass', messageId: 'otp', data: { name: c.name }, resource }
          : {
              status: 'fail',
              messageId: 'link',
              data: { name: c.name, method: typeof method === 'string' ? method : 'the default' },
              resource,
              field: 'options.attributes.email.verification_method',
              value: method ?? null,
            },
      );
    }
    return out;
  },
});
