import { bothPlans, defineRule } from '../src/engine/define-rule.js';
import { isHttps, isLocalhost, parseUrl } from '../src/engine/urls.js';

const RESOURCE = { type: 'tenant', id: 'support_url', name: 'Tenant support URL' };

export default defineRule({
  id: 'tenant-support-url',
  title: 'A support URL is configured, and it is a public page of yours',
  topics: bothPlans('p1.branding.error-page'),
  // Calibrated as tenant-support-email: "Support URL is configured" is a critical item of Auth0's
  // readiness check, a best practice in its Deployment Checklist (DEC20), and only the generic error
  // page uses it. The API accepts http (`format: absolute-uri-or-empty`): plain http is advice.
  severity: 'warning',
  prodOnly: true,
  checks: ['TEN-04'],
  checkmate: ['checkSupportUrl'],
  dashboard: ['support-url'],
  rationale:
    'When Auth0 cannot return an error to the application, its generic error page links to the tenant support URL so a stranded user can get help; without one, or with a development URL, the link leads nowhere. Auth0\'s readiness check lists "Support URL is configured" among its critical fixes, while its deployment checklist calls it a best practice: nothing breaks without it, so it is a warning here (production only). Auth0 accepts an http URL; https is advised, not required.',
  remediation:
    'Dashboard → Settings → General → Settings → "Support URL": your help-centre or contact page, on https; or PATCH /api/v2/tenants/settings with `{"support_url": "https://…"}`.',
  docs: 'https://auth0.com/docs/deploy-monitor/pre-deployment-checks/production-check-required-fixes',
  needs: ['tenantSettings'],
  messages: {
    ok: 'Support URL is {url}',
    missing: 'No support URL is configured: users who cannot log in have nowhere to go',
    'not-https': 'Support URL {url} is not an https URL',
    localhost: 'Support URL {url} points at a local development host',
  },
  evaluate({ tenantSettings }) {
    const url = tenantSettings.support_url?.trim();
    if (!url) return [{ status: 'fail', messageId: 'missing', resource: RESOURCE, field: 'support_url', value: tenantSettings.support_url ?? null }];
    if (isLocalhost(url)) return [{ status: 'fail', messageId: 'localhost', data: { url }, resource: RESOURCE, field: 'support_url', value: url }];
    if (!parseUrl(url)) return [{ status: 'fail', messageId: 'not-https', data: { url }, resource: RESOURCE, field: 'support_url', value: url }];
    if (!isHttps(url)) return [{ status: 'fail', messageId: 'not-https', data: { url }, resource: RESOURCE, field: 'support_url', value: url, severity: 'advice' }];
    return [{ status: 'pass', messageId: 'ok', data: { url }, resource: RESOURCE }];
  },
});
