import { bothPlans, defineRule } from '../src/engine/define-rule.js';

const RESTRICTED = new Set(['require_client_grant', 'deny_all']);

const messages = {
  restricted: 'Management API user-delegated access is {policy}: applications cannot get user tokens for it without an explicit grant',
  open: 'Management API user-delegated access is {policy} (Auth0\'s default): any first-party application can get a token limited to the signed-in user\'s own profile (*:current_user* scopes); Auth0 recommends per-app authorization',
  'not-visible': 'The Auth0 Management API is not in this configuration (a Deploy CLI export never holds it): its user access policy is not checked',
} as const;

export default defineRule({
  id: 'mgmt-api-user-access',
  title: 'Applications get Management API tokens for users only with an explicit grant',
  topics: bothPlans('p1.authentication.application-integration'),
  // Calibrated: "All apps allowed" is Auth0's default for user-delegated access, such tokens carry only
  // the signed-in user's `*:current_user*` scopes, and Auth0 documents the pattern (get-management-api-
  // tokens-for-single-page-applications); it "recommends using Per-app authorization" — advice, not a warning.
  severity: 'advice',
  checks: [],
  checkmate: ['checkManagementAPIUserAccess'],
  rationale:
    'With "All apps allowed", Auth0\'s default user-delegated access policy, any first-party application can ask for `audience=https://<tenant>/api/v2/` during login and receive a token limited to the signed-in user\'s own data (`read:current_user`, `update:current_user_metadata`, `update:current_user_identities`, the `*:current_user_device_credentials` scopes). Auth0 documents this for single-page applications, but "does not recommend putting Management API Tokens on the frontend that allow users to change user metadata", and recommends per-app authorization for every API. A script injected into any of those applications (XSS) can change the user\'s metadata or linked identities. Restricting the policy limits this to the applications you grant; it is advice, since the default exposes only the user\'s own profile.',
  remediation:
    'Dashboard → Applications → APIs → Auth0 Management API → Settings → Application Access Policy → User-Delegated Access: "Per-app authorization" (grant only the applications that need it) or "No apps allowed"; or PATCH /api/v2/resource-servers/{id} with `{ "subject_type_authorization": { "user": { "policy": "require_client_grant" } } }`. Do account linking and profile updates from your back end.',
  docs: 'https://auth0.com/docs/get-started/apis/api-access-policies-for-applications',
  needs: ['resourceServers'],
  messages,
  evaluate({ resourceServers }) {
    const mgmt = resourceServers.find((rs) => rs.is_system === true && rs.identifier.endsWith('/api/v2/'));
    // A live read always lists the Management API; only an export leaves it out. The finding names
    // the field the Deploy CLI reach table gives that entry: the audit lists it as needing a live audit.
    if (!mgmt) return [{ status: 'unknown', messageId: 'not-visible', field: 'management-api' }];
    const policy = mgmt.subject_type_authorization?.user?.policy;
    const resource = { type: 'resource-server', id: mgmt.id ?? mgmt.identifier, name: mgmt.name ?? 'Auth0 Management API' };
    return policy && RESTRICTED.has(policy)
      ? [{ status: 'pass', messageId: 'restricted', data: { policy }, resource }]
      : [{ status: 'fail', messageId: 'open', data: { policy: policy ?? 'allow_all (default)' }, resource, field: 'subject_type_authorization.user.policy', value: policy ?? null }];
  },
});
