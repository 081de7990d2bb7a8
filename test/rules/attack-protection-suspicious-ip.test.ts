import rule from '../../rules/attack-protection-suspicious-ip.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

ruleTester(rule, {
  valid: [{ name: 'enabled with block', tenant: tenant() }],
  invalid: [
    { name: 'disabled', tenant: tenant((t) => { t.suspiciousIpThrottling = { enabled: false }; }), findings: [{ status: 'fail', messageId: 'disabled', severity: 'warning', field: 'enabled' }] },
    { name: 'notify only', tenant: tenant((t) => { t.suspiciousIpThrottling = { enabled: true, shields: ['admin_notification'] }; }), findings: [{ status: 'fail', messageId: 'no-block', field: 'shields', value: ['admin_notification'] }] },
    { name: 'allow-list', tenant: tenant((t) => { t.suspiciousIpThrottling = { enabled: true, shields: ['block'], allowlist: ['1.2.3.4'] }; }), findings: [{ status: 'fail', messageId: 'allowlist', severity: 'advice' }, { status: 'pass', messageId: 'ok' }] },
  ],
});
