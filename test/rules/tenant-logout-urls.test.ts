import rule from '../../rules/tenant-logout-urls.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, unavailable } from '../support/tenant.js';

const urls = (allowed_logout_urls: string[] | null | undefined, appUrls?: (name: string | undefined) => string[] | undefined) =>
  tenant((t) => {
    t.tenantSettings = { ...t.tenantSettings, allowed_logout_urls };
    if (appUrls) t.clients = (t.clients ?? []).map((c) => ({ ...c, allowed_logout_urls: appUrls(c.name) }));
  });
const noInteractiveApps = tenant((t) => {
  t.tenantSettings = { ...t.tenantSettings, allowed_logout_urls: [] };
  t.clients = (t.clients ?? []).filter((c) => c.app_type === 'non_interactive' || c.global);
});

// "If the client_id parameter is included, the returnTo URL must be listed in the Allowed Logout URLs
// set at the application level" (https://auth0.com/docs/authenticate/login/logout/redirect-users-after-logout):
// an empty tenant list is fine when every interactive application has its own.

ruleTester(rule, {
  valid: [
    { name: 'two exact https URLs', tenant: tenant() },
    { name: 'no tenant list, every interactive application with its own', tenant: urls([], () => ['https://www.acme.example/']) },
  ],
  invalid: [
    { name: 'none configured, no interactive application', tenant: noInteractiveApps, findings: [{ status: 'fail', messageId: 'none', severity: 'warning', resource: 'allowed_logout_urls', field: 'allowed_logout_urls', value: [] }] },
    {
      name: 'no tenant list and one application without its own',
      tenant: urls(undefined, (name) => (name === 'Acme Mobile' ? undefined : ['https://www.acme.example/'])),
      findings: [
        { status: 'fail', messageId: 'app-uncovered', resource: 'Acme Mobile', field: 'allowed_logout_urls', value: null },
        { status: 'pass', messageId: 'app-covered', resource: 'Acme Web Store' },
      ],
    },
    {
      name: 'no tenant list and the applications cannot be read',
      tenant: tenant((t) => { t.tenantSettings = { ...t.tenantSettings, allowed_logout_urls: [] }; }, unavailable('clients')),
      findings: [{ status: 'unknown', messageId: 'resource-unavailable', resource: 'allowed_logout_urls' }],
    },
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
