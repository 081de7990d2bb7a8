import { defineRule, type FindingDraft } from '../src/engine/define-rule.js';

const messages = {
  profile: 'Self-service SSO profile {name} is configured{strategies}',
  none: 'No self-service SSO profile is configured: each customer\'s IdP connection is set up by hand',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'self-service-sso-profiles',
  feature: 'self-service-sso',
  title: 'Self-service SSO profiles let customer admins set up their own enterprise connection',
  topics: ['b2b.p3.operations.self-service-sso-setup'],
  // Evidence (catalog SSP-01).
  severity: 'advice',
  checks: ['SSP-01'],
  rationale:
    'Self-service SSO gives a customer\'s IT administrator a guided, time-limited link to connect their own IdP (Okta, Entra ID, SAML, …) to your tenant, instead of exchanging metadata and certificates by email with your support team for every new B2B customer.',
  remediation:
    'Dashboard → Authentication → Enterprise → Self-Service SSO → Create Profile (allowed IdP types, user attributes, branding), then generate an access ticket per customer; or POST /api/v2/self-service-profiles and POST /api/v2/self-service-profiles/{id}/sso-ticket. Your admin portal needs `create:connections` to do it programmatically.',
  docs: 'https://auth0.com/docs/authenticate/enterprise-connections/self-service-SSO',
  needs: ['selfServiceProfiles'],
  messages,
  evaluate({ selfServiceProfiles }) {
    // Evidence only: self-service SSO is an optional Phase 3 capability.
    if (selfServiceProfiles.length === 0) return [{ status: 'n/a', messageId: 'none', field: 'self-service-profiles', value: [] }];
    return selfServiceProfiles.map((p, i): FindingDraft<Msg> => {
      const name = p.name ?? p.id ?? `profile #${i + 1}`;
      const strategies = Array.isArray(p.allowed_strategies) ? p.allowed_strategies.filter((s): s is string => typeof s === 'string') : [];
      return {
        status: 'pass',
        messageId: 'profile',
        data: { name, strategies: strategies.length ? ` (${strategies.join(', ')})` : '' },
        resource: { type: 'self-service-profile', id: p.id ?? name, name },
      };
    });
  },
});
