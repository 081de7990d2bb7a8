import rule from '../../rules/tenant-branding-identity.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const settings = (patch: Record<string, unknown>) => tenant((t) => { t.tenantSettings = { ...t.tenantSettings, ...patch }; });

ruleTester(rule, {
  valid: [{ name: 'friendly name and https logo', tenant: tenant() }],
  invalid: [
    {
      name: 'a brand-new tenant has neither',
      tenant: settings({ friendly_name: undefined, picture_url: undefined }),
      findings: [
        { status: 'fail', messageId: 'no-name', severity: 'advice', resource: 'friendly_name', field: 'friendly_name', value: null },
        { status: 'fail', messageId: 'no-logo', resource: 'picture_url', field: 'picture_url', value: null },
      ],
    },
    {
      // One missing logo, one finding: with no Universal Login logo and no theme either,
      // universal-login-branding reports it (no-logo) and this rule does not count it again.
      name: 'no logo anywhere: owned by universal-login-branding',
      tenant: tenant((t) => {
        t.tenantSettings = { ...t.tenantSettings, picture_url: undefined };
        t.branding = { ...t.branding, logo_url: undefined };
        t.brandingTheme = null;
      }),
      findings: [{ status: 'n/a', messageId: 'logo-owned', resource: 'picture_url' }],
    },
    {
      name: 'the login page has a logo, the tenant settings none: the generic error page shows none',
      tenant: settings({ picture_url: '' }),
      findings: [{ status: 'fail', messageId: 'no-logo', resource: 'picture_url', value: '' }],
    },
    { name: 'blank friendly name', tenant: settings({ friendly_name: '  ' }), findings: [{ status: 'fail', messageId: 'no-name', field: 'friendly_name', value: '  ' }] },
    {
      name: 'logo served over http',
      tenant: settings({ picture_url: 'http://cdn.acme.example/logo.png' }),
      findings: [{ status: 'fail', messageId: 'logo-not-https', resource: 'picture_url', field: 'picture_url', value: 'http://cdn.acme.example/logo.png' }, { status: 'pass', messageId: 'name' }],
    },
  ],
});
