import rule from '../../rules/attack-protection-brute-force.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

ruleTester(rule, {
  valid: [{ name: 'enabled, block and notify, empty allow-list', tenant: tenant() }],
  invalid: [
    { name: 'disabled', tenant: tenant((t) => { t.bruteForceProtection = { enabled: false, shields: ['block'] }; }), findings: [{ status: 'fail', messageId: 'disabled', severity: 'blocker', field: 'enabled', value: false }] },
    { name: 'no block shield', tenant: tenant((t) => { t.bruteForceProtection = { enabled: true, shields: ['user_notification'] }; }), findings: [{ status: 'fail', messageId: 'no-block', severity: 'blocker', field: 'shields' }] },
    { name: 'no user notification is advice', tenant: tenant((t) => { t.bruteForceProtection = { enabled: true, shields: ['block'] }; }), findings: [{ status: 'fail', messageId: 'no-notification', severity: 'advice' }] },
    {
      name: 'a non-empty allow-list needs review',
      tenant: tenant((t) => { t.bruteForceProtection = { enabled: true, shields: ['block', 'user_notification'], allowlist: ['10.0.0.1'] }; }),
      findings: [{ status: 'fail', messageId: 'allowlist', severity: 'warning', field: 'allowlist', value: ['10.0.0.1'] }],
    },
  ],
});
