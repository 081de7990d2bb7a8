import { bothPlans, defineRule } from '../src/engine/define-rule.js';

const STRONG = new Set(['otp', 'push-notification', 'webauthn-roaming', 'webauthn-platform']);
const WEAK = new Set(['sms', 'email', 'duo', 'phone']);

export default defineRule({
  id: 'mfa-factor-enabled',
  firstGoLive: 'advice',
  title: 'At least one MFA factor is enabled',
  topics: bothPlans('p2.authentication.mfa', 'p3.authentication.step-up-authentication'),
  // Decision 4: MFA is in scope by default; with no factor the Phase 2 MFA topic fails.
  severity: 'blocker',
  checks: ['MFA-01'],
  checkmate: ['checkGuardianFactors'],
  dashboard: ['mfa'],
  rationale:
    'Passwords alone do not stop account takeover. With no factor enabled, MFA cannot be required anywhere, not even for step-up on sensitive actions. Phishing-resistant factors (WebAuthn, passkeys) and OTP or push are strong; SMS and email are weak.',
  remediation:
    'Dashboard → Security → Multi-factor Auth: enable at least one strong factor (WebAuthn with FIDO security keys or device biometrics, one-time password, or Guardian push) and Recovery Code; or PUT /api/v2/guardian/factors/{name} with `{"enabled": true}`.',
  docs: 'https://auth0.com/docs/secure/multi-factor-authentication/multi-factor-authentication-factors',
  needs: ['guardianFactors'],
  messages: {
    none: 'No MFA factor is enabled',
    enabled: 'MFA factor {factor} is enabled ({strength})',
    'weak-only': 'Only weak MFA factors are enabled ({factors}): add OTP, push or WebAuthn',
  },
  evaluate({ guardianFactors }) {
    const enabled = guardianFactors.filter((f) => f.enabled && f.name !== 'recovery-code');
    if (enabled.length === 0) return [{ status: 'fail', messageId: 'none', field: 'guardian/factors', value: [] }];
    const out = enabled.map((f) => ({
      status: 'pass' as const,
      messageId: 'enabled' as const,
      data: { factor: f.name, strength: STRONG.has(f.name) ? 'strong' : WEAK.has(f.name) ? 'weak' : 'other' },
      resource: { type: 'mfa-factor', id: f.name, name: f.name },
    }));
    if (!enabled.some((f) => STRONG.has(f.name))) {
      return [
        ...out,
        { status: 'fail' as const, messageId: 'weak-only' as const, data: { factors: enabled.map((f) => f.name).join(', ') }, severity: 'advice' as const, field: 'guardian/factors' },
      ];
    }
    return out;
  },
});
