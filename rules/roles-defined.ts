import { defineRule, type FindingDraft } from '../src/engine/define-rule.js';

const messages = {
  permissions: 'Role {name} carries {count} permission(s) of {apis}',
  empty: 'Role {name} carries no permission: assigning it grants nothing',
  'not-read': 'Permissions of role {name} were not read',
  none: 'No role is defined',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'roles-defined',
  title: 'Roles are defined and carry API permissions',
  topics: ['b2c.p2.authorization.rbac', 'b2b.p2.authorization.roles-permissions'],
  // Evidence (catalog ROLE-01).
  severity: 'advice',
  checks: ['ROLE-01'],
  rationale:
    'Role-based access control in Auth0 is roles holding API permissions, assigned to users (or organization members). A role without permissions adds nothing to tokens, and an RBAC design that lives only in application code cannot be reviewed or enforced by the API settings.',
  remediation:
    'Dashboard → User Management → Roles → Create Role, then Permissions → Add Permissions from your API; or POST /api/v2/roles and POST /api/v2/roles/{id}/permissions with `{ permissions: [{ resource_server_identifier, permission_name }] }`. Enable RBAC on the API (see api-rbac-enforced).',
  docs: 'https://auth0.com/docs/manage-users/access-control/configure-core-rbac/roles/create-roles',
  needs: ['roles', 'rolePermissions'],
  messages,
  failSummary: {
    empty: 'carry no permission',
  },
  evaluate({ roles, rolePermissions }) {
    // Evidence: without roles RBAC is simply not used (the RBAC topic is then out of scope).
    if (roles.length === 0) return [{ status: 'n/a', messageId: 'none', field: 'roles', value: [] }];
    return roles.map((r): FindingDraft<Msg> => {
      const resource = { type: 'role', id: r.id, name: r.name };
      const perms = rolePermissions[r.id];
      if (!perms) return { status: 'unknown', messageId: 'not-read', data: { name: r.name }, resource };
      if (perms.length === 0) return { status: 'fail', messageId: 'empty', data: { name: r.name }, resource, field: 'permissions', value: [] };
      const apis = [...new Set(perms.map((p) => p.resource_server_identifier))];
      return { status: 'pass', messageId: 'permissions', data: { name: r.name, count: perms.length, apis: apis.join(', ') }, resource };
    });
  },
});
