import rule from '../../rules/mgmt-api-user-access.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const mgmt = (policy?: string) => ({
  id: 'rs_mgmt',
  name: 'Auth0 Management API',
  identifier: 'https://acme-prod.us.auth0.com/api/v2/',
  is_system: true,
  ...(policy ? { subject_type_authorization: { user: { policy }, client: { policy: 'require_client_grant' } } } : {}),
});
const ORDERS = { id: 'rs_orders', identifier: 'https://api.acme.example/orders', is_system: false, subject_type_authorization: { user: { policy: 'allow_all' } } };

ruleTester(rule, {
  valid: [
    { name: 'per-app authorization', tenant: tenant((t) => { t.resourceServers = [mgmt('require_client_grant'), ORDERS]; }) },
    { name: 'no apps allowed', tenant: tenant((t) => { t.resourceServers = [mgmt('deny_all')]; }) },
  ],
  invalid: [
    {
      // "All apps allowed" is "The default for user-delegated access" and tokens carry only *:current_user*
      // scopes (https://auth0.com/docs/get-started/apis/api-access-policies-for-applications,
      // https://auth0.com/docs/secure/tokens/access-tokens/management-api-access-tokens/get-management-api-tokens-for-single-page-applications): advice.
      name: 'all apps allowed',
      tenant: tenant((t) => { t.resourceServers = [mgmt('allow_all')]; }),
      findings: [{ status: 'fail', messageId: 'open', severity: 'advice', resource: 'rs_mgmt', field: 'subject_type_authorization.user.policy', value: 'allow_all' }],
    },
    {
      name: 'no policy reported: the default, all apps allowed',
      tenant: tenant((t) => { t.resourceServers = [mgmt()]; }),
      findings: [{ status: 'fail', messageId: 'open', resource: 'rs_mgmt', value: null }],
    },
  ],
});

import { expect, it } from 'vitest';
import { run } from '../support/rule-tester.js';

it('is unknown when the Management API is not in the configuration (a Deploy CLI export)', () => {
  const fs = run(rule, tenant((t) => { t.resourceServers = (t.resourceServers ?? []).filter((r) => !r.is_system); }));
  expect(fs.map((f) => f.status)).toEqual(['unknown']);
});
