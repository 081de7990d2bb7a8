import rule from '../../rules/database-connection-enabled.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, unavailable, type Mutator } from '../support/tenant.js';
import { expect, it } from 'vitest';

const DB = 'con_oc6Y0qlxwai0R1Hi';
const WEB = 'gCE1ulcboH8woQCmjvMVi7aE9KAJu0ze';
const GLOBAL = 'ilsfTxXPjy3BMIZcKwzcQQaU5GWV3NjZ';

/** The current API: no inline `enabled_clients`, `/connections/{id}/clients` instead. */
const fromEndpoint = (map: Record<string, string[]>): Mutator => (t) => {
  t.connections = (t.connections ?? []).map(({ enabled_clients: _e, ...c }) => c);
  t.connectionClients = map;
};

ruleTester(rule, {
  valid: [
    { name: 'baseline: the database connection serves three apps (legacy inline enabled_clients)', tenant: tenant() },
    { name: 'enabled applications read from /connections/{id}/clients', tenant: tenant(fromEndpoint({ [DB]: [WEB], con_9gI3QzNMQhQ1gx8A: [WEB] })) },
  ],
  invalid: [
    {
      name: 'the only database connection is enabled on no application',
      tenant: tenant(fromEndpoint({ [DB]: [], con_9gI3QzNMQhQ1gx8A: [WEB] })),
      findings: [{ status: 'fail', messageId: 'none-enabled', severity: 'blocker', resource: DB, field: 'enabled_clients', value: [] }],
    },
    {
      name: 'enabled only on the global client counts as no application',
      tenant: tenant(fromEndpoint({ [DB]: [GLOBAL] })),
      findings: [{ status: 'fail', messageId: 'none-enabled', resource: 'acme-customers' }],
    },
    {
      name: 'a second, unused database connection is advice',
      tenant: tenant((t) => { t.connections = [...(t.connections ?? []), { id: 'con_old', name: 'old-db', strategy: 'auth0', enabled_clients: [] }]; }),
      findings: [
        { status: 'fail', messageId: 'unused', severity: 'advice', resource: 'con_old', field: 'enabled_clients' },
        { status: 'pass', messageId: 'enabled', resource: DB },
      ],
    },
    {
      name: 'enabled applications not visible (connectionClients unreadable, no inline list)',
      tenant: tenant(fromEndpoint({}), unavailable('connectionClients')),
      findings: [{ status: 'unknown', messageId: 'resource-unavailable', resource: DB }],
    },
    {
      name: 'connectionClients read but this connection missing from it',
      tenant: tenant(fromEndpoint({})),
      findings: [{ status: 'unknown', messageId: 'clients-unknown', resource: DB, field: 'enabled_clients' }],
    },
  ],
});

it('names the applications, and falls back to ids when clients cannot be read', () => {
  const named = run(rule, tenant(fromEndpoint({ [DB]: [WEB] })));
  expect(named[0]?.message).toContain('Acme Web Store');
  const ids = run(rule, tenant(fromEndpoint({ [DB]: [WEB] }), unavailable('clients')));
  expect(ids[0]?.status).toBe('pass');
  expect(ids[0]?.message).toContain(WEB);
});

it('still evaluates the legacy inline list when connectionClients is unreadable', () => {
  expect(run(rule, tenant(unavailable('connectionClients'))).map((f) => f.status)).toEqual(['pass']);
});

it('is n/a without database connections', () => {
  expect(run(rule, tenant((t) => { t.connections = (t.connections ?? []).filter((c) => c.strategy !== 'auth0'); })).map((f) => f.status)).toEqual(['n/a']);
});
