import { bothPlans, defineRule, NOT_EVALUATED_MESSAGE, notEvaluated, type FindingDraft } from '../src/engine/define-rule.js';
import { isHttps, isLocalhost, loginRouteProblem } from '../src/engine/urls.js';
import type { ClientData, ResourceData } from '../src/snapshot/resources.js';
import type { ResourceResult } from '../src/snapshot/snapshot.js';

const LINK_TEMPLATES = ['verify_email', 'reset_email'] as const;
/** "By default, the lifetime is 432,000 seconds (five days)" (customize-email-templates). */
const DEFAULT_LIFETIME = 432_000;
/** Apps whose users log in through the browser (as tenant-login-uri). */
const INTERACTIVE = ['spa', 'regular_web', 'native'];
/**
 * "Redirect To" supports Liquid; its documented variables are `application.callback_domain` (the
 * origin of the application's first Allowed Callback URL) and `application.name`.
 */
const CALLBACK_DOMAIN_PREFIX = /^\s*\{\{-?\s*application\.callback_domain\s*-?\}\}/;
const LIQUID = /\{\{|\{%/;
const LITERAL_URL = /[a-z][a-z0-9+.-]*:\/\/[^\s"'{}<>]+/gi;

type Msg = 'ok' | 'no-redirect' | 'bad-redirect' | 'long-lived' | 'liquid-ok' | 'liquid-unjudged' | 'reset-login-route' | 'reset-no-route' | 'resource-unavailable';

export default defineRule({
  id: 'email-templates-links',
  title: 'Verification and reset links return to your site and expire',
  topics: bothPlans('p1.branding.email-templates', 'p1.profile-management.account-verification'),
  severity: 'warning',
  checks: ['EM-04'],
  rationale:
    'After clicking a verification or reset link the user is sent to the template\'s "Redirect To" URL: it must be an https page of yours, not a developer\'s localhost. Liquid is allowed there, and `{{ application.callback_domain }}/…` (the origin of the application\'s first Allowed Callback URL) is Auth0\'s documented way to return each user to their own application. Under Universal Login the password-reset redirect is ignored and users go to the default login route instead, so there a missing reset redirect is fine as long as that route exists. Links live five days unless the lifetime is set; links that live for weeks stay usable in a forwarded or breached mailbox.',
  remediation:
    'Dashboard → Branding → Email Templates → Verification Email / Change Password: set "Redirect To" to an https URL of your application (or `{{ application.callback_domain }}/path`) and "URL Lifetime" to at most the configured maximum; or PATCH /api/v2/email-templates/{verify_email|reset_email} with `resultUrl` and `urlLifetimeInSeconds`. Under Universal Login, set a default login route (tenant Login URI or each application\'s Login URI) for password reset, or `api.transaction.setResultURL()` in a post-challenge Action.',
  // Liquid in "Redirect To", the five-day default lifetime, and "Universal Login currently ignores the
  // value of the Redirect To field in the Password Reset template and instead redirects to the default
  // login route": https://auth0.com/docs/customize/email/email-templates/customize-email-templates
  docs: 'https://auth0.com/docs/customize/email/email-templates/customize-email-templates',
  needs: ['emailTemplates'],
  wants: ['prompts', 'tenantSettings', 'clients'],
  messages: {
    ...NOT_EVALUATED_MESSAGE,
    ok: 'Template {template} redirects to {url} and its link lives {lifetime}s',
    'no-redirect': 'Template {template} has no redirect URL: users end on a generic Auth0 page',
    'bad-redirect': 'Template {template} redirects to {url}, which is not an https URL of yours',
    'long-lived': 'Template {template} links live {lifetime}s, more than the maximum {max}s',
    'liquid-ok': 'Template {template} redirects with Liquid ({url}) to your own application, and its link lives {lifetime}s',
    'liquid-unjudged': 'Template {template} redirects to a Liquid expression ({url}) whose target cannot be read from the configuration: not judged',
    'reset-login-route':
      'Template reset_email has no redirect, and needs none: Universal Login ignores it and returns users to the default login route ({route})',
    'reset-no-route':
      'Template reset_email: Universal Login ignores its redirect and returns users to the default login route, but none is set (neither a tenant Login URI nor every application\'s own): users end on an error page',
  },
  failSummary: {
    'no-redirect': 'have no redirect URL: users end on a generic Auth0 page',
    'bad-redirect': 'redirect to a URL that is not an https URL of yours',
    'long-lived': 'have links that live longer than the maximum',
  },
  evaluate({ emailTemplates, wants }, ctx) {
    const max = ctx.settings.maxEmailLinkLifetimeSeconds;
    const out: FindingDraft<Msg>[] = [];
    for (const name of LINK_TEMPLATES) {
      const t = emailTemplates[name];
      if (!t) continue; // still the default: email-templates-customized reports it
      const resource = { type: 'email-template', id: name, name };
      const url = t.resultUrl?.trim() ?? '';
      const lifetime = t.urlLifetimeInSeconds ?? DEFAULT_LIFETIME;
      const failsBefore = out.length;
      let passId: 'ok' | 'liquid-ok' | 'reset-login-route' = 'ok';
      let route = '';
      if (!url) {
        const reset = name === 'reset_email' ? resetRoute(wants) : undefined;
        if (reset === undefined) out.push({ status: 'fail', messageId: 'no-redirect', data: { template: name }, resource, field: 'resultUrl', value: null });
        else if (reset.kind === 'unknown') out.push({ ...reset.finding, resource });
        else if (reset.kind === 'none') out.push({ status: 'fail', messageId: 'reset-no-route', resource, field: 'resultUrl', value: null });
        else {
          passId = 'reset-login-route';
          route = reset.route;
        }
      } else if (LIQUID.test(url)) {
        const literals = url.match(LITERAL_URL) ?? [];
        const bad = literals.find((u) => !isHttps(u) || isLocalhost(u));
        if (bad) out.push({ status: 'fail', messageId: 'bad-redirect', data: { template: name, url: bad }, resource, field: 'resultUrl', value: url });
        else if (CALLBACK_DOMAIN_PREFIX.test(url) || literals.length > 0) passId = 'liquid-ok';
        else out.push({ status: 'unknown', messageId: 'liquid-unjudged', data: { template: name, url }, resource, field: 'resultUrl', value: url });
      } else if (!isHttps(url) || isLocalhost(url)) {
        out.push({ status: 'fail', messageId: 'bad-redirect', data: { template: name, url }, resource, field: 'resultUrl', value: url });
      }
      if (lifetime > max) {
        out.push({ status: 'fail', messageId: 'long-lived', data: { template: name, lifetime, max }, resource, field: 'urlLifetimeInSeconds', value: t.urlLifetimeInSeconds ?? null });
      }
      if (out.length === failsBefore) out.push({ status: 'pass', messageId: passId, data: { template: name, url, lifetime, route }, resource });
    }
    return out;
  },
});

/**
 * Where Universal Login sends users after a password reset: the default login route (the
 * application's Login URI, else the tenant's). `undefined`: Classic Login, where the template's
 * redirect is used and must be set.
 */
function resetRoute(wants: {
  prompts: ResourceResult<ResourceData<'prompts'>>;
  tenantSettings: ResourceResult<ResourceData<'tenantSettings'>>;
  clients: ResourceResult<ResourceData<'clients'>>;
}): { kind: 'route'; route: string } | { kind: 'none' } | { kind: 'unknown'; finding: FindingDraft<'resource-unavailable'> } | undefined {
  if (!wants.prompts.ok) return { kind: 'unknown', finding: notEvaluated(wants.prompts) };
  if (wants.prompts.data.universal_login_experience !== 'new') return undefined;
  if (!wants.tenantSettings.ok) return { kind: 'unknown', finding: notEvaluated(wants.tenantSettings) };
  const tenantRoute = wants.tenantSettings.data.default_redirection_uri?.trim();
  if (tenantRoute && !loginRouteProblem(tenantRoute)) return { kind: 'route', route: tenantRoute };
  if (!wants.clients.ok) return { kind: 'unknown', finding: notEvaluated(wants.clients) };
  const interactive = wants.clients.data.filter((c: ClientData) => !c.global && !!c.app_type && INTERACTIVE.includes(c.app_type));
  const covered = interactive.length > 0 && interactive.every((c: ClientData) => !!c.initiate_login_uri?.trim() && !loginRouteProblem(c.initiate_login_uri.trim()));
  return covered ? { kind: 'route', route: "each application's Login URI" } : { kind: 'none' };
}
