import rule from '../../rules/attack-protection-breached-password.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, unavailable } from '../support/tenant.js';
import { expect, it } from 'vitest';

ruleTester(rule, {
  valid: [{ name: 'blocks at login and sign-up', tenant: tenant() }],
  invalid: [
    { name: 'disabled', tenant: tenant((t) => { t.breachedPasswordDetection = { enabled: false, shields: [] }; }), findings: [{ status: 'fail', messageId: 'disabled', field: 'enabled' }] },
    { name: 'monitor only', tenant: tenant((t) => { t.breachedPasswordDetection = { enabled: true, shields: [] }; }), findings: [{ status: 'fail', messageId: 'monitor-only' }] },
    {
      name: 'notify only, sign-up not blocked',
      tenant: tenant((t) => { t.breachedPasswordDetection = { enabled: true, shields: ['user_notification'], stage: { 'pre-user-registration': { shields: [] } } }; }),
      findings: [{ status: 'fail', messageId: 'no-block' }, { status: 'fail', messageId: 'signup-not-blocked', field: 'stage.pre-user-registration.shields' }],
    },
  ],
});

it('is n/a when the plan does not have it (plan-gated 403)', () => {
  expect(run(rule, tenant(unavailable('breachedPasswordDetection', 'unavailable-on-plan'))).map((f) => f.status)).toEqual(['n/a']);
});

it('is unknown, never pass, when the scope is missing', () => {
  const fs = run(rule, tenant(unavailable('breachedPasswordDetection')));
  expect(fs.map((f) => f.status)).toEqual(['unknown']);
  expect(fs[0]?.message).toContain('read:attack_protection');
});
