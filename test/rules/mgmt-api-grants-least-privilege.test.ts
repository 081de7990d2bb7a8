import rule from '../../rules/mgmt-api-grants-least-privilege.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, unavailable, type Mutator } from '../support/tenant.js';

const DEPLOY = 'P01x8b8j9KYR8TnvMTbGeQ1MVUWU27O4';
const ORDERS = 'NjtRDvk3GAniRcpc6bIAlapSCkjWCjsQ';
const AUDIENCE = 'https://acme-prod.us.auth0.com/api/v2/';
const apis: Mutator = (t) => {
  t.resourceServers = [
    { id: 'rs_mgmt', name: 'Auth0 Management API', identifier: AUDIENCE, is_system: true },
    { id: 'rs_orders', name: 'Orders API', identifier: 'https://api.acme.example/orders', is_system: false },
  ];
};
const grants = (...g: { id: string; client_id: string; audience?: string; scope?: string[]; allow_all_scopes?: boolean; is_system?: boolean }[]): Mutator => (t) => {
  t.clientGrants = g.map((x) => ({ audience: AUDIENCE, scope: [], ...x }));
};

ruleTester(rule, {
  valid: [
    { name: 'no grant on the Management API', tenant: tenant(apis, grants({ id: 'cgr_o', client_id: ORDERS, audience: 'https://api.acme.example/orders', scope: ['create:orders'] })) },
    { name: 'read-only grants', tenant: tenant(apis, grants({ id: 'cgr_r', client_id: ORDERS, scope: ['read:users', 'read:roles'] })) },
    { name: 'system grants are not reviewed', tenant: tenant(apis, grants({ id: 'cgr_s', client_id: 'system', scope: ['update:users'], is_system: true })) },
  ],
  invalid: [
    {
      name: 'a deploy pipeline with write scopes (must be reviewed and waived)',
      tenant: tenant(apis, grants({ id: 'cgr_d', client_id: DEPLOY, scope: ['read:clients', 'update:clients', 'delete:connections'] })),
      findings: [{ status: 'fail', messageId: 'write', severity: 'warning', resource: 'Auth0 Deploy CLI (GitHub Actions)', field: 'scope', value: ['update:clients', 'delete:connections'] }],
    },
    {
      name: 'read:client_keys exposes every client secret',
      tenant: tenant(apis, grants({ id: 'cgr_k', client_id: ORDERS, scope: ['read:client_keys'] })),
      findings: [{ status: 'fail', messageId: 'write', resource: 'cgr_k', field: 'scope', value: ['read:client_keys'] }],
    },
    {
      name: 'allow_all_scopes',
      tenant: tenant(apis, grants({ id: 'cgr_a', client_id: ORDERS, allow_all_scopes: true })),
      findings: [{ status: 'fail', messageId: 'all-scopes', resource: 'cgr_a', field: 'allow_all_scopes', value: true }],
    },
    {
      name: 'resource servers unreadable: the audience is recognised by its shape',
      tenant: tenant(unavailable('resourceServers'), grants({ id: 'cgr_d', client_id: DEPLOY, scope: ['create:users'] }), (t) => {
        t.clientGrants = [...(t.clientGrants ?? []), { id: 'cgr_o', client_id: ORDERS, audience: 'https://api.acme.example/orders', scope: ['delete:orders'] }];
      }),
      findings: [{ status: 'fail', messageId: 'write', resource: 'cgr_d' }],
    },
    {
      name: 'a grant of an unknown client is named by its client id',
      tenant: tenant(apis, grants({ id: 'cgr_x', client_id: 'gone-client', scope: ['update:users'] })),
      findings: [{ status: 'fail', resource: 'gone-client' }],
    },
    {
      name: 'no grant: one pass on the Management API',
      tenant: tenant(apis, grants()),
      findings: [{ status: 'pass', messageId: 'none', resource: 'rs_mgmt' }],
    },
  ],
});
