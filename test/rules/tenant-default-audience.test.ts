import rule from '../../rules/tenant-default-audience.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const audience = (default_audience: string | undefined) => tenant((t) => { t.tenantSettings = { ...t.tenantSettings, default_audience }; });

ruleTester(rule, {
  valid: [
    { name: 'empty string (the API default)', tenant: tenant() },
    { name: 'absent', tenant: audience(undefined) },
  ],
  invalid: [
    { name: 'an API as default audience', tenant: audience('https://api.acme.example'), findings: [{ status: 'fail', messageId: 'set', severity: 'advice', resource: 'default_audience', field: 'default_audience', value: 'https://api.acme.example' }] },
    { name: 'an own API whose path ends in /api/v2 is not the Management API', tenant: audience('https://api.acme.example/api/v2/'), findings: [{ status: 'fail', messageId: 'set', severity: 'advice' }] },
    { name: 'the Management API as default audience', tenant: audience('https://acme-prod.us.auth0.com/api/v2/'), findings: [{ status: 'fail', messageId: 'management-api', severity: 'warning', field: 'default_audience' }] },
  ],
});
