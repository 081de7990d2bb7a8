import { bothPlans, defineRule, NOT_EVALUATED_MESSAGE, notEvaluated } from '../src/engine/define-rule.js';

const RESOURCE = { type: 'mfa-factor', id: 'sms', name: 'SMS/voice provider' };

export default defineRule({
  id: 'mfa-sms-provider',
  title: 'SMS MFA uses your own phone provider',
  topics: bothPlans('p2.authentication.mfa'),
  severity: 'blocker',
  prodOnly: true,
  checks: ['MFA-03'],
  dashboard: ['mfa-sms-provider'],
  rationale:
    "Auth0's built-in SMS provider is for testing: low limits and no delivery guarantees. In production, SMS and voice codes must go through your own Twilio account (or a custom phone provider).",
  remediation:
    'Dashboard → Security → Multi-factor Auth → Phone Message: choose Twilio (or a custom provider) and enter its credentials; or PUT /api/v2/guardian/factors/phone/selected-provider with `{"provider": "twilio"}` and configure it.',
  docs: 'https://auth0.com/docs/secure/multi-factor-authentication/multi-factor-authentication-factors/configure-sms-voice-notifications-mfa',
  needs: ['guardianFactors'],
  wants: ['guardianPhoneProvider'],
  messages: {
    ...NOT_EVALUATED_MESSAGE,
    own: 'SMS/voice MFA sends through {provider}',
    'auth0-provider': "SMS/voice MFA sends through Auth0's built-in test provider",
  },
  evaluate({ guardianFactors, wants }) {
    const phone = guardianFactors.some((f) => (f.name === 'sms' || f.name === 'phone') && f.enabled);
    if (!phone) return [];
    const r = wants.guardianPhoneProvider;
    if (!r.ok) return [notEvaluated(r, RESOURCE)];
    const provider = r.data.provider ?? 'auth0';
    return provider === 'auth0'
      ? [{ status: 'fail', messageId: 'auth0-provider', resource: RESOURCE, field: 'provider', value: provider }]
      : [{ status: 'pass', messageId: 'own', data: { provider }, resource: RESOURCE }];
  },
});
