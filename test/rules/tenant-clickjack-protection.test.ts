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
      name: 'headers disabled on a Classic tenant',
      tenant: tenant((t) => { t.tenantSettings = { ...t.tenantSettings, flags: { disable_clickjack_protection_headers: true } }; t.prompts = { ...t.prompts, universal_login_experience: 'classic' }; }),
      findings: [{ status: 'fail', messageId: 'off', severity: 'warning', value: true }],
    },
    {
      // "When iframe embedding is enabled, security headers that protect against clickjacking are disabled"
      // (https://auth0.com/docs/customize/login-pages/manage-core-configuration).
      // On the new Universal Login the flag reaches only Classic-served pages (OAS: "classic Universal Login prompts"): advice.
      name: 'headers disabled on a new Universal Login tenant',
      tenant: flags({ disable_clickjack_protection_headers: true }),
      findings: [{ status: 'fail', messageId: 'off-new', severity: 'advice', field: 'flags.disable_clickjack_protection_headers', value: true }],
    },
  ],
});
