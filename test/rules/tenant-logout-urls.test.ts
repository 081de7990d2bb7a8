import rule from '../../rules/tenant-logout-urls.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const urls = (allowed_logout_urls: string[] | null | undefined) => tenant((t) => { t.tenantSettings = { ...t.tenantSettings, allowed_logout_urls }; });

ruleTester(rule, {
  valid: [{ name: 'two exact https URLs', tenant: tenant() }],
  invalid: [
    { name: 'none configured', tenant: urls([]), findings: [{ status: 'fail', messageId: 'none', severity: 'warning', resource: 'allowed_logout_urls', field: 'allowed_logout_urls', value: [] }] },
    { name: 'absent', tenant: urls(undefined), findings: [{ status: 'fail', messageId: 'none', value: null }] },
    {
      name: 'one bad URL among good ones, each reported',
      tenant: urls(['https://www.acme.example/', 'http://localhost:3000/', 'http://www.acme.example/bye', 'https://*.acme.example/']),
      findings: [
        { status: 'pass', messageId: 'ok' },
        { status: 'fail', messageId: 'localhost', field: 'allowed_logout_urls[1]', value: 'http://localhost:3000/' },
        { status: 'fail', messageId: 'not-https', field: 'allowed_logout_urls[2]', value: 'http://www.acme.example/bye' },
        { status: 'fail', messageId: 'wildcard', field: 'allowed_logout_urls[3]', value: 'https://*.acme.example/' },
      ],
    },
  ],
});
