import { bothPlans, defineRule } from '../src/engine/define-rule.js';

const RESOURCE = { type: 'tenant-flag', id: 'enable_public_signup_user_exists_error', name: 'Sign-up "user exists" error' };

export default defineRule({
  id: 'tenant-signup-enumeration',
  appliesWhen: 'sign-up',
  title: 'Public sign-up does not reveal that an account already exists',
  topics: [...bothPlans('p1.authentication.anomaly-detection'), 'b2c.p1.provisioning.self-sign-up'],
  severity: 'warning',
  checks: ['TEN-17'],
  rationale:
    'The Management API documents `flags.enable_public_signup_user_exists_error` as "Whether the public sign up process shows a user_exists error (true) or a generic error (false) if the user already exists". With it on, anyone can submit an address to public sign-up (/dbconnections/signup) and learn whether it has an account: user enumeration, the first step of credential stuffing and targeted phishing. The default is the generic error. It matters only where public sign-up is open on a database connection.',
  remediation:
    'Dashboard → Settings → Advanced: turn off the "user exists" sign-up error; or PATCH /api/v2/tenants/settings with `{"flags": {"enable_public_signup_user_exists_error": false}}`. Tell an existing owner by email instead of on the page (e.g. from a pre-user-registration Action that does not deny on that criterion).',
  docs: 'https://auth0.com/docs/api/management/v2/tenants/patch-settings',
  needs: ['tenantSettings'],
  messages: {
    generic: 'Sign-up answers with a generic error when the account already exists',
    reveals: 'Sign-up answers "user_exists" when the account already exists (flags.enable_public_signup_user_exists_error): anyone can probe which emails have accounts',
  },
  evaluate({ tenantSettings }) {
    return tenantSettings.flags?.enable_public_signup_user_exists_error === true
      ? [{ status: 'fail', messageId: 'reveals', resource: RESOURCE, field: 'flags.enable_public_signup_user_exists_error', value: true }]
      : [{ status: 'pass', messageId: 'generic', resource: RESOURCE }];
  },
});
