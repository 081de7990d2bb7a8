import rule from '../../rules/error-page-custom.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const page = (error_page: Record<string, unknown> | null) => tenant((t) => { t.tenantSettings = { ...t.tenantSettings, error_page }; });

ruleTester(rule, {
  valid: [
    { name: 'redirect to an https page', tenant: tenant() },
    { name: 'the log-link setting does not matter once a custom page replaces the generic one', tenant: page({ url: 'https://www.acme.example/error', show_log_link: true }) },
    { name: 'hosted HTML, all output escaped', tenant: page({ html: '<p>{{ error_description | escape }}</p><a href="{{ tracking | url_encode }}">x</a>' }) },
    {
      name: "every escaping filter Auth0's Liquid documents: escape, escape_once, url_encode (after other filters too)",
      tenant: page({ html: '<p>{{ error_description | escape_once }}</p><p>{{error|downcase|escape}}</p><a href="/?e={{ error | url_encode }}">x</a><p>{{- error_description | strip | escape -}}</p>' }),
    },
    { name: 'a string literal output needs no escaping', tenant: page({ html: '<p>{{ "Something went wrong" }}</p>' }) },
  ],
  invalid: [
    {
      name: 'filters that do not exist in Auth0\'s Liquid escape nothing (html_escape, h, xml_escape, cgi_escape, uri_escape)',
      tenant: page({ html: '<p>{{ error_description | html_escape }}</p><p>{{ error | h }}</p><p>{{ error | xml_escape }}</p><p>{{ error | cgi_escape }}</p><p>{{ error | uri_escape }}</p>' }),
      findings: [
        { status: 'fail', messageId: 'unescaped', value: '{{ error_description | html_escape }}' },
        { status: 'fail', messageId: 'unescaped', value: '{{ error | h }}' },
        { status: 'fail', messageId: 'unescaped', value: '{{ error | xml_escape }}' },
        { status: 'fail', messageId: 'unescaped', value: '{{ error | cgi_escape }}' },
        { status: 'fail', messageId: 'unescaped', value: '{{ error | uri_escape }}' },
      ],
    },
    {
      name: 'json is not an HTML escape, and url_decode or append of a variable after escaping undoes it',
      tenant: page({ html: '<script>var e = {{ error | json }};</script><p>{{ error | url_encode | url_decode }}</p><p>{{ error | escape | append: error_description }}</p>' }),
      findings: [
        { status: 'fail', messageId: 'unescaped', value: '{{ error | json }}' },
        { status: 'fail', messageId: 'unescaped', value: '{{ error | url_encode | url_decode }}' },
        { status: 'fail', messageId: 'unescaped', value: '{{ error | escape | append: error_description }}' },
      ],
    },
    { name: 'no custom page', tenant: page(null), findings: [{ status: 'fail', messageId: 'default', field: 'error_page' }] },
    {
      // "show_log_link: Indicates whether to show a link to the error in your tenant logs"
      // (https://auth0.com/docs/customize/login-pages/custom-error-pages): on the generic page only.
      name: 'the generic page with the tenant-log link on',
      tenant: page({ html: '', url: '', show_log_link: true }),
      findings: [
        { status: 'fail', messageId: 'default' },
        { status: 'fail', messageId: 'log-link', severity: 'advice', field: 'error_page.show_log_link', value: true },
      ],
    },
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
