import rule from '../../rules/m2m-grants-consistent.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';

const DEPLOY = 'P01x8b8j9KYR8TnvMTbGeQ1MVUWU27O4';
const ORDERS = 'NjtRDvk3GAniRcpc6bIAlapSCkjWCjsQ';
const both: Mutator = (t) => {
  t.clientGrants = [
    { id: 'cgr_d', client_id: DEPLOY, audience: 'https://acme-prod.us.auth0.com/api/v2/', scope: ['read:clients'] },
    { id: 'cgr_o', client_id: ORDERS, audience: 'https://api.acme.example/orders', scope: ['read:orders'], subject_type: 'client' },
  ];
};

ruleTester(rule, {
  valid: [{ name: 'each M2M application has a grant', tenant: tenant(both) }],
  invalid: [
    {
      name: 'an M2M application without any grant',
      tenant: tenant((t) => { t.clientGrants = [{ id: 'cgr_d', client_id: DEPLOY, audience: 'https://acme-prod.us.auth0.com/api/v2/', scope: [] }]; }),
      findings: [
        { status: 'fail', messageId: 'no-grant', severity: 'advice', resource: ORDERS, field: 'client_grants', value: [] },
        { status: 'pass', messageId: 'granted', resource: DEPLOY },
      ],
    },
    {
      name: 'a user-delegated grant does not count as machine-to-machine access',
      tenant: tenant(both, (t) => { t.clientGrants = (t.clientGrants ?? []).map((g) => (g.client_id === ORDERS ? { ...g, subject_type: 'user' } : g)); }),
      findings: [{ status: 'fail', messageId: 'no-grant', resource: ORDERS }],
    },
    {
      name: 'a grant pointing at a deleted application',
      tenant: tenant(both, (t) => { t.clientGrants = [...(t.clientGrants ?? []), { id: 'cgr_x', client_id: 'deleted-client', audience: 'https://api.acme.example/orders', scope: [] }]; }),
      findings: [{ status: 'fail', messageId: 'orphan', resource: 'cgr_x', field: 'client_id', value: 'deleted-client' }],
    },
  ],
});
