import rule from '../../rules/app-id-token-lifetime.js';
import type { ClientData } from '../../src/snapshot/resources.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, tenantFrom, type Mutator } from '../support/tenant.js';

const patch = (name: string, p: Partial<ClientData>): Mutator => (t) => {
  t.clients = (t.clients ?? []).map((c) => (c.name === name ? { ...c, ...p } : c));
};

ruleTester(rule, {
  valid: [
    { name: 'one-hour ID tokens', tenant: tenant() },
    { name: 'the Auth0 default (10 h) is within the default maximum', tenant: tenantFrom('brand-new') },
    { name: 'no lifetime set: the Auth0 default applies', tenant: tenant(patch('Acme Web Store', { jwt_configuration: { alg: 'RS256' } })) },
    { name: 'machine-to-machine apps get no ID token', tenant: tenant(patch('Acme Orders Service', { jwt_configuration: { alg: 'RS256', lifetime_in_seconds: 2_592_000 } })) },
  ],
  invalid: [
    {
      name: 'a 30-day ID token',
      tenant: tenant(patch('Acme Account (SPA)', { jwt_configuration: { alg: 'RS256', lifetime_in_seconds: 2_592_000 } })),
      findings: [{ status: 'fail', messageId: 'long', severity: 'advice', resource: 'Acme Account (SPA)', field: 'jwt_configuration.lifetime_in_seconds', value: 2_592_000 }],
    },
    {
      name: 'a stricter configured maximum catches the Auth0 default',
      tenant: tenant(patch('Acme Web Store', { jwt_configuration: { alg: 'RS256' } })),
      settings: { maxIdTokenLifetimeSeconds: 3600 },
      findings: [{ status: 'fail', messageId: 'long', resource: 'Acme Web Store', value: null }, { status: 'pass', resource: 'Acme Mobile' }],
    },
  ],
});
