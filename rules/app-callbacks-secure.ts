import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import type { ClientData } from '../src/snapshot/resources.js';
import { isLocalhost, parseUrl } from '../src/engine/urls.js';

type Problem = 'a wildcard' | 'localhost' | 'plain http' | 'not an absolute URL';

/**
 * What is wrong with one callback URL. Auth0 placeholders (`{organization_name}`) are legal and
 * are replaced before parsing. A non-http(s) scheme (`com.acme.app://callback`) is a native
 * custom scheme: allowed, whatever its "host" part says.
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
  id: 'app-callbacks-secure',
  title: 'Application callback URLs are exact https production URLs (or native custom schemes)',
  topics: bothPlans('p1.authentication.application-integration'),
  severity: 'blocker',
  prodOnly: true,
  checks: ['APP-01'],
  checkmate: ['checkAllowedCallbacks'],
  dashboard: ['callbacks-localhost'],
  rationale:
    'Allowed Callback URLs are where Auth0 sends authorization codes and tokens. A localhost or 127.0.0.1 entry in production lets anything listening on the user\'s machine receive them; a plain-http entry exposes them on the network; a wildcard lets any matching host — including a subdomain taken over by an attacker — collect them. Production applications should list only the exact https URLs they serve (native apps may use their custom scheme).',
  remediation:
    'Dashboard → Applications → Applications → <app> → Settings → Application URIs → Allowed Callback URLs: remove localhost, 127.0.0.1, http:// and wildcard entries, keep the exact https URLs (development URLs belong in the development tenant); or PATCH /api/v2/clients/{client_id} with the full `callbacks` array (PATCH replaces the array).',
  docs: 'https://auth0.com/docs/get-started/applications/application-settings',
  needs: ['clients'],
  messages: {
    ok: 'Application {name}: {count} callback URL(s), all exact https URLs or native custom schemes',
    bad: 'Application {name}: callback {url} is {why}',
  },
  evaluate({ clients }) {
    const out: FindingDraft<'ok' | 'bad'>[] = [];
    for (const c of clients) {
      if (c.global) continue;
      const urls = c.callbacks ?? [];
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
          why += ' (a desktop app using an RFC 8252 loopback redirect may keep it: record a waiver)';
        }
        out.push({ status: 'fail', messageId: 'bad', data: { name, url, why }, resource, field: `callbacks[${i}]`, value: url });
      });
      if (bad === 0) out.push({ status: 'pass', messageId: 'ok', data: { name, count: urls.length }, resource });
    }
    return out;
  },
});
