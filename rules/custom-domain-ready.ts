import { bothPlans, defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'custom-domain-ready',
  prodOnly: true,
  title: 'A custom domain is verified and ready',
  topics: bothPlans('p1.architecture.custom-domains', 'p1.branding.custom-domain-naming'),
  // Decision 3: a ready custom domain is the core evidence of the custom-domains topic.
  severity: 'blocker',
  checks: ['CD-01'],
  checkmate: ['checkCustomDomain'],
  dashboard: ['custom-domain'],
  rationale:
    'Users should only ever see your own domain on login pages: it resists phishing and keeps the login cookies first-party (browsers that block third-party cookies break silent authentication on *.auth0.com). Auth0 rates a custom domain recommended (a non-critical fix in its readiness check, https://auth0.com/docs/deploy-monitor/pre-deployment-checks/production-check-recommended-fixes); required here because the domain is part of every integration contract — the token issuer, application SDK settings, the relying-party ID that passkeys and WebAuthn credentials are bound to, links already sent in emails — so adding it after Go-Live is a migration of every app and can strand enrolled credentials (catalog Decision 3: a ready custom domain is the core evidence of the custom-domains topic). It is strictly needed only for the native Passkey APIs (https://auth0.com/docs/authenticate/database-connections/passkeys/passkey-apis); passkeys in Universal Login work on the canonical domain too. Create it in every environment, dev included, so the CNAME and certificate are exercised before Go-Live.',
  remediation:
    'Dashboard → Branding → Custom Domains: add the domain, create the CNAME record it shows, then Verify; or POST /api/v2/custom-domains and POST /api/v2/custom-domains/{id}/verify. Then point your applications (and SDK `domain`) at it.',
  docs: 'https://auth0.com/docs/customize/custom-domains',
  needs: ['customDomains'],
  messages: {
    none: 'No custom domain is configured: users see the canonical *.auth0.com domain. Auth0 rates this recommended; required here because adding a domain after Go-Live changes the issuer and login host of every application (catalog Decision 3)',
    ready: 'Custom domain {domain} is ready',
    'not-ready': 'Custom domain {domain} is {status}, not ready{decision}',
  },
  failSummary: {
    'not-ready': 'are configured but not ready',
  },
  evaluate({ customDomains }) {
    if (customDomains.length === 0) return [{ status: 'fail', messageId: 'none', field: 'custom-domains' }];
    const anyReady = customDomains.some((d) => d.status === 'ready');
    return customDomains.map((d) => {
      const resource = { type: 'custom-domain', id: d.custom_domain_id ?? d.domain, name: d.domain };
      return d.status === 'ready'
        ? { status: 'pass' as const, messageId: 'ready' as const, data: { domain: d.domain }, resource }
        : {
            status: 'fail' as const,
            messageId: 'not-ready' as const,
            data: { domain: d.domain, status: d.status, decision: anyReady ? '' : '. Auth0 rates a custom domain recommended; required here because adding one after Go-Live changes the issuer and login host of every application (catalog Decision 3)' },
            resource,
            field: 'status',
            value: d.status,
            // A second domain still pending is hygiene when another one is ready.
            ...(anyReady ? { severity: 'warning' as const } : {}),
          };
    });
  },
});
