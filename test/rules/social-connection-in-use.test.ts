import rule from '../../rules/social-connection-in-use.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, unavailable, type Mutator } from '../support/tenant.js';
import { expect, it } from 'vitest';

const GOOGLE = 'con_9gI3QzNMQhQ1gx8A';
const WEB = 'gCE1ulcboH8woQCmjvMVi7aE9KAJu0ze';

/** The current API: no inline `enabled_clients`, `/connections/{id}/clients` instead. */
const fromEndpoint = (map: Record<string, string[]>): Mutator => (t) => {
  t.connections = (t.connections ?? []).map(({ enabled_clients: _e, ...c }) => c);
  t.connectionClients = map;
};

ruleTester(rule, {
  valid: [
    { name: 'baseline: Google enabled on three applications', tenant: tenant() },
    { name: 'enabled applications read from /connections/{id}/clients', tenant: tenant(fromEndpoint({ [GOOGLE]: [WEB] })) },
  ],
  invalid: [
    {
      name: 'enabled applications unreadable: unknown, never pass',
      tenant: tenant(fromEndpoint({}), unavailable('connectionClients')),
      findings: [{ status: 'unknown', messageId: 'resource-unavailable', resource: GOOGLE }],
    },
    {
      name: 'connection missing from connectionClients',
      tenant: tenant(fromEndpoint({})),
      findings: [{ status: 'unknown', messageId: 'clients-unknown', resource: 'google-oauth2', field: 'enabled_clients' }],
    },
  ],
});

it('passes once per social connection in use, naming the applications', () => {
  const fs = run(rule, tenant(fromEndpoint({ [GOOGLE]: [WEB] })));
  expect(fs).toHaveLength(1);
  expect(fs[0]).toMatchObject({ status: 'pass', messageId: 'in-use', resource: { id: GOOGLE } });
  expect(fs[0]?.message).toBe('Social connection google-oauth2 (google-oauth2) is enabled on 1 application(s): Acme Web Store');
});

it('is n/a when the social connection is enabled on no application (or only the global client)', () => {
  expect(run(rule, tenant(fromEndpoint({ [GOOGLE]: [] }))).map((f) => f.status)).toEqual(['n/a']);
  expect(run(rule, tenant(fromEndpoint({ [GOOGLE]: ['ilsfTxXPjy3BMIZcKwzcQQaU5GWV3NjZ'] }))).map((f) => f.status)).toEqual(['n/a']);
});

it('is n/a without social connections', () => {
  expect(run(rule, tenant((t) => { t.connections = (t.connections ?? []).filter((c) => c.strategy === 'auth0'); })).map((f) => f.status)).toEqual(['n/a']);
});

it('falls back to client ids when applications cannot be read', () => {
  expect(run(rule, tenant(fromEndpoint({ [GOOGLE]: [WEB] }), unavailable('clients')))[0]?.message).toContain(WEB);
});
