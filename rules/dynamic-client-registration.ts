import { bothPlans, defineRule } from '../src/engine/define-rule.js';

const RESOURCE = { type: 'tenant-flag', id: 'enable_dynamic_client_registration', name: 'Dynamic Client Registration' };

export default defineRule({
  id: 'dynamic-client-registration',
  title: 'Dynamic Client Registration is off unless deliberately opened',
  topics: bothPlans('p1.authentication.application-integration'),
  severity: 'advice',
  checks: [],
  checkmate: ['checkEnabledDynamicClientRegistration'],
  rationale:
    'With Dynamic Client Registration on, the public /oidc/register endpoint lets anyone create third-party applications on the tenant, without credentials. They can then request consent for your APIs from your users through domain-level connections. It is the right choice for an open developer ecosystem or MCP clients, but only together with third-party application policies, consent, rate limits (or a Tenant ACL on the `dynamic_client_registration` scope) and monitoring of the registrations.',
  remediation:
    'If nobody registers applications dynamically: Dashboard → Settings → Advanced → Settings: turn off "Dynamic Client Registration (DCR)"; or PATCH /api/v2/tenants/settings with `{"flags": {"enable_dynamic_client_registration": false}}`. If you need it, keep it on and record the decision (waive this finding), with domain-level connections and API consent reviewed.',
  docs: 'https://auth0.com/docs/get-started/applications/dynamic-client-registration',
  needs: ['tenantSettings'],
  messages: {
    off: 'Dynamic Client Registration is off: applications are created by administrators only',
    on: 'Dynamic Client Registration is on: anyone can register third-party applications through /oidc/register',
  },
  evaluate({ tenantSettings }) {
    return tenantSettings.flags?.enable_dynamic_client_registration === true
      ? [{ status: 'fail', messageId: 'on', resource: RESOURCE, field: 'flags.enable_dynamic_client_registration', value: true }]
      : [{ status: 'pass', messageId: 'off', resource: RESOURCE }];
  },
});
