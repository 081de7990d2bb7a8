import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import { isSameOrSubdomain } from '../src/engine/urls.js';

const messages = {
  ok: 'Custom domain {domain} is on your company domain {company}',
  foreign: 'Custom domain {domain} is not on your company domain {company}: users cannot tell it is yours',
  unconfigured: 'Company domain not configured: set `companyDomain` in the config to check custom domain(s) {domains} against it',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'custom-domain-naming',
  title: 'Custom domains are on the company domain',
  topics: bothPlans('p1.branding.custom-domain-naming'),
  severity: 'advice',
  checks: ['CD-02'],
  rationale:
    'A custom domain only fights phishing if users recognise it: login.yourcompany.com reads as yours, a look-alike or a separate marketing domain does not. It should also share the registrable domain of your applications so session cookies stay first-party and browsers do not treat the login as a third-party context.',
  remediation:
    'Dashboard → Branding → Custom Domains: add a subdomain of your company domain (e.g. login.yourcompany.com), verify it, make it the default, and point your applications at it; or POST /api/v2/custom-domains then POST /api/v2/custom-domains/{id}/verify. Set `companyDomain` in the config so this check knows your domain.',
  docs: 'https://auth0.com/docs/customize/custom-domains',
  needs: ['customDomains'],
  messages,
  failSummary: {
    foreign: 'are not on your company domain, so users cannot tell they are yours',
  },
  evaluate({ customDomains }, ctx) {
    const ready = customDomains.filter((d) => d.status === 'ready');
    if (ready.length === 0) return [];
    const company = ctx.settings.companyDomain?.trim().replace(/^\.+/, '');
    if (!company) return [{ status: 'n/a', messageId: 'unconfigured', data: { domains: ready.map((d) => d.domain).join(', ') } }];
    return ready.map((d): FindingDraft<Msg> => {
      const resource = { type: 'custom-domain', id: d.custom_domain_id ?? d.domain, name: d.domain };
      const data = { domain: d.domain, company };
      return isSameOrSubdomain(d.domain, company)
        ? { status: 'pass', messageId: 'ok', data, resource }
        : { status: 'fail', messageId: 'foreign', data, resource, field: 'domain', value: d.domain };
    });
  },
});
