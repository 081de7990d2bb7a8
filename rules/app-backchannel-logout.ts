import { defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import type { ClientData } from '../src/snapshot/resources.js';
import { isLocalhost, parseUrl } from '../src/engine/urls.js';

/**
 * Back-channel logout URLs: `oidc_logout.backchannel_logout_urls`, else the deprecated
 * `oidc_backchannel_logout.backchannel_logout_urls` ("deprecated, in favor of oidc_logout" in the
 * spec, still accepted and still found in older exports), with the field they came from.
 */
function backchannelUrlsOf(c: ClientData): { raw: unknown; field: string } {
  const current = c.oidc_logout?.backchannel_logout_urls;
  const hasUrl = (v: unknown) => Array.isArray(v) && v.some((u) => typeof u === 'string' && u.trim() !== '');
  const legacy = c.oidc_backchannel_logout?.backchannel_logout_urls;
  if (!hasUrl(current) && hasUrl(legacy)) return { raw: legacy, field: 'oidc_backchannel_logout.backchannel_logout_urls' };
  return { raw: current, field: 'oidc_logout.backchannel_logout_urls' };
}

const ref = (c: ClientData) => ({ type: 'client', id: c.client_id, name: c.name ?? c.client_id });

function problemOf(url: string): string | undefined {
  const u = parseUrl(url.trim().replace(/\{[^}]*\}/g, 'placeholder'));
  if (!u) return 'not an absolute URL';
  if (u.protocol !== 'https:') return 'not https';
  if (isLocalhost(u.href)) return 'localhost, which Auth0 cannot reach';
  return undefined;
}

export default defineRule({
  id: 'app-backchannel-logout',
  feature: 'back-channel-logout',
  title: 'Regular web apps receive OIDC back-channel logout',
  topics: ['b2b.p2.logout.single-logout'],
  severity: 'advice',
  checks: ['APP-15'],
  checkmate: ['checkBackchannelLogout'],
  rationale:
    'A server-side web app keeps its own session, which outlives the Auth0 session: when the user logs out of another app, an administrator revokes the session, or the account is blocked, that app keeps the user signed in until its cookie expires. OIDC back-channel logout has Auth0 call the app server-to-server with a signed logout token carrying the session id (sid), so the app can end its local session at once — the basis of single logout across apps.',
  remediation:
    'Implement an endpoint that validates the logout token (signature, iss, aud, events claim) and ends the local session matching its `sid`, then Dashboard → Applications → Applications → <app> → Settings → OpenID Connect Back-Channel Logout → Back-Channel Logout URI (https, publicly reachable); or PATCH /api/v2/clients/{client_id} with `oidc_logout: { backchannel_logout_urls: ["https://…"] }`. Available on Enterprise plans.',
  docs: 'https://auth0.com/docs/authenticate/login/logout/back-channel-logout/configure-back-channel-logout',
  needs: ['clients'],
  messages: {
    ok: 'Application {name} receives back-channel logout at {url}',
    none: 'Application {name} (regular_web) has no back-channel logout URL: its local session survives logout elsewhere',
    bad: 'Application {name}: back-channel logout URL {url} is {why}',
  },
  failSummary: {
    none: 'have no back-channel logout URL, so their local sessions survive logout elsewhere',
    bad: 'have back-channel logout URLs that are not exact https URLs',
  },
  evaluate({ clients }) {
    const out: FindingDraft<'ok' | 'none' | 'bad'>[] = [];
    for (const c of clients) {
      if (c.global || c.app_type !== 'regular_web') continue;
      const resource = ref(c);
      const name = resource.name;
      const { raw, field } = backchannelUrlsOf(c);
      // [url, index in the original array], blank entries dropped.
      const urls = (Array.isArray(raw) ? raw : [])
        .map((u: unknown, i: number) => [u, i] as const)
        .filter((e): e is readonly [string, number] => typeof e[0] === 'string' && e[0].trim() !== '');
      if (urls.length === 0) {
        out.push({ status: 'fail', messageId: 'none', data: { name }, resource, field, value: Array.isArray(raw) ? raw : null });
        continue;
      }
      const before = out.length;
      urls.forEach(([url, i]) => {
        const why = problemOf(url);
        if (why) out.push({ status: 'fail', messageId: 'bad', data: { name, url, why }, resource, field: `${field}[${i}]`, value: url });
      });
      if (out.length === before) out.push({ status: 'pass', messageId: 'ok', data: { name, url: urls.map(([u]) => u).join(', ') }, resource });
    }
    return out;
  },
});
