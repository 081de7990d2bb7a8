import rule from '../../rules/tenant-node-runtime.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, tenantFrom } from '../support/tenant.js';

const version = (sandbox_version: string | undefined) => tenant((t) => { t.tenantSettings = { ...t.tenantSettings, sandbox_version }; });

ruleTester(rule, {
  valid: [
    { name: 'Node 22', tenant: tenant() },
    { name: 'a newer runtime', tenant: version('24') },
    { name: 'the recommendation is a setting', tenant: version('18'), settings: { recommendedNode: 18 } },
  ],
  invalid: [
    { name: 'a brand-new tenant still on Node 18', tenant: tenantFrom('brand-new'), findings: [{ status: 'fail', messageId: 'old', severity: 'blocker', resource: 'sandbox_version', field: 'sandbox_version', value: '18' }] },
    { name: 'Node 16 written with a prefix', tenant: version('v16'), findings: [{ status: 'fail', messageId: 'old', value: 'v16' }] },
    { name: 'not reported', tenant: version(undefined), findings: [{ status: 'unknown', messageId: 'unreported', field: 'sandbox_version', value: null }] },
    { name: 'unreadable value', tenant: version('latest'), findings: [{ status: 'unknown', messageId: 'unreported', value: 'latest' }] },
  ],
});
