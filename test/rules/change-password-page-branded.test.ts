import rule from '../../rules/change-password-page-branded.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, unavailable } from '../support/tenant.js';

const classic = (t: Parameters<Parameters<typeof tenant>[0]>[0]) => { t.prompts = { universal_login_experience: 'classic' }; };

ruleTester(rule, {
  valid: [
    { name: 'new UL with a theme', tenant: tenant() },
    { name: 'classic with a custom page', tenant: tenant(classic) },
    // The page takes the logo and the primary colour from the tenant branding: either is yours.
    { name: 'new UL, no theme, a logo of your own (no primary colour)', tenant: tenant((t) => { t.brandingTheme = null; t.branding = { logo_url: 'https://cdn.acme.example/logo.svg' }; }) },
  ],
  invalid: [
    { name: 'new UL, nothing branded', tenant: tenant((t) => { t.brandingTheme = null; t.branding = {}; }), findings: [{ status: 'fail', messageId: 'new-unbranded' }] },
    { name: 'classic default page', tenant: tenant(classic, (t) => { t.tenantSettings = { ...t.tenantSettings, change_password: { enabled: false } }; }), findings: [{ status: 'fail', messageId: 'classic-default', field: 'change_password.enabled', value: false }] },
    { name: 'new UL, branding unreadable', tenant: tenant(unavailable('brandingTheme'), unavailable('branding')), findings: [{ status: 'unknown', messageId: 'new-unknown' }] },
  ],
});
