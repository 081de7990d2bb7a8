import { userPolicy } from '../src/engine/apis.js';
import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';

const RESTRICTED = new Set(['require_client_grant', 'deny_all']);

const messages = {
  restricted: 'API {name}: user-delegated access is {policy}',
  open: 'API {name}: user-delegated access is {policy}: every first-party application can get a token for it',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'api-user-access-policy',
  title: 'APIs grant user-delegated access per application (require a client grant)',
  topics: bothPlans('p2.authorization.api-integration'),
  severity: 'advice',
  checks: [],
  checkmate: ['checkAPIAuthorizationPolicy'],
  rationale:
    'With the default "All apps allowed" policy, any first-party application in the tenant, including one added later for another purpose, can obtain an access token for the API on behalf of its user. Per-app authorization makes the set of calling applications, and the scopes each may request, an explicit and reviewable list; the API should still check the `azp` claim. Auth0 itself recommends `require_client_grant` (https://auth0.com/docs/get-started/applications/application-access-to-apis-client-grants) but leaves `allow_all` as the default for user access; API Access Policies for Applications is an Early Access feature on some tenants, hence advice.',
  remediation:
    'Dashboard → Applications → APIs → <API> → Settings → Application Access Policy → User-Delegated Access: "Per-app authorization", then Application Access → grant each calling application its permissions; or PATCH /api/v2/resource-servers/{id} with `{ "subject_type_authorization": { "user": { "policy": "require_client_grant" } } }` and POST /api/v2/client-grants `{ client_id, audience, scope, subject_type: "user" }`.',
  docs: 'https://auth0.com/docs/get-started/apis/api-access-policies-for-applications',
  needs: ['resourceServers'],
  messages,
  failSummary: {
    open: 'let every first-party application get user tokens',
  },
  evaluate({ resourceServers }) {
    return resourceServers
      .filter((rs) => rs.is_system !== true)
      .map((rs): FindingDraft<Msg> => {
        const resource = { type: 'resource-server', id: rs.id ?? rs.identifier, name: rs.name ?? rs.identifier };
        const policy = userPolicy(rs);
        return policy && RESTRICTED.has(policy)
          ? { status: 'pass', messageId: 'restricted', data: { name: resource.name, policy }, resource }
          : { status: 'fail', messageId: 'open', data: { name: resource.name, policy: policy ?? 'allow_all (default)' }, resource, field: 'subject_type_authorization.user.policy', value: policy ?? null };
      });
  },
});
