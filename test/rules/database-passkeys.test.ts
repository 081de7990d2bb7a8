import rule from '../../rules/database-passkeys.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, tenantFrom, type Mutator } from '../support/tenant.js';
import { expect, it } from 'vitest';

const DB = 'con_oc6Y0qlxwai0R1Hi';

const methods = (authentication_methods: unknown): Mutator => (t) => {
  t.connections = (t.connections ?? []).map((c) => (c.id === DB ? { ...c, options: { ...(c.options ?? {}), authentication_methods } } : c));
};

ruleTester(rule, {
  valid: [{ name: 'baseline: passkeys enabled beside passwords', tenant: tenant() }],
  invalid: [
    {
      name: 'password only (CheckMate checkAuthenticationMethods)',
      tenant: tenant(methods({ password: { enabled: true }, passkey: { enabled: false } })),
      findings: [{ status: 'fail', messageId: 'password-only', severity: 'advice', resource: DB, field: 'options.authentication_methods.passkey.enabled', value: false }],
    },
    {
      name: 'no authentication_methods: the password default',
      tenant: tenant(methods(undefined)),
      findings: [{ status: 'fail', messageId: 'password-only', resource: 'acme-customers', field: 'options.authentication_methods.passkey.enabled', value: null }],
    },
    {
      name: 'options hidden without read:connections_options',
      tenant: tenant((t) => { t.connections = (t.connections ?? []).map(({ options: _o, ...c }) => c); }),
      findings: [{ status: 'unknown', messageId: 'hidden', resource: DB, field: 'options' }],
    },
  ],
});

it('flags the brand-new tenant database', () => {
  expect(run(rule, tenantFrom('brand-new')).map((f) => f.status)).toEqual(['fail']);
});

it('is n/a without database connections', () => {
  expect(run(rule, tenant((t) => { t.connections = []; })).map((f) => f.status)).toEqual(['n/a']);
});

// "Needed for passkeys" is true of a custom domain only for the native Passkey APIs (issue 16 §3).
it('names the Universal Login prerequisites, and a custom domain only for the native Passkey APIs', () => {
  expect(rule.rationale).toContain('not a custom domain');
  expect(rule.rationale).toContain('native Passkey APIs');
});
