import rule from '../../rules/app-refresh-token-rotation.js';
import type { ClientData } from '../../src/snapshot/resources.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';

const patch = (name: string, p: Partial<ClientData>): Mutator => (t) => {
  t.clients = (t.clients ?? []).map((c) => (c.name === name ? { ...c, ...p } : c));
};

ruleTester(rule, {
  valid: [
    { name: 'SPA, native and web app rotate and expire', tenant: tenant() },
    {
      name: 'a web app may keep non-expiring tokens if they rotate',
      tenant: tenant(patch('Acme Web Store', { refresh_token: { rotation_type: 'rotating', expiration_type: 'non-expiring' } })),
    },
    {
      name: 'a SPA without the refresh_token grant is not examined',
      tenant: tenant(patch('Acme Account (SPA)', { grant_types: ['authorization_code'], refresh_token: null })),
    },
  ],
  invalid: [
    {
      name: 'SPA with non-rotating refresh tokens',
      tenant: tenant(patch('Acme Account (SPA)', { refresh_token: { rotation_type: 'non-rotating', expiration_type: 'expiring' } })),
      findings: [{ status: 'fail', messageId: 'public', severity: 'warning', resource: 'Acme Account (SPA)', field: 'refresh_token.rotation_type', value: 'non-rotating' }],
    },
    {
      name: 'native app with non-expiring refresh tokens',
      tenant: tenant(patch('Acme Mobile', { refresh_token: { rotation_type: 'rotating', expiration_type: 'non-expiring' } })),
      findings: [{ status: 'fail', messageId: 'public', resource: 'Acme Mobile', field: 'refresh_token.expiration_type', value: 'non-expiring' }],
    },
    {
      name: '"expiring" with both lifetimes infinite never expires',
      tenant: tenant(
        patch('Acme Mobile', {
          refresh_token: { rotation_type: 'rotating', expiration_type: 'expiring', infinite_token_lifetime: true, infinite_idle_token_lifetime: true } as ClientData['refresh_token'],
        }),
      ),
      findings: [{ status: 'fail', messageId: 'public', resource: 'Acme Mobile', field: 'refresh_token.infinite_token_lifetime', value: true }],
    },
    {
      name: 'SPA with the grant but no refresh-token configuration (Auth0 defaults)',
      tenant: tenant(patch('Acme Account (SPA)', { refresh_token: null })),
      findings: [{ status: 'fail', messageId: 'public', resource: 'Acme Account (SPA)', field: 'refresh_token', value: null }],
    },
    {
      name: 'web app whose tokens neither rotate nor expire: advice',
      tenant: tenant(patch('Acme Web Store', { refresh_token: { rotation_type: 'non-rotating', expiration_type: 'non-expiring' } })),
      findings: [{ status: 'fail', messageId: 'confidential', severity: 'advice', resource: 'Acme Web Store', field: 'refresh_token.rotation_type' }],
    },
  ],
});
