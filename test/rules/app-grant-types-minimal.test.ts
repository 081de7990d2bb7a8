import rule from '../../rules/app-grant-types-minimal.js';
import type { ClientData } from '../../src/snapshot/resources.js';
import { expect, it } from 'vitest';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';

const patch = (name: string, p: Partial<ClientData>): Mutator => (t) => {
  t.clients = (t.clients ?? []).map((c) => (c.name === name ? { ...c, ...p } : c));
};
const addClient = (c: ClientData): Mutator => (t) => {
  t.clients = [...(t.clients ?? []), c];
};
const ropgMonitor = addClient({ client_id: 'mon_1', name: 'Synthetic login monitor', app_type: 'non_interactive', grant_types: ['client_credentials', 'http://auth0.com/oauth/grant-type/password-realm'] });

ruleTester(rule, {
  valid: [
    { name: 'each app within its allow-set', tenant: tenant() },
    { name: 'native app with the device flow', tenant: tenant(patch('Acme Mobile', { grant_types: ['authorization_code', 'urn:ietf:params:oauth:grant-type:device_code'] })) },
    { name: 'password-realm on an attested monitoring client', tenant: tenant(ropgMonitor), settings: { monitoringClients: ['mon_1'] } },
  ],
  invalid: [
    {
      name: 'implicit grant on the SPA',
      tenant: tenant(patch('Acme Account (SPA)', { grant_types: ['authorization_code', 'implicit', 'refresh_token'] })),
      findings: [{ status: 'fail', messageId: 'implicit', severity: 'warning', resource: 'Acme Account (SPA)', field: 'grant_types[1]', value: 'implicit' }],
    },
    {
      name: 'implicit grant on a native app stays a warning',
      tenant: tenant(patch('Acme Mobile', { grant_types: ['authorization_code', 'implicit'] })),
      findings: [{ status: 'fail', messageId: 'implicit', severity: 'warning', resource: 'Acme Mobile', field: 'grant_types[1]' }],
    },
    {
      name: 'implicit grant on a regular web app: advice explaining the form_post ID-token case',
      tenant: tenant(patch('Acme Web Store', { grant_types: ['authorization_code', 'implicit', 'refresh_token'] })),
      findings: [{ status: 'fail', messageId: 'implicit-web', severity: 'advice', resource: 'Acme Web Store', field: 'grant_types[1]', value: 'implicit' }],
    },
    {
      name: 'password grant on a web app',
      tenant: tenant(patch('Acme Web Store', { grant_types: ['authorization_code', 'password'] })),
      findings: [{ status: 'fail', messageId: 'password', resource: 'Acme Web Store', field: 'grant_types[1]', value: 'password' }],
    },
    {
      name: 'monitoring client not attested',
      tenant: tenant(ropgMonitor),
      findings: [{ status: 'fail', messageId: 'password', resource: 'mon_1', field: 'grant_types[1]' }],
    },
    {
      name: 'implicit stays forbidden on an attested monitoring client',
      tenant: tenant(addClient({ client_id: 'mon_2', name: 'Monitor', app_type: 'non_interactive', grant_types: ['password', 'implicit'] })),
      settings: { monitoringClients: ['mon_2'] },
      findings: [{ status: 'pass', messageId: 'monitoring', resource: 'mon_2' }, { status: 'fail', messageId: 'implicit', resource: 'mon_2', field: 'grant_types[1]' }],
    },
    {
      name: 'MFA API grant on a SPA',
      tenant: tenant(patch('Acme Account (SPA)', { grant_types: ['authorization_code', 'http://auth0.com/oauth/grant-type/mfa-otp'] })),
      findings: [{ status: 'fail', messageId: 'extra', resource: 'Acme Account (SPA)', field: 'grant_types[1]', value: 'http://auth0.com/oauth/grant-type/mfa-otp' }],
    },
    {
      name: 'machine-to-machine app with refresh tokens',
      tenant: tenant(patch('Acme Orders Service', { grant_types: ['client_credentials', 'refresh_token'] })),
      findings: [{ status: 'fail', messageId: 'extra', resource: 'Acme Orders Service', field: 'grant_types[1]' }],
    },
    {
      name: 'untyped app with client_credentials',
      tenant: tenant(addClient({ client_id: 'x_1', name: 'Untyped', grant_types: ['authorization_code', 'client_credentials'] })),
      findings: [{ status: 'fail', messageId: 'extra', resource: 'x_1', field: 'grant_types[1]' }],
    },
    {
      name: 'grant_types missing from the data',
      tenant: tenant(addClient({ client_id: 'x_2', name: 'Exported', app_type: 'spa' })),
      findings: [{ status: 'unknown', messageId: 'hidden', resource: 'x_2', field: 'grant_types' }],
    },
  ],
});

it('explains why removing implicit from a regular web app may break it', () => {
  const f = run(rule, tenant(patch('Acme Web Store', { grant_types: ['authorization_code', 'implicit'] }))).find((x) => x.messageId === 'implicit-web');
  expect(f?.message).toContain('form_post');
});

// The password grant still supports MFA through the MFA API
// (https://auth0.com/docs/secure/multi-factor-authentication/authenticate-using-ropg-flow-with-mfa): say so, do not claim it bypasses MFA.
it('says what the password grant really bypasses', () => {
  const f = run(rule, tenant(patch('Acme Web Store', { grant_types: ['authorization_code', 'password'] }))).find((x) => x.messageId === 'password');
  expect(f?.message).toContain('MFA only through the MFA API');
  expect(f?.message).not.toContain('breached-password');
});
