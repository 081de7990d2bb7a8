import rule from '../../rules/organization-members.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';

const orgs: Mutator = (t) => { t.organizations = [{ id: 'org_1', name: 'initech' }, { id: 'org_2', name: 'vandelay' }]; };

ruleTester(rule, {
  valid: [
    { name: 'no organizations (baseline)', tenant: tenant() },
    { name: 'members in every organization', tenant: tenant(orgs, (t) => { t.organizationMembers = { org_1: { count: 50, more: true }, org_2: { count: 3, more: false } }; }) },
  ],
  invalid: [
    {
      name: 'an organization with no member',
      tenant: tenant(orgs, (t) => { t.organizationMembers = { org_1: { count: 50, more: true }, org_2: { count: 0, more: false } }; }),
      findings: [{ status: 'fail', messageId: 'empty', severity: 'advice', resource: 'org_2', field: 'members', value: 0 }, { status: 'pass', resource: 'org_1' }],
    },
    {
      name: 'members of an organization not read',
      tenant: tenant(orgs, (t) => { t.organizationMembers = { org_1: { count: 1, more: false } }; }),
      findings: [{ status: 'unknown', messageId: 'not-read', resource: 'org_2' }],
    },
  ],
});
