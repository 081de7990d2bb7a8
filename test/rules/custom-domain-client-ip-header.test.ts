import rule from '../../rules/custom-domain-client-ip-header.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';
import { expect, it } from 'vitest';

const selfManaged = (header: string | null | undefined) => tenant((t) => {
  t.customDomains = [{ domain: 'id.acme.example', custom_domain_id: 'cd_sm', status: 'ready', type: 'self_managed_certs', custom_client_ip_header: header }];
});

ruleTester(rule, {
  valid: [
    { name: 'self-managed with cf-connecting-ip', tenant: selfManaged('cf-connecting-ip') },
    // Unset is the documented default (OAS CustomDomainCustomClientIpHeaderEnum default x-forwarded-for): not a fault (issue 16 §3).
    { name: 'self-managed without a header: the documented default x-forwarded-for applies', tenant: selfManaged(null) },
    { name: 'an empty header is the default too', tenant: selfManaged('') },
  ],
  invalid: [],
});

it('passes the default, and says the API cannot see what the proxy sends', () => {
  const fs = run(rule, selfManaged(null));
  expect(fs.map((f) => `${f.status} ${f.messageId}`)).toEqual(['pass default']);
  expect(fs[0]?.message).toContain('x-forwarded-for');
  expect(fs[0]?.message).toContain('cannot see');
});

it('is n/a for Auth0-managed certificates', () => {
  expect(run(rule, tenant()).map((f) => f.status)).toEqual(['n/a']);
});
