import { expect, it } from 'vitest';
import rule from '../../rules/app-connections-intended.js';
import type { ConnectionData } from '../../src/snapshot/resources.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, tenantFrom, unavailable, type Mutator } from '../support/tenant.js';

const WEB = 'gCE1ulcboH8woQCmjvMVi7aE9KAJu0ze';
const SPA = 'yKXsfHXWtIbildtZnX9esbRSV7IEgOzZ';
const MOBILE = 'ZxFcbpR5mer2FO1lmzu83nRAE0vOo2Lt';
const ORDERS = 'NjtRDvk3GAniRcpc6bIAlapSCkjWCjsQ';
const addConnection = (c: ConnectionData): Mutator => (t) => {
  t.connections = [...(t.connections ?? []), c];
};
const sandbox = addConnection({ id: 'con_test', name: 'acme-sandbox-users', strategy: 'auth0', enabled_clients: [WEB] });
const enterprise = addConnection({ id: 'con_ent', name: 'acme-corp-azure', strategy: 'waad', enabled_clients: [WEB, SPA, MOBILE] });

ruleTester(rule, {
  valid: [
    { name: 'a database and a social connection per app', tenant: tenant() },
    {
      name: 'a test-named connection is fine outside production',
      env: 'dev',
      tenant: tenant(addConnection({ id: 'con_test', name: 'acme-sandbox-users', strategy: 'auth0', enabled_clients: [ORDERS] })),
    },
    { name: 'organization apps may have every connection: organizations choose', tenant: tenantFrom('b2b-organizations') },
    { name: 'names that only contain a test word are not test connections', tenant: tenant(addConnection({ id: 'con_x', name: 'developers-portal', display_name: 'Latest customers', strategy: 'auth0', enabled_clients: [ORDERS] })) },
  ],
  invalid: [
    {
      name: 'sandbox connection enabled on the production web store',
      tenant: tenant(sandbox),
      findings: [
        { status: 'fail', messageId: 'test', severity: 'advice', resource: 'Acme Web Store', field: 'connections', value: 'acme-sandbox-users' },
        { status: 'fail', messageId: 'all', resource: 'Acme Web Store' },
        { status: 'pass', resource: 'Acme Account (SPA)' },
      ],
    },
    {
      name: 'display name says QA',
      tenant: tenant(addConnection({ id: 'con_qa', name: 'users-2', display_name: 'QA accounts', strategy: 'auth0', enabled_clients: [SPA] })),
      findings: [{ status: 'fail', messageId: 'test', resource: 'Acme Account (SPA)', value: 'users-2' }, { status: 'fail', messageId: 'all', resource: 'Acme Account (SPA)' }],
    },
    {
      name: 'every connection of the tenant enabled on every app',
      tenant: tenant(enterprise),
      findings: [
        { status: 'fail', messageId: 'all', resource: 'Acme Account (SPA)', field: 'connections', value: ['acme-customers', 'google-oauth2', 'acme-corp-azure'] },
        { status: 'fail', messageId: 'all', resource: 'Acme Web Store' },
        { status: 'fail', messageId: 'all', resource: 'Acme Mobile' },
      ],
    },
    {
      name: '/connections/{id}/clients wins over the deprecated enabled_clients',
      tenant: tenant(sandbox, (t) => {
        t.connectionClients = { con_test: [MOBILE] };
      }),
      findings: [{ status: 'fail', messageId: 'test', resource: 'Acme Mobile' }, { status: 'fail', messageId: 'all', resource: 'Acme Mobile' }, { status: 'pass', resource: 'Acme Web Store' }],
    },
    {
      name: 'enabled apps unknown: /connections/{id}/clients unreadable and no legacy field',
      tenant: tenant(unavailable('connectionClients'), (t) => {
        t.connections = (t.connections ?? []).map(({ enabled_clients: _drop, ...c }) => c);
      }),
      findings: [{ status: 'unknown', messageId: 'resource-unavailable' }],
    },
    {
      name: 'a connection missing from /connections/{id}/clients',
      tenant: tenant((t) => {
        t.connections = (t.connections ?? []).map(({ enabled_clients: _drop, ...c }) => c);
        t.connectionClients = { con_oc6Y0qlxwai0R1Hi: [WEB] };
      }),
      findings: [{ status: 'unknown', messageId: 'incomplete', resource: 'con_9gI3QzNMQhQ1gx8A', field: 'enabled_clients' }],
    },
  ],
});

it('still evaluates from the legacy field when /connections/{id}/clients is unreadable', () => {
  const fs = run(rule, tenant(unavailable('connectionClients'), sandbox));
  expect(fs.find((f) => f.messageId === 'test')?.resource?.name).toBe('Acme Web Store');
});
