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
  ],
  invalid: [
    {
      name: 'client secrets (the baseline tenant): visible without read:client_keys',
      tenant: tenant(),
      findings: [
        { status: 'fail', messageId: 'secret', severity: 'advice', resource: 'Acme Web Store', field: 'token_endpoint_auth_method', value: 'client_secret_basic' },
        { status: 'fail', messageId: 'secret', resource: 'Acme Orders Service', value: 'client_secret_post' },
      ],
    },
    {
      name: 'method unset and client_authentication_methods hidden on every client',
      tenant: tenant(patch('Acme Web Store', { token_endpoint_auth_method: null })),
      findings: [{ status: 'unknown', messageId: 'hidden', resource: 'Acme Web Store', field: 'client_authentication_methods' }],
    },
    {
      name: 'method unset on one client while the field is visible on others',
      tenant: tenant(patch('Acme Orders Service', { token_endpoint_auth_method: null, client_authentication_methods: { private_key_jwt: { credentials: [] } } }), patch('Acme Web Store', { token_endpoint_auth_method: null })),
      findings: [{ status: 'unknown', messageId: 'hidden-here', resource: 'Acme Web Store' }, { status: 'pass', resource: 'Acme Orders Service' }],
    },
  ],
});

it('says which scope would show the method', () => {
  const fs = run(rule, tenant(patch('Acme Web Store', { token_endpoint_auth_method: null })));
  expect(fs.find((f) => f.status === 'unknown')?.message).toContain('read:client_keys');
});

it('leaves public apps and "none" to app-token-endpoint-auth', () => {
  const fs = run(rule, tenant(patch('Acme Web Store', { token_endpoint_auth_method: 'none' })));
  expect(fs.some((f) => f.resource?.name === 'Acme Web Store' || f.resource?.name === 'Acme Account (SPA)')).toBe(false);
});
