import rule from '../../rules/tenant-login-uri.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const uri = (default_redirection_uri: string | null | undefined) => tenant((t) => { t.tenantSettings = { ...t.tenantSettings, default_redirection_uri }; });

ruleTester(rule, {
  valid: [{ name: 'an https login route', tenant: tenant() }],
  invalid: [
    { name: 'not set', tenant: uri(undefined), findings: [{ status: 'fail', messageId: 'missing', severity: 'blocker', resource: 'default_redirection_uri', field: 'default_redirection_uri', value: null }] },
    { name: 'not set on a dev tenant: one level lower', env: 'dev', tenant: uri(''), findings: [{ status: 'fail', messageId: 'missing', severity: 'warning' }] },
    { name: 'http', tenant: uri('http://www.acme.example/login'), findings: [{ status: 'fail', messageId: 'not-https', field: 'default_redirection_uri', value: 'http://www.acme.example/login' }] },
    { name: 'localhost left from development', tenant: uri('http://localhost:3000/login'), findings: [{ status: 'fail', messageId: 'localhost', value: 'http://localhost:3000/login' }] },
    { name: 'loopback over https', tenant: uri('https://127.0.0.1/login'), findings: [{ status: 'fail', messageId: 'localhost' }] },
    { name: 'wildcard', tenant: uri('https://*.acme.example/login'), findings: [{ status: 'fail', messageId: 'wildcard', field: 'default_redirection_uri' }] },
  ],
});
