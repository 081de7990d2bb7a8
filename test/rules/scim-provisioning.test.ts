import rule from '../../rules/scim-provisioning.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, tenantFrom } from '../support/tenant.js';
import { expect, it } from 'vitest';

const withScim = tenantFrom('b2b-organizations', (t) => {
  t.scimConfigurations = [
    { connection_id: 'con_Rd8EpEhTFYBomjxD', connection_name: 'initech-saml', strategy: 'samlp', tenant_name: 'globex' },
    { connection_id: 'con_9GemCIBBjpperlHc', strategy: 'okta' },
  ];
});

ruleTester(rule, {
  valid: [
    { name: 'no SCIM configuration (n/a)', tenant: tenant() },
    { name: 'two enterprise connections with SCIM', tenant: withScim },
  ],
  invalid: [],
});

it('passes once per SCIM configuration, naming the connection', () => {
  const fs = run(rule, withScim);
  expect(fs.map((f) => [f.status, f.resource?.id, f.message])).toEqual([
    ['pass', 'con_Rd8EpEhTFYBomjxD', 'Connection initech-saml (samlp) receives SCIM provisioning'],
    ['pass', 'con_9GemCIBBjpperlHc', 'Connection con_9GemCIBBjpperlHc (okta) receives SCIM provisioning'],
  ]);
});

it('is n/a without SCIM configurations', () => {
  expect(run(rule, tenant()).map((f) => f.status)).toEqual(['n/a']);
});
