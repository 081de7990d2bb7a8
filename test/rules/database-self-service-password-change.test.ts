import rule from '../../rules/database-self-service-password-change.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';
import { expect, it } from 'vitest';

const DB = 'con_oc6Y0qlxwai0R1Hi';

const selfService = (disabled: boolean | undefined): Mutator => (t) => {
  t.connections = (t.connections ?? []).map((c) => {
    if (c.id !== DB) return c;
    const { disable_self_service_change_password: _d, ...options } = c.options ?? {};
    return { ...c, options: disabled === undefined ? options : { ...options, disable_self_service_change_password: disabled } };
  });
};

ruleTester(rule, {
  valid: [
    { name: 'baseline: self-service reset on', tenant: tenant() },
    { name: 'flag absent: defaults to false', tenant: tenant(selfService(undefined)) },
  ],
  invalid: [
    {
      name: 'self-service password change disabled',
      tenant: tenant(selfService(true)),
      findings: [{ status: 'fail', messageId: 'disabled', severity: 'warning', resource: DB, field: 'options.disable_self_service_change_password', value: true }],
    },
    {
      name: 'options hidden without read:connections_options',
      tenant: tenant((t) => { t.connections = (t.connections ?? []).map(({ options: _o, ...c }) => c); }),
      findings: [{ status: 'unknown', messageId: 'hidden', resource: 'acme-customers', field: 'options' }],
    },
  ],
});

it('is n/a without database connections', () => {
  expect(run(rule, tenant((t) => { t.connections = []; })).map((f) => f.status)).toEqual(['n/a']);
});
