import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';

/** Auth0 defaults, hours (tenant settings schema). */
const DEFAULTS = { session_lifetime: 168, idle_session_lifetime: 72, ephemeral_session_lifetime: 72, idle_ephemeral_session_lifetime: 24 };
/** Longest absolute session accepted without comment, hours: the self-service plans' system limit (30 days). */
const DEFAULT_MAX_HOURS = 720;

const messages = {
  ok: '{kind} sessions end after {idle} idle and {absolute} at most{defaults}',
  'idle-not-shorter': '{kind} sessions: the idle timeout ({idle}) is not shorter than the absolute lifetime ({absolute}), so inactivity never ends a session',
  long: '{kind} sessions last up to {absolute}, longer than {max}: make sure this is a decision, not a leftover',
  cookie: 'The session cookie is {mode}{defaults}',
} as const;
type Msg = keyof typeof messages;

function hours(h: number): string {
  const days = h / 24;
  return Number.isInteger(days) && days >= 1 ? `${h} h (${days} day${days === 1 ? '' : 's'})` : `${h} h`;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export default defineRule({
  id: 'tenant-session-lifetimes',
  title: 'Login session lifetimes are deliberate and consistent',
  topics: bothPlans('p1.logout.logout'),
  severity: 'advice',
  checks: ['TEN-10'],
  checkmate: ['checkSessionLifetime'],
  dashboard: ['sso-timeouts'],
  rationale:
    'The tenant session lifetimes decide how long a user stays signed in to Auth0 (and so gets SSO and silent token renewal) without entering credentials again: the idle timeout ends a session nobody uses, the absolute lifetime ends every session. They are a risk decision — a shared-device or banking audience wants hours, a consumer app may want weeks — and the Dashboard best practices ask for a review before go-live. An idle timeout as long as the absolute lifetime never applies. Values are in hours in the API and minutes in the Dashboard. Record the review itself as an attestation of the logout topic.',
  remediation:
    'Dashboard → Settings → Advanced → Login Session Management: set "Inactivity timeout" and "Require log in after" (minutes); or PATCH /api/v2/tenants/settings with `idle_session_lifetime`, `session_lifetime`, `idle_ephemeral_session_lifetime`, `ephemeral_session_lifetime` (hours) and `session_cookie.mode`. Rule option `maxSessionLifetimeHours` (default 720) sets the longest absolute lifetime accepted without comment.',
  docs: 'https://auth0.com/docs/manage-users/sessions/configure-session-lifetime-settings',
  needs: ['tenantSettings'],
  messages,
  failSummary: {
    'idle-not-shorter': 'have an idle timeout no shorter than the absolute lifetime, so inactivity never ends a session',
    long: 'let sessions last longer than the accepted maximum',
  },
  options: {
    maxSessionLifetimeHours: { type: 'number', min: 1, description: 'longest absolute session lifetime accepted without comment, hours (default 720)' },
  },
  evaluate({ tenantSettings: s }, ctx) {
    const max = num(ctx.options.maxSessionLifetimeHours) ?? DEFAULT_MAX_HOURS;
    const cookie = s.session_cookie as { mode?: unknown } | null | undefined;
    const mode = typeof cookie?.mode === 'string' ? cookie.mode : undefined;
    const out: FindingDraft<Msg>[] = [];

    const pair = (kind: string, absField: keyof typeof DEFAULTS, idleField: keyof typeof DEFAULTS) => {
      const absSet = num(s[absField]);
      const idleSet = num(s[idleField]);
      const absolute = absSet ?? DEFAULTS[absField];
      const idle = idleSet ?? DEFAULTS[idleField];
      const defaults = absSet === undefined || idleSet === undefined ? ' (Auth0 defaults where unset)' : '';
      const resource = { type: 'tenant', id: absField, name: `${kind} session lifetime` };
      const data = { kind, idle: hours(idle), absolute: hours(absolute), max: hours(max), defaults };
      if (idle >= absolute) out.push({ status: 'fail', messageId: 'idle-not-shorter', data, resource, field: idleField, value: idle });
      else if (absolute > max) out.push({ status: 'fail', messageId: 'long', data, resource, field: absField, value: absolute });
      else out.push({ status: 'pass', messageId: 'ok', data, resource });
    };

    pair('Persistent', 'session_lifetime', 'idle_session_lifetime');
    const ephemeralSet = num(s.ephemeral_session_lifetime) !== undefined || num(s.idle_ephemeral_session_lifetime) !== undefined;
    if (ephemeralSet || mode === 'non-persistent') pair('Non-persistent', 'ephemeral_session_lifetime', 'idle_ephemeral_session_lifetime');

    out.push({
      status: 'pass',
      messageId: 'cookie',
      data: { mode: mode ?? 'persistent', defaults: mode ? '' : ' (Auth0 default)' },
      resource: { type: 'tenant', id: 'session_cookie', name: 'Session cookie mode' },
    });
    return out;
  },
});
