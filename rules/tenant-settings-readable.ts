import { bothPlans, defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'tenant-settings-readable',
  title: 'The tenant exists and its settings are readable',
  topics: bothPlans('p1.architecture.tenant-provision'),
  severity: 'blocker',
  checks: ['TEN-01'],
  rationale:
    'Tenant provisioning precedes every other workstream. Reading the tenant settings with the audit token proves the tenant exists, is the one intended, and can be evaluated at all.',
  remediation:
    'Create the tenant (Dashboard → tenant menu → Create tenant, in the region you need), then grant the audit application `read:tenant_settings` on the Management API (Applications → APIs → Auth0 Management API → Machine to Machine Applications).',
  docs: 'https://auth0.com/docs/get-started/auth0-overview/create-tenants',
  needs: ['tenantSettings'],
  messages: {
    ok: 'Tenant settings read{name}',
  },
  evaluate({ tenantSettings }) {
    const name = tenantSettings.friendly_name ? ` ("${tenantSettings.friendly_name}")` : '';
    return [{ status: 'pass', messageId: 'ok', data: { name }, resource: { type: 'tenant', id: 'settings', name: 'Tenant settings' } }];
  },
});
