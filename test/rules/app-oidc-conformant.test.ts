import rule from '../../rules/app-oidc-conformant.js';
import type { ClientData } from '../../src/snapshot/resources.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';

const patch = (name: string, p: Partial<ClientData>): Mutator => (t) => {
  t.clients = (t.clients ?? []).map((c) => (c.name === name ? { ...c, ...p } : c));
};

ruleTester(rule, {
  valid: [
    { name: 'every app OIDC conformant (the global client, which is not, is skipped)', tenant: tenant() },
  ],
  invalid: [
    {
      name: 'legacy app',
      tenant: tenant(patch('Acme Web Store', { oidc_conformant: false })),
      findings: [{ status: 'fail', messageId: 'legacy', resource: 'Acme Web Store', field: 'oidc_conformant', value: false }],
    },
    {
      name: 'flag not in the data',
      tenant: tenant((t) => {
        t.clients = (t.clients ?? []).map((c) => {
          if (c.name !== 'Acme Mobile') return c;
          const { oidc_conformant: _drop, ...rest } = c;
          return rest;
        });
      }),
      findings: [{ status: 'unknown', messageId: 'hidden', resource: 'Acme Mobile', field: 'oidc_conformant' }],
    },
  ],
});
