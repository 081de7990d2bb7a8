import rule from '../../rules/error-page-custom.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const page = (error_page: Record<string, unknown> | null) => tenant((t) => { t.tenantSettings = { ...t.tenantSettings, error_page }; });

ruleTester(rule, {
  valid: [
    { name: 'redirect to an https page', tenant: tenant() },
    { name: 'hosted HTML, all output escaped', tenant: page({ html: '<p>{{ error_description | escape }}</p><a href="{{ tracking | url_encode }}">x</a>' }) },
  ],
  invalid: [
    { name: 'no custom page', tenant: page(null), findings: [{ status: 'fail', messageId: 'default', field: 'error_page' }] },
    { name: 'http redirect', tenant: page({ url: 'http://www.acme.example/error' }), findings: [{ status: 'fail', messageId: 'not-https', value: 'http://www.acme.example/error' }] },
    {
      name: 'unescaped Liquid output (XSS)',
      tenant: page({ html: '<h1>Oops</h1>\n<p>{{ error_description }}</p>\n<p>{{ error | raw }}</p>' }),
      findings: [
        { status: 'fail', messageId: 'unescaped', field: 'error_page.html', value: '{{ error_description }}' },
        { status: 'fail', messageId: 'unescaped', value: '{{ error | raw }}' },
      ],
    },
  ],
});
