import rule from '../../rules/tenant-support-url.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const url = (support_url: string | null | undefined) => tenant((t) => { t.tenantSettings = { ...t.tenantSettings, support_url }; });

ruleTester(rule, {
  valid: [{ name: 'an https help page', tenant: tenant() }],
  invalid: [
    { name: 'not set', tenant: url(undefined), findings: [{ status: 'fail', messageId: 'missing', severity: 'blocker', resource: 'support_url', field: 'support_url', value: null }] },
    { name: 'not set on a QA tenant: one level lower', env: 'qa', tenant: url(''), findings: [{ status: 'fail', messageId: 'missing', severity: 'warning' }] },
    { name: 'plain http', tenant: url('http://help.acme.example'), findings: [{ status: 'fail', messageId: 'not-https', field: 'support_url', value: 'http://help.acme.example' }] },
    { name: 'not a URL', tenant: url('help.acme.example'), findings: [{ status: 'fail', messageId: 'not-https', value: 'help.acme.example' }] },
    { name: 'a development host', tenant: url('https://localhost:3000/help'), findings: [{ status: 'fail', messageId: 'localhost', value: 'https://localhost:3000/help' }] },
  ],
});
