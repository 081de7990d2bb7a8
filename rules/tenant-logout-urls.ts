import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import { hasWildcard, isHttps, isLocalhost, parseUrl } from '../src/engine/urls.js';

const RESOURCE = { type: 'tenant', id: 'allowed_logout_urls', name: 'Tenant allowed logout URLs' };

const messages = {
  none: 'The tenant has no allowed logout URLs: /v2/logout without client_id cannot redirect users back to you',
  ok: 'Tenant logout URL {url} is an https URL of yours',
  'not-https': 'Tenant logout URL {url} is not https',
  localhost: 'Tenant logout URL {url} points at a local development host',
  wildcard: 'Tenant logout URL {url} contains a wildcard: any matching host can receive logged-out users',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'tenant-logout-urls',
  title: 'Tenant allowed logout URLs are set, https, exact and not localhost',
  topics: bothPlans('p1.logout.logout'),
  severity: 'warning',
  checks: ['TEN-06'],
  checkmate: ['checkTenantLogoutUrl'],
  dashboard: ['logout-redirect', 'tenant-logout-url'],
  rationale:
    'The tenant-level allowed logout URLs are the allow-list for `returnTo` when /v2/logout is called without a client_id (SSO across several apps, a central sign-out page). Without any, users end on an Auth0 page after logout; with http, wildcard or localhost entries, an attacker can turn logout into an open redirect to a host they control.',
  remediation:
    'Dashboard → Settings → Advanced → Login and Logout → "Allowed Logout URLs": list the exact https pages users return to after logout, and remove development URLs; or PATCH /api/v2/tenants/settings with `{"allowed_logout_urls": ["https://www.yourcompany.com/"]}`. Per-application URLs belong on each application (`allowed_logout_urls`).',
  docs: 'https://auth0.com/docs/authenticate/login/logout/redirect-users-after-logout',
  needs: ['tenantSettings'],
  messages,
  evaluate({ tenantSettings }) {
    const urls = tenantSettings.allowed_logout_urls ?? [];
    if (urls.length === 0) return [{ status: 'fail', messageId: 'none', resource: RESOURCE, field: 'allowed_logout_urls', value: tenantSettings.allowed_logout_urls ?? null }];
    return urls.map((url, i): FindingDraft<Msg> => {
      const field = `allowed_logout_urls[${i}]`;
      const bad = (messageId: Msg): FindingDraft<Msg> => ({ status: 'fail', messageId, data: { url }, resource: RESOURCE, field, value: url });
      if (isLocalhost(url)) return bad('localhost');
      if (!parseUrl(url) || !isHttps(url)) return bad('not-https');
      if (hasWildcard(url)) return bad('wildcard');
      return { status: 'pass', messageId: 'ok', data: { url }, resource: RESOURCE };
    });
  },
});
