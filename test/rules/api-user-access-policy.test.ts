import rule from '../../rules/api-user-access-policy.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const MGMT = { id: 'rs_mgmt', identifier: 'https://acme-prod.us.auth0.com/api/v2/', is_system: true };
const api = (id: string, policy?: string) => ({
  id,
  name: id,
  identifier: `https://api.acme.example/${id}`,
  is_system: false,
  ...(policy ? { subject_type_authorization: { user: { policy } } } : {}),
});

ruleTester(rule, {
  valid: [
    { name: 'per-app authorization, and an M2M-only API denying user access', tenant: tenant((t) => { t.resourceServers = [MGMT, api('orders', 'require_client_grant'), api('batch', 'deny_all')]; }) },
  ],
  invalid: [
    {
      name: 'all apps allowed',
      tenant: tenant((t) => { t.resourceServers = [MGMT, api('orders', 'allow_all'), api('payments', 'require_client_grant')]; }),
      findings: [
        { status: 'fail', messageId: 'open', severity: 'advice', resource: 'orders', field: 'subject_type_authorization.user.policy', value: 'allow_all' },
        { status: 'pass', resource: 'payments' },
      ],
    },
    { name: 'no policy reported', tenant: tenant((t) => { t.resourceServers = [api('orders')]; }), findings: [{ status: 'fail', messageId: 'open', resource: 'orders', value: null }] },
  ],
});
