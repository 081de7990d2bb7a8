import rule from '../../rules/email-provider-from-address.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, unavailable } from '../support/tenant.js';
import { expect, it } from 'vitest';

const from = (address: string | undefined) => (t: Parameters<Parameters<typeof tenant>[0]>[0]) => {
  t.emailProvider = { name: 'sendgrid', enabled: true, ...(address ? { default_from_address: address } : {}) };
};

ruleTester(rule, {
  valid: [
    { name: 'from the parent of the custom domain', tenant: tenant() },
    { name: 'from the configured company domain', tenant: tenant(from('id@mail.acme.example'), (t) => { t.customDomains = []; }), settings: { companyDomain: 'acme.example' } },
  ],
  invalid: [
    { name: 'no from-address', tenant: tenant(from(undefined)), findings: [{ status: 'fail', messageId: 'no-from', field: 'default_from_address' }] },
    { name: 'from a free-mail domain', tenant: tenant(from('acme.login@gmail.com')), findings: [{ status: 'fail', messageId: 'not-yours', value: 'acme.login@gmail.com' }] },
    { name: 'from another company', tenant: tenant(from('no-reply@other.example')), findings: [{ status: 'fail', messageId: 'not-yours', resource: 'sendgrid' }] },
  ],
});

it('cannot compare without a reference domain, and says so', () => {
  const fs = run(rule, tenant(unavailable('customDomains')));
  expect(fs.map((f) => f.messageId)).toEqual(['ok-unchecked']);
});

it('is n/a when no provider is configured', () => {
  expect(run(rule, tenant((t) => { t.emailProvider = null; })).map((f) => f.status)).toEqual(['n/a']);
});
