import { expect, it } from 'vitest';
import rule from '../../rules/management-api-acl.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, unavailable } from '../support/tenant.js';

const withAcls = (...acls: Record<string, unknown>[]) => tenant((t) => { t.networkAcls = acls; });
const ALLOW_OFFICE = { id: 'acl_allow', description: 'Allow office', active: true, priority: 1, rule: { scope: 'management', action: { allow: true }, match: { ipv4_cidrs: ['203.0.113.0/24'] } } };
const BLOCK_ALL = { id: 'acl_deny', description: 'Deny all', active: true, priority: 99, rule: { scope: 'tenant', action: { block: true }, match_all: true } };
const BLOCK_OUTSIDE = { id: 'acl_mgmt', description: 'Mgmt API from CI only', active: true, priority: 2, rule: { scope: 'management', action: { block: true }, not_match: { ipv4_cidrs: ['198.51.100.7/32'], ipv6_cidrs: ['2001:db8::/32'] } } };

ruleTester(rule, {
  valid: [
    { name: 'block everything not from the CI runners', tenant: withAcls(BLOCK_OUTSIDE) },
    { name: 'allow the office, then deny all', tenant: withAcls(BLOCK_ALL, ALLOW_OFFICE) },
    { name: 'Tenant ACL not on the plan: n/a', tenant: tenant(unavailable('networkAcls', 'unavailable-on-plan')) },
  ],
  invalid: [
    { name: 'no ACL', tenant: withAcls(), findings: [{ status: 'fail', messageId: 'open', severity: 'advice', resource: 'management-api', field: 'network-acls' }] },
    { name: 'allow rule without a block-all after it', tenant: withAcls(ALLOW_OFFICE), findings: [{ status: 'fail', messageId: 'allow-only', resource: 'acl_allow', field: 'rule.action' }] },
    { name: 'block-all evaluated before the allow rule', tenant: withAcls({ ...BLOCK_ALL, priority: 0 }, ALLOW_OFFICE), findings: [{ status: 'fail', messageId: 'allow-only' }] },
    { name: 'restriction in monitoring mode only', tenant: withAcls({ ...BLOCK_OUTSIDE, rule: { ...BLOCK_OUTSIDE.rule, action: { block: true, log: true } } }), findings: [{ status: 'fail', messageId: 'open' }] },
    { name: 'restriction inactive', tenant: withAcls({ ...BLOCK_OUTSIDE, active: false }), findings: [{ status: 'fail', messageId: 'open' }] },
    { name: 'restriction on authentication traffic only', tenant: withAcls({ ...BLOCK_OUTSIDE, rule: { ...BLOCK_OUTSIDE.rule, scope: 'authentication' } }), findings: [{ status: 'fail', messageId: 'open' }] },
    { name: 'token lacks read:network_acls', tenant: tenant(unavailable('networkAcls')), findings: [{ status: 'unknown', messageId: 'resource-unavailable', resource: 'management-api' }] },
  ],
});

it('says the feature is plan-gated', () => {
  const [f] = run(rule, tenant(unavailable('networkAcls', 'unavailable-on-plan')));
  expect(f?.status).toBe('n/a');
  expect(f?.message).toContain('not available on this plan');
});

it('names the CIDRs that may call the Management API', () => {
  const [f] = run(rule, withAcls(BLOCK_OUTSIDE));
  expect(f?.message).toBe('Rule Mgmt API from CI only blocks Management API calls from outside 198.51.100.7/32, 2001:db8::/32');
});
