import { expect, it } from 'vitest';
import rule from '../../rules/custom-domain-in-emails.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, tenantFrom, type Mutator } from '../support/tenant.js';

const flag = (value: unknown): Mutator => (t) => {
  t.tenantSettings = { ...t.tenantSettings, flags: { ...t.tenantSettings?.flags, enable_custom_domain_in_emails: value } };
};

ruleTester(rule, {
  valid: [
    { name: 'flag on with a ready custom domain', tenant: tenant() },
    { name: 'flag not reported, the ready domain is the default one (multiple custom domains)', tenant: tenant(flag(undefined)) },
  ],
  invalid: [
    {
      name: 'flag off with a ready custom domain',
      tenant: tenant(flag(false)),
      findings: [{ status: 'fail', messageId: 'off', severity: 'blocker', resource: 'enable_custom_domain_in_emails', field: 'flags.enable_custom_domain_in_emails', value: false }],
    },
    { name: 'flag off on a dev tenant: one level lower', env: 'dev', tenant: tenant(flag(false)), findings: [{ status: 'fail', messageId: 'off', severity: 'warning' }] },
    {
      name: 'flag not reported and no default domain',
      tenant: tenant(flag(undefined), (t) => { t.customDomains = (t.customDomains ?? []).map((d) => ({ ...d, is_default: false })); }),
      findings: [{ status: 'fail', messageId: 'off', value: null }],
    },
  ],
});

it('is n/a without a ready custom domain (TEN-14 applies only when CD-01 passes)', () => {
  expect(run(rule, tenantFrom('brand-new')).map((f) => f.status)).toEqual(['n/a']);
  expect(run(rule, tenant(flag(false), (t) => { t.customDomains = [{ domain: 'login.acme.example', status: 'pending_verification' }]; })).map((f) => f.status)).toEqual(['n/a']);
});

// Auth0 lists "Use Custom Domain in branded email templates" as a critical fix once a custom
// domain exists (production-check-required-fixes); only the custom domain itself is our Decision 3.
it('says the severity is Auth0\'s own line', () => {
  expect(run(rule, tenant(flag(false)))[0]?.message).toContain('Auth0 rates this a critical fix');
  expect(rule.rationale).toContain('catalog Decision 3');
});
