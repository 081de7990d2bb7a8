import { bothPlans, defineRule } from '../src/engine/define-rule.js';
import { emailDomain, isSameOrSubdomain, parentDomain } from '../src/engine/urls.js';

/** Domains no company should send its identity mail from. */
const NOT_YOURS = ['auth0.com', 'auth0user.net', 'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'yahoo.com', 'live.com', 'icloud.com', 'example.com'];

export default defineRule({
  id: 'email-provider-from-address',
  prodOnly: true,
  title: 'Mail is sent from your own domain',
  topics: bothPlans('p1.operations.email-provider'),
  severity: 'warning',
  checks: ['EM-02'],
  rationale:
    'A from-address on your company or custom domain, with SPF/DKIM/DMARC aligned, is what keeps verification and reset mail out of spam folders and recognisable to users.',
  remediation:
    'Dashboard → Branding → Email Provider → "From" address: use an address on your domain (e.g. no-reply@yourcompany.com), and authenticate that domain at your provider; or PATCH /api/v2/emails/provider with `default_from_address`.',
  // The From Address and the SPF and DKIM it needs are documented with the templates, not the test SMTP servers.
  docs: 'https://auth0.com/docs/customize/email/email-templates/customize-email-templates',
  needs: ['emailProvider'],
  wants: ['customDomains'],
  messages: {
    'no-from': 'Email provider {name} has no default from-address',
    'not-yours': 'From-address {address} is on {domain}, not on your company or custom domain',
    ok: 'From-address {address} is on {domain}',
    'ok-unchecked': 'From-address {address} is on {domain} (set companyDomain in config to check it is yours)',
  },
  evaluate({ emailProvider, wants }, ctx) {
    if (emailProvider === null) return [];
    const resource = { type: 'email-provider', id: emailProvider.name, name: emailProvider.name };
    const address = emailProvider.default_from_address;
    if (!address) return [{ status: 'fail', messageId: 'no-from', data: { name: emailProvider.name }, resource, field: 'default_from_address', value: null }];
    const domain = emailDomain(address) ?? '';
    const refs = [
      ...(ctx.settings.companyDomain ? [ctx.settings.companyDomain] : []),
      ...(wants.customDomains.ok ? wants.customDomains.data.flatMap((d) => [d.domain, parentDomain(d.domain)]) : []),
    ];
    const bad = NOT_YOURS.some((d) => isSameOrSubdomain(domain, d));
    if (bad || (refs.length > 0 && !refs.some((r) => isSameOrSubdomain(domain, r)))) {
      return [{ status: 'fail', messageId: 'not-yours', data: { address, domain }, resource, field: 'default_from_address', value: address }];
    }
    return [{ status: 'pass', messageId: refs.length ? 'ok' : 'ok-unchecked', data: { address, domain }, resource }];
  },
});
