import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import type { ResourceData } from '../src/snapshot/resources.js';

type ResourceServer = ResourceData<'resourceServers'>[number];
type Client = ResourceData<'clients'>[number];
type ClientGrant = ResourceData<'clientGrants'>[number];

function userPolicy(rs: ResourceServer): string | undefined {
  const sta = rs.subject_type_authorization as { user?: { policy?: unknown } } | null | undefined;
  return typeof sta?.user?.policy === 'string' ? sta.user.policy : undefined;
}

/** Applications that can obtain a user access token for this API, per its user access policy. */
function userApps(rs: ResourceServer, clients: readonly Client[], grants: readonly ClientGrant[] | undefined): { apps: Client[]; basis: string } {
  const interactive = clients.filter((c) => c.global !== true && c.app_type !== 'non_interactive');
  const policy = userPolicy(rs);
  if (policy === 'deny_all') return { apps: [], basis: 'user access policy deny_all' };
  const granted = grants && new Set(grants.filter((g) => g.audience === rs.identifier && g.subject_type === 'user').map((g) => g.client_id));
  if (policy === 'require_client_grant' && granted) {
    return { apps: interactive.filter((c) => granted.has(c.client_id)), basis: 'applications with a user-delegated client grant' };
  }
  // allow_all (the default): every first-party application; third-party ones need a grant.
  return { apps: interactive.filter((c) => c.is_first_party !== false || !granted || granted.has(c.client_id)), basis: 'all first-party applications' };
}

const list = (apps: Client[]) => apps.slice(0, 3).map((c) => c.name ?? c.client_id).join(', ') + (apps.length > 3 ? `, +${apps.length - 3}` : '');

const messages = {
  off: 'API {name} does not issue refresh tokens (allow_offline_access is off)',
  used: 'API {name} issues refresh tokens, and {count} application(s) that can call it use the refresh_token grant ({apps})',
  unused: 'API {name} allows offline access, but no application that can call it ({basis}) has the refresh_token grant',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'api-offline-access',
  title: 'APIs allow offline access (refresh tokens) only when an application uses it',
  topics: bothPlans('p2.authorization.api-integration'),
  severity: 'advice',
  checks: ['API-04'],
  rationale:
    'With "Allow Offline Access" on, any application that can call the API may ask for `offline_access` and receive a refresh token: a long-lived credential that keeps minting access tokens after the user has left. Leave it on only for APIs whose applications actually use refresh tokens (with rotation and expiry), so an unused capability cannot be abused.',
  remediation:
    'Dashboard → Applications → APIs → <API> → Settings → Access Settings: turn off "Allow Offline Access" unless an application uses refresh tokens for this API; or PATCH /api/v2/resource-servers/{id} with `{ "allow_offline_access": false }`. Applications that do need them keep the refresh_token grant with rotation (PATCH /api/v2/clients/{id} `refresh_token.rotation_type: "rotating"`).',
  docs: 'https://auth0.com/docs/secure/tokens/refresh-tokens/get-refresh-tokens',
  needs: ['resourceServers', 'clients'],
  wants: ['clientGrants'],
  messages,
  evaluate({ resourceServers, clients, wants }) {
    const grants = wants.clientGrants.ok ? wants.clientGrants.data : undefined;
    return resourceServers
      .filter((rs) => rs.is_system !== true)
      .map((rs): FindingDraft<Msg> => {
        const resource = { type: 'resource-server', id: rs.id ?? rs.identifier, name: rs.name ?? rs.identifier };
        if (rs.allow_offline_access !== true) return { status: 'pass', messageId: 'off', data: { name: resource.name }, resource };
        const { apps, basis } = userApps(rs, clients, grants);
        const users = apps.filter((c) => c.grant_types?.includes('refresh_token'));
        return users.length
          ? { status: 'pass', messageId: 'used', data: { name: resource.name, count: users.length, apps: list(users) }, resource }
          : { status: 'fail', messageId: 'unused', data: { name: resource.name, basis }, resource, field: 'allow_offline_access', value: true };
      });
  },
});
