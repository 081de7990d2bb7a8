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
  ],
  invalid: [
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
      name: 'Private Key JWT hidden without read:client_keys',
      tenant: tenant(patch('Acme Web Store', { token_endpoint_auth_method: null })),
      findings: [{ status: 'unknown', messageId: 'hidden', resource: 'Acme Web Store', field: 'client_authentication_methods' }],
    },
    {
      name: 'native app set to Private Key JWT',
      tenant: tenant(patch('Acme Mobile', pkjwt)),
      findings: [{ status: 'fail', messageId: 'public-secret', resource: 'Acme Mobile', field: 'client_authentication_methods' }],
    },
  ],
});

it('names the scope that would show the authentication method', () => {
  const fs = run(rule, tenant(patch('Acme Web Store', { token_endpoint_auth_method: null })));
  expect(fs.find((f) => f.status === 'unknown')?.message).toContain('read:client_keys');
});
