import { actionCode, boundActions } from '../src/engine/actions.js';
import { findCalls, instanceCalls, isConditional, stringLiterals, type Location, type ParsedCode } from '../src/engine/code.js';
import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';


interface Hit extends Location {
  what: string;
}

const MGMT_URL = /\/api\/v2(\/|$)/;
const TOKEN_URL = /\/oauth\/token\b/;

/** String literals and template literals (expressions elided) whose text names a Management API or token URL. */
function urlLiterals(parsed: ParsedCode): { mgmt: Hit[]; token: Hit[] } {
  const mgmt: Hit[] = [];
  const token: Hit[] = [];
  for (const { text, line, column } of stringLiterals(parsed)) {
    if (MGMT_URL.test(text)) mgmt.push({ what: 'a Management API URL (/api/v2/)', line, column });
    else if (TOKEN_URL.test(text)) token.push({ what: 'a token request (/oauth/token)', line, column });
  }
  return { mgmt, token };
}

const at = (h: Location) => `${h.line}:${h.column}`;

const messages = {
  clean: 'Post-login Action {name} makes no Management API call',
  'cached-token': 'Post-login Action {name} requests a token at {at} but caches it with api.cache',
  mgmt: 'Post-login Action {name} calls the Management API on every login, with neither a condition nor a cached token: {what} at {at}{more}',
  conditional: 'Post-login Action {name} calls the Management API only under a condition ({what} at {at})',
  'cached-mgmt': 'Post-login Action {name} calls the Management API ({what} at {at}) with its token cached in api.cache',
  token: 'Post-login Action {name} requests a new access token on every login ({what} at {at}) without api.cache',
  syntax: 'Post-login Action {name} could not be parsed ({error}): not checked',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'action-no-mgmt-api-per-login',
  title: 'Post-login Actions make no Management API call on every login',
  topics: bothPlans('p1.authorization.id-token-claims'),
  severity: 'warning',
  checks: ['ACT-05'],
  rationale:
    'A post-login Action that calls the Management API (or fetches a Management API token) runs on every login, token refresh and silent authentication: login traffic becomes Management API traffic, which has much lower rate limits, and every new token counts against the machine-to-machine token quota. A login peak then fails with 429 errors, or exhausts the limit your back office needs. The remedies Auth0 gives are to read `event.user` and write with `api.user.set*Metadata`, to call only when needed, and to reuse the token through `api.cache` (Actions limitations: https://auth0.com/docs/customize/actions/limitations). So a call inside a condition (an `if`, `?:`, `&&`, or after an early `return`) or one whose token is cached with `api.cache` passes; only an unconditional call with a token fetched every time is a finding.',
  remediation:
    'Read the profile from `event.user`, write metadata with `api.user.setUserMetadata` / `api.user.setAppMetadata`, and call the Management API only when needed (first login, missing data), caching the token with `api.cache.set("mgmt_token", token, { ttl })`. Edit in Dashboard → Actions → Library → <action>, then Deploy (POST /api/v2/actions/actions/{id}/deploy).',
  docs: 'https://auth0.com/docs/customize/actions/action-coding-guidelines',
  needs: ['actions', 'postLoginBindings'],
  messages,
  failSummary: {
    mgmt: 'call the Management API on every login',
    token: 'request a new access token on every login',
  },
  evaluate({ actions, postLoginBindings }) {
    const out: FindingDraft<Msg>[] = [];
    for (const a of boundActions(actions, postLoginBindings)) {
      const src = actionCode(a);
      const { resource, field } = src;
      if (!src.ok) {
        out.push({ status: 'unknown', messageId: 'syntax', data: { name: a.name, error: src.error }, resource, field });
        continue;
      }
      const { parsed } = src;
      // A Management API client is judged where it is used (its method calls), not where it is built.
      const clients = findCalls(parsed, /(^|\.)ManagementClient$/).flatMap((c): Hit[] => {
        const uses = instanceCalls(parsed, /(^|\.)ManagementClient$/);
        return uses.length
          ? uses.map((u) => ({ what: `${u.callee} (auth0 SDK ManagementClient)`, line: u.line, column: u.column }))
          : [{ what: 'new ManagementClient (auth0 SDK)', line: c.line, column: c.column }];
      });
      const urls = urlLiterals(parsed);
      const mgmt = [...new Map([...clients, ...urls.mgmt].map((h) => [at(h), h])).values()].sort((x, y) => x.line - y.line || x.column - y.column);
      const cached = findCalls(parsed, /(^|\.)cache\.(get|set)$/).length > 0;
      const unguarded = mgmt.filter((h) => !isConditional(parsed, h));
      const first = unguarded[0];
      if (mgmt[0] && !first) {
        out.push({ status: 'pass', messageId: 'conditional', data: { name: a.name, what: mgmt[0].what, at: at(mgmt[0]) }, resource });
        continue;
      }
      if (first && cached) {
        out.push({ status: 'pass', messageId: 'cached-mgmt', data: { name: a.name, what: first.what, at: at(first) }, resource });
        continue;
      }
      if (first) {
        const more = unguarded.length > 1 ? ` (+${unguarded.length - 1} more)` : '';
        out.push({ status: 'fail', messageId: 'mgmt', data: { name: a.name, what: first.what, at: at(first), more }, resource, field: `${field}:${at(first)}`, value: unguarded.map((h) => `${at(h)} ${h.what}`) });
        continue;
      }
      const token = urls.token[0];
      if (token && !cached) {
        out.push({ status: 'fail', messageId: 'token', data: { name: a.name, what: token.what, at: at(token) }, resource, field: `${field}:${at(token)}`, value: `${at(token)} ${token.what}` });
        continue;
      }
      out.push(token ? { status: 'pass', messageId: 'cached-token', data: { name: a.name, at: at(token) }, resource } : { status: 'pass', messageId: 'clean', data: { name: a.name }, resource });
    }
    return out;
  },
});
