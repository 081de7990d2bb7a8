import { bothPlans, defineRule } from '../src/engine/define-rule.js';

const RESOURCE = { type: 'tenant', id: 'support_email', name: 'Tenant support email' };
/** One address, `local@domain.tld`: what the login and error pages can put in a mailto: link. */
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

export default defineRule({
  id: 'tenant-support-email',
  title: 'A support email address is configured',
  topics: bothPlans('p1.branding.error-page'),
  severity: 'blocker',
  prodOnly: true,
  checks: ['TEN-03'],
  checkmate: ['checkSupportEmail'],
  dashboard: ['support-email'],
  rationale:
    'When login fails, the Auth0 error page and several prompts point users to the tenant support email. Without one a locked-out user has no way to reach you and calls whatever number they can find. The Dashboard readiness check lists it as a critical fix.',
  remediation:
    'Dashboard → Settings → General → Settings → "Support Email": a monitored mailbox (not a person); or PATCH /api/v2/tenants/settings with `{"support_email": "support@yourcompany.com"}`.',
  docs: 'https://auth0.com/docs/deploy-monitor/pre-deployment-checks/production-check-required-fixes',
  needs: ['tenantSettings'],
  messages: {
    ok: 'Support email is {email}',
    missing: 'No support email is configured: users who cannot log in have no contact',
    invalid: 'Support email "{email}" is not a valid email address',
  },
  evaluate({ tenantSettings }) {
    const email = tenantSettings.support_email?.trim();
    if (!email) return [{ status: 'fail', messageId: 'missing', resource: RESOURCE, field: 'support_email', value: tenantSettings.support_email ?? null }];
    if (!EMAIL.test(email)) return [{ status: 'fail', messageId: 'invalid', data: { email }, resource: RESOURCE, field: 'support_email', value: email }];
    return [{ status: 'pass', messageId: 'ok', data: { email }, resource: RESOURCE }];
  },
});
