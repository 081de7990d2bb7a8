import { bothPlans, defineRule } from '../src/engine/define-rule.js';

const RESOURCE = { type: 'tenant-flag', id: 'enable_custom_domain_in_emails', name: 'Use custom domain in emails' };

export default defineRule({
  id: 'custom-domain-in-emails',
  title: 'Emails link to the custom domain, not the canonical one',
  topics: bothPlans('p1.branding.custom-domain-naming', 'p1.branding.email-templates'),
  severity: 'blocker',
  prodOnly: true,
  checks: ['TEN-14'],
  dashboard: ['custom-domain-emails'],
  rationale:
    'Verification, password-reset, invitation and MFA enrolment emails carry links to Auth0. Unless the tenant is told to use the custom domain in emails, those links point at the canonical *.auth0.com domain: users are trained to click links to a domain that is not yours (the pattern phishing relies on), and the flow runs outside the custom domain\'s cookies. Severity follows Auth0\'s own line: once a custom domain exists, its readiness check lists "Use Custom Domain in branded email templates" as a critical fix (https://auth0.com/docs/deploy-monitor/pre-deployment-checks/production-check-required-fixes). That a custom domain must exist at all goes further than Auth0, which rates it recommended: that is custom-domain-ready (catalog Decision 3); this rule only runs once one is ready. With several custom domains, emails use the default custom domain (https://auth0.com/docs/customize/custom-domains/multiple-custom-domains/default-domain).',
  remediation:
    'Dashboard → Branding → Custom Domains: turn on "Use Custom Domain in Emails" (with several custom domains, set the default domain emails should use); or PATCH /api/v2/tenants/settings with `{"flags": {"enable_custom_domain_in_emails": true}}`.',
  docs: 'https://auth0.com/docs/customize/custom-domains/configure-features-to-use-custom-domains#use-custom-domains-in-emails',
  needs: ['tenantSettings', 'customDomains'],
  messages: {
    on: 'Email links use the custom domain {domain}',
    'default-domain': 'The tenant does not report the flag, but {domain} is the default custom domain, which emails use',
    off: 'Email links still use the canonical Auth0 domain although custom domain {domain} is ready (Auth0 rates this a critical fix)',
  },
  evaluate({ tenantSettings, customDomains }) {
    // TEN-14 applies only when CD-01 passes.
    const ready = customDomains.filter((d) => d.status === 'ready');
    const isDefault = (d: (typeof ready)[number]) => d.is_default === true;
    const main = ready.find(isDefault) ?? ready.find((d) => d.primary) ?? ready[0];
    if (!main) return [];
    const data = { domain: main.domain };
    const flag = tenantSettings.flags?.enable_custom_domain_in_emails;
    if (flag === true) return [{ status: 'pass', messageId: 'on', data, resource: RESOURCE }];
    if (flag === undefined && isDefault(main)) return [{ status: 'pass', messageId: 'default-domain', data, resource: RESOURCE }];
    return [{ status: 'fail', messageId: 'off', data, resource: RESOURCE, field: 'flags.enable_custom_domain_in_emails', value: flag ?? null }];
  },
});
