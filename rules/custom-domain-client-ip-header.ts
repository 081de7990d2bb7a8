import { bothPlans, defineRule } from '../src/engine/define-rule.js';

/** The header Auth0 reads when `custom_client_ip_header` is not set (the OAS enum's documented default). */
const DEFAULT_HEADER = 'x-forwarded-for';

export default defineRule({
  id: 'custom-domain-client-ip-header',
  title: 'Self-managed custom domains read the client IP from the header the proxy sends',
  topics: bothPlans('p1.architecture.custom-domains'),
  // Advice at most: the Management API shows which header Auth0 reads, never what the proxy sends.
  severity: 'advice',
  checks: ['CD-03'],
  rationale:
    "Behind your own reverse proxy, Auth0 takes the end user's IP from a request header (`custom_client_ip_header`; unset means the documented default, `x-forwarded-for`). If the proxy puts the client IP in a different header, or does not set it, attack protection (brute force, suspicious IP throttling) and logs act on the proxy's IP: one attacker can lock out everyone, or no one. An unset header is not a fault — it is the documented default (the `custom_client_ip_header` enum in the Management API defaults to `x-forwarded-for`), which works with any proxy that sets X-Forwarded-For — so it passes, with the reminder that the Management API cannot see what the proxy sends and only you can confirm the two match.",
  remediation:
    'Check that your proxy sends the client IP in the header Auth0 reads (X-Forwarded-For when unset). If it uses another one (e.g. `cf-connecting-ip`, `true-client-ip`, `x-azure-clientip`), set it: PATCH /api/v2/custom-domains/{id} with `{"custom_client_ip_header": "<header>"}` (Dashboard → Branding → Custom Domains shows it read-only).',
  docs: 'https://auth0.com/docs/customize/custom-domains/self-managed-certificates',
  needs: ['customDomains'],
  messages: {
    set: 'Self-managed domain {domain} reads the client IP from {header}',
    default:
      'Self-managed domain {domain} has no custom_client_ip_header, so Auth0 reads the client IP from the default x-forwarded-for header. The Management API cannot see what your proxy sends: confirm it sets X-Forwarded-For to the client IP, or set the header it does use',
  },
  evaluate({ customDomains }) {
    return customDomains
      .filter((d) => d.type === 'self_managed_certs')
      .map((d) => {
        const resource = { type: 'custom-domain', id: d.custom_domain_id ?? d.domain, name: d.domain };
        return d.custom_client_ip_header
          ? { status: 'pass' as const, messageId: 'set' as const, data: { domain: d.domain, header: d.custom_client_ip_header }, resource }
          : // Unset is Auth0's documented default (x-forwarded-for), not a fault: pass, saying what to confirm.
            { status: 'pass' as const, messageId: 'default' as const, data: { domain: d.domain, header: DEFAULT_HEADER }, resource };
      });
  },
});
