import { expect, it } from 'vitest';
import rule from '../../rules/api-signing-alg.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const MGMT = { id: 'rs_mgmt', name: 'Auth0 Management API', identifier: 'https://acme-prod.us.auth0.com/api/v2/', is_system: true, signing_alg: 'HS256' };
const api = (id: string, signing_alg?: string) => ({ id, name: id, identifier: `https://api.acme.example/${id}`, is_system: false, ...(signing_alg ? { signing_alg } : {}) });

ruleTester(rule, {
  valid: [
    { name: 'the go-live-ready baseline', tenant: tenant() },
    { name: 'RS256 and PS256 APIs', tenant: tenant((t) => { t.resourceServers = [MGMT, api('orders', 'RS256'), api('payments', 'PS256')]; }) },
  ],
  invalid: [
    {
      name: 'an HS256 API',
      tenant: tenant((t) => { t.resourceServers = [api('orders', 'RS256'), api('legacy', 'HS256')]; }),
      findings: [
        { status: 'fail', messageId: 'symmetric', severity: 'warning', resource: 'legacy', field: 'signing_alg', value: 'HS256' },
        { status: 'pass', resource: 'orders' },
      ],
    },
    {
      name: 'no signing_alg reported',
      tenant: tenant((t) => { t.resourceServers = [api('orders')]; }),
      findings: [{ status: 'unknown', messageId: 'missing', resource: 'orders', field: 'signing_alg' }],
    },
  ],
});

it('skips system APIs', () => {
  const fs = run(rule, tenant((t) => { t.resourceServers = [MGMT]; }));
  expect(fs.map((f) => f.status)).toEqual(['n/a']);
});
