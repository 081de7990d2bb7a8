import { bothPlans, defineRule, NOT_EVALUATED_MESSAGE, notEvaluated, type FindingDraft } from '../src/engine/define-rule.js';
import { loginRouteProblem } from '../src/engine/urls.js';
import type { ClientData } from '../src/snapshot/resources.js';

const RESOURCE = { type: 'tenant', id: 'default_redirection_uri', name: 'Tenant Login URI' };
/** Apps whose users log in through the browser, where Auth0 may have to restart a login. */
const INTERACTIVE = ['spa', 'regular_web', 'native'];
const ref = (c: ClientData) => ({ type: 'client', id: c.client_id, name: c.name ?? c.client_id });

type Msg = 'ok' | 'not-https' | 'localhost' | 'wildcard' | 'app-covered' | 'app-uncovered' | 'resource-unavailable';

export default defineRule({
  id: 'tenant-login-uri',
  title: 'Every application has a login route Auth0 can send users back to (its own, or the tenant Login URI)',
  topics: [...bothPlans('p1.profile-management.password-reset'), 'b2b.p1.provisioning.user-invite'],
  severity: 'blocker',
  prodOnly: true,
  checks: ['TEN-05'],
  checkmate: ['checkTenantLoginUrl'],
  dashboard: ['tenant-login-uri'],
  rationale:
    "When Auth0 itself has to start a login — after a password reset or email verification, from an organization invitation link, or when a user bookmarks the login page — it redirects to the application's Login URI (`initiate_login_uri`) if it has one, and to the tenant Login URI (`default_redirection_uri`) if not; with neither, users hit an error page. So an application is covered when either is set: a tenant without a tenant Login URI is fine as long as every interactive application has its own. Whichever is used must be an https route of your application that calls /authorize, never a development host.",
  remediation:
    'Dashboard → Settings → Advanced → Login and Logout → "Tenant Login URI": e.g. https://app.yourcompany.com/login (a route that redirects to /authorize); or PATCH /api/v2/tenants/settings with `{"default_redirection_uri": "https://…/login"}`. Alternatively give each application its own "Application Login URI" (`initiate_login_uri`, PATCH /api/v2/clients/{client_id}).',
  docs: 'https://auth0.com/docs/authenticate/login/auth0-universal-login/configure-default-login-routes',
  needs: ['tenantSettings'],
  wants: ['clients'],
  messages: {
    ...NOT_EVALUATED_MESSAGE,
    ok: 'Tenant Login URI is {url}',
    'not-https': 'Tenant Login URI {url} is not https',
    localhost: 'Tenant Login URI {url} points at a local development host',
    wildcard: 'Tenant Login URI {url} contains a wildcard',
    'app-covered': 'No tenant Login URI, but application {name} ({type}) has its own login route {url}, which Auth0 uses first',
    'app-uncovered':
      'Application {name} ({type}) has no Application Login URI and the tenant has no Login URI: password-reset, verification and invitation flows cannot return its users to a login page',
  },
  failSummary: {
    'app-uncovered': 'have no Application Login URI while the tenant has no Login URI, so reset, verification and invitation flows cannot return their users to a login page',
  },
  evaluate({ tenantSettings, wants }) {
    const url = tenantSettings.default_redirection_uri?.trim();
    if (url) {
      const problem = loginRouteProblem(url);
      return problem
        ? [{ status: 'fail', messageId: problem, data: { url }, resource: RESOURCE, field: 'default_redirection_uri', value: url }]
        : [{ status: 'pass', messageId: 'ok', data: { url }, resource: RESOURCE }];
    }
    // No tenant-level route: each interactive application is covered only by its own.
    if (!wants.clients.ok) return [notEvaluated(wants.clients, RESOURCE)];
    const out: FindingDraft<Msg>[] = [];
    for (const c of wants.clients.data) {
      if (c.global || !c.app_type || !INTERACTIVE.includes(c.app_type)) continue;
      const resource = ref(c);
      const data = { name: resource.name, type: c.app_type };
      const own = c.initiate_login_uri?.trim();
      // An unusable app route (http, localhost) is app-login-uri's finding; here it still does not cover the app.
      if (own && !loginRouteProblem(own)) out.push({ status: 'pass', messageId: 'app-covered', data: { ...data, url: own }, resource });
      else out.push({ status: 'fail', messageId: 'app-uncovered', data, resource, field: 'initiate_login_uri', value: c.initiate_login_uri ?? null });
    }
    return out;
  },
});
