import rule from '../../rules/app-backchannel-logout.js';
import type { ClientData } from '../../src/snapshot/resources.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';

const patch = (name: string, p: Partial<ClientData> & Record<string, unknown>): Mutator => (t) => {
  t.clients = (t.clients ?? []).map((c) => (c.name === name ? { ...c, ...p } : c));
};

ruleTester(rule, {
  valid: [{ name: 'the web store receives back-channel logout over https', tenant: tenant() }],
  invalid: [
    {
      name: 'web app without a back-channel logout URL',
      tenant: tenant(patch('Acme Web Store', { oidc_logout: null })),
      findings: [{ status: 'fail', messageId: 'none', severity: 'advice', resource: 'Acme Web Store', field: 'oidc_logout.backchannel_logout_urls', value: null }],
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
