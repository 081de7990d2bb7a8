import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';

const messages = {
  defined: 'API {name} ({identifier}) is registered, with {scopes} permission(s)',
  none: 'No API of your own is registered: applications can only request access tokens for Auth0 system APIs',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'api-defined',
  title: 'Your own APIs are registered in Auth0',
  topics: bothPlans('p2.authorization.api-integration'),
  // Evidence (catalog API-01): it shows the feature is used, it does not judge it.
  severity: 'advice',
  checks: ['API-01'],
  rationale:
    'An API (resource server) registered in Auth0 is what lets applications obtain access tokens whose audience is your back end, with its own permissions, lifetime and signing settings. Without one, back ends end up accepting ID tokens or opaque tokens, which are not meant for API authorization.',
  remediation:
    'Dashboard → Applications → APIs → Create API: give it an identifier (the audience, e.g. https://api.example.com), RS256 signing and the permissions it needs; or POST /api/v2/resource-servers with `{ name, identifier, signing_alg: "RS256", scopes: [...] }`.',
  docs: 'https://auth0.com/docs/get-started/apis',
  needs: ['resourceServers'],
  messages,
  evaluate({ resourceServers }) {
    const own = resourceServers.filter((rs) => rs.is_system !== true);
    // Evidence: without an API of your own there is nothing to show (the API-integration topic is then out of scope).
    if (own.length === 0) return [{ status: 'n/a', messageId: 'none', field: 'resource-servers', value: [] }];
    return own.map(
      (rs): FindingDraft<Msg> => ({
        status: 'pass',
        messageId: 'defined',
        data: { name: rs.name ?? rs.identifier, identifier: rs.identifier, scopes: rs.scopes?.length ?? 0 },
        resource: { type: 'resource-server', id: rs.id ?? rs.identifier, name: rs.name ?? rs.identifier },
      }),
    );
  },
});
