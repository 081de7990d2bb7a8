import rule from '../../rules/app-backchannel-logout.js';
import type { ClientData } from '../../src/snapshot/resources.js';
import { expect, it } from 'vitest';
import { Client } from '../../src/snapshot/resources.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';

const patch = (name: string, p: Partial<ClientData> & Record<string, unknown>): Mutator => (t) => {
  t.clients = (t.clients ?? []).map((c) => (c.name === name ? { ...c, ...p } : c));
};

ruleTester(rule, {
  valid: [
    { name: 'the web store receives back-channel logout over https', tenant: tenant() },
    {
      name: 'URL under the deprecated oidc_backchannel_logout (still in the spec, "in favor of oidc_logout")',
      tenant: tenant(patch('Acme Web Store', { oidc_logout: null, oidc_backchannel_logout: { backchannel_logout_urls: ['https://www.acme.example/bcl'] } })),
    },
  ],
  invalid: [
    {
      name: 'web app without a back-channel logout URL',
      tenant: tenant(patch('Acme Web Store', { oidc_logout: null })),
      findings: [{ status: 'fail', messageId: 'none', severity: 'advice', resource: 'Acme Web Store', field: 'oidc_logout.backchannel_logout_urls', value: null }],
    },
    {
      name: 'http URL under the deprecated oidc_backchannel_logout',
      tenant: tenant(patch('Acme Web Store', { oidc_logout: { backchannel_logout_urls: [] }, oidc_backchannel_logout: { backchannel_logout_urls: ['http://www.acme.example/bcl'] } })),
      findings: [{ status: 'fail', messageId: 'bad', resource: 'Acme Web Store', field: 'oidc_backchannel_logout.backchannel_logout_urls[0]', value: 'http://www.acme.example/bcl' }],
    },
    {
      name: 'empty list',
      tenant: tenant(patch('Acme Web Store', { oidc_logout: { backchannel_logout_urls: [] } })),
      findings: [{ status: 'fail', messageId: 'none', resource: 'Acme Web Store', value: [] }],
    },
    {
      name: 'http URL Auth0 will not call',
      tenant: tenant(patch('Acme Web Store', { oidc_logout: { backchannel_logout_urls: ['http://www.acme.example/bcl'] } })),
      findings: [{ status: 'fail', messageId: 'bad', resource: 'Acme Web Store', field: 'oidc_logout.backchannel_logout_urls[0]', value: 'http://www.acme.example/bcl' }],
    },
    {
      name: 'localhost URL',
      tenant: tenant(patch('Acme Web Store', { oidc_logout: { backchannel_logout_urls: ['https://localhost/bcl'] } })),
      findings: [{ status: 'fail', messageId: 'bad', field: 'oidc_logout.backchannel_logout_urls[0]' }],
    },
  ],
});

it('the client schema accepts and keeps the deprecated oidc_backchannel_logout', () => {
  const parsed = Client.parse({ client_id: 'c1', oidc_backchannel_logout: { backchannel_logout_urls: ['https://a.example/bcl'] } });
  expect(parsed.oidc_backchannel_logout?.backchannel_logout_urls).toEqual(['https://a.example/bcl']);
  expect(Client.safeParse({ client_id: 'c1', oidc_backchannel_logout: { backchannel_logout_urls: 'https://a.example/bcl' } }).success).toBe(false);
});
