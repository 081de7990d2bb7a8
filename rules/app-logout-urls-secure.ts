import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import type { ClientData } from '../src/snapshot/resources.js';
import { isLocalhost, parseUrl } from '../src/engine/urls.js';

type Problem = 'a wildcard' | 'localhost' | 'plain http' | 'not an absolute URL';

/**
 * What is wrong with one logout URL: the callback rules of APP-01. Auth0 placeholders
 * (`{organization_name}`) are legal and are replaced before parsing. A non-http(s) scheme
 * (`com.acme.app://logout`) is a native custom scheme: allowed, whatever its "host" part says.
 */
function problemsOf(url: string): Problem[] {
  const out: Problem[] = [];
  if (url.includes('*')) out.push('a wildcard');
  const u = parseUrl(url.trim().replace(/\{[^}]*\}/g, 'placeholder').replace(/\*/g, 'wildcard'));
  if (!u) return [...out, 'not an absolute URL'];
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return out;
  if (isLocalhost(u.href)) out.push('localhost');
  if (u.protocol === 'http:') out.push('plain http');
  return out;
}

const ref = (c: ClientData) => ({ type: 'client', id: c.client_id, name: c.name ?? c.client_id });

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
  evaluate({ clients }) {
    const out: FindingDraft<'ok' | 'bad'>[] = [];
    for (const c of clients) {
      if (c.global) continue;
      const urls = c.allowed_logout_urls ?? [];
      if (urls.length === 0) continue;
      const resource = ref(c);
      const name = resource.name;
      let bad = 0;
      urls.forEach((url, i) => {
        const problems = problemsOf(url);
        if (problems.length === 0) return;
        bad++;
        let why = problems.join(' and ');
        if (c.app_type === 'native' && problems.includes('localhost') && !problems.includes('a wildcard')) {
          why += ' (a desktop app returning to an RFC 8252 loopback listener may keep it: record a waiver)';
        }
        out.push({ status: 'fail', messageId: 'bad', data: { name, url, why }, resource, field: `allowed_logout_urls[${i}]`, value: url });
      });
      if (bad === 0) out.push({ status: 'pass', messageId: 'ok', data: { name, count: urls.length }, resource });
    }
    return out;
  },
});
