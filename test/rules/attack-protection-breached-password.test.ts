import rule from '../../rules/attack-protection-breached-password.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, unavailable, type Mutator } from '../support/tenant.js';
import { expect, it } from 'vitest';

const loginOnly: Mutator = (t) => {
  t.breachedPasswordDetection = { enabled: true, shields: ['block'], stage: { 'pre-user-registration': { shields: [] } } };
};
const signupOffEverywhere: Mutator = (t) => {
  t.connections = (t.connections ?? []).map((c) => (c.strategy === 'auth0' ? { ...c, options: { ...c.options, disable_signup: true } } : c));
};

ruleTester(rule, {
  valid: [
    { name: 'blocks at login and sign-up', tenant: tenant() },
    {
      // No one can sign up, so only the login stage protects accounts (issue 16 §3).
      name: 'blocks at login; sign-up stage off but sign-up disabled on every database connection',
      tenant: tenant(loginOnly, signupOffEverywhere),
    },
  ],
  invalid: [
    { name: 'disabled', tenant: tenant((t) => { t.breachedPasswordDetection = { enabled: false, shields: [] }; }), findings: [{ status: 'fail', messageId: 'disabled', field: 'enabled' }] },
    { name: 'monitor only', tenant: tenant((t) => { t.breachedPasswordDetection = { enabled: true, shields: [] }; }), findings: [{ status: 'fail', messageId: 'monitor-only' }] },
    {
      name: 'notify only, sign-up not blocked',
      tenant: tenant((t) => { t.breachedPasswordDetection = { enabled: true, shields: ['user_notification'], stage: { 'pre-user-registration': { shields: [] } } }; }),
      findings: [{ status: 'fail', messageId: 'no-block' }, { status: 'fail', messageId: 'signup-not-blocked', field: 'stage.pre-user-registration.shields' }],
    },
    {
      name: 'sign-up stage off while one database connection still allows sign-up',
      tenant: tenant(loginOnly, signupOffEverywhere, (t) => {
        t.connections = [...(t.connections ?? []), { id: 'con_open', name: 'Open-DB', strategy: 'auth0', options: { disable_signup: false } }];
      }),
      findings: [{ status: 'fail', messageId: 'signup-not-blocked' }],
    },
    {
      name: 'sign-up stage off and connections unreadable: sign-up may be open',
      tenant: tenant(loginOnly, unavailable('connections')),
      findings: [{ status: 'fail', messageId: 'signup-not-blocked' }],
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

it('says why the sign-up stage is not needed', () => {
  expect(run(rule, tenant(loginOnly, signupOffEverywhere))).toMatchObject([{ status: 'pass', messageId: 'ok-no-signup' }]);
});
