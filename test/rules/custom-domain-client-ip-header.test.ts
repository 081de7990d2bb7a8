import rule from '../../rules/custom-domain-client-ip-header.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';
import { expect, it } from 'vitest';

const selfManaged = (header: string | null) => tenant((t) => {
  t.customDomains = [{ domain: 'id.acme.example', custom_domain_id: 'cd_sm', status: 'ready', type: 'self_managed_certs', custom_client_ip_header: header }];
});

ruleTester(rule, {
  valid: [{ name: 'self-managed with cf-connecting-ip', tenant: selfManaged('cf-connecting-ip') }],
  invalid: [
    { name: 'self-managed without a header', tenant: selfManaged(null), findings: [{ status: 'fail', messageId: 'missing', resource: 'cd_sm', field: 'custom_client_ip_header' }] },
  ],
});

it('is n/a for Auth0-managed certificates', () => {
  expect(run(rule, tenant()).map((f) => f.status)).toEqual(['n/a']);
});
