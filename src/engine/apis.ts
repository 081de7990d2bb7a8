/** API (resource server) helpers shared by rules. */
import type { ClientData, ResourceData } from '../snapshot/resources.js';

type ResourceServer = ResourceData<'resourceServers'>[number];
type ClientGrant = ResourceData<'clientGrants'>[number];

/** The API's user-delegated access policy, if set (absent means `allow_all`). */
export function userPolicy(rs: ResourceServer): string | undefined {
  return rs.subject_type_authorization?.user?.policy;
}

export type UserAccess = 'deny_all' | 'require_client_grant' | 'allow_all';

/**
 * Applications that can obtain a user access token for this API, per its user access policy:
 * none under deny_all; those with a user-delegated grant under require_client_grant (when grants
 * were read); otherwise every first-party interactive application (third-party ones need a grant).
 */
export function userApps(
  rs: ResourceServer,
  clients: readonly ClientData[],
  grants: readonly ClientGrant[] | undefined,
): { apps: ClientData[]; access: UserAccess } {
  const interactive = clients.filter((c) => c.global !== true && c.app_type !== 'non_interactive');
  const policy = userPolicy(rs);
  if (policy === 'deny_all') return { apps: [], access: 'deny_all' };
  const granted = grants && new Set(grants.filter((g) => g.audience === rs.identifier && g.subject_type === 'user').map((g) => g.client_id));
  if (policy === 'require_client_grant' && granted) {
    return { apps: interactive.filter((c) => granted.has(c.client_id)), access: 'require_client_grant' };
  }
  return { apps: interactive.filter((c) => c.is_first_party !== false || !granted || granted.has(c.client_id)), access: 'allow_all' };
}

/** `a, b, c, +4`: the first names of a list of applications. */
export function appNames(apps: readonly ClientData[]): string {
  return apps.slice(0, 3).map((c) => c.name ?? c.client_id).join(', ') + (apps.length > 3 ? `, +${apps.length - 3}` : '');
}
