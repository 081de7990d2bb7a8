import rule from '../../rules/legacy-rules-migrated.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, unavailable } from '../support/tenant.js';

const rule_ = (id: string, enabled?: boolean) => ({ id, name: `rule ${id}`, ...(enabled === undefined ? {} : { enabled }), script: 'function (user, context, callback) { callback(null, user, context); }', stage: 'login_success' });

ruleTester(rule, {
  valid: [
    { name: 'no Rules (baseline)', tenant: tenant() },
    { name: 'a disabled Rule awaiting deletion', tenant: tenant((t) => { t.rules = [rule_('rul_1', false)]; }) },
  ],
  invalid: [
    {
      name: 'an enabled Rule',
      tenant: tenant((t) => { t.rules = [rule_('rul_1', true), rule_('rul_2', false)]; }),
      findings: [
        { status: 'fail', messageId: 'enabled', severity: 'blocker', resource: 'rul_1', field: 'enabled', value: true },
        { status: 'pass', messageId: 'disabled', resource: 'rul_2' },
      ],
    },
    {
      name: 'enabled not reported: assumed enabled',
      tenant: tenant((t) => { t.rules = [rule_('rul_3')]; }),
      findings: [{ status: 'fail', messageId: 'enabled', resource: 'rul_3', value: null }],
    },
    { name: 'no Rules: one pass', tenant: tenant((t) => { t.rules = []; }), findings: [{ status: 'pass', messageId: 'none', resource: 'rules' }] },
    { name: 'Rules not available on the tenant (403): nothing to migrate', tenant: tenant(unavailable('rules', 'unavailable-on-plan')), findings: [{ status: 'pass', messageId: 'unavailable', resource: 'rules' }] },
    { name: 'Rules unreadable (missing read:rules): unknown', tenant: tenant(unavailable('rules')), findings: [{ status: 'unknown', messageId: 'resource-unavailable', resource: 'rules' }] },
    { name: 'Rules unreadable (error): unknown', tenant: tenant(unavailable('rules', 'error')), findings: [{ status: 'unknown', messageId: 'resource-unavailable' }] },
  ],
});
