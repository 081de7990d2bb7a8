import { expect, it } from 'vitest';
import rule from '../../rules/legacy-hooks-migrated.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, unavailable } from '../support/tenant.js';

const hook = (id: string, triggerId: string, enabled: boolean) => ({ id, name: `hook-${id}`, triggerId, enabled, script: 'module.exports = function (client, scope, audience, context, cb) { cb(null, {}); };' });

ruleTester(rule, {
  valid: [
    { name: 'no Hooks (baseline)', tenant: tenant() },
    { name: 'a disabled Hook', tenant: tenant((t) => { t.hooks = [hook('h1', 'pre-user-registration', false)]; }) },
  ],
  invalid: [
    {
      name: 'an enabled credentials-exchange Hook',
      tenant: tenant((t) => { t.hooks = [hook('h1', 'credentials-exchange', true)]; }),
      findings: [{ status: 'fail', messageId: 'enabled', severity: 'blocker', resource: 'h1', field: 'enabled', value: true }],
    },
    { name: 'Hooks not available on the tenant (403): nothing to migrate', tenant: tenant(unavailable('hooks', 'unavailable-on-plan')), findings: [{ status: 'pass', messageId: 'unavailable', resource: 'hooks' }] },
    { name: 'Hooks unreadable (missing read:hooks): unknown', tenant: tenant(unavailable('hooks')), findings: [{ status: 'unknown', messageId: 'resource-unavailable', resource: 'hooks' }] },
  ],
});

it('names the Action trigger that replaces the Hook', () => {
  const [f] = run(rule, tenant((t) => { t.hooks = [hook('h1', 'send-phone-message', true)]; }));
  expect(f?.message).toBe('Hook hook-h1 (send-phone-message) is enabled: migrate it to a Send Phone Message Action');
});
