import { defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import { isHttps, isLocalhost } from '../src/engine/urls.js';

const INTERACTIVE = new Set(['spa', 'regular_web', 'native']);
const usable = (u: string | null | undefined): u is string => !!u && isHttps(u) && !isLocalhost(u);

const messages = {
  template: 'The invitation email (user_invitation) is customised and enabled',
  'template-default': 'The invitation email (user_invitation) is the Auth0 default',
  'template-disabled': 'The invitation email (user_invitation) is customised but disabled',
  'template-incomplete': 'The invitation email (user_invitation) has no {missing}',
  'app-route': 'Invitations sent for {name} land on its login route {uri}',
  'tenant-route': 'Invitations sent for {name} fall back to the tenant login route {uri}',
  'no-route': 'Invitations sent for {name} have nowhere to land: no https application login URI and no tenant login route{why}',
  'tenant-only': 'Invitations land on the tenant login route {uri}',
  'tenant-none': 'Invitations have nowhere to land: no organization application and no https tenant login route',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'organization-invitations',
  appliesWhen: 'organizations',
  title: 'Organization invitations are usable: branded email and a login route to land on',
  topics: ['b2b.p1.provisioning.user-invite'],
  severity: 'warning',
  maxSeverity: 'blocker',
  checks: ['ORG-05'],
  rationale:
    'An invitation is an email whose link opens the inviting application\'s login route (Application Login URI) with the invitation and organization parameters; without an https route (or the tenant login route), the link leads to an error. The email itself is the first contact the invitee has with your product: an unbranded Auth0 default reads like phishing.',
  remediation:
    'Dashboard → Applications → <app> → Settings → Application Login URI: an https route that starts login with the `invitation` and `organization` parameters (or PATCH /api/v2/clients/{id} `initiate_login_uri`); tenant fallback: Settings → Advanced → Default Login Route (PATCH /api/v2/tenants/settings `default_redirection_uri`). Branding → Email Templates → User Invitation: enable and customise it (PATCH /api/v2/email-templates/user_invitation). Failures are blockers once the invitation email is in use.',
  docs: 'https://auth0.com/docs/manage-users/organizations/configure-organizations/invite-members',
  needs: ['organizations', 'emailTemplates', 'tenantSettings', 'clients'],
  messages,
  failSummary: {
    'no-route': 'give invitations nowhere to land: no https application login URI and no tenant login route',
  },
  evaluate({ organizations, emailTemplates, tenantSettings, clients }) {
    if (organizations.length === 0) return [];
    const out: FindingDraft<Msg>[] = [];
    const t = emailTemplates.user_invitation;
    const tResource = { type: 'email-template', id: 'user_invitation', name: 'user_invitation' };
    const missing = t ? (['from', 'subject', 'body'] as const).filter((f) => !t[f]) : [];
    if (!t) out.push({ status: 'fail', messageId: 'template-default', resource: tResource, field: 'template', value: null });
    else if (t.enabled !== true) out.push({ status: 'fail', messageId: 'template-disabled', resource: tResource, field: 'enabled', value: t.enabled ?? null });
    else if (missing.length) out.push({ status: 'fail', messageId: 'template-incomplete', data: { missing: missing.join(', ') }, resource: tResource, field: missing[0], value: null });
    else out.push({ status: 'pass', messageId: 'template', resource: tResource });

    // Invitations are evidently sent once their email is enabled: a link with nowhere to land then blocks onboarding.
    const inUse = t?.enabled === true;
    const tenantRoute = usable(tenantSettings.default_redirection_uri) ? tenantSettings.default_redirection_uri : undefined;
    const orgApps = clients.filter(
      (c) => c.global !== true && (!c.app_type || INTERACTIVE.has(c.app_type)) && (c.organization_usage === 'require' || c.organization_usage === 'allow'),
    );
    if (orgApps.length === 0) {
      const resource = { type: 'tenant', id: 'tenant-settings', name: 'Tenant settings' };
      out.push(
        tenantRoute
          ? { status: 'pass', messageId: 'tenant-only', data: { uri: tenantRoute }, resource }
          : { status: 'fail', messageId: 'tenant-none', resource, field: 'default_redirection_uri', value: tenantSettings.default_redirection_uri ?? null, severity: inUse ? 'blocker' : 'warning' },
      );
      return out;
    }
    for (const c of orgApps) {
      const resource = { type: 'client', id: c.client_id, name: c.name ?? c.client_id };
      const name = resource.name;
      if (usable(c.initiate_login_uri)) out.push({ status: 'pass', messageId: 'app-route', data: { name, uri: c.initiate_login_uri }, resource });
      else if (tenantRoute) out.push({ status: 'pass', messageId: 'tenant-route', data: { name, uri: tenantRoute }, resource });
      else {
        const why = c.initiate_login_uri ? ` (${c.initiate_login_uri} is not an https, non-localhost URL)` : '';
        out.push({ status: 'fail', messageId: 'no-route', data: { name, why }, resource, field: 'initiate_login_uri', value: c.initiate_login_uri ?? null, severity: inUse ? 'blocker' : 'warning' });
      }
    }
    return out;
  },
});
