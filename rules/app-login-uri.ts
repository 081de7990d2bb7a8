import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import type { ClientData } from '../src/snapshot/resources.js';
import { isLocalhost, parseUrl } from '../src/engine/urls.js';

const APPLIES = ['spa', 'regular_web'];
const ref = (c: ClientData) => ({ type: 'client', id: c.client_id, name: c.name ?? c.client_id });

/** Why an initiate_login_uri is unusable, or undefined when it is a public https URL. */
function problemOf(uri: string): string | undefined {
  const u = parseUrl(uri.trim().replace(/\{[^}]*\}/g, 'placeholder'));
  if (!u) return 'not an absolute URL';
  if (u.protocol !== 'https:') return `not https (${u.protocol.replace(/:$/, '')})`;
  if (isLocalhost(u.href)) return 'localhost';
  return undefined;
}

export default defineRule({
  id: 'app-login-uri',
  title: 'Single-page and web apps have an https Application Login URI',
  topics: [
    ...bothPlans('p1.authentication.application-integration', 'p1.profile-management.password-reset'),
    'b2b.p1.provisioning.user-invite',
  ],
  severity: 'warning',
  checks: ['APP-11'],
  checkmate: ['checkApplicationLoginUri'],
  dashboard: ['app-login-uri'],
  rationale:
    'When a login does not start at the app — an organization invitation link, the "back to app" step after a password reset or email verification, a bookmarked login page, an expired login transaction — Auth0 sends the user to the app\'s Application Login URI (initiate_login_uri) so the app can start a fresh, valid login. Without it users land on an error page or the tenant default; invitation links for organizations do not work at all. It must be https and publicly reachable.',
  remediation:
    'Dashboard → Applications → Applications → <app> → Settings → Application URIs → Application Login URI: the https route of the app that starts a login (for example https://app.example.com/login, forwarding `invitation` and `organization` query parameters for organization invitations); or PATCH /api/v2/clients/{client_id} with `initiate_login_uri`.',
  docs: 'https://auth0.com/docs/authenticate/login/auth0-universal-login/configure-default-login-routes',
  needs: ['clients'],
  wants: ['organizations'],
  messages: {
    ok: 'Application {name} ({type}) has an https login URI',
    missing: 'Application {name} ({type}) has no Application Login URI{invites}',
    insecure: 'Application {name} ({type}) login URI {uri} is {why}{invites}',
  },
  evaluate({ clients, wants }) {
    const orgs = wants.organizations;
    const out: FindingDraft<'ok' | 'missing' | 'insecure'>[] = [];
    for (const c of clients) {
      if (c.global || !c.app_type || !APPLIES.includes(c.app_type)) continue;
      const resource = ref(c);
      const data = { name: resource.name, type: c.app_type };
      // An app that logs users into organizations is where organization invitations land.
      const orgApp = c.organization_usage === 'allow' || c.organization_usage === 'require';
      const invites = orgApp && (!orgs.ok || orgs.data.length > 0);
      const severity = invites ? ('blocker' as const) : undefined;
      const invitesNote = invites
        ? `: organization invitations to this app cannot be accepted${orgs.ok ? '' : ' (assumed: organizations could not be read)'}`
        : '';
      const uri = c.initiate_login_uri;
      if (!uri) {
        out.push({ status: 'fail', messageId: 'missing', data: { ...data, invites: invitesNote }, resource, field: 'initiate_login_uri', value: uri ?? null, ...(severity ? { severity } : {}) });
        continue;
      }
      const why = problemOf(uri);
      out.push(
        why
          ? { status: 'fail', messageId: 'insecure', data: { ...data, uri, why, invites: invitesNote }, resource, field: 'initiate_login_uri', value: uri, ...(severity ? { severity } : {}) }
          : { status: 'pass', messageId: 'ok', data, resource },
      );
    }
    return out;
  },
});
