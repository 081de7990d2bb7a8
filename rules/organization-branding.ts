import { defineRule, type FindingDraft } from '../src/engine/define-rule.js';

const messages = {
  branded: 'Organization {name} has its own logo and colours',
  unbranded: 'Organization {name} has no {missing}: its login prompt falls back to the tenant branding ({branded} of {total} organizations are branded)',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'organization-branding',
  appliesWhen: 'organizations',
  title: 'Organizations carry their own branding, when per-organization branding is used',
  topics: ['b2b.p1.branding.login-by-organization'],
  severity: 'advice',
  checks: ['ORG-03'],
  rationale:
    'When customers log in through their organization, its logo and primary colour on the login prompt and invitation emails tell users they are in the right place. Branding some organizations and not others gives an inconsistent, phishing-like experience to the unbranded customers.',
  remediation:
    'Dashboard → Organizations → <org> → Overview → Branding: set the logo URL (https) and the primary and page background colours; or PATCH /api/v2/organizations/{id} with `{ "branding": { "logo_url": "https://…", "colors": { "primary": "#…", "page_background": "#…" } } }`. The rule applies once one organization is branded, or with the rule option `perOrgBranding: true`.',
  docs: 'https://auth0.com/docs/manage-users/organizations/configure-organizations/create-organizations',
  needs: ['organizations'],
  messages,
  options: {
    perOrgBranding: { type: 'boolean', description: 'whether every organization must be branded (default: once one is)' },
  },
  failSummary: {
    unbranded: 'have no logo or colours of their own',
  },
  evaluate({ organizations }, ctx) {
    const missingOf = (o: (typeof organizations)[number]) =>
      [!o.branding?.logo_url && 'branding.logo_url', !o.branding?.colors?.primary && 'branding.colors.primary'].filter((m): m is string => !!m);
    const branded = organizations.filter((o) => missingOf(o).length === 0).length;
    const wanted = typeof ctx.options.perOrgBranding === 'boolean' ? ctx.options.perOrgBranding : organizations.some((o) => !!o.branding?.logo_url || !!o.branding?.colors?.primary);
    if (!wanted) return [];
    return organizations.map((o): FindingDraft<Msg> => {
      const resource = { type: 'organization', id: o.id, name: o.name };
      const name = o.display_name ?? o.name;
      const missing = missingOf(o);
      return missing.length === 0
        ? { status: 'pass', messageId: 'branded', data: { name }, resource }
        : {
            status: 'fail',
            messageId: 'unbranded',
            data: { name, missing: missing.map((m) => (m === 'branding.logo_url' ? 'logo' : 'primary colour')).join(' and '), branded, total: organizations.length },
            resource,
            field: missing[0],
            value: null,
          };
    });
  },
});
