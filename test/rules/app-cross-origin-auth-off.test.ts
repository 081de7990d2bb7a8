import rule from '../../rules/app-cross-origin-auth-off.js';
import type { ClientData } from '../../src/snapshot/resources.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';

const patch = (name: string, p: Partial<ClientData>): Mutator => (t) => {
  t.clients = (t.clients ?? []).map((c) => (c.name === name ? { ...c, ...p } : c));
};
const SPA_ID = 'yKXsfHXWtIbildtZnX9esbRSV7IEgOzZ';

ruleTester(rule, {
  valid: [
    { name: 'cross-origin authentication off everywhere', tenant: tenant() },
    {
      name: 'on for an app attested as embedded login (by client id)',
      tenant: tenant(patch('Acme Account (SPA)', { cross_origin_authentication: true })),
      settings: { embeddedLoginClients: [SPA_ID] },
    },
    {
      name: 'attested by name',
      tenant: tenant(patch('Acme Account (SPA)', { cross_origin_authentication: true })),
      settings: { embeddedLoginClients: ['Acme Account (SPA)'] },
    },
  ],
  invalid: [
    {
      name: 'on without attestation',
      tenant: tenant(patch('Acme Account (SPA)', { cross_origin_authentication: true })),
      findings: [{ status: 'fail', messageId: 'on', resource: 'Acme Account (SPA)', field: 'cross_origin_authentication', value: true }],
    },
    {
      name: 'flag not in the data',
      tenant: tenant((t) => {
        t.clients = (t.clients ?? []).map((c) => {
          if (c.name !== 'Acme Web Store') return c;
          const { cross_origin_authentication: _drop, ...rest } = c;
          return rest;
        });
      }),
      findings: [{ status: 'unknown', messageId: 'hidden', resource: 'Acme Web Store' }],
    },
  ],
});
