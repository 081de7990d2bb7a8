import rule from '../../rules/database-password-policy.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';
import { expect, it } from 'vitest';

const DB = 'con_oc6Y0qlxwai0R1Hi';

/** Change the options of the baseline database connection. */
const dbOptions = (change: (o: Record<string, unknown>) => Record<string, unknown>): Mutator => (t) => {
  t.connections = (t.connections ?? []).map((c) => (c.id === DB ? { ...c, options: change({ ...(c.options ?? {}) }) } : c));
};

ruleTester(rule, {
  valid: [
    { name: 'baseline: excellent policy, minimum length 12', tenant: tenant() },
    {
      name: 'flexible policy: 14 characters, 3 of 4 types, identical characters blocked',
      tenant: tenant(dbOptions(({ passwordPolicy: _p, password_complexity_options: _c, ...o }) => ({
        ...o,
        password_options: { complexity: { min_length: 14, character_types: ['uppercase', 'lowercase', 'number', 'special'], character_type_rule: 'three_of_four', identical_characters: 'block' } },
      }))),
    },
    {
      name: 'flexible policy graded on length: 15 characters, no character types (NIST SP 800-63B)',
      tenant: tenant(dbOptions(({ passwordPolicy: _p, password_complexity_options: _c, ...o }) => ({ ...o, password_options: { complexity: { min_length: 15, character_types: [] } } }))),
    },
    {
      name: 'flexible policy: 12 characters and no character types is at least as strong as 8 characters of three types',
      tenant: tenant(dbOptions(({ passwordPolicy: _p, password_complexity_options: _c, ...o }) => ({ ...o, password_options: { complexity: { min_length: 12 } } }))),
    },
    {
      name: 'legacy policy low with a 16-character minimum length: length decides',
      tenant: tenant(dbOptions((o) => ({ ...o, passwordPolicy: 'low', password_complexity_options: { min_length: 16 } }))),
    },
    // Calibrated to NIST SP 800-63B-4 §3.1.1.2 (8 characters with MFA, no composition rules) and
    // Auth0's own 8-character levels (https://auth0.com/docs/authenticate/database-connections/password-strength):
    // the 12-character minimum was judged too strict (issue 16 §3).
    {
      name: 'flexible policy, 10 characters and no character types: fair on length, passes',
      tenant: tenant(dbOptions((o) => ({ ...o, password_options: { complexity: { min_length: 10, character_types: [] } } }))),
    },
    {
      name: 'legacy policy low with an explicit 8-character minimum: length makes it fair',
      tenant: tenant(dbOptions((o) => ({ ...o, passwordPolicy: 'low', password_complexity_options: { min_length: 8 } }))),
    },
    {
      name: 'policy fair with its implied 8 characters',
      tenant: tenant(dbOptions(({ password_complexity_options: _c, ...o }) => ({ ...o, passwordPolicy: 'fair' }))),
    },
    {
      name: 'minimum length 8 (the NIST floor with MFA)',
      tenant: tenant(dbOptions((o) => ({ ...o, password_complexity_options: { min_length: 8 } }))),
    },
    {
      name: 'complexity options missing: the good policy implies 8 characters',
      tenant: tenant(dbOptions(({ password_complexity_options: _c, ...o }) => ({ ...o, passwordPolicy: 'good' }))),
    },
    {
      name: 'flexible policy, 8 characters of three types without special characters (fair)',
      tenant: tenant(dbOptions((o) => ({ ...o, password_options: { complexity: { min_length: 8, character_types: ['uppercase', 'lowercase', 'number'] } } }))),
    },
  ],
  invalid: [
    {
      name: 'policy low with its implied 6 characters is a blocker',
      tenant: tenant(dbOptions(({ password_complexity_options: _c, ...o }) => ({ ...o, passwordPolicy: 'low' }))),
      findings: [{ status: 'fail', messageId: 'policy-weak', severity: 'blocker', resource: DB, field: 'options.passwordPolicy', value: 'low' }, { status: 'fail', messageId: 'length-short', severity: 'warning', value: 6 }],
    },
    {
      name: 'flexible policy, 7 characters: below every floor',
      tenant: tenant(dbOptions(({ passwordPolicy: _p, password_complexity_options: _c, ...o }) => ({ ...o, password_options: { complexity: { min_length: 7, character_types: ['uppercase', 'lowercase', 'number'] } } }))),
      findings: [{ status: 'fail', messageId: 'policy-weak', severity: 'blocker' }, { status: 'fail', messageId: 'length-short', value: 7 }],
    },
    {
      name: 'a 15-character minimum where the password is the only factor (setting minPasswordLength: 15)',
      tenant: tenant(dbOptions((o) => ({ ...o, password_complexity_options: { min_length: 12 } }))),
      settings: { minPasswordLength: 15 },
      findings: [{ status: 'pass', messageId: 'policy-ok' }, { status: 'fail', messageId: 'length-short', severity: 'warning', value: 12 }],
    },
    {
      name: 'policy none is a blocker',
      tenant: tenant(dbOptions(({ password_complexity_options: _c, ...o }) => ({ ...o, passwordPolicy: 'none' }))),
      findings: [{ status: 'fail', messageId: 'policy-weak', severity: 'blocker', field: 'options.passwordPolicy', value: 'none' }, { status: 'fail', messageId: 'length-short' }],
    },
    {
      name: 'policy missing: Auth0 applies none',
      tenant: tenant(dbOptions(({ passwordPolicy: _p, password_complexity_options: _c, ...o }) => o)),
      findings: [{ status: 'fail', messageId: 'policy-weak', severity: 'blocker', field: 'options.passwordPolicy', value: null }, { status: 'fail', messageId: 'length-short' }],
    },
    {
      name: 'flexible policy with no minimum length',
      tenant: tenant(dbOptions((o) => ({ ...o, password_options: { complexity: { character_types: [] } } }))),
      findings: [
        { status: 'fail', messageId: 'policy-weak', severity: 'blocker' },
        { status: 'fail', messageId: 'length-short', field: 'options.password_options.complexity.min_length', value: null },
      ],
    },
    {
      name: 'options hidden without read:connections_options',
      tenant: tenant((t) => { t.connections = (t.connections ?? []).map(({ options: _o, ...c }) => c); }),
      findings: [{ status: 'unknown', messageId: 'hidden', resource: DB, field: 'options' }],
    },
  ],
});

it('reads the configured minimum length', () => {
  const fs = run(rule, tenant(), { settings: { minPasswordLength: 16 } });
  expect(fs.find((f) => f.messageId === 'length-short')?.message).toContain('the minimum is 16');
});

it('reports one policy and one length finding per database connection, and ignores other strategies', () => {
  const fs = run(rule, tenant());
  expect(fs.map((f) => `${f.resource?.id} ${f.messageId}`)).toEqual([`${DB} policy-ok`, `${DB} length-ok`]);
});

it('is n/a without database connections', () => {
  expect(run(rule, tenant((t) => { t.connections = []; })).map((f) => f.status)).toEqual(['n/a']);
});

it('says when length alone decided the grade', () => {
  const fs = run(rule, tenant(dbOptions(({ passwordPolicy: _p, password_complexity_options: _c, ...o }) => ({ ...o, password_options: { complexity: { min_length: 15 } } }))));
  expect(fs.find((f) => f.messageId === 'policy-ok')?.message).toContain('equivalent to excellent on length alone');
});
