import { expect, it } from 'vitest';
import rule from '../../rules/network-acls-reviewed.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, unavailable } from '../support/tenant.js';

const BLOCK_CANONICAL = {
  id: 'acl_1',
  description: 'Block canonical domain',
  active: true,
  priority: 1,
  rule: { action: { block: true }, match: { hostnames: ['acme-prod.us.auth0.com'] }, scope: 'authentication' },
};
const withAcls = (...acls: Record<string, unknown>[]) => tenant((t) => { t.networkAcls = acls; });

ruleTester(rule, {
  valid: [
    { name: 'one active, enforced rule', tenant: withAcls(BLOCK_CANONICAL) },
    { name: 'not on this plan: n/a', tenant: tenant(unavailable('networkAcls', 'unavailable-on-plan')) },
  ],
  invalid: [
    { name: 'no ACL at all', tenant: withAcls(), findings: [{ status: 'fail', messageId: 'none', severity: 'advice', field: 'network-acls' }] },
    {
      name: 'an inactive rule beside an active one',
      tenant: withAcls(BLOCK_CANONICAL, { id: 'acl_2', description: 'Block TOR', active: false, priority: 5, rule: { action: { block: true }, match: { geo_country_codes: ['KP'] }, scope: 'tenant' } }),
      findings: [{ status: 'pass', resource: 'acl_1' }, { status: 'fail', messageId: 'inactive', resource: 'acl_2', field: 'active', value: false }],
    },
    {
      name: 'a rule left in monitoring mode',
      tenant: withAcls({ ...BLOCK_CANONICAL, rule: { ...BLOCK_CANONICAL.rule, action: { block: true, log: true } } }),
      findings: [{ status: 'fail', messageId: 'monitoring', resource: 'acl_1', field: 'rule.action.log', value: true }],
    },
    { name: 'token lacks read:network_acls', tenant: tenant(unavailable('networkAcls')), findings: [{ status: 'unknown', messageId: 'resource-unavailable' }] },
  ],
});

it('explains the plan gate', () => {
  const [f] = run(rule, tenant(unavailable('networkAcls', 'unavailable-on-plan')));
  expect(f?.status).toBe('n/a');
  expect(f?.message).toContain('not available on this plan');
});

it('names the missing scope', () => {
  const [f] = run(rule, tenant(unavailable('networkAcls')));
  expect(f?.message).toContain('read:network_acls');
});
