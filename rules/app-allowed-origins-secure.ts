import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import type { Severity } from '../src/engine/status.js';
import type { ClientData } from '../src/snapshot/resources.js';
import { isLocalhost, parseUrl } from '../src/engine/urls.js';

interface Problem {
  why: string;
  severity: Severity;
}

/**
 * What is wrong with one origin. Localhost and wildcards are the catalog check (APP-02, blocker);
 * plain http is CheckMate's "insecure origin" (warning). A non-http(s) scheme
 * (`capacitor://localhost`, `chrome-extension://…`) is an app-shell origin: allowed.
 */
function problemsOf(origin: string, appType: string | null | undefined): Problem[] {
  const out: Problem[] = [];
  if (origin.includes('*')) out.push({ why: 'a wildcard', severity: 'blocker' });
  const u = parseUrl(origin.trim().replace(/\{[^}]*\}/g, 'placeholder').replace(/\*/g, 'wildcard'));
  if (!u) return [...out, { why: 'not an absolute origin', severity: 'warning' }];
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return out;
  if (isLocalhost(u.href)) {
    out.push({
      why:
        appType === 'native'
          ? 'localhost (if it is the WebView origin of a Capacitor/Ionic native app, record a waiver)'
          : 'localhost',
      severity: 'blocker',
    });
  } else if (u.protocol === 'http:') {
    out.push({ why: 'plain http', severity: 'warning' });
  }
  return out;
}

const ref = (c: ClientData) => ({ type: 'client', id: c.client_id, name: c.name ?? c.client_id });

export default defineRule({
  id: 'app-allowed-origins-secure',
  title: 'Application Allowed Origins (CORS) are https production origins, without localhost or wildcards',
  topics: bothPlans('p1.authentication.application-integration'),
  severity: 'blocker',
  prodOnly: true,
  checks: ['APP-02'],
  dashboard: ['origins-localhost'],
  rationale:
    'Allowed Origins (CORS) are the origins whose JavaScript may call Auth0 endpoints directly (embedded login with Lock or auth0.js, /co/authenticate, /oauth/token from the browser). A localhost origin in production lets any page served on the user\'s machine drive those calls against real accounts; a wildcard extends it to every matching subdomain, including one taken over by an attacker; a plain-http origin is open to network tampering.',
  remediation:
    'Dashboard → Applications → Applications → <app> → Settings → Application URIs → Allowed Origins (CORS): remove localhost, 127.0.0.1, wildcard and http:// entries and list the exact https origins the app is served from (development origins belong in the development tenant); or PATCH /api/v2/clients/{client_id} with the full `allowed_origins` array (PATCH replaces the array).',
  docs: 'https://auth0.com/docs/get-started/applications/application-settings',
  needs: ['clients'],
  messages: {
    ok: 'Application {name}: {count} CORS origin(s), all https production origins',
    bad: 'Application {name}: CORS origin {origin} is {why}',
  },
  evaluate({ clients }) {
    const out: FindingDraft<'ok' | 'bad'>[] = [];
    for (const c of clients) {
      if (c.global) continue;
      const origins = c.allowed_origins ?? [];
      if (origins.length === 0) continue;
      const resource = ref(c);
      const name = resource.name;
      let bad = 0;
      origins.forEach((origin, i) => {
        const problems = problemsOf(origin, c.app_type);
        if (problems.length === 0) return;
        bad++;
        const severity: Severity = problems.some((p) => p.severity === 'blocker') ? 'blocker' : 'warning';
        out.push({
          status: 'fail',
          messageId: 'bad',
          data: { name, origin, why: problems.map((p) => p.why).join(' and ') },
          resource,
          field: `allowed_origins[${i}]`,
          value: origin,
          severity,
        });
      });
      if (bad === 0) out.push({ status: 'pass', messageId: 'ok', data: { name, count: origins.length }, resource });
    }
    return out;
  },
});
