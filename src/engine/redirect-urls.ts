/**
 * Redirect-URL lists of applications (`callbacks`, `allowed_logout_urls`): shared by the rules
 * that check them. Auth0 placeholders (`{organization_name}`) are legal and are replaced before
 * parsing. A non-http(s) scheme (`com.acme.app://callback`) is a native custom scheme: allowed,
 * whatever its "host" part says.
 */
import type { FindingDraft } from './define-rule.js';
import type { ClientData } from '../snapshot/resources.js';
import { isLocalhost, parseUrl } from './urls.js';

type Problem = 'a wildcard' | 'localhost' | 'plain http' | 'not an absolute URL';

export function redirectUrlProblems(url: string): Problem[] {
  const out: Problem[] = [];
  if (url.includes('*')) out.push('a wildcard');
  const u = parseUrl(url.trim().replace(/\{[^}]*\}/g, 'placeholder').replace(/\*/g, 'wildcard'));
  if (!u) return [...out, 'not an absolute URL'];
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return out;
  if (isLocalhost(u.href)) out.push('localhost');
  if (u.protocol === 'http:') out.push('plain http');
  return out;
}

/** One failing finding per bad URL, one pass per application whose URLs are all fine. */
export function evaluateRedirectUrls(
  clients: readonly ClientData[],
  field: 'callbacks' | 'allowed_logout_urls',
  loopbackNote: string,
): FindingDraft<'ok' | 'bad'>[] {
  const out: FindingDraft<'ok' | 'bad'>[] = [];
  for (const c of clients) {
    if (c.global) continue;
    const urls = c[field] ?? [];
    if (urls.length === 0) continue;
    const resource = { type: 'client', id: c.client_id, name: c.name ?? c.client_id };
    const name = resource.name;
    let bad = 0;
    urls.forEach((url, i) => {
      const problems = redirectUrlProblems(url);
      if (problems.length === 0) return;
      bad++;
      let why = problems.join(' and ');
      if (c.app_type === 'native' && problems.includes('localhost') && !problems.includes('a wildcard')) why += ` (${loopbackNote})`;
      // Localhost is Auth0's critical readiness fix and wildcards "should not be used in production
      // applications" (https://auth0.com/docs/get-started/applications/wildcards-for-subdomains): they
      // keep the rule's severity. A plain-http or malformed URL alone is not on Auth0's critical list:
      // a warning (OAuth 2.0 Security BCP, RFC 9700 §2.1, asks for https redirect URIs).
      const severe = problems.includes('a wildcard') || problems.includes('localhost');
      out.push({ status: 'fail', messageId: 'bad', data: { name, url, why }, resource, field: `${field}[${i}]`, value: url, ...(severe ? {} : { severity: 'warning' as const }) });
    });
    if (bad === 0) out.push({ status: 'pass', messageId: 'ok', data: { name, count: urls.length }, resource });
  }
  return out;
}
