import rule from '../../rules/app-logout-urls-secure.js';
import type { ClientData } from '../../src/snapshot/resources.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';

const patch = (name: string, p: Partial<ClientData>): Mutator => (t) => {
  t.clients = (t.clients ?? []).map((c) => (c.name === name ? { ...c, ...p } : c));
};

ruleTester(rule, {
  valid: [
    { name: 'https logout URLs and the native custom scheme', tenant: tenant() },
    { name: 'apps with no logout URL are not examined', tenant: tenant(patch('Acme Web Store', { allowed_logout_urls: [] })) },
  ],
  invalid: [
    {
      name: 'localhost logout URL',
      tenant: tenant(patch('Acme Web Store', { allowed_logout_urls: ['https://www.acme.example/', 'http://localhost:3000/'] })),
      findings: [{ status: 'fail', messageId: 'bad', severity: 'warning', resource: 'Acme Web Store', field: 'allowed_logout_urls[1]', value: 'http://localhost:3000/' }],
    },
    {
      name: 'wildcard logout URL (open redirect across subdomains)',
      tenant: tenant(patch('Acme Account (SPA)', { allowed_logout_urls: ['https://*.acme.example'] })),
      findings: [{ status: 'fail', resource: 'Acme Account (SPA)', field: 'allowed_logout_urls[0]' }],
    },
    {
      name: 'plain http logout URL; not prod-only, so still a warning on dev',
      env: 'dev',
      tenant: tenant(patch('Acme Web Store', { allowed_logout_urls: ['http://www.acme.example/'] })),
      findings: [{ status: 'fail', severity: 'warning', field: 'allowed_logout_urls[0]', value: 'http://www.acme.example/' }],
    },
  ],
});
