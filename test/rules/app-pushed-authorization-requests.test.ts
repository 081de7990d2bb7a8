import rule from '../../rules/app-pushed-authorization-requests.js';
import type { ClientData } from '../../src/snapshot/resources.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';

const patch = (name: string, p: Partial<ClientData> & Record<string, unknown>): Mutator => (t) => {
  t.clients = (t.clients ?? []).map((c) => (c.name === name ? { ...c, ...p } : c));
};

ruleTester(rule, {
  valid: [
    { name: 'the confidential web app requires PAR (public and M2M apps are not examined)', tenant: tenant(patch('Acme Web Store', { require_pushed_authorization_requests: true })) },
  ],
  invalid: [
    {
      name: 'PAR optional on the web store',
      tenant: tenant(),
      findings: [{ status: 'fail', messageId: 'optional', severity: 'advice', resource: 'Acme Web Store', field: 'require_pushed_authorization_requests', value: null }],
    },
    {
      name: 'explicitly off',
      tenant: tenant(patch('Acme Web Store', { require_pushed_authorization_requests: false })),
      findings: [{ status: 'fail', resource: 'Acme Web Store', value: false }],
    },
  ],
});
