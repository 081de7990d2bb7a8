import rule from '../../rules/email-provider-configured.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

ruleTester(rule, {
  valid: [{ name: 'sendgrid enabled', tenant: tenant() }],
  invalid: [
    { name: '404: the built-in test provider', tenant: tenant((t) => { t.emailProvider = null; }), findings: [{ status: 'fail', messageId: 'test-provider', severity: 'blocker' }] },
    { name: 'test provider on dev drops to a warning', env: 'dev', tenant: tenant((t) => { t.emailProvider = null; }), findings: [{ status: 'fail', severity: 'warning' }] },
    {
      name: 'configured but disabled',
      tenant: tenant((t) => { t.emailProvider = { name: 'ses', enabled: false }; }),
      findings: [{ status: 'fail', messageId: 'disabled', resource: 'ses', field: 'enabled', value: false }],
    },
    {
      name: 'unknown provider name',
      tenant: tenant((t) => { t.emailProvider = { name: 'pigeon', enabled: true }; }),
      findings: [{ status: 'fail', messageId: 'unsupported', field: 'name', value: 'pigeon' }],
    },
  ],
});
