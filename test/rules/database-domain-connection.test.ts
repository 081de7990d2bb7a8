import rule from '../../rules/database-domain-connection.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';
import { expect, it } from 'vitest';

const DB = 'con_oc6Y0qlxwai0R1Hi';

ruleTester(rule, {
  valid: [
    { name: 'baseline: not promoted', tenant: tenant() },
    { name: 'flag absent: defaults to false', tenant: tenant((t) => { t.connections = (t.connections ?? []).map(({ is_domain_connection: _d, ...c }) => c); }) },
    { name: 'a promoted social connection is not this check\'s concern', tenant: tenant((t) => { t.connections = (t.connections ?? []).map((c) => (c.strategy === 'auth0' ? c : { ...c, is_domain_connection: true })); }) },
  ],
  invalid: [
    {
      name: 'database connection promoted to domain level (CheckMate checkPromotedDBConnection)',
      tenant: tenant((t) => { t.connections = (t.connections ?? []).map((c) => (c.id === DB ? { ...c, is_domain_connection: true } : c)); }),
      findings: [{ status: 'fail', messageId: 'promoted', severity: 'advice', resource: DB, field: 'is_domain_connection', value: true }],
    },
  ],
});

it('reads a top-level field: hidden options do not matter', () => {
  expect(run(rule, tenant((t) => { t.connections = (t.connections ?? []).map(({ options: _o, ...c }) => c); })).map((f) => f.status)).toEqual(['pass']);
});

it('is n/a without database connections', () => {
  expect(run(rule, tenant((t) => { t.connections = []; })).map((f) => f.status)).toEqual(['n/a']);
});
