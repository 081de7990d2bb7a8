import { bothPlans, defineRule } from '../src/engine/define-rule.js';

const DEVICE_BOUND = ['otp', 'push-notification', 'webauthn-roaming', 'webauthn-platform'];

export default defineRule({
  id: 'mfa-recovery-code',
  appliesWhen: 'mfa',
  title: 'Recovery codes back up device-bound factors',
  topics: bothPlans('p2.authentication.mfa'),
  severity: 'advice',
  checks: ['MFA-04'],
  rationale:
    'Users lose phones and security keys. Without a recovery code every lost device becomes a support ticket and a manual MFA reset, the weakest link of the whole MFA setup.',
  remediation:
    'Dashboard → Security → Multi-factor Auth → Recovery Code: enable; or PUT /api/v2/guardian/factors/recovery-code with `{"enabled": true}`.',
  docs: 'https://auth0.com/docs/secure/multi-factor-authentication/configure-recovery-codes-for-mfa',
  needs: ['guardianFactors'],
  messages: {
    ok: 'Recovery codes back up {factors}',
    missing: 'Recovery codes are off while {factors} are enabled',
  },
  evaluate({ guardianFactors }) {
    const bound = guardianFactors.filter((f) => f.enabled && DEVICE_BOUND.includes(f.name)).map((f) => f.name);
    if (bound.length === 0) return [];
    const resource = { type: 'mfa-factor', id: 'recovery-code', name: 'recovery-code' };
    const on = guardianFactors.some((f) => f.name === 'recovery-code' && f.enabled);
    return on
      ? [{ status: 'pass', messageId: 'ok', data: { factors: bound.join(', ') }, resource }]
      : [{ status: 'fail', messageId: 'missing', data: { factors: bound.join(', ') }, resource, field: 'enabled', value: false }];
  },
});
