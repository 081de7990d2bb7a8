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
    'Users should only ever see your own domain on login pages: it resists phishing, keeps cookies first-party, and is needed for passkeys. Create it in every environment, dev included, so the CNAME and certificate are exercised before Go-Live.',
  remediation:
    'Dashboard → Branding → Custom Domains: add the domain, create the CNAME record it shows, then Verify; or POST /api/v2/custom-domains and POST /api/v2/custom-domains/{id}/verify. Then point your applications (and SDK `domain`) at it.',
  docs: 'https://auth0.com/docs/customize/custom-domains',
  needs: ['customDomains'],
  messages: {
    none: 'No custom domain is configured: users see the canonical *.auth0.com domain',
    ready: 'Custom domain {domain} is ready',
    'not-ready': 'Custom domain {domain} is {status}, not ready',
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
            data: { domain: d.domain, status: d.status },
            resource,
            field: 'status',
            value: d.status,
            // A second domain still pending is hygiene when another one is ready.
            ...(anyReady ? { severity: 'warning' as const } : {}),
          };
    });
  },
});
