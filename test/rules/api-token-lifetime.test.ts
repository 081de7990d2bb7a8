import { expect, it } from 'vitest';
import rule from '../../rules/api-token-lifetime.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const MGMT = { id: 'rs_mgmt', name: 'Auth0 Management API', identifier: 'https://acme-prod.us.auth0.com/api/v2/', is_system: true, token_lifetime: 2_592_000 };
const api = (id: string, token_lifetime?: number, token_lifetime_for_web?: number) => ({
  id,
  name: id,
  identifier: `https://api.acme.example/${id}`,
  is_system: false,
  ...(token_lifetime === undefined ? {} : { token_lifetime }),
  ...(token_lifetime_for_web === undefined ? {} : { token_lifetime_for_web }),
});

ruleTester(rule, {
  valid: [
    { name: 'the go-live-ready baseline', tenant: tenant() },
    { name: 'one hour, and exactly the 24 h maximum', tenant: tenant((t) => { t.resourceServers = [MGMT, api('orders', 3600, 3600), api('catalog', 86_400, 7200)]; }) },
    { name: 'a longer configured maximum', tenant: tenant((t) => { t.resourceServers = [api('orders', 172_800, 7200)]; }), settings: { maxTokenLifetimeSeconds: 172_800 } },
  ],
  invalid: [
    {
      name: 'over 24 h',
      tenant: tenant((t) => { t.resourceServers = [api('orders', 172_800, 7200)]; }),
      findings: [{ status: 'fail', messageId: 'long', severity: 'warning', resource: 'orders', field: 'token_lifetime', value: 172_800 }],
    },
    {
      name: 'the implicit/hybrid lifetime over the maximum',
      tenant: tenant((t) => { t.resourceServers = [api('orders', 3600, 90_000)]; }),
      findings: [{ status: 'fail', messageId: 'long', resource: 'orders', field: 'token_lifetime_for_web', value: 90_000 }],
    },
    {
      name: 'a week or more (CheckMate fails it)',
      tenant: tenant((t) => { t.resourceServers = [api('orders', 604_800, 7200)]; }),
      findings: [{ status: 'fail', messageId: 'week', resource: 'orders', field: 'token_lifetime', value: 604_800 }],
    },
    {
      name: 'a week or more even with a larger configured maximum',
      tenant: tenant((t) => { t.resourceServers = [api('orders', 2_592_000)]; }),
      settings: { maxTokenLifetimeSeconds: 2_592_000 },
      findings: [{ status: 'fail', messageId: 'week', resource: 'orders', field: 'token_lifetime' }],
    },
    {
      name: 'no lifetime reported',
      tenant: tenant((t) => { t.resourceServers = [api('orders')]; }),
      findings: [{ status: 'unknown', messageId: 'missing', resource: 'orders', field: 'token_lifetime' }],
    },
  ],
});

it('says the lifetimes in readable units', () => {
  const [f] = run(rule, tenant((t) => { t.resourceServers = [api('orders', 3600, 900)]; }));
  expect(f?.message).toBe('API orders: access tokens live 1 h (implicit/hybrid: 15 min), within 24 h');
});
