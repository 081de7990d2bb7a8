import { expect, it } from 'vitest';
import rule from '../../rules/app-private-key-jwt.js';
import type { ClientData } from '../../src/snapshot/resources.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';

const confidential = ['regular_web', 'non_interactive'];
const allOn = (methods: Record<string, unknown>): Mutator => (t) => {
  t.clients = (t.clients ?? []).map((c) =>
    !c.global && c.app_type && confidential.includes(c.app_type) ? ({ ...c, token_endpoint_auth_method: null, client_authentication_methods: methods } as ClientData) : c,
  );
};
const patch = (name: string, p: Partial<ClientData> & Record<string, unknown>): Mutator => (t) => {
  t.clients = (t.clients ?? []).map((c) => (c.name === name ? { ...c, ...p } : c));
};

ruleTester(rule, {
  valid: [
    { name: 'every confidential app on Private Key JWT (visible with read:client_keys)', tenant: tenant(allOn({ private_key_jwt: { credentials: [{ id: 'cred_1' }] } })) },
    { name: 'mTLS client authentication', tenant: tenant(allOn({ tls_client_auth: { credentials: [{ id: 'cred_2' }] } })) },
    {
      name: 'method unset on every confidential app, client_authentication_methods not visible: judged as Private Key JWT or mTLS',
      tenant: tenant(patch('Acme Web Store', { token_endpoint_auth_method: null }), patch('Acme Orders Service', { token_endpoint_auth_method: null }), patch('Auth0 Deploy CLI (GitHub Actions)', { token_endpoint_auth_method: null })),
    },
  ],
  invalid: [
    {
      name: 'client secrets (the baseline tenant): visible without read:client_keys',
      tenant: tenant(),
      findings: [
        { status: 'fail', messageId: 'secret', severity: 'advice', resource: 'Acme Web Store', field: 'token_endpoint_auth_method', value: 'client_secret_basic' },
        { status: 'fail', messageId: 'secret', resource: 'Acme Orders Service', value: 'client_secret_post' },
        { status: 'fail', messageId: 'secret', resource: 'Auth0 Deploy CLI (GitHub Actions)' },
      ],
    },
    {
      name: 'method unset, client_authentication_methods not visible: judged, not unknown',
      tenant: tenant(patch('Acme Web Store', { token_endpoint_auth_method: null })),
      findings: [
        { status: 'pass', messageId: 'inferred', resource: 'Acme Web Store' },
        { status: 'fail', messageId: 'secret', resource: 'Acme Orders Service' },
        { status: 'fail', messageId: 'secret', resource: 'Auth0 Deploy CLI (GitHub Actions)' },
      ],
    },
    {
      name: 'Private Key JWT with an empty credential list: the app cannot authenticate',
      tenant: tenant(patch('Acme Orders Service', { token_endpoint_auth_method: null, client_authentication_methods: { private_key_jwt: { credentials: [] } } }), patch('Acme Web Store', { token_endpoint_auth_method: null })),
      findings: [
        { status: 'fail', messageId: 'no-credentials', resource: 'Acme Orders Service', field: 'client_authentication_methods.private_key_jwt.credentials', value: [] },
        { status: 'pass', messageId: 'inferred', resource: 'Acme Web Store' },
        { status: 'fail', messageId: 'secret', resource: 'Auth0 Deploy CLI (GitHub Actions)' },
      ],
    },
    {
      name: 'method unset although the client secret is visible',
      tenant: tenant(patch('Acme Web Store', { token_endpoint_auth_method: null, client_secret: '[REDACTED]' })),
      findings: [
        { status: 'unknown', messageId: 'unset', resource: 'Acme Web Store', field: 'token_endpoint_auth_method' },
        { status: 'fail', messageId: 'secret', resource: 'Acme Orders Service' },
        { status: 'fail', messageId: 'secret', resource: 'Auth0 Deploy CLI (GitHub Actions)' },
      ],
    },
  ],
});

it('says what it could not see when it infers the method', () => {
  const fs = run(rule, tenant(patch('Acme Web Store', { token_endpoint_auth_method: null })));
  expect(fs.find((f) => f.messageId === 'inferred')?.message).toContain('read:client_keys');
});

it('leaves public apps and "none" to app-token-endpoint-auth', () => {
  const fs = run(rule, tenant(patch('Acme Web Store', { token_endpoint_auth_method: 'none' })));
  expect(fs.some((f) => f.resource?.name === 'Acme Web Store' || f.resource?.name === 'Acme Account (SPA)')).toBe(false);
});
