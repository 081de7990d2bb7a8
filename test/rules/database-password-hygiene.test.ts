import rule from '../../rules/database-password-hygiene.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';
import { expect, it } from 'vitest';

const DB = 'con_oc6Y0qlxwai0R1Hi';

const dbOptions = (change: (o: Record<string, unknown>) => Record<string, unknown>): Mutator => (t) => {
  t.connections = (t.connections ?? []).map((c) => (c.id === DB ? { ...c, options: change({ ...(c.options ?? {}) }) } : c));
};

ruleTester(rule, {
  valid: [
    { name: 'baseline: history, dictionary and personal-info checks on', tenant: tenant() },
    {
      name: 'flexible password policy with the three controls active',
      tenant: tenant(dbOptions((o) => ({ ...o, password_options: { history: { active: true, size: 5 }, dictionary: { active: true, default: 'en_10k' }, profile_data: { active: true } } }))),
    },
  ],
  invalid: [
    {
      name: 'password history off (CheckMate checkPasswordHistory)',
      tenant: tenant(dbOptions((o) => ({ ...o, password_history: { enable: false, size: 5 } }))),
      findings: [{ status: 'fail', messageId: 'off', severity: 'advice', resource: DB, field: 'options.password_history.enable', value: false }],
    },
    {
      name: 'personal info allowed (CheckMate checkPasswordNoPersonalInfo)',
      tenant: tenant(dbOptions(({ password_no_personal_info: _p, ...o }) => o)),
      findings: [{ status: 'fail', messageId: 'off', resource: 'acme-customers', field: 'options.password_no_personal_info.enable', value: null }],
    },
    {
      name: 'flexible policy without a dictionary',
      tenant: tenant(dbOptions((o) => ({ ...o, password_options: { history: { active: true }, dictionary: { active: false }, profile_data: { active: true } } }))),
      findings: [{ status: 'fail', messageId: 'off', field: 'options.password_options.dictionary.active', value: false }],
    },
    {
      name: 'options hidden without read:connections_options',
      tenant: tenant((t) => { t.connections = (t.connections ?? []).map(({ options: _o, ...c }) => c); }),
      findings: [{ status: 'unknown', messageId: 'hidden', resource: DB, field: 'options' }],
    },
  ],
});

it('lists every missing control in one finding per connection', () => {
  const fs = run(rule, tenant(dbOptions(({ password_history: _h, password_dictionary: _d, password_no_personal_info: _p, ...o }) => o)));
  expect(fs).toHaveLength(1);
  expect(fs[0]?.message).toBe('Database connection acme-customers does not enforce password history, password dictionary, no personal info in passwords');
});

it('is n/a without database connections', () => {
  expect(run(rule, tenant((t) => { t.connections = []; })).map((f) => f.status)).toEqual(['n/a']);
});
