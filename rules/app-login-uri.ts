import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import type { ClientData } from '../src/snapshot/resources.js';
import { isLocalhost, loginRouteProblem, parseUrl } from '../src/engine/urls.js';

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
    'When a login does not start at the app — an organization invitation link, the "back to app" step after a password reset or email verification, a bookmarked login page, an expired login transaction — Auth0 sends the user to the app\'s Application Login URI (initiate_login_uri) and falls back to the tenant Login URI when the app has none, so the app can start a fresh, valid login. Auth0\'s "Invite Organization Members" lets the invitation route be either: the tenant Login URI when it is shared by all applications, or a per-application Application Login URI. An app without its own route is therefore covered by a usable tenant Login URI, organization apps included; when neither exists, organization invitations to the app cannot be accepted. Whatever is set must be https and publicly reachable. (Auth0\'s readiness check lists the Application Login URI as a recommended, non-critical fix.)',
  remediation:
    'Dashboard → Applications → Applications → <app> → Settings → Application URIs → Application Login URI: the https route of the app that starts a login (for example https://app.example.com/login, forwarding `invitation` and `organization` query parameters for organization invitations); or PATCH /api/v2/clients/{client_id} with `initiate_login_uri`. Or rely on the tenant Login URI (Dashboard → Settings → Advanced → Login and Logout; `default_redirection_uri`) when one route serves every application, organization invitations included.',
  docs: 'https://auth0.com/docs/authenticate/login/auth0-universal-login/configure-default-login-routes',
  needs: ['clients'],
  wants: ['organizations', 'tenantSettings'],
  messages: {
    ok: 'Application {name} ({type}) has an https login URI',
    covered: 'Application {name} ({type}) has no Application Login URI of its own; Auth0 falls back to the tenant Login URI {url}',
    'coverage-unknown':
      'Application {name} ({type}) has no Application Login URI; whether the tenant Login URI covers it is not known (tenant settings: {detail})',
    missing: 'Application {name} ({type}) has no Application Login URI{invites}',
    insecure: 'Application {name} ({type}) login URI {uri} is {why}{invites}',
  },
  failSummary: {
    missing: 'have no Application Login URI',
    insecure: 'have a login URI that is not an https URL',
  },
  evaluate({ clients, wants }) {
    const orgs = wants.organizations;
    const settings = wants.tenantSettings;
    // The tenant Login URI, when it is usable: Auth0's fallback for apps without their own route.
    const tenantRoute = settings.ok ? settings.data.default_redirection_uri?.trim() : undefined;
    const fallback = tenantRoute && !loginRouteProblem(tenantRoute) ? tenantRoute : undefined;
    const out: FindingDraft<'ok' | 'covered' | 'coverage-unknown' | 'missing' | 'insecure'>[] = [];
    for (const c of clients) {
      if (c.global || !c.app_type || !APPLIES.includes(c.app_type)) continue;
      const resource = ref(c);
      const data = { name: resource.name, type: c.app_type };
      // An app that logs users into organizations is where organization invitations land: on its
      // own route, or on the tenant Login URI when it has none (Auth0 "Invite Organization Members":
      // https://auth0.com/docs/manage-users/organizations/configure-organizations/invite-members).
      const orgApp = c.organization_usage === 'allow' || c.organization_usage === 'require';
      const invites = orgApp && (!orgs.ok || orgs.data.length > 0);
      const severity = invites ? ('blocker' as const) : undefined;
      const invitesNote = invites
        ? `: organization invitations to this app cannot be accepted${orgs.ok ? '' : ' (assumed: organizations could not be read)'}`
        : orgApp
          ? ': it logs users into organizations, and organization invitations need an Application Login URI or a tenant Login URI'
          : '';
      const uri = c.initiate_login_uri;
      if (!uri) {
        // Every flow, organization invitations included, falls back to the tenant's route.
        if (fallback) {
          out.push({ status: 'pass', messageId: 'covered', data: { ...data, url: fallback }, resource });
          continue;
        }
        if (!settings.ok) {
          const detail = settings.reason === 'missing-scope' ? `token lacks ${settings.scopes?.join(' or ') ?? 'a read scope'}` : settings.detail;
          out.push({ status: 'unknown', messageId: 'coverage-unknown', data: { ...data, detail }, resource, field: 'initiate_login_uri' });
          continue;
        }
      }
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
