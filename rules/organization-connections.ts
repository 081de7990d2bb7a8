import { defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import { ENTERPRISE_STRATEGIES } from '../src/engine/strategies.js';

const messages = {
  ok: 'Organization {name} has {count} connection(s) enabled: {connections}',
  none: 'Organization {name} has no connection enabled: nobody can log in to it',
  open: 'Organization {name}: every user of the shared {kind} connection {connection} becomes a member on first login{signup}',
  'not-read': 'Enabled connections of organization {name} were not read',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'organization-connections',
  appliesWhen: 'organizations',
  title: 'Every organization has connections enabled, with membership settings that fit the invite model',
  topics: ['b2b.p1.provisioning.provision-organization', 'b2b.p1.provisioning.provision-organization-users', 'b2b.p2.provisioning.enterprise-sign-up'],
  severity: 'warning',
  checks: ['ORG-02'],
  rationale:
    'An organization with no enabled connection cannot be logged in to. "Membership on authentication" fits a customer\'s own enterprise IdP (everyone there belongs to the customer), but on a database or social connection shared by all customers it makes anyone who can sign up there a member of the organization, with its roles and data; "organization sign-up" on a database connection does so by design.',
  remediation:
    'Dashboard → Organizations → <org> → Connections: enable the customer\'s connection(s); on shared database/social connections turn off "Membership on Authentication" (and "Organization Sign-up") and add members by invitation or API. API: POST /api/v2/organizations/{id}/enabled_connections `{ connection_id, assign_membership_on_login }`, PATCH …/enabled_connections/{connection_id}. Waive when an organization is meant to be open.',
  docs: 'https://auth0.com/docs/manage-users/organizations/configure-organizations/enable-connections',
  needs: ['organizations', 'organizationConnections'],
  wants: ['connections'],
  messages,
  failSummary: {
    none: 'have no connection enabled, so nobody can log in to them',
    open: 'make every user of a shared connection a member on first login',
  },
  evaluate({ organizations, organizationConnections, wants }) {
    const conns = wants.connections.ok ? new Map(wants.connections.data.map((c) => [c.id, c])) : undefined;
    return organizations.map((o): FindingDraft<Msg> => {
      const resource = { type: 'organization', id: o.id, name: o.name };
      const name = o.display_name ?? o.name;
      const enabled = organizationConnections[o.id];
      if (!enabled) return { status: 'unknown', messageId: 'not-read', data: { name }, resource, field: 'enabled_connections' };
      if (enabled.length === 0) return { status: 'fail', messageId: 'none', data: { name }, resource, field: 'enabled_connections', value: [] };
      for (const [i, ec] of enabled.entries()) {
        if (ec.assign_membership_on_login !== true) continue;
        const c = conns?.get(ec.connection_id);
        const strategy = c?.strategy;
        // Unknown strategy: only organization sign-up (database connections only) is certainly open.
        const shared = strategy ? !ENTERPRISE_STRATEGIES.has(strategy) : ec.is_signup_enabled === true;
        if (!shared) continue;
        const kind = strategy === 'auth0' || (!strategy && ec.is_signup_enabled === true) ? 'database' : strategy === 'email' || strategy === 'sms' ? 'passwordless' : 'social';
        return {
          status: 'fail',
          messageId: 'open',
          data: { name, kind, connection: c?.name ?? ec.connection_id, signup: ec.is_signup_enabled === true ? ', and anyone can sign up into it' : '' },
          resource,
          field: `enabled_connections[${i}].assign_membership_on_login`,
          value: true,
        };
      }
      const names = enabled.map((ec) => conns?.get(ec.connection_id)?.name ?? ec.connection_id);
      return { status: 'pass', messageId: 'ok', data: { name, count: enabled.length, connections: names.join(', ') }, resource };
    });
  },
});
