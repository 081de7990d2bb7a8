import { bothPlans, defineRule } from '../src/engine/define-rule.js';
import { evaluateRedirectUrls } from '../src/engine/redirect-urls.js';

export default defineRule({
  id: 'app-logout-urls-secure',
  title: 'Application Allowed Logout URLs are exact https production URLs (or native custom schemes)',
  topics: bothPlans('p1.authentication.application-integration', 'p1.logout.logout'),
  severity: 'warning',
  checks: ['APP-03'],
  checkmate: ['checkAllowedLogoutUrl'],
  rationale:
    'After logout Auth0 redirects only to a URL in Allowed Logout URLs (returnTo). A localhost or plain-http entry in production sends users — who have just ended their session — to a page anything on their machine or network can serve; a wildcard turns the logout endpoint into an open redirect for every matching host, a classic phishing hop from your own login domain.',
  remediation:
    'Dashboard → Applications → Applications → <app> → Settings → Application URIs → Allowed Logout URLs: remove localhost, 127.0.0.1, http:// and wildcard entries and list the exact https pages users return to (native apps keep their custom scheme); or PATCH /api/v2/clients/{client_id} with the full `allowed_logout_urls` array (PATCH replaces the array).',
  docs: 'https://auth0.com/docs/authenticate/login/logout/redirect-users-after-logout',
  needs: ['clients'],
  messages: {
    ok: 'Application {name}: {count} logout URL(s), all exact https URLs or native custom schemes',
    bad: 'Application {name}: logout URL {url} is {why}',
  },
  failSummary: {
    bad: 'have localhost, plain-http or wildcard logout URLs',
  },
  evaluate({ clients }) {
    return evaluateRedirectUrls(clients, 'allowed_logout_urls', 'a desktop app returning to an RFC 8252 loopback listener may keep it: record a waiver');
  },
});
