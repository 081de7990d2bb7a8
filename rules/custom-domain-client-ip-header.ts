import { bothPlans, defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'custom-domain-client-ip-header',
  title: 'Self-managed custom domains forward the real client IP',
  topics: bothPlans('p1.architecture.custom-domains'),
  severity: 'warning',
  checks: ['CD-03'],
  rationale:
    "Behind your own reverse proxy, Auth0 sees the proxy's address unless told which header carries the client's. Attack protection (brute force, suspicious IP throttling) and logs then act on the proxy's IP: one attacker can lock out everyone, or no one.",
  remediation:
    'Set the header your proxy writes (e.g. `cf-connecting-ip`, `x-forwarded-for`, `true-client-ip`): PATCH /api/v2/custom-domains/{id} with `{"custom_client_ip_header": "<header>"}` (Dashboard → Branding → Custom Domains shows it read-only).',
  docs: 'https://auth0.com/docs/customize/custom-domains/self-managed-certificates',
  needs: ['customDomains'],
  messages: {
    set: 'Self-managed domain {domain} forwards the client IP in {header}',
    missing: 'Self-managed domain {domain} has no custom_client_ip_header: attack protection sees the proxy IP',
  },
  evaluate({ customDomains }) {
    return customDomains
      .filter((d) => d.type === 'self_managed_certs')
      .map((d) => {
        const resource = { type: 'custom-domain', id: d.custom_domain_id ?? d.domain, name: d.domain };
        return d.custom_client_ip_header
          ? { status: 'pass' as const, messageId: 'set' as const, data: { domain: d.domain, header: d.custom_client_ip_header }, resource }
          : { status: 'fail' as const, messageId: 'missing' as const, data: { domain: d.domain }, resource, field: 'custom_client_ip_header', value: null };
      });
  },
});
