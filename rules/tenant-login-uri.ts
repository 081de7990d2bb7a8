import { bothPlans, defineRule } from '../src/engine/define-rule.js';
import { hasWildcard, isHttps, isLocalhost, parseUrl } from '../src/engine/urls.js';

const RESOURCE = { type: 'tenant', id: 'default_redirection_uri', name: 'Tenant Login URI' };

export default defineRule({
  id: 'tenant-login-uri',
  title: 'The tenant Login URI is set to an https route of your application',
  topics: [...bothPlans('p1.profile-management.password-reset'), 'b2b.p1.provisioning.user-invite'],
  severity: 'blocker',
  prodOnly: true,
  checks: ['TEN-05'],
  checkmate: ['checkTenantLoginUrl'],
  dashboard: ['tenant-login-uri'],
  rationale:
    'When Auth0 itself has to start a login — after a password reset or email verification, from an organization invitation link, or when a user bookmarks the login page — it redirects to the application Login URI, falling back to the tenant Login URI. Without it those users hit an error page instead of the login. It must be an https route of your application that calls /authorize, never a development host.',
  remediation:
    'Dashboard → Settings → Advanced → Login and Logout → "Tenant Login URI": e.g. https://app.yourcompany.com/login (a route that redirects to /authorize); or PATCH /api/v2/tenants/settings with `{"default_redirection_uri": "https://…/login"}`. Also set each application\'s "Application Login URI" (`initiate_login_uri`).',
  docs: 'https://auth0.com/docs/authenticate/login/auth0-universal-login/configure-default-login-routes',
  needs: ['tenantSettings'],
  messages: {
    ok: 'Tenant Login URI is {url}',
    missing: 'No tenant Login URI: password-reset, verification and invitation flows cannot return users to a login page',
    'not-https': 'Tenant Login URI {url} is not https',
    localhost: 'Tenant Login URI {url} points at a local development host',
    wildcard: 'Tenant Login URI {url} contains a wildcard',
  },
  evaluate({ tenantSettings }) {
    const url = tenantSettings.default_redirection_uri?.trim();
    const fail = (messageId: 'not-https' | 'localhost' | 'wildcard', u: string) =>
      [{ status: 'fail' as const, messageId, data: { url: u }, resource: RESOURCE, field: 'default_redirection_uri', value: u }];
    if (!url) return [{ status: 'fail', messageId: 'missing', resource: RESOURCE, field: 'default_redirection_uri', value: tenantSettings.default_redirection_uri ?? null }];
    if (isLocalhost(url)) return fail('localhost', url);
    if (!parseUrl(url) || !isHttps(url)) return fail('not-https', url);
    if (hasWildcard(url)) return fail('wildcard', url);
    return [{ status: 'pass', messageId: 'ok', data: { url }, resource: RESOURCE }];
  },
});
