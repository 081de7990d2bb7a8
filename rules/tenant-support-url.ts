import { bothPlans, defineRule } from '../src/engine/define-rule.js';
import { isHttps, isLocalhost, parseUrl } from '../src/engine/urls.js';

const RESOURCE = { type: 'tenant', id: 'support_url', name: 'Tenant support URL' };

export default defineRule({
  id: 'tenant-support-url',
  title: 'A support URL is configured, on https',
  topics: bothPlans('p1.branding.error-page'),
  severity: 'blocker',
  prodOnly: true,
  checks: ['TEN-04'],
  checkmate: ['checkSupportUrl'],
  dashboard: ['support-url'],
  rationale:
    'The Auth0 error page and login prompts link to the tenant support URL so a user who cannot log in can get help. Without one, or with a plain-http or development URL, users are stranded on an Auth0-branded page. The Dashboard readiness check lists it as a critical fix.',
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
    if (!parseUrl(url) || !isHttps(url)) return [{ status: 'fail', messageId: 'not-https', data: { url }, resource: RESOURCE, field: 'support_url', value: url }];
    if (isLocalhost(url)) return [{ status: 'fail', messageId: 'localhost', data: { url }, resource: RESOURCE, field: 'support_url', value: url }];
    return [{ status: 'pass', messageId: 'ok', data: { url }, resource: RESOURCE }];
  },
});
