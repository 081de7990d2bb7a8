import { expect, it } from 'vitest';
import rule from '../../rules/custom-domain-naming.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, tenantFrom } from '../support/tenant.js';

ruleTester(rule, {
  valid: [
    { name: 'login.acme.example under acme.example', tenant: tenant(), settings: { companyDomain: 'acme.example' } },
    { name: 'case and a leading dot do not matter', tenant: tenant(), settings: { companyDomain: '.ACME.example' } },
    { name: 'no companyDomain: n/a', tenant: tenant() },
  ],
  invalid: [
    {
      name: 'a look-alike domain',
      tenant: tenant((t) => { t.customDomains = [{ custom_domain_id: 'cd_1', domain: 'acme-login.example', status: 'ready' }]; }),
      settings: { companyDomain: 'acme.example' },
      findings: [{ status: 'fail', messageId: 'foreign', severity: 'advice', resource: 'cd_1', field: 'domain', value: 'acme-login.example' }],
    },
    {
      name: 'a suffix that is not a subdomain',
      tenant: tenant((t) => { t.customDomains = [{ domain: 'login.notacme.example', status: 'ready' }]; }),
      settings: { companyDomain: 'acme.example' },
      findings: [{ status: 'fail', messageId: 'foreign', resource: 'login.notacme.example' }],
    },
  ],
});

it('tells the user to set companyDomain', () => {
  const [f] = run(rule, tenant());
  expect(f?.status).toBe('n/a');
  expect(f?.message).toContain('companyDomain');
  expect(f?.message).toContain('login.acme.example');
});

it('is n/a without a ready custom domain', () => {
  expect(run(rule, tenantFrom('brand-new'), { settings: { companyDomain: 'acme.example' } }).map((f) => f.messageId)).toEqual(['nothing-to-check']);
});
