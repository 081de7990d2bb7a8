import rule from '../../rules/tenant-clickjack-protection.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const flags = (f: Record<string, unknown> | null) => tenant((t) => { t.tenantSettings = { ...t.tenantSettings, flags: f }; });

ruleTester(rule, {
  valid: [
    { name: 'the baseline tenant', tenant: tenant() },
    { name: 'the flag off', tenant: flags({ disable_clickjack_protection_headers: false }) },
    { name: 'the flag absent: the API default is off', tenant: flags({}) },
  ],
  invalid: [
    {
      // "When iframe embedding is enabled, security headers that protect against clickjacking are disabled"
      // (https://auth0.com/docs/customize/login-pages/manage-core-configuration).
      name: 'headers disabled',
      tenant: flags({ disable_clickjack_protection_headers: true }),
      findings: [{ status: 'fail', messageId: 'off', severity: 'warning', field: 'flags.disable_clickjack_protection_headers', value: true }],
    },
  ],
});
