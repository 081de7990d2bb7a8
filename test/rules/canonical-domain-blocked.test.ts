import { expect, it } from 'vitest';
import rule from '../../rules/canonical-domain-blocked.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, tenantFrom, unavailable, type Mutator } from '../support/tenant.js';

const BLOCK = {
  id: 'acl_canon',
  description: 'Block canonical domain',
  active: true,
  priority: 1,
  rule: { scope: 'authentication', action: { block: true }, match: { hostnames: ['acme-prod.us.auth0.com'] } },
};
const acls = (...list: Record<string, unknown>[]): Mutator => (t) => { t.networkAcls = list; };

ruleTester(rule, {
  valid: [
    { name: 'block rule on the canonical hostname', tenant: tenant(acls(BLOCK)) },
    { name: 'wildcard *.auth0.com', tenant: tenant(acls({ ...BLOCK, rule: { ...BLOCK.rule, match: { hostnames: ['*.auth0.com'] } } })) },
    { name: 'redirect to the custom domain', tenant: tenant(acls({ ...BLOCK, rule: { ...BLOCK.rule, action: { redirect: true, redirect_uri: 'https://login.acme.example' } } })) },
    { name: 'block every host but the custom domain', tenant: tenant(acls({ ...BLOCK, rule: { scope: 'tenant', action: { block: true }, not_match: { hostnames: ['login.acme.example'] } } })) },
    { name: 'Tenant ACL not on the plan: n/a', tenant: tenant(unavailable('networkAcls', 'unavailable-on-plan')) },
  ],
  invalid: [
    { name: 'no ACL', tenant: tenant(acls()), findings: [{ status: 'fail', messageId: 'open', severity: 'advice', resource: 'canonical-domain', field: 'network-acls' }] },
    { name: 'rule in monitoring mode', tenant: tenant(acls({ ...BLOCK, rule: { ...BLOCK.rule, action: { block: true, log: true } } })), findings: [{ status: 'fail', messageId: 'monitoring', resource: 'acl_canon', field: 'rule.action.log' }] },
    { name: 'rule inactive', tenant: tenant(acls({ ...BLOCK, active: false })), findings: [{ status: 'fail', messageId: 'inactive', resource: 'acl_canon', field: 'active', value: false }] },
    { name: 'rule on the Management API scope only', tenant: tenant(acls({ ...BLOCK, rule: { ...BLOCK.rule, scope: 'management' } })), findings: [{ status: 'fail', messageId: 'open' }] },
    { name: 'rule blocks another host', tenant: tenant(acls({ ...BLOCK, rule: { ...BLOCK.rule, match: { hostnames: ['evil.example'] } } })), findings: [{ status: 'fail', messageId: 'open' }] },
    { name: 'token lacks read:network_acls', tenant: tenant(unavailable('networkAcls')), findings: [{ status: 'unknown', messageId: 'resource-unavailable' }] },
  ],
});

it('is n/a without a ready custom domain', () => {
  expect(run(rule, tenantFrom('brand-new', acls())).map((f) => f.status)).toEqual(['n/a']);
});

it('explains the plan gate', () => {
  const [f] = run(rule, tenant(unavailable('networkAcls', 'unavailable-on-plan')));
  expect(f?.message).toContain('not available on this plan');
});
