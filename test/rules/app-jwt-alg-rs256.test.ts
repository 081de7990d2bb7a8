import rule from '../../rules/app-jwt-alg-rs256.js';
import type { ClientData } from '../../src/snapshot/resources.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';

const patch = (name: string, p: Partial<ClientData>): Mutator => (t) => {
  t.clients = (t.clients ?? []).map((c) => (c.name === name ? { ...c, ...p } : c));
};

ruleTester(rule, {
  valid: [
    { name: 'every app on RS256', tenant: tenant() },
    { name: 'PS256', tenant: tenant(patch('Acme Web Store', { jwt_configuration: { alg: 'PS256', lifetime_in_seconds: 3600 } })) },
    {
      name: 'the global client is not examined',
      tenant: tenant((t) => {
        t.clients = (t.clients ?? []).map((c) => (c.global ? { ...c, jwt_configuration: { alg: 'HS256' } } : c));
      }),
    },
  ],
  invalid: [
    {
      name: 'HS256 web app',
      tenant: tenant(patch('Acme Web Store', { jwt_configuration: { alg: 'HS256', lifetime_in_seconds: 3600 } })),
      findings: [{ status: 'fail', messageId: 'hs256', resource: 'Acme Web Store', field: 'jwt_configuration.alg', value: 'HS256' }, { status: 'pass', resource: 'Acme Mobile' }],
    },
    {
      name: 'jwt_configuration not in the data',
      tenant: tenant(patch('Acme Mobile', { jwt_configuration: null })),
      findings: [{ status: 'unknown', messageId: 'hidden', resource: 'Acme Mobile', field: 'jwt_configuration' }],
    },
    {
      // Field corpus (fixtures/field/rules-test): old clients carry jwt_configuration without alg;
      // the OAS gives HS256 as the default (SigningAlgorithmEnum), so this is HS256, not unknown.
      name: 'jwt_configuration without alg: the HS256 default',
      tenant: tenant(patch('Acme Mobile', { jwt_configuration: { lifetime_in_seconds: 36000, secret_encoded: false } as ClientData['jwt_configuration'] })),
      findings: [{ status: 'fail', messageId: 'hs256-default', severity: 'warning', resource: 'Acme Mobile', field: 'jwt_configuration.alg', value: null }],
    },
  ],
});
