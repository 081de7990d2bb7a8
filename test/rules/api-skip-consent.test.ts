import rule from '../../rules/api-skip-consent.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, unavailable } from '../support/tenant.js';

const PARTNER = { client_id: 'partner-app', name: 'Partner Portal', app_type: 'regular_web', is_first_party: false, grant_types: ['authorization_code'] };
const api = (extra: Record<string, unknown>) => ({ id: 'rs_orders', name: 'Orders API', identifier: 'https://api.acme.example/orders', is_system: false, ...extra });
const MGMT = { id: 'rs_mgmt', identifier: 'https://acme-prod.us.auth0.com/api/v2/', is_system: true, skip_consent_for_verifiable_first_party_clients: false };

ruleTester(rule, {
  valid: [
    { name: 'the go-live-ready baseline', tenant: tenant() },
    { name: 'consent skipped for first-party apps', tenant: tenant((t) => { t.resourceServers = [MGMT, api({ skip_consent_for_verifiable_first_party_clients: true })]; }) },
    {
      name: 'consent kept because a granted third-party app calls the API',
      tenant: tenant((t) => {
        t.clients = [...(t.clients ?? []), PARTNER];
        t.resourceServers = [api({ skip_consent_for_verifiable_first_party_clients: false })];
        t.clientGrants = [{ client_id: 'partner-app', audience: 'https://api.acme.example/orders', scope: ['read:orders'], subject_type: 'user' }];
      }),
    },
  ],
  invalid: [
    {
      name: 'consent shown to first-party apps only',
      tenant: tenant((t) => { t.resourceServers = [api({ skip_consent_for_verifiable_first_party_clients: false })]; }),
      findings: [{ status: 'fail', messageId: 'consent', severity: 'advice', resource: 'rs_orders', field: 'skip_consent_for_verifiable_first_party_clients', value: false }],
    },
    {
      name: 'a third-party app without a grant does not count',
      tenant: tenant((t) => {
        t.clients = [...(t.clients ?? []), PARTNER];
        t.resourceServers = [api({})];
        t.clientGrants = [];
      }),
      findings: [{ status: 'fail', messageId: 'consent', resource: 'rs_orders', value: null }],
    },
    {
      name: 'no application may call the API',
      tenant: tenant((t) => { t.resourceServers = [api({ subject_type_authorization: { user: { policy: 'deny_all' } } })]; }),
      findings: [{ status: 'n/a', messageId: 'unused', resource: 'rs_orders' }],
    },
    {
      name: 'client grants unreadable: a third-party app is assumed to call it',
      tenant: tenant(unavailable('clientGrants'), (t) => {
        t.clients = [...(t.clients ?? []), PARTNER];
        t.resourceServers = [api({})];
      }),
      findings: [{ status: 'pass', messageId: 'third-party', resource: 'rs_orders' }],
    },
  ],
});
