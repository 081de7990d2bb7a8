import rule from '../../rules/api-defined.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const MGMT = { id: 'rs_mgmt', name: 'Auth0 Management API', identifier: 'https://acme-prod.us.auth0.com/api/v2/', is_system: true };
const ORDERS = { id: 'rs_orders', name: 'Acme Orders API', identifier: 'https://api.acme.example/orders', is_system: false, scopes: [{ value: 'read:orders' }] };

ruleTester(rule, {
  valid: [
    { name: 'the go-live-ready baseline', tenant: tenant() },
    { name: 'an API of your own beside the Management API', tenant: tenant((t) => { t.resourceServers = [MGMT, ORDERS]; }) },
  ],
  invalid: [
    {
      name: 'own API reported, system API skipped',
      tenant: tenant((t) => { t.resourceServers = [MGMT, ORDERS]; }),
      findings: [{ status: 'pass', messageId: 'defined', resource: 'rs_orders' }],
    },
    {
      name: 'only the Management API: nothing to show (n/a, evidence)',
      tenant: tenant((t) => { t.resourceServers = [MGMT]; }),
      findings: [{ status: 'n/a', messageId: 'none', field: 'resource-servers' }],
    },
  ],
});
