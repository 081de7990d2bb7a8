import rule from '../../rules/tenant-signup-enumeration.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const flags = (f: Record<string, unknown> | null) => tenant((t) => { t.tenantSettings = { ...t.tenantSettings, flags: f }; });

ruleTester(rule, {
  valid: [
    { name: 'the baseline tenant', tenant: tenant() },
    { name: 'the flag off: a generic error', tenant: flags({ enable_public_signup_user_exists_error: false }) },
    { name: 'no flags at all: the API default is the generic error', tenant: flags(null) },
  ],
  invalid: [
    {
      // OAS TenantSettingsFlags: "shows a user_exists error (true) or a generic error (false) if the user already exists".
      name: 'sign-up reveals existing accounts',
      tenant: flags({ enable_public_signup_user_exists_error: true }),
      findings: [{ status: 'fail', messageId: 'reveals', severity: 'warning', resource: 'enable_public_signup_user_exists_error', value: true }],
    },
  ],
});
