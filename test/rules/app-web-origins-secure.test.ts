import rule from '../../rules/app-web-origins-secure.js';
import type { ClientData } from '../../src/snapshot/resources.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';

const patch = (name: string, p: Partial<ClientData>): Mutator => (t) => {
  t.clients = (t.clients ?? []).map((c) => (c.name === name ? { ...c, ...p } : c));
};

ruleTester(rule, {
  valid: [
    { name: 'the SPA lists its https origin', tenant: tenant() },
    { name: 'a Capacitor app-shell origin on a native app', tenant: tenant(patch('Acme Mobile', { web_origins: ['capacitor://localhost'] })) },
  ],
  invalid: [
    {
      name: 'localhost origin kept for development',
      tenant: tenant(patch('Acme Account (SPA)', { web_origins: ['https://app.acme.example', 'http://localhost:4200'] })),
      findings: [{ status: 'fail', messageId: 'bad', severity: 'blocker', resource: 'Acme Account (SPA)', field: 'web_origins[1]', value: 'http://localhost:4200' }],
    },
    {
      name: 'wildcard origin',
      tenant: tenant(patch('Acme Account (SPA)', { web_origins: ['https://*.acme.example'] })),
      findings: [{ status: 'fail', severity: 'blocker', field: 'web_origins[0]', value: 'https://*.acme.example' }],
    },
    {
      name: 'plain http public origin is a warning',
      tenant: tenant(patch('Acme Account (SPA)', { web_origins: ['http://app.acme.example'] })),
      findings: [{ status: 'fail', severity: 'warning', field: 'web_origins[0]' }],
    },
    {
      name: 'Android Capacitor http://localhost on a native app: flagged, with the waiver hint',
      tenant: tenant(patch('Acme Mobile', { web_origins: ['http://localhost'] })),
      findings: [{ status: 'fail', severity: 'blocker', resource: 'Acme Mobile', field: 'web_origins[0]' }],
    },
    {
      name: 'dev tenant: one level lower',
      env: 'dev',
      tenant: tenant(patch('Acme Account (SPA)', { web_origins: ['http://localhost:4200'] })),
      findings: [{ status: 'fail', severity: 'warning', field: 'web_origins[0]' }],
    },
  ],
});
