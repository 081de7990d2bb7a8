import { defineRule, type FindingDraft } from '../src/engine/define-rule.js';

const messages = {
  members: 'Organization {name} has {count} member(s)',
  empty: 'Organization {name} has no member',
  'not-read': 'Members of organization {name} were not read',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'organization-members',
  appliesWhen: 'organizations',
  title: 'Organizations have members',
  topics: ['b2b.p1.provisioning.provision-organization-users', 'b2b.p2.authorization.roles-permissions'],
  // Evidence (catalog ORG-06).
  severity: 'advice',
  checks: ['ORG-06'],
  rationale:
    'Members are how users belong to a customer organization: membership is what lets a user log in to it (unless membership is assigned on login) and what organization roles attach to. An organization with no member shows provisioning (invitations, just-in-time membership, SCIM or API) has not reached it yet.',
  remediation:
    'Add members by invitation (Dashboard → Organizations → <org> → Invitations), by API (POST /api/v2/organizations/{id}/members `{ members: [user_id…] }`), or with "Membership on Authentication" on the customer\'s enterprise connection; give members organization roles with POST /api/v2/organizations/{id}/members/{user_id}/roles when RBAC is per organization.',
  docs: 'https://auth0.com/docs/manage-users/organizations/configure-organizations/assign-members',
  needs: ['organizations', 'organizationMembers'],
  messages,
  failSummary: {
    empty: 'have no member',
  },
  evaluate({ organizations, organizationMembers }) {
    return organizations.map((o): FindingDraft<Msg> => {
      const resource = { type: 'organization', id: o.id, name: o.name };
      const name = o.display_name ?? o.name;
      const m = organizationMembers[o.id];
      if (!m) return { status: 'unknown', messageId: 'not-read', data: { name }, resource, field: 'members' };
      if (m.count === 0 && !m.more) return { status: 'fail', messageId: 'empty', data: { name }, resource, field: 'members', value: 0 };
      return { status: 'pass', messageId: 'members', data: { name, count: m.more ? `${m.count}+` : m.count }, resource };
    });
  },
});
