import { expect, it } from 'vitest';
import rule from '../../rules/mfa-page-branded.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, unavailable, type Mutator } from '../support/tenant.js';

const classic: Mutator = (t) => { t.prompts = { ...t.prompts, universal_login_experience: 'classic' }; };
const noMfa: Mutator = (t) => { t.guardianFactors = (t.guardianFactors ?? []).map((f) => ({ ...f, enabled: f.name === 'recovery-code' ? f.enabled : false })); };

ruleTester(rule, {
  valid: [
    { name: 'new UL with a theme', tenant: tenant() },
    { name: 'new UL with logo and colour, no theme', tenant: tenant((t) => { t.brandingTheme = null; }) },
    { name: 'classic with a custom MFA page', tenant: tenant(classic) },
  ],
  invalid: [
    {
      // One missing logo, one finding: universal-login-branding owns the login branding the new MFA
      // prompts follow (and also evidences p2.branding.mfa-page).
      name: 'new UL, login page not branded: left to universal-login-branding',
      tenant: tenant((t) => { t.brandingTheme = null; t.branding = { logo_url: 'https://cdn.acme.example/logo.svg' }; }),
      findings: [{ status: 'n/a', messageId: 'new-follows-login', resource: 'guardian_mfa_page' }],
    },
    {
      name: 'classic default MFA page',
      tenant: tenant(classic, (t) => { t.tenantSettings = { ...t.tenantSettings, guardian_mfa_page: { enabled: false, html: '' } }; }),
      findings: [{ status: 'fail', messageId: 'classic-default', resource: 'guardian_mfa_page', field: 'guardian_mfa_page.enabled', value: false }],
    },
    {
      name: 'classic page enabled but empty',
      tenant: tenant(classic, (t) => { t.tenantSettings = { ...t.tenantSettings, guardian_mfa_page: { enabled: true } }; }),
      findings: [{ status: 'fail', messageId: 'classic-default', value: true }],
    },
    { name: 'MFA factors unreadable', tenant: tenant(unavailable('guardianFactors')), findings: [{ status: 'unknown', messageId: 'resource-unavailable', resource: 'guardian_mfa_page' }] },
    { name: 'branding unreadable: universal-login-branding says unknown, once', tenant: tenant(unavailable('brandingTheme'), unavailable('branding')), findings: [{ status: 'n/a', messageId: 'new-follows-login' }] },
  ],
});

it('is n/a when no MFA factor is enabled (TEN-13 applies only when MFA-01 passes)', () => {
  const fs = run(rule, tenant(noMfa, classic, (t) => { t.tenantSettings = { ...t.tenantSettings, guardian_mfa_page: { enabled: false } }; }));
  expect(fs.map((f) => f.status)).toEqual(['n/a']);
});
