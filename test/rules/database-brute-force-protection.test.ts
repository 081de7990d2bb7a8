import rule from '../../rules/database-brute-force-protection.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';
import { expect, it } from 'vitest';

ruleTester(rule, {
  valid: [{ name: 'every database connection protected', tenant: tenant() }],
  invalid: [
    {
      name: 'one database connection without protection',
      tenant: tenant((t) => { t.connections = [...(t.connections ?? []), { id: 'con_legacy', name: 'legacy-db', strategy: 'auth0', options: { brute_force_protection: false } }]; }),
      findings: [{ status: 'fail', messageId: 'off', resource: 'con_legacy', field: 'options.brute_force_protection', value: false }, { status: 'pass', resource: 'acme-customers' }],
    },
    {
      name: 'options hidden without read:connections_options',
      tenant: tenant((t) => { t.connections = (t.connections ?? []).map(({ options: _o, ...c }) => c); }),
      findings: [{ status: 'unknown', messageId: 'hidden', field: 'options' }],
    },
  ],
});

it('is n/a without database connections', () => {
  expect(run(rule, tenant((t) => { t.connections = (t.connections ?? []).filter((c) => c.strategy !== 'auth0'); })).map((f) => f.status)).toEqual(['n/a']);
});
