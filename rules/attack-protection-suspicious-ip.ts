import { bothPlans, defineRule } from '../src/engine/define-rule.js';

const RESOURCE = { type: 'attack-protection', id: 'suspicious-ip-throttling', name: 'Suspicious IP throttling' };

export default defineRule({
  id: 'attack-protection-suspicious-ip',
  title: 'Suspicious IP throttling blocks',
  topics: [...bothPlans('p1.authentication.anomaly-detection'), 'b2c.p1.provisioning.self-sign-up'],
  severity: 'warning',
  checks: ['AP-02'],
  checkmate: ['checkSuspiciousIPThrottling'],
  dashboard: ['attack-protection'],
  rationale:
    'Suspicious IP throttling slows down one IP trying many accounts (credential stuffing) or creating many sign-ups. It is on by default; turning it off or removing "block" leaves those attacks unthrottled.',
  remediation:
    'Dashboard → Security → Attack Protection → Suspicious IP Throttling: enable it with "Block" (and "Notify administrators"); or PATCH /api/v2/attack-protection/suspicious-ip-throttling with `{"enabled": true, "shields": ["block", "admin_notification"]}`.',
  docs: 'https://auth0.com/docs/secure/attack-protection/suspicious-ip-throttling',
  needs: ['suspiciousIpThrottling'],
  messages: {
    disabled: 'Suspicious IP throttling is disabled',
    'no-block': 'Suspicious IP throttling does not block (shields: {shields})',
    allowlist: '{count} IP address(es) bypass suspicious IP throttling: attest that each is reviewed',
    ok: 'Suspicious IP throttling is enabled and blocks',
  },
  evaluate({ suspiciousIpThrottling: s }) {
    if (s.enabled !== true) return [{ status: 'fail', messageId: 'disabled', resource: RESOURCE, field: 'enabled', value: s.enabled ?? null }];
    const shields = s.shields ?? [];
    const out = [];
    if (shields.includes('block')) out.push({ status: 'pass' as const, messageId: 'ok' as const, resource: RESOURCE });
    else {
      out.push({ status: 'fail' as const, messageId: 'no-block' as const, data: { shields: shields.join(', ') || 'none' }, resource: RESOURCE, field: 'shields', value: shields });
    }
    if ((s.allowlist ?? []).length > 0) {
      out.push({ status: 'fail' as const, messageId: 'allowlist' as const, data: { count: s.allowlist?.length ?? 0 }, resource: RESOURCE, field: 'allowlist', value: s.allowlist, severity: 'advice' as const });
    }
    return out;
  },
});
