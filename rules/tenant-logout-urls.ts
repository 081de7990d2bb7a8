import { bothPlans, defineRule, NOT_EVALUATED_MESSAGE, notEvaluated, type FindingDraft } from '../src/engine/define-rule.js';
import { hasWildcard, isHttps, isLocalhost, parseUrl } from '../src/engine/urls.js';
import type { ClientData } from '../src/snapshot/resources.js';

const RESOURCE = { type: 'tenant', id: 'allowed_logout_urls', name: 'Tenant allowed logout URLs' };

/** Apps whose users log in (and out) through the browser, as tenant-login-uri. */
const INTERACTIVE = ['spa', 'regular_web', 'native'];
const ref = (c: ClientData) => ({ type: 'client', id: c.client_id, name: c.name ?? c.client_id });

const messages = {
  ...NOT_EVALUATED_MESSAGE,
  none: 'The tenant has no allowed logout URLs: /v2/logout without client_id cannot redirect users back to you',
  'app-covered': 'No tenant logout URLs, but application {name} ({type}) has its own allowed logout URLs, used when it logs out with its client_id',
  'app-uncovered': 'Application {name} ({type}) has no allowed logout URLs and the tenant has none: its users cannot be sent back after logout',
  ok: 'Tenant logout URL {url} is an https URL of yours',
  'not-https': 'Tenant logout URL {url} is not https',
  localhost: 'Tenant logout URL {url} points at a local development host',
  wildcard: 'Tenant logout URL {url} contains a wildcard: any matching host can receive logged-out users',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'tenant-logout-urls',
  title: 'Logout can return users: tenant allowed logout URLs (or every interactive application\'s own) are set, https, exact and not localhost',
  topics: bothPlans('p1.logout.logout'),
  severity: 'warning',
  checks: ['TEN-06'],
  checkmate: ['checkTenantLogoutUrl'],
  dashboard: ['logout-redirect', 'tenant-logout-url'],
  rationale:
    'The tenant-level allowed logout URLs are the allow-list for `returnTo` when /v2/logout is called without a client_id (SSO across several apps, a central sign-out page); with a client_id, the application\'s own list is used. An empty tenant list is therefore fine when every interactive application has its own (each app-logout-urls-secure finding judges those). With neither, users end on an Auth0 page after logout; with http, wildcard or localhost entries, an attacker can turn logout into an open redirect to a host they control.',
  remediation:
    'Dashboard → Settings → Advanced → Login and Logout → "Allowed Logout URLs": list the exact https pages users return to after logout, and remove development URLs; or PATCH /api/v2/tenants/settings with `{"allowed_logout_urls": ["https://www.yourcompany.com/"]}`. Per-application URLs belong on each application (`allowed_logout_urls`).',
  docs: 'https://auth0.com/docs/authenticate/login/logout/redirect-users-after-logout',
  // "If the client_id parameter is included, the returnTo URL must be listed in the Allowed Logout
  // URLs set at the application level"; without it, at the tenant level (redirect-users-after-logout).
  needs: ['tenantSettings'],
  wants: ['clients'],
  messages,
  failSummary: {
    'app-uncovered': 'have no allowed logout URLs while the tenant has none, so their users cannot be sent back after logout',
  },
  evaluate({ tenantSettings, wants }) {
    const urls = tenantSettings.allowed_logout_urls ?? [];
    if (urls.length === 0) {
      const none: FindingDraft<Msg> = { status: 'fail', messageId: 'none', resource: RESOURCE, field: 'allowed_logout_urls', value: tenantSettings.allowed_logout_urls ?? null };
      if (!wants.clients.ok) return [notEvaluated(wants.clients, RESOURCE)];
      const interactive = wants.clients.data.filter((c) => !c.global && !!c.app_type && INTERACTIVE.includes(c.app_type));
      if (interactive.length === 0) return [none];
      return interactive.map((c): FindingDraft<Msg> => {
        const data = { name: ref(c).name, type: c.app_type };
        return c.allowed_logout_urls?.length
          ? { status: 'pass', messageId: 'app-covered', data, resource: ref(c) }
          : { status: 'fail', messageId: 'app-uncovered', data, resource: ref(c), field: 'allowed_logout_urls', value: c.allowed_logout_urls ?? null };
      });
    }
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
