import { defineRule, type FindingDraft } from '../src/engine/define-rule.js';

const messages = {
  defined: 'Organization {name} is provisioned',
  none: 'No organization is provisioned: B2B customers have no Auth0 Organization to log in to',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'organizations-defined',
  title: 'Customer organizations are provisioned as Auth0 Organizations',
  topics: ['b2b.p1.provisioning.provision-organization'],
  // Evidence (catalog ORG-01).
  severity: 'advice',
  checks: ['ORG-01'],
  rationale:
    'In the B2B plan each business customer is an Auth0 Organization: it carries the customer\'s connections, members, roles, branding and invitations, and puts `org_id` in tokens for tenant isolation in your APIs. Without organizations, that isolation has to be rebuilt in application code.',
  remediation:
    'Dashboard → Organizations → Create Organization (name, display name, branding), then enable its connections and add members; or POST /api/v2/organizations `{ name, display_name }` from your onboarding pipeline. If you model customers differently (tenant per customer, metadata), set the rule option `orgModel` to that model.',
  docs: 'https://auth0.com/docs/manage-users/organizations/create-first-organization',
  needs: ['organizations'],
  messages,
  options: {
    orgModel: { type: 'string', description: 'how customers are modelled; anything but "organizations" turns the rule off' },
  },
  evaluate({ organizations }, ctx) {
    const model = ctx.options.orgModel;
    if (typeof model === 'string' && model !== 'organizations') return [];
    if (organizations.length === 0) {
      // Organizations are a B2B topic: a B2C tenant without them has nothing to report.
      return ctx.plan === 'b2b' ? [{ status: 'fail', messageId: 'none', field: 'organizations', value: [] }] : [];
    }
    return organizations.map((o): FindingDraft<Msg> => ({
      status: 'pass',
      messageId: 'defined',
      data: { name: o.display_name ?? o.name },
      resource: { type: 'organization', id: o.id, name: o.name },
    }));
  },
});
