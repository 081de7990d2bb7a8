import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import { appNames, userApps, type UserAccess } from '../src/engine/apis.js';

const BASIS: Record<UserAccess, string> = {
  deny_all: 'user access policy deny_all',
  require_client_grant: 'no user-delegated client grant',
  allow_all: 'no interactive application',
};

const messages = {
  skips: 'API {name} skips the consent prompt for first-party applications',
  'third-party': 'API {name} keeps the consent prompt: third-party application {app} can request tokens for it',
  consent: 'API {name} shows a consent prompt although only first-party applications call it ({apps})',
  unused: 'No application can request user tokens for API {name} ({basis})',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'api-skip-consent',
  title: 'APIs used only by your own applications skip the consent prompt',
  topics: bothPlans('p2.authorization.api-integration'),
  severity: 'advice',
  checks: ['API-05'],
  rationale:
    'Consent protects users from third-party applications. For an API called only by your own (first-party) applications, the prompt "App wants to access your account" is friction that users learn to click through, and it breaks silent authentication and refresh flows that cannot show it.',
  remediation:
    'Dashboard → Applications → APIs → <API> → Settings → Access Settings: turn on "Allow Skipping User Consent"; or PATCH /api/v2/resource-servers/{id} with `{ "skip_consent_for_verifiable_first_party_clients": true }`. Consent is still shown to third-party applications and to first-party ones on localhost callbacks.',
  docs: 'https://auth0.com/docs/get-started/applications/confidential-and-public-applications/user-consent-and-third-party-applications',
  needs: ['resourceServers', 'clients'],
  wants: ['clientGrants'],
  messages,
  failSummary: {
    consent: 'show a consent prompt although only first-party applications call them',
  },
  evaluate({ resourceServers, clients, wants }) {
    const grants = wants.clientGrants.ok ? wants.clientGrants.data : undefined;
    return resourceServers
      .filter((rs) => rs.is_system !== true)
      .map((rs): FindingDraft<Msg> => {
        const resource = { type: 'resource-server', id: rs.id ?? rs.identifier, name: rs.name ?? rs.identifier };
        if (rs.skip_consent_for_verifiable_first_party_clients === true) return { status: 'pass', messageId: 'skips', data: { name: resource.name }, resource };
        const { apps, access } = userApps(rs, clients, grants);
        const basis = BASIS[access];
        if (apps.length === 0) return { status: 'n/a', messageId: 'unused', data: { name: resource.name, basis }, resource };
        const thirdParty = apps.find((c) => c.is_first_party === false);
        if (thirdParty) return { status: 'pass', messageId: 'third-party', data: { name: resource.name, app: thirdParty.name ?? thirdParty.client_id }, resource };
        return {
          status: 'fail',
          messageId: 'consent',
          data: { name: resource.name, apps: appNames(apps) },
          resource,
          field: 'skip_consent_for_verifiable_first_party_clients',
          value: rs.skip_consent_for_verifiable_first_party_clients ?? null,
        };
      });
  },
});
