import { bothPlans, defineRule, NOT_EVALUATED_MESSAGE, notEvaluated } from '../src/engine/define-rule.js';

const RESOURCE = { type: 'mfa-factor', id: 'sms', name: 'SMS/voice provider' };

export default defineRule({
  id: 'mfa-sms-provider',
  appliesWhen: 'phone-mfa',
  title: 'SMS MFA uses your own phone provider',
  topics: bothPlans('p2.authentication.mfa'),
  severity: 'blocker',
  prodOnly: true,
  checks: ['MFA-03'],
  dashboard: ['mfa-sms-provider'],
  rationale:
    "Auth0's built-in SMS provider is for testing: low limits and no delivery guarantees. In production, SMS and voice codes must go through your own Twilio account (or a custom phone provider). Tenants on the Unified Phone Experience (every new tenant) configure it once for the tenant (Branding → Phone Provider, `GET /api/v2/branding/phone/providers`); older tenants still configure it on the MFA factor (`GET /api/v2/guardian/factors/phone/selected-provider`). The check reads both and decides from the one the tenant uses.",
  remediation:
    'Unified Phone Experience: Dashboard → Branding → Phone Provider: configure Twilio (or a custom provider through an Action) and keep it enabled; or POST /api/v2/branding/phone/providers. Legacy tenants: Dashboard → Security → Multi-factor Auth → Phone Message: choose Twilio (or a custom provider) and enter its credentials; or PUT /api/v2/guardian/factors/phone/selected-provider with `{"provider": "twilio"}` and configure it.',
  docs: 'https://auth0.com/docs/customize/phone-messages/unified-phone',
  needs: ['guardianFactors'],
  wants: ['guardianPhoneProvider', 'phoneProviders', 'tenantSettings'],
  messages: {
    ...NOT_EVALUATED_MESSAGE,
    own: 'SMS/voice MFA sends through {provider}',
    'own-tenant': 'SMS/voice MFA sends through the tenant phone provider {provider} (Unified Phone Experience)',
    'auth0-provider': "SMS/voice MFA sends through Auth0's built-in test provider",
    'no-tenant-provider':
      'SMS/voice MFA is on, the tenant is on the Unified Phone Experience, and no enabled tenant phone provider is configured (Branding → Phone Provider)',
  },
  evaluate({ guardianFactors, wants }) {
    const phone = guardianFactors.some((f) => (f.name === 'sms' || f.name === 'phone') && f.enabled);
    if (!phone) return [];
    const upeFlag = wants.tenantSettings.ok ? wants.tenantSettings.data.phone_consolidated_experience : undefined;
    const tenantProviders = wants.phoneProviders;
    const enabled = tenantProviders.ok ? tenantProviders.data.find((p) => p.disabled !== true) : undefined;

    // 1. A tenant on the Unified Phone Experience (or one with an enabled tenant-level provider,
    //    unless the tenant says it is not on it) sends through the tenant phone provider.
    if (upeFlag !== false && enabled) {
      return [{ status: 'pass', messageId: 'own-tenant', data: { provider: enabled.name }, resource: RESOURCE }];
    }
    if (upeFlag === true) {
      if (!tenantProviders.ok) return [notEvaluated(tenantProviders, RESOURCE)];
      return [{ status: 'fail', messageId: 'no-tenant-provider', resource: RESOURCE, field: 'branding/phone/providers', value: null }];
    }
    // 2. Whether the tenant is on the Unified Phone Experience is not known and its providers
    //    could not be read: the legacy setting may not be the one in use.
    if (upeFlag === undefined && !tenantProviders.ok) return [notEvaluated(tenantProviders, RESOURCE)];

    // 3. The legacy MFA factor setting.
    const r = wants.guardianPhoneProvider;
    if (!r.ok) return [notEvaluated(r, RESOURCE)];
    const provider = r.data.provider ?? 'auth0';
    return provider === 'auth0'
      ? [{ status: 'fail', messageId: 'auth0-provider', resource: RESOURCE, field: 'provider', value: provider }]
      : [{ status: 'pass', messageId: 'own', data: { provider }, resource: RESOURCE }];
  },
});
