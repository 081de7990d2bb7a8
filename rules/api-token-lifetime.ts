import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';

const WEEK = 7 * 86_400;

/** 86400 → "24 h", 604800 → "7 d", 900 → "15 min". */
function duration(s: number): string {
  if (s >= WEEK && s % 86_400 === 0) return `${s / 86_400} d`;
  if (s >= 3_600 && s % 3_600 === 0) return `${s / 3_600} h`;
  if (s >= 60 && s % 60 === 0) return `${s / 60} min`;
  return `${s} s`;
}

const messages = {
  ok: 'API {name}: access tokens live {lifetime} (implicit/hybrid: {web}), within {max}',
  long: 'API {name}: {field} is {lifetime}, longer than the configured maximum {max}',
  week: 'API {name}: {field} is {lifetime}, a week or more: a leaked token stays usable that long',
  missing: 'API {name} reports no token_lifetime',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'api-token-lifetime',
  title: 'API access tokens are short-lived (at most the configured maximum, 24 h by default)',
  topics: [
    ...bothPlans('p2.authorization.api-integration'),
    'b2b.p2.authorization.m2m-authorization',
    'b2b.p2.logout.single-logout',
  ],
  severity: 'warning',
  checks: ['API-03'],
  checkmate: ['checkAPITokenLifetime'],
  rationale:
    'An access token cannot be revoked: it stays valid until it expires, through logout, password change or user blocking. Long lifetimes widen the window in which a stolen or leaked token works; short ones (an hour or less for sensitive APIs), renewed with refresh tokens or silent authentication, keep it small.',
  remediation:
    'Dashboard → Applications → APIs → <API> → Settings → Access Token Settings: Maximum Access Token Lifetime (and Implicit/Hybrid Flow Access Token Lifetime) at or below the maximum; or PATCH /api/v2/resource-servers/{id} with `{ "token_lifetime": 3600, "token_lifetime_for_web": 3600 }`. Set `maxTokenLifetimeSeconds` in config if your policy differs from 86400.',
  docs: 'https://auth0.com/docs/secure/tokens/access-tokens/update-access-token-lifetime',
  needs: ['resourceServers'],
  messages,
  failSummary: {
    long: 'issue access tokens that live longer than the maximum',
    week: 'issue access tokens that live a week or more',
  },
  evaluate({ resourceServers }, ctx) {
    const max = ctx.settings.maxTokenLifetimeSeconds;
    return resourceServers
      .filter((rs) => rs.is_system !== true)
      .map((rs): FindingDraft<Msg> => {
        const resource = { type: 'resource-server', id: rs.id ?? rs.identifier, name: rs.name ?? rs.identifier };
        if (rs.token_lifetime === undefined) return { status: 'unknown', messageId: 'missing', data: { name: resource.name }, resource, field: 'token_lifetime' };
        const fields = [
          ['token_lifetime', rs.token_lifetime],
          ['token_lifetime_for_web', rs.token_lifetime_for_web],
        ] as const;
        // The worst field decides: a week or more first, then over the maximum.
        for (const [field, v] of fields) {
          if (v !== undefined && v >= WEEK) {
            return { status: 'fail', messageId: 'week', data: { name: resource.name, field, lifetime: duration(v) }, resource, field, value: v };
          }
        }
        for (const [field, v] of fields) {
          if (v !== undefined && v > max) {
            return { status: 'fail', messageId: 'long', data: { name: resource.name, field, lifetime: duration(v), max: duration(max) }, resource, field, value: v };
          }
        }
        return {
          status: 'pass',
          messageId: 'ok',
          data: { name: resource.name, lifetime: duration(rs.token_lifetime), web: rs.token_lifetime_for_web === undefined ? 'default' : duration(rs.token_lifetime_for_web), max: duration(max) },
          resource,
        };
      });
  },
});
