import { expect, it } from 'vitest';
import rule from '../../rules/api-rbac-enforced.js';
import { evaluateRule } from '../../src/engine/evaluate.js';
import { DEFAULT_SETTINGS } from '../../src/run.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';

const ORDERS = 'https://api.acme.example/orders';
const api = (extra: Record<string, unknown>) => ({ id: 'rs_orders', name: 'Orders API', identifier: ORDERS, is_system: false, ...extra });
const withRoles: Mutator = (t) => {
  t.roles = [{ id: 'rol_support', name: 'Store Support' }, { id: 'rol_empty', name: 'Empty' }];
  t.rolePermissions = {
    rol_support: [{ permission_name: 'read:all_orders', resource_server_identifier: ORDERS }, { permission_name: 'read:loyalty', resource_server_identifier: ORDERS }],
    rol_empty: [],
  };
};

ruleTester(rule, {
  valid: [
    { name: 'the go-live-ready baseline', tenant: tenant() },
    { name: 'RBAC enforced with the permissions claim', tenant: tenant(withRoles, (t) => { t.resourceServers = [api({ enforce_policies: true, token_dialect: 'access_token_authz' })]; }) },
    { name: 'RBAC enforced, scopes only (no claim required)', tenant: tenant(withRoles, (t) => { t.resourceServers = [api({ enforce_policies: true, token_dialect: 'access_token' })]; }) },
    { name: 'an API no role carries is not examined', tenant: tenant(withRoles, (t) => { t.resourceServers = [api({ enforce_policies: true }), { id: 'rs_other', identifier: 'https://api.acme.example/other', enforce_policies: false }]; }) },
  ],
  invalid: [
    {
      name: 'roles carry permissions of an API that does not enforce RBAC',
      tenant: tenant(withRoles, (t) => { t.resourceServers = [api({ enforce_policies: false })]; }),
      findings: [{ status: 'fail', messageId: 'not-enforced', severity: 'warning', resource: 'rs_orders', field: 'enforce_policies', value: false }],
    },
    {
      name: 'enforce_policies absent',
      tenant: tenant(withRoles, (t) => { t.resourceServers = [api({})]; }),
      findings: [{ status: 'fail', messageId: 'not-enforced', resource: 'rs_orders', value: null }],
    },
  ],
});

it('requires a *_authz dialect when the permissionsClaim option is set', () => {
  const snapshot = tenant(withRoles, (t) => { t.resourceServers = [api({ enforce_policies: true, token_dialect: 'rfc9068_profile' })]; });
  const fs = evaluateRule(rule, snapshot, {
    ctx: { now: new Date('2026-11-22T00:00:00Z'), env: 'prod', plan: 'b2c', settings: DEFAULT_SETTINGS },
    ruleSettings: { 'api-rbac-enforced': { options: { permissionsClaim: true } } },
  });
  expect(fs).toMatchObject([{ status: 'fail', messageId: 'dialect', field: 'token_dialect', value: 'rfc9068_profile' }]);
});

it('names the roles that carry the permissions', () => {
  const [f] = run(rule, tenant(withRoles, (t) => { t.resourceServers = [api({ enforce_policies: false })]; }));
  expect(f?.message).toContain('Store Support');
});
