import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import { appNames, userApps, type UserAccess } from '../src/engine/apis.js';

const BASIS: Record<UserAccess, string> = {
  deny_all: 'user access policy deny_all',
  require_client_grant: 'applications with a user-delegated client grant',
  allow_all: 'all first-party applications',
};

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
  failSummary: {
    unused: 'allow offline access although no application that can call them uses the refresh_token grant',
  },
  evaluate({ resourceServers, clients, wants }) {
    const grants = wants.clientGrants.ok ? wants.clientGrants.data : undefined;
    return resourceServers
      .filter((rs) => rs.is_system !== true)
      .map((rs): FindingDraft<Msg> => {
        const resource = { type: 'resource-server', id: rs.id ?? rs.identifier, name: rs.name ?? rs.identifier };
        if (rs.allow_offline_access !== true) return { status: 'pass', messageId: 'off', data: { name: resource.name }, resource };
        const { apps, access } = userApps(rs, clients, grants);
        const basis = BASIS[access];
        const users = apps.filter((c) => c.grant_types?.includes('refresh_token'));
        return users.length
          ? { status: 'pass', messageId: 'used', data: { name: resource.name, count: users.length, apps: appNames(users) }, resource }
          : { status: 'fail', messageId: 'unused', data: { name: resource.name, basis }, resource, field: 'allow_offline_access', value: true };
      });
  },
});
