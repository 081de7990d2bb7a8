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
    { name: 'blank friendly name', tenant: settings({ friendly_name: '  ' }), findings: [{ status: 'fail', messageId: 'no-name', field: 'friendly_name', value: '  ' }] },
    {
      name: 'logo served over http',
      tenant: settings({ picture_url: 'http://cdn.acme.example/logo.png' }),
      findings: [{ status: 'fail', messageId: 'logo-not-https', resource: 'picture_url', field: 'picture_url', value: 'http://cdn.acme.example/logo.png' }, { status: 'pass', messageId: 'name' }],
    },
  ],
});
