import { bothPlans, defineRule } from '../src/engine/define-rule.js';

const RESOURCE = { type: 'attack-protection', id: 'brute-force-protection', name: 'Brute-force protection' };

export default defineRule({
  id: 'attack-protection-brute-force',
  title: 'Brute-force protection blocks and notifies',
  topics: bothPlans('p1.authentication.anomaly-detection', 'p1.profile-management.blocking-users'),
  severity: 'blocker',
  checks: ['AP-01'],
  checkmate: ['checkBruteForce'],
  dashboard: ['attack-protection'],
  rationale:
    'Brute-force protection blocks an IP after repeated failed logins to one account. Without it, password guessing against a single account goes unchecked; without user notification, the user never learns of it or gets the unblock link. It is on by default and Auth0 strongly recommends keeping it enabled (https://auth0.com/docs/secure/attack-protection/brute-force-protection); its readiness check lists reviewing attack protection only as a best practice, so a blocker goes further than Auth0 — because a disabled or non-blocking setting is a deliberate removal of the only per-account limit on password guessing. Missing user notification is advice.',
  remediation:
    'Dashboard → Security → Attack Protection → Brute-force Protection: enable it with the "Block" and "Send notification" responses, and keep the allow-list empty unless each entry is reviewed; or PATCH /api/v2/attack-protection/brute-force-protection with `{"enabled": true, "shields": ["block", "user_notification"]}`.',
  docs: 'https://auth0.com/docs/secure/attack-protection/brute-force-protection',
  needs: ['bruteForceProtection'],
  messages: {
    disabled: 'Brute-force protection is disabled (on by default; Auth0 strongly recommends keeping it enabled)',
    'no-block': 'Brute-force protection does not block (shields: {shields})',
    'no-notification': 'Brute-force protection does not notify the user (shields: {shields})',
    allowlist: '{count} IP address(es) bypass brute-force protection: attest that each is reviewed',
    ok: 'Brute-force protection is enabled and blocks {what} after {max} failed attempts',
  },
  evaluate({ bruteForceProtection: bf }) {
    if (bf.enabled !== true) return [{ status: 'fail', messageId: 'disabled', resource: RESOURCE, field: 'enabled', value: bf.enabled ?? null }];
    const shields = bf.shields ?? [];
    const list = shields.join(', ') || 'none';
    const out = [];
    if (!shields.includes('block')) {
      out.push({ status: 'fail' as const, messageId: 'no-block' as const, data: { shields: list }, resource: RESOURCE, field: 'shields', value: shields });
    } else {
      // Auth0's default mode counts per account and IP address: it blocks the attacking address for
      // that account, not the account itself (count_per_identifier blocks the account from every address).
      const what = bf.mode === 'count_per_identifier' ? 'the account (from every IP address)' : 'the attacking IP address for that account';
      out.push({ status: 'pass' as const, messageId: 'ok' as const, data: { max: bf.max_attempts ?? 10, what }, resource: RESOURCE });
    }
    if (!shields.includes('user_notification')) {
      out.push({ status: 'fail' as const, messageId: 'no-notification' as const, data: { shields: list }, resource: RESOURCE, field: 'shields', value: shields, severity: 'advice' as const });
    }
    if ((bf.allowlist ?? []).length > 0) {
      out.push({ status: 'fail' as const, messageId: 'allowlist' as const, data: { count: bf.allowlist?.length ?? 0 }, resource: RESOURCE, field: 'allowlist', value: bf.allowlist, severity: 'warning' as const });
    }
    return out;
  },
});
