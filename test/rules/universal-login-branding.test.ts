import rule from '../../rules/universal-login-branding.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, unavailable } from '../support/tenant.js';

ruleTester(rule, {
  valid: [
    { name: 'a theme', tenant: tenant() },
    { name: 'logo and colour, no theme', tenant: tenant((t) => { t.brandingTheme = null; }) },
  ],
  invalid: [
    { name: 'nothing branded', tenant: tenant((t) => { t.brandingTheme = null; t.branding = {}; }), findings: [{ status: 'fail', messageId: 'no-logo', field: 'logo_url' }, { status: 'fail', messageId: 'no-color', field: 'colors.primary' }] },
    { name: 'theme unreadable, no colour', tenant: tenant(unavailable('brandingTheme'), (t) => { t.branding = { logo_url: 'https://x.example/l.png' }; }), findings: [{ status: 'fail', messageId: 'no-color' }] },
  ],
});
