import { bothPlans, defineRule } from '../src/engine/define-rule.js';

const RESOURCE = { type: 'tenant-flag', id: 'enable_client_connections', name: 'Enable Application Connections' };

export default defineRule({
  id: 'tenant-client-connections-flag',
  title: 'New applications do not get every connection enabled automatically',
  topics: bothPlans('p1.authentication.application-integration'),
  severity: 'advice',
  checks: ['TEN-08'],
  rationale:
    'With "Enable Application Connections" on (the Auth0 default), every application created — by the Dashboard, Terraform, the Deploy CLI or Dynamic Client Registration — starts with every connection of the tenant enabled, test and enterprise connections included. Users can then log in to it through connections nobody intended. Turning it off makes each application\'s connections an explicit decision.',
  remediation:
    'Dashboard → Settings → Advanced → Settings: turn off "Enable Application Connections"; or PATCH /api/v2/tenants/settings with `{"flags": {"enable_client_connections": false}}`. Then enable connections per application (PATCH /api/v2/connections/{id}/clients).',
  docs: 'https://auth0.com/docs/get-started/tenant-settings',
  needs: ['tenantSettings'],
  messages: {
    off: 'New applications start with no connection enabled ("Enable Application Connections" is off)',
    on: 'New applications get every connection enabled automatically ("Enable Application Connections" is on)',
    default: 'The tenant does not report flags.enable_client_connections: the Auth0 default (on) applies, so new applications get every connection',
  },
  evaluate({ tenantSettings }) {
    const value = tenantSettings.flags?.enable_client_connections;
    if (value === false) return [{ status: 'pass', messageId: 'off', resource: RESOURCE }];
    if (value === true) return [{ status: 'fail', messageId: 'on', resource: RESOURCE, field: 'flags.enable_client_connections', value: true }];
    return [{ status: 'fail', messageId: 'default', resource: RESOURCE, field: 'flags.enable_client_connections', value: value ?? null }];
  },
});
