import { bothPlans, defineRule } from '../src/engine/define-rule.js';

const RESOURCE = { type: 'tenant', id: 'support_email', name: 'Tenant support email' };
/** One address, `local@domain.tld`: what the login and error pages can put in a mailto: link. */
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

export default defineRule({
  id: 'tenant-support-email',
  title: 'A support email address is configured',
  topics: bothPlans('p1.branding.error-page'),
  // Calibrated: Auth0's readiness check lists "Support Email should be configured" among its critical
  // fixes, its Deployment Checklist (DEC25) calls it "a best practice", and nothing stops working
  // without it (https://auth0.com/docs/authenticate/login/auth0-universal-login/error-pages: the generic
  // error page shows it "if you have configured" it). A warning, not a Go-Live blocker.
  severity: 'warning',
  prodOnly: true,
  checks: ['TEN-03'],
  checkmate: ['checkSupportEmail'],
  dashboard: ['support-email'],
  rationale:
    'When Auth0 cannot return an error to the application, its generic error page shows the tenant support email (with the friendly name, logo and support URL) so a stranded user can reach you; without one the page offers no contact. Auth0\'s readiness check lists "Support Email should be configured" among its critical fixes, while its deployment checklist calls it a best practice: nothing breaks without it, so it is a warning here (production only). The Management API already rejects a malformed address (`format: email-or-empty`); only an offline export can hold one.',
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
