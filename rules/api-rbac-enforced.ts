import { defineRule, type FindingDraft } from '../src/engine/define-rule.js';

const messages = {
  enforced: 'API {name} enforces RBAC for the {permissions} permission(s) its {roles} role(s) carry; token dialect {dialect}',
  'not-enforced': 'Roles ({roles}) carry permissions of API {name}, but the API does not enforce RBAC: tokens get every requested scope',
  dialect: 'API {name} enforces RBAC, but its token dialect {dialect} adds no `permissions` claim, which your API expects',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'api-rbac-enforced',
  title: 'APIs whose permissions are given through roles enforce RBAC',
  topics: ['b2c.p2.authorization.rbac', 'b2b.p2.authorization.roles-permissions'],
  severity: 'warning',
  checks: ['API-06'],
  rationale:
    'Assigning an API\'s permissions to roles does nothing until the API enforces RBAC: without `enforce_policies`, any user of any allowed application gets every scope it asks for, whatever their roles. With RBAC on, the granted scopes are cut to the user\'s permissions; the `*_authz` dialects also put them in a `permissions` claim.',
  remediation:
    'Dashboard → Applications → APIs → <API> → Settings → RBAC Settings: Enable RBAC, and "Add Permissions in the Access Token" if the API reads a `permissions` claim; or PATCH /api/v2/resource-servers/{id} with `{ "enforce_policies": true, "token_dialect": "access_token_authz" }` (or `rfc9068_profile_authz`). Set the rule option `permissionsClaim: true` to require the claim.',
  docs: 'https://auth0.com/docs/get-started/apis/enable-role-based-access-control-for-apis',
  needs: ['resourceServers', 'roles', 'rolePermissions'],
  messages,
  options: {
    permissionsClaim: { type: 'boolean', description: 'require the permissions claim in access tokens (token_dialect *_authz)' },
  },
  failSummary: {
    'not-enforced': 'do not enforce RBAC although roles carry their permissions',
  },
  evaluate({ resourceServers, roles, rolePermissions }, ctx) {
    const wantsClaim = ctx.options.permissionsClaim === true;
    const roleName = new Map(roles.map((r) => [r.id, r.name]));
    const out: FindingDraft<Msg>[] = [];
    for (const rs of resourceServers.filter((r) => r.is_system !== true)) {
      const carrying = Object.entries(rolePermissions)
        .map(([roleId, perms]) => [roleId, perms.filter((p) => p.resource_server_identifier === rs.identifier)] as const)
        .filter(([, perms]) => perms.length > 0);
      if (carrying.length === 0) continue; // RBAC is not used for this API
      const resource = { type: 'resource-server', id: rs.id ?? rs.identifier, name: rs.name ?? rs.identifier };
      const names = carrying.map(([id]) => roleName.get(id) ?? id);
      const data = {
        name: resource.name,
        roles: names.length > 3 ? `${names.slice(0, 3).join(', ')}, +${names.length - 3}` : names.join(', '),
        permissions: new Set(carrying.flatMap(([, perms]) => perms.map((p) => p.permission_name))).size,
        dialect: rs.token_dialect ?? 'access_token',
      };
      if (rs.enforce_policies !== true) {
        out.push({ status: 'fail', messageId: 'not-enforced', data, resource, field: 'enforce_policies', value: rs.enforce_policies ?? null });
      } else if (wantsClaim && !data.dialect.endsWith('_authz')) {
        out.push({ status: 'fail', messageId: 'dialect', data, resource, field: 'token_dialect', value: rs.token_dialect ?? null });
      } else {
        out.push({ status: 'pass', messageId: 'enforced', data: { ...data, roles: carrying.length }, resource });
      }
    }
    return out;
  },
});
