import rule from '../../rules/organization-connections.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, unavailable, type Mutator } from '../support/tenant.js';

const DB = 'con_oc6Y0qlxwai0R1Hi'; // acme-customers (database) in the baseline
const GOOGLE = 'con_9gI3QzNMQhQ1gx8A';
const orgs: Mutator = (t) => {
  t.organizations = [{ id: 'org_1', name: 'initech' }, { id: 'org_2', name: 'hooli', display_name: 'Hooli' }];
  t.connections = [...(t.connections ?? []), { id: 'con_saml', name: 'initech-saml', strategy: 'samlp' }];
};
const enabled = (map: Record<string, { connection_id: string; assign_membership_on_login?: boolean; is_signup_enabled?: boolean }[]>): Mutator => (t) => {
  t.organizationConnections = map;
};

ruleTester(rule, {
  valid: [
    { name: 'no organizations (baseline)', tenant: tenant() },
    {
      name: 'auto-membership on the customer IdP, invite-only on the shared database',
      tenant: tenant(orgs, enabled({
        org_1: [{ connection_id: 'con_saml', assign_membership_on_login: true }],
        org_2: [{ connection_id: DB, assign_membership_on_login: false, is_signup_enabled: false }],
      })),
    },
  ],
  invalid: [
    {
      name: 'an organization without connections',
      tenant: tenant(orgs, enabled({ org_1: [{ connection_id: 'con_saml' }], org_2: [] })),
      findings: [{ status: 'fail', messageId: 'none', severity: 'warning', resource: 'org_2', field: 'enabled_connections', value: [] }, { status: 'pass', resource: 'org_1' }],
    },
    {
      name: 'membership on authentication over the shared database, with sign-up',
      tenant: tenant(orgs, enabled({ org_1: [{ connection_id: 'con_saml', assign_membership_on_login: true }], org_2: [{ connection_id: 'con_saml' }, { connection_id: DB, assign_membership_on_login: true, is_signup_enabled: true }] })),
      findings: [{ status: 'fail', messageId: 'open', resource: 'org_2', field: 'enabled_connections[1].assign_membership_on_login', value: true }],
    },
    {
      name: 'membership on authentication over a social connection',
      tenant: tenant(orgs, enabled({ org_1: [{ connection_id: GOOGLE, assign_membership_on_login: true }], org_2: [{ connection_id: 'con_saml' }] })),
      findings: [{ status: 'fail', messageId: 'open', resource: 'org_1', field: 'enabled_connections[0].assign_membership_on_login' }],
    },
    {
      name: 'connections unreadable: only organization sign-up is known to be open',
      tenant: tenant(orgs, unavailable('connections'), enabled({ org_1: [{ connection_id: GOOGLE, assign_membership_on_login: true }], org_2: [{ connection_id: DB, assign_membership_on_login: true, is_signup_enabled: true }] })),
      findings: [{ status: 'pass', resource: 'org_1' }, { status: 'fail', messageId: 'open', resource: 'org_2' }],
    },
    {
      name: 'enabled connections of an organization not read',
      tenant: tenant(orgs, enabled({ org_1: [{ connection_id: 'con_saml' }] })),
      findings: [{ status: 'unknown', messageId: 'not-read', resource: 'org_2' }],
    },
  ],
});
