import { expect, it } from 'vitest';
import rule from '../../rules/app-token-endpoint-auth.js';
import type { ClientData } from '../../src/snapshot/resources.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';

const patch = (name: string, p: Partial<ClientData> & Record<string, unknown>): Mutator => (t) => {
  t.clients = (t.clients ?? []).map((c) => (c.name === name ? { ...c, ...p } : c));
};
const pkjwt = { token_endpoint_auth_method: null, client_authentication_methods: { private_key_jwt: { credentials: [{ id: 'cred_1' }] } } };

ruleTester(rule, {
  valid: [
    { name: 'public apps "none", confidential apps client secret', tenant: tenant() },
    { name: 'web app on Private Key JWT (visible with read:client_keys)', tenant: tenant(patch('Acme Web Store', pkjwt)) },
    { name: 'service on mTLS', tenant: tenant(patch('Acme Orders Service', { token_endpoint_auth_method: null, client_authentication_methods: { tls_client_auth: { credentials: [{ id: 'c' }] } } })) },
    {
      name: 'web app with a null method and no visible client_secret: configured through client authentication methods (not visible without read:client_keys)',
      tenant: tenant(patch('Acme Web Store', { token_endpoint_auth_method: null })),
    },
    { name: 'credentials redacted in a saved snapshot still count as credentials', tenant: tenant(patch('Acme Web Store', { token_endpoint_auth_method: null, client_authentication_methods: { private_key_jwt: { credentials: '[REDACTED]' } } })) },
  ],
  invalid: [
    {
      // An old Deploy CLI export (field corpus: wwdjapan) holds no method at all: absent is not
      // the API's null, so it is not read as "configured through client authentication methods".
      name: 'web app with no token_endpoint_auth_method in the data at all: not judged',
      tenant: tenant(patch('Acme Web Store', { token_endpoint_auth_method: undefined })),
      findings: [{ status: 'unknown', messageId: 'absent', resource: 'Acme Web Store', field: 'token_endpoint_auth_method' }],
    },
    {
      name: 'SPA given a client secret',
      tenant: tenant(patch('Acme Account (SPA)', { token_endpoint_auth_method: 'client_secret_post' })),
      findings: [{ status: 'fail', messageId: 'public-secret', resource: 'Acme Account (SPA)', field: 'token_endpoint_auth_method', value: 'client_secret_post' }],
    },
    {
      name: 'web app that does not authenticate',
      tenant: tenant(patch('Acme Web Store', { token_endpoint_auth_method: 'none' })),
      findings: [{ status: 'fail', messageId: 'confidential-none', resource: 'Acme Web Store', field: 'token_endpoint_auth_method', value: 'none' }],
    },
    {
      name: 'Private Key JWT with an empty credential list: the app cannot authenticate',
      tenant: tenant(patch('Acme Web Store', { token_endpoint_auth_method: null, client_authentication_methods: { private_key_jwt: { credentials: [] } } })),
      findings: [{ status: 'fail', messageId: 'no-credentials', resource: 'Acme Web Store', field: 'client_authentication_methods.private_key_jwt.credentials', value: [] }],
    },
    {
      name: 'method unset although the client secret is visible: nothing configured in the data',
      tenant: tenant(patch('Acme Web Store', { token_endpoint_auth_method: null, client_secret: '[REDACTED]' })),
      findings: [{ status: 'unknown', messageId: 'unset', resource: 'Acme Web Store', field: 'token_endpoint_auth_method' }],
    },
    {
      name: 'native app set to Private Key JWT',
      tenant: tenant(patch('Acme Mobile', pkjwt)),
      findings: [{ status: 'fail', messageId: 'public-secret', resource: 'Acme Mobile', field: 'client_authentication_methods' }],
    },
  ],
});

it('says what could not be seen when it judges a null method as client authentication methods', () => {
  const f = run(rule, tenant(patch('Acme Web Store', { token_endpoint_auth_method: null }))).find((x) => x.resource?.name === 'Acme Web Store');
  expect(f).toMatchObject({ status: 'pass', messageId: 'confidential-inferred' });
  expect(f?.message).toContain('read:client_keys');
});
