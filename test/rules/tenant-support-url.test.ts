import rule from '../../rules/tenant-support-url.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const url = (support_url: string | null | undefined) => tenant((t) => { t.tenantSettings = { ...t.tenantSettings, support_url }; });

ruleTester(rule, {
  valid: [{ name: 'an https help page', tenant: tenant() }],
  invalid: [
    // Auth0: a critical readiness item, "a best practice" in its Deployment Checklist (DEC20); only the
    // generic error page uses it (https://auth0.com/docs/authenticate/login/auth0-universal-login/error-pages): a warning.
    { name: 'not set', tenant: url(undefined), findings: [{ status: 'fail', messageId: 'missing', severity: 'warning', resource: 'support_url', field: 'support_url', value: null }] },
    { name: 'not set on a QA tenant: one level lower', env: 'qa', tenant: url(''), findings: [{ status: 'fail', messageId: 'missing', severity: 'advice' }] },
    // The API accepts http (support_url `format: absolute-uri-or-empty`): advice.
    { name: 'plain http', tenant: url('http://help.acme.example'), findings: [{ status: 'fail', messageId: 'not-https', severity: 'advice', field: 'support_url', value: 'http://help.acme.example' }] },
    { name: 'not a URL', tenant: url('help.acme.example'), findings: [{ status: 'fail', messageId: 'not-https', severity: 'warning', value: 'help.acme.example' }] },
    { name: 'a development host', tenant: url('https://localhost:3000/help'), findings: [{ status: 'fail', messageId: 'localhost', value: 'https://localhost:3000/help' }] },
  ],
});
