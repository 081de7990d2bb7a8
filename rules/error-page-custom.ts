import { bothPlans, defineRule } from '../src/engine/define-rule.js';
import { isHttps } from '../src/engine/urls.js';

const RESOURCE = { type: 'tenant', id: 'error_page', name: 'Tenant error page' };
/** Liquid filters that escape output. */
const ESCAPING = /\|\s*(escape|escape_once|h|url_encode|json)\b/;
/** Filters that explicitly disable escaping. */
const UNSAFE = /\|\s*(raw|unescaped|safe)\b/;

export default defineRule({
  id: 'error-page-custom',
  title: 'A custom error page is configured safely',
  topics: bothPlans('p1.branding.error-page'),
  severity: 'warning',
  checks: ['TEN-11'],
  checkmate: ['checkErrorPageTemplate'],
  dashboard: ['error-page'],
  rationale:
    "When a login transaction fails, users land on the tenant error page. The generic Auth0 page shows technical detail and no way back to you. A hosted custom page must be HTML-escaped: error descriptions come from the request and reflect attacker-controlled text (XSS).",
  remediation:
    'Dashboard → Branding → Universal Login → Advanced Options → Error Page: redirect to your own https page, or provide HTML with every Liquid output escaped (`{{ error_description | escape }}`); or PATCH /api/v2/tenants/settings with `error_page: {url}` or `{html}`.',
  docs: 'https://auth0.com/docs/customize/login-pages/custom-error-pages',
  needs: ['tenantSettings'],
  messages: {
    redirect: 'Errors redirect to {url}',
    'not-https': 'The error page URL {url} is not https',
    'html-safe': 'The custom error page HTML escapes all {count} Liquid output(s)',
    unescaped: 'The custom error page outputs {expression} without escaping (line {line})',
    default: 'No custom error page: users see the generic Auth0 error page',
  },
  evaluate({ tenantSettings }) {
    const page = tenantSettings.error_page;
    if (page?.url) {
      return isHttps(page.url)
        ? [{ status: 'pass', messageId: 'redirect', data: { url: page.url }, resource: RESOURCE }]
        : [{ status: 'fail', messageId: 'not-https', data: { url: page.url }, resource: RESOURCE, field: 'error_page.url', value: page.url }];
    }
    if (page?.html) {
      const outputs = [...page.html.matchAll(/\{\{-?([\s\S]*?)-?\}\}/g)];
      const bad = outputs.filter((m) => !ESCAPING.test(m[1] ?? '') || UNSAFE.test(m[1] ?? ''));
      if (bad.length === 0) return [{ status: 'pass', messageId: 'html-safe', data: { count: outputs.length }, resource: RESOURCE }];
      return bad.map((m) => ({
        status: 'fail' as const,
        messageId: 'unescaped' as const,
        data: { expression: m[0].trim(), line: page.html!.slice(0, m.index).split('\n').length },
        resource: RESOURCE,
        field: 'error_page.html',
        value: m[0],
      }));
    }
    return [{ status: 'fail', messageId: 'default', resource: RESOURCE, field: 'error_page', value: null }];
  },
});
