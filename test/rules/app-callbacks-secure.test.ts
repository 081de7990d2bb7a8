import { expect, it } from 'vitest';
import rule from '../../rules/app-callbacks-secure.js';
import type { ClientData } from '../../src/snapshot/resources.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';

const patch = (name: string, p: Partial<ClientData>): Mutator => (t) => {
  t.clients = (t.clients ?? []).map((c) => (c.name === name ? { ...c, ...p } : c));
};
const addClient = (c: ClientData): Mutator => (t) => {
  t.clients = [...(t.clients ?? []), c];
};

ruleTester(rule, {
  valid: [
    { name: 'https callbacks and native custom schemes', tenant: tenant() },
    {
      name: 'Auth0 organization placeholder in an https callback',
      tenant: tenant(patch('Acme Web Store', { callbacks: ['https://{organization_name}.acme.example/callback'] })),
    },
    {
      name: 'the global client is not examined',
      tenant: tenant((t) => {
        t.clients = (t.clients ?? []).map((c) => (c.global ? { ...c, callbacks: ['http://localhost:3000'] } : c));
      }),
    },
  ],
  invalid: [
    {
      name: 'localhost dev URL left in a production web app',
      tenant: tenant(patch('Acme Web Store', { callbacks: ['https://www.acme.example/callback', 'http://localhost:3000/callback'] })),
      findings: [
        { status: 'fail', messageId: 'bad', severity: 'blocker', resource: 'Acme Web Store', field: 'callbacks[1]', value: 'http://localhost:3000/callback' },
        { status: 'pass', resource: 'Acme Account (SPA)' },
      ],
    },
    {
      name: 'wildcard subdomain',
      tenant: tenant(patch('Acme Account (SPA)', { callbacks: ['https://*.acme.example/callback'] })),
      // Auth0: wildcard subdomains "should not be used in production applications".
      findings: [{ status: 'fail', severity: 'blocker', resource: 'Acme Account (SPA)', field: 'callbacks[0]', value: 'https://*.acme.example/callback' }],
    },
    {
      // Not on Auth0's critical list (only localhost is): a warning, not a blocker (issue 16 §3).
      name: 'plain http on a public host: a warning',
      tenant: tenant(patch('Acme Web Store', { callbacks: ['http://www.acme.example/callback'] })),
      findings: [{ status: 'fail', severity: 'warning', resource: 'Acme Web Store', field: 'callbacks[0]' }],
    },
    {
      name: '127.0.0.1 and a relative path',
      tenant: tenant(addClient({ client_id: 'cli_1', name: 'Ops CLI', app_type: 'native', callbacks: ['http://127.0.0.1:8765/callback', '/callback'] })),
      findings: [
        { status: 'fail', resource: 'cli_1', field: 'callbacks[0]', value: 'http://127.0.0.1:8765/callback' },
        { status: 'fail', severity: 'warning', resource: 'cli_1', field: 'callbacks[1]', value: '/callback' },
      ],
    },
    {
      name: 'outside production the check drops one level',
      env: 'dev',
      tenant: tenant(patch('Acme Web Store', { callbacks: ['http://localhost:3000/callback'] })),
      findings: [{ status: 'fail', severity: 'warning', field: 'callbacks[0]' }],
    },
  ],
});

it('explains the loopback exception for native desktop apps', () => {
  const fs = run(rule, tenant(addClient({ client_id: 'cli_1', name: 'Ops CLI', app_type: 'native', callbacks: ['http://127.0.0.1:8765/callback'] })));
  expect(fs.find((f) => f.resource?.id === 'cli_1')?.message).toContain('RFC 8252');
});

it('reports every bad URL of an app and no pass for it', () => {
  const fs = run(rule, tenant(patch('Acme Web Store', { callbacks: ['http://localhost/a', 'https://*.acme.example/b'] })));
  const mine = fs.filter((f) => f.resource?.name === 'Acme Web Store');
  expect(mine.map((f) => f.status)).toEqual(['fail', 'fail']);
  expect(mine[0]?.message).toContain('localhost and plain http');
});
