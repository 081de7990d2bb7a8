import { expect, it } from 'vitest';
import rule from '../../rules/tenant-login-uri.js';
import type { ClientData } from '../../src/snapshot/resources.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, unavailable, type Mutator } from '../support/tenant.js';

const uri = (default_redirection_uri: string | null | undefined): Mutator => (t) => { t.tenantSettings = { ...t.tenantSettings, default_redirection_uri }; };
const app = (name: string, p: Partial<ClientData>): Mutator => (t) => {
  t.clients = (t.clients ?? []).map((c) => (c.name === name ? { ...c, ...p } : c));
};
/** The baseline's native app gets its own login route, so every interactive app has one. */
const nativeRoute = app('Acme Mobile', { initiate_login_uri: 'https://m.acme.example/login' });

ruleTester(rule, {
  valid: [
    { name: 'an https login route', tenant: tenant() },
    { name: 'no tenant Login URI, but every interactive app has its own (Auth0 uses the app route first)', tenant: tenant(uri(undefined), nativeRoute) },
    { name: 'tenant Login URI covers apps without their own', tenant: tenant(app('Acme Web Store', { initiate_login_uri: null })) },
  ],
  invalid: [
    {
      name: 'not set, and an app has no route of its own',
      tenant: tenant(uri(undefined)),
      findings: [{ status: 'fail', messageId: 'app-uncovered', severity: 'blocker', resource: 'Acme Mobile', field: 'initiate_login_uri', value: null }],
    },
    { name: 'not set on a dev tenant: one level lower', env: 'dev', tenant: tenant(uri('')), findings: [{ status: 'fail', messageId: 'app-uncovered', severity: 'warning' }] },
    { name: 'not set and applications unreadable: not evaluated', tenant: tenant(uri(null), unavailable('clients')), findings: [{ status: 'unknown', messageId: 'resource-unavailable' }] },
    { name: 'http', tenant: tenant(uri('http://www.acme.example/login')), findings: [{ status: 'fail', messageId: 'not-https', field: 'default_redirection_uri', value: 'http://www.acme.example/login' }] },
    { name: 'localhost left from development', tenant: tenant(uri('http://localhost:3000/login')), findings: [{ status: 'fail', messageId: 'localhost', value: 'http://localhost:3000/login' }] },
    { name: 'loopback over https', tenant: tenant(uri('https://127.0.0.1/login')), findings: [{ status: 'fail', messageId: 'localhost' }] },
    { name: 'wildcard', tenant: tenant(uri('https://*.acme.example/login')), findings: [{ status: 'fail', messageId: 'wildcard', field: 'default_redirection_uri' }] },
  ],
});

it('judges each interactive app when the tenant route is unset: covered apps pass, uncovered ones fail', () => {
  const fs = run(rule, tenant(uri(undefined)));
  expect(fs.map((f) => `${f.status} ${f.resource?.name}`)).toEqual(['pass Acme Web Store', 'pass Acme Account (SPA)', 'fail Acme Mobile']);
});

it('is n/a when the tenant route is unset and no app logs users in interactively', () => {
  const fs = run(rule, tenant(uri(undefined), (t) => { t.clients = (t.clients ?? []).filter((c) => c.app_type === 'non_interactive'); }));
  expect(fs.map((f) => f.status)).toEqual(['n/a']);
});
