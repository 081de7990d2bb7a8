import { bothPlans, defineRule } from '../src/engine/define-rule.js';
import { isHttps, isLocalhost } from '../src/engine/urls.js';

const LINK_TEMPLATES = ['verify_email', 'reset_email'] as const;

export default defineRule({
  id: 'email-templates-links',
  title: 'Verification and reset links return to your site and expire',
  topics: bothPlans('p1.branding.email-templates', 'p1.profile-management.account-verification'),
  severity: 'warning',
  checks: ['EM-04'],
  rationale:
    'After clicking a verification or reset link the user is sent to the template\'s redirect URL: it must be an https page of yours, not a developer\'s localhost. Links that live for weeks stay usable in a forwarded or breached mailbox.',
  remediation:
    'Dashboard → Branding → Email Templates → Verification Email / Change Password: set "Redirect To" to an https URL of your application and "URL Lifetime" to at most the configured maximum; or PATCH /api/v2/email-templates/{verify_email|reset_email} with `resultUrl` and `urlLifetimeInSeconds`.',
  docs: 'https://auth0.com/docs/customize/email/email-templates#configure-template-fields',
  needs: ['emailTemplates'],
  messages: {
    ok: 'Template {template} redirects to {url} and its link lives {lifetime}s',
    'no-redirect': 'Template {template} has no redirect URL: users end on a generic Auth0 page',
    'bad-redirect': 'Template {template} redirects to {url}, which is not an https URL of yours',
    'long-lived': 'Template {template} links live {lifetime}s, more than the maximum {max}s',
  },
  failSummary: {
    'no-redirect': 'have no redirect URL: users end on a generic Auth0 page',
    'bad-redirect': 'redirect to a URL that is not an https URL of yours',
    'long-lived': 'have links that live longer than the maximum',
  },
  evaluate({ emailTemplates }, ctx) {
    const max = ctx.settings.maxEmailLinkLifetimeSeconds;
    const out = [];
    for (const name of LINK_TEMPLATES) {
      const t = emailTemplates[name];
      if (!t) continue; // still the default: email-templates-customized reports it
      const resource = { type: 'email-template', id: name, name };
      const url = t.resultUrl ?? '';
      const lifetime = t.urlLifetimeInSeconds ?? undefined;
      let bad = false;
      if (!url) {
        out.push({ status: 'fail' as const, messageId: 'no-redirect' as const, data: { template: name }, resource, field: 'resultUrl', value: null });
        bad = true;
      } else if (!isHttps(url) || isLocalhost(url)) {
        out.push({ status: 'fail' as const, messageId: 'bad-redirect' as const, data: { template: name, url }, resource, field: 'resultUrl', value: url });
        bad = true;
      }
      if (lifetime !== undefined && lifetime > max) {
        out.push({ status: 'fail' as const, messageId: 'long-lived' as const, data: { template: name, lifetime, max }, resource, field: 'urlLifetimeInSeconds', value: lifetime });
        bad = true;
      }
      if (!bad) out.push({ status: 'pass' as const, messageId: 'ok' as const, data: { template: name, url, lifetime: lifetime ?? 'default' }, resource });
    }
    return out;
  },
});
