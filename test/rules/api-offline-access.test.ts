import rule from '../../rules/api-offline-access.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, unavailable, type Mutator } from '../support/tenant.js';

const SPA = 'yKXsfHXWtIbildtZnX9esbRSV7IEgOzZ';
const api = (extra: Record<string, unknown>) => ({ id: 'rs_orders', name: 'Orders API', identifier: 'https://api.acme.example/orders', is_system: false, ...extra });
const MGMT = { id: 'rs_mgmt', identifier: 'https://acme-prod.us.auth0.com/api/v2/', is_system: true, allow_offline_access: true };
/** No interactive application keeps the refresh_token grant. */
const noRefreshTokens: Mutator = (t) => {
  t.clients = (t.clients ?? []).map((c) => ({ ...c, grant_types: (c.grant_types ?? []).filter((g) => g !== 'refresh_token') }));
};
const perAppAuthorization = { subject_type_authorization: { user: { policy: 'require_client_grant' } } };

ruleTester(rule, {
  valid: [
    { name: 'the go-live-ready baseline', tenant: tenant() },
    { name: 'offline access off', tenant: tenant((t) => { t.resourceServers = [MGMT, api({ allow_offline_access: false })]; }) },
    { name: 'offline access on, first-party apps use refresh tokens', tenant: tenant((t) => { t.resourceServers = [api({ allow_offline_access: true })]; }) },
    {
      name: 'per-app authorization: the granted SPA uses refresh tokens',
      tenant: tenant((t) => {
        t.resourceServers = [api({ allow_offline_access: true, ...perAppAuthorization })];
        t.clientGrants = [{ id: 'cgr_1', client_id: SPA, audience: 'https://api.acme.example/orders', scope: ['read:orders'], subject_type: 'user' }];
      }),
    },
  ],
  invalid: [
    {
      name: 'offline access on, no application uses refresh tokens',
      tenant: tenant(noRefreshTokens, (t) => { t.resourceServers = [api({ allow_offline_access: true })]; }),
      findings: [{ status: 'fail', messageId: 'unused', severity: 'advice', resource: 'rs_orders', field: 'allow_offline_access', value: true }],
    },
    {
      name: 'per-app authorization with no user grant: nobody can use the refresh tokens',
      tenant: tenant((t) => {
        t.resourceServers = [api({ allow_offline_access: true, ...perAppAuthorization })];
        t.clientGrants = [];
      }),
      findings: [{ status: 'fail', messageId: 'unused', resource: 'rs_orders', field: 'allow_offline_access' }],
    },
    {
      name: 'user access denied outright',
      tenant: tenant((t) => { t.resourceServers = [api({ allow_offline_access: true, subject_type_authorization: { user: { policy: 'deny_all' } } })]; }),
      findings: [{ status: 'fail', messageId: 'unused', resource: 'rs_orders' }],
    },
    {
      name: 'client grants unreadable: falls back to every first-party application',
      tenant: tenant(unavailable('clientGrants'), (t) => { t.resourceServers = [api({ allow_offline_access: true, ...perAppAuthorization })]; }),
      findings: [{ status: 'pass', messageId: 'used', resource: 'rs_orders' }],
    },
  ],
});
