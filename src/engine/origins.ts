/**
 * Browser-origin lists of applications (`web_origins`, `allowed_origins`): shared by the rules
 * that check them. Localhost and wildcards are the catalog check (APP-02, blocker); plain http is
 * CheckMate's "insecure origin" (warning). A non-http(s) scheme (`capacitor://localhost`,
 * `chrome-extension://…`) is an app-shell origin: allowed.
 */
import type { FindingDraft } from './define-rule.js';
import type { Severity } from './status.js';
import type { ClientData } from '../snapshot/resources.js';
import { isLocalhost, parseUrl } from './urls.js';

interface Problem {
  why: string;
  severity: Severity;
}

export function originProblems(origin: string, appType: string | null | undefined): Problem[] {
  const out: Problem[] = [];
  if (origin.includes('*')) out.push({ why: 'a wildcard', severity: 'blocker' });
  const u = parseUrl(origin.trim().replace(/\{[^}]*\}/g, 'placeholder').replace(/\*/g, 'wildcard'));
  if (!u) return [...out, { why: 'not an absolute origin', severity: 'warning' }];
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return out;
  if (isLocalhost(u.href)) {
    out.push({
      why: appType === 'native' ? 'localhost (if it is the WebView origin of a Capacitor/Ionic native app, record a waiver)' : 'localhost',
      severity: 'blocker',
    });
  } else if (u.protocol === 'http:') {
    out.push({ why: 'plain http', severity: 'warning' });
  }
  return out;
}

/** One failing finding per bad origin, one pass per application whose origins are all fine. */
export function evaluateOrigins(clients: readonly ClientData[], field: 'web_origins' | 'allowed_origins'): FindingDraft<'ok' | 'bad'>[] {
  const out: FindingDraft<'ok' | 'bad'>[] = [];
  for (const c of clients) {
    if (c.global) continue;
    const origins = c[field] ?? [];
    if (origins.length === 0) continue;
    const resource = { type: 'client', id: c.client_id, name: c.name ?? c.client_id };
    const name = resource.name;
    let bad = 0;
    origins.forEach((origin, i) => {
      const problems = originProblems(origin, c.app_type);
      if (problems.length === 0) return;
      bad++;
      out.push({
        status: 'fail',
        messageId: 'bad',
        data: { name, origin, why: problems.map((p) => p.why).join(' and ') },
        resource,
        field: `${field}[${i}]`,
        value: origin,
        severity: problems.some((p) => p.severity === 'blocker') ? 'blocker' : 'warning',
      });
    });
    if (bad === 0) out.push({ status: 'pass', messageId: 'ok', data: { name, count: origins.length }, resource });
  }
  return out;
}
