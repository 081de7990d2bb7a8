import rule from '../../rules/tenant-support-email.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const email = (support_email: string | null | undefined) => tenant((t) => { t.tenantSettings = { ...t.tenantSettings, support_email }; });

ruleTester(rule, {
  valid: [
    { name: 'a monitored support address', tenant: tenant() },
    { name: 'surrounding spaces are tolerated', tenant: email(' help@acme.example ') },
  ],
  invalid: [
    { name: 'not set (prod: blocker)', tenant: email(undefined), findings: [{ status: 'fail', messageId: 'missing', severity: 'blocker', resource: 'support_email', field: 'support_email', value: null }] },
    { name: 'empty string', tenant: email(''), findings: [{ status: 'fail', messageId: 'missing', field: 'support_email', value: '' }] },
    { name: 'not set on a dev tenant: one level lower', env: 'dev', tenant: email(null), findings: [{ status: 'fail', messageId: 'missing', severity: 'warning' }] },
    { name: 'not an address', tenant: email('support team'), findings: [{ status: 'fail', messageId: 'invalid', resource: 'support_email', field: 'support_email', value: 'support team' }] },
  ],
});
