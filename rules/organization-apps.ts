import { defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import type { ClientData } from '../src/snapshot/resources.js';

const INTERACTIVE = new Set(['spa', 'regular_web', 'native']);

/** Organization fields not (yet) in the client schema, read narrowly. */
function orgSettings(c: ClientData): { behavior?: string; discovery?: string[] } {
  const behavior = typeof c.organization_require_behavior === 'string' ? c.organization_require_behavior : undefined;
  const discovery = Array.isArray(c.organization_discovery_methods) ? c.organization_discovery_methods.filter((m): m is string => typeof m === 'string') : undefined;
  return { ...(behavior ? { behavior } : {}), ...(discovery ? { discovery } : {}) };
}

const messages = {
  require: 'Application {name} requires an organization and {how}',
  allow: 'Application {name} accepts organization logins (organization_usage allow)',
  'no-behavior': 'Application {name} requires an organization but sets no organization_require_behavior: users who arrive without an organization parameter get an error',
  deny: 'Application {name} does not accept organizations (organization_usage {usage}), and no application does: members cannot log in to any organization',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'organization-apps',
  appliesWhen: 'organizations',
  title: 'Organization applications accept organizations and say how users pick theirs',
  topics: ['b2b.p1.branding.login-by-organization', 'b2b.p1.authentication.home-realm-discovery'],
  severity: 'warning',
  checks: ['ORG-04'],
  rationale:
    'An application logs users in to an organization only with `organization_usage` "require" or "allow". With "require", Auth0 must also know how to find the organization when the application does not send one: a prompt before login (organization name or email domain discovery) or after it (pick among the user\'s memberships). Without it, users who open the login page directly hit an error.',
  remediation:
    'Dashboard → Applications → <app> → Organizations: Type of Users "Business users" (require) or "Both" (allow), and Login Flow "Prompt for Organization" or "Prompt for Credentials"; or PATCH /api/v2/clients/{id} with `{ "organization_usage": "require", "organization_require_behavior": "pre_login_prompt", "organization_discovery_methods": ["email"] }` (or `post_login_prompt`, or `no_prompt` if the app always sends `organization`).',
  docs: 'https://auth0.com/docs/manage-users/organizations/configure-organizations/define-organization-behavior',
  needs: ['organizations', 'clients'],
  messages,
  failSummary: {
    'no-behavior': 'require an organization but set no organization_require_behavior',
  },
  evaluate({ organizations, clients }) {
    if (organizations.length === 0) return [];
    const apps = clients.filter((c) => c.global !== true && (!c.app_type || INTERACTIVE.has(c.app_type)));
    const orgApps = apps.filter((c) => c.organization_usage === 'require' || c.organization_usage === 'allow');
    if (orgApps.length === 0) {
      return apps.map((c): FindingDraft<Msg> => ({
        status: 'fail',
        messageId: 'deny',
        data: { name: c.name ?? c.client_id, usage: c.organization_usage ?? 'deny' },
        resource: { type: 'client', id: c.client_id, name: c.name ?? c.client_id },
        field: 'organization_usage',
        value: c.organization_usage ?? null,
      }));
    }
    return orgApps.map((c): FindingDraft<Msg> => {
      const resource = { type: 'client', id: c.client_id, name: c.name ?? c.client_id };
      const name = resource.name;
      if (c.organization_usage === 'allow') return { status: 'pass', messageId: 'allow', data: { name }, resource };
      const { behavior, discovery } = orgSettings(c);
      if (!behavior && !discovery?.length) {
        return { status: 'fail', messageId: 'no-behavior', data: { name }, resource, field: 'organization_require_behavior', value: null };
      }
      const how =
        behavior === 'pre_login_prompt'
          ? `prompts for it before login${discovery?.length ? ` (discovery by ${discovery.join(' or ')})` : ''}`
          : behavior === 'post_login_prompt'
            ? 'lets users pick it after login'
            : behavior === 'no_prompt'
              ? 'expects the application to send the organization parameter'
              : `discovers it by ${discovery?.join(' or ') ?? behavior}`;
      return { status: 'pass', messageId: 'require', data: { name, how }, resource };
    });
  },
});
