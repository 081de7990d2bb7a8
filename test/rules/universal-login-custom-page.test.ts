import { expect, it } from 'vitest';
import rule from '../../rules/universal-login-custom-page.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, tenantFrom, type Mutator } from '../support/tenant.js';

const customPage = (html?: string): Mutator => (t) => {
  t.clients = (t.clients ?? []).map((c) => (c.global ? { ...c, custom_login_page_on: true, ...(html ? { custom_login_page: html } : {}) } : c));
};

ruleTester(rule, {
  valid: [
    { name: 'standard login page: n/a', tenant: tenant() },
    { name: 'other applications with custom_login_page_on do not matter', tenant: tenantFrom('brand-new') },
  ],
  invalid: [
    {
      name: 'custom Lock page on the global client',
      tenant: tenant(customPage('<script src="https://cdn.auth0.com/js/lock/12.5/lock.min.js"></script><script>new Auth0Lock(config.clientID, config.auth0Domain)</script>')),
      findings: [{ status: 'fail', messageId: 'custom', severity: 'advice', resource: 'All Applications', field: 'custom_login_page_on', value: true }],
    },
    { name: 'custom page, HTML not visible', tenant: tenant(customPage()), findings: [{ status: 'fail', messageId: 'custom', resource: 'ilsfTxXPjy3BMIZcKwzcQQaU5GWV3NjZ' }] },
  ],
});

it('asks for an attestation', () => {
  const [f] = run(rule, tenant(customPage('<div>Auth0Lock</div>')));
  expect(f?.message).toContain('attest');
  expect(f?.message).toContain('Lock');
});

it('is n/a when the global client is not in the list', () => {
  expect(run(rule, tenant((t) => { t.clients = (t.clients ?? []).filter((c) => !c.global); })).map((f) => f.status)).toEqual(['n/a']);
});
