import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import { isHttps } from '../src/engine/urls.js';

const RESOURCE = { type: 'tenant', id: 'error_page', name: 'Tenant error page' };
/**
 * The Liquid filters that escape output in Auth0's templates. Auth0 documents the filters its
 * Liquid supports (LiquidJS, HTML/URI category): `escape`, `escape_once`, `url_encode`, `url_decode`,
 * `strip_html`, `newline_to_br`. Of these only the first three escape; `strip_html` removes tags but
 * leaves quotes. LiquidJS's `xml_escape`, `cgi_escape` and `uri_escape` are not in Auth0's list, and a
 * filter that does not exist (`html_escape`, Ruby's `h`) escapes nothing; `json` is no HTML escape.
 */
const ESCAPING = new Set(['escape', 'escape_once', 'url_encode']);
/** Filters that undo an escape applied before them, or mark output unescaped. */
const UNDOING = new Set(['url_decode', 'raw', 'unescaped', 'safe']);
/** Filters that add their arguments to the output: unsafe after an escape when an argument is a variable. */
const ADDING = new Set(['append', 'prepend', 'replace', 'replace_first']);

const isLiteral = (s: string) => /^(['"]).*\1$/s.test(s.trim()) || /^-?\d+(\.\d+)?$/.test(s.trim());

/** Split on `sep` outside quotes. */
function splitOutsideQuotes(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  for (const ch of s) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === sep) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

/** Whether a Liquid output (`{{ … }}` without the braces) reaches the page escaped. */
function outputIsEscaped(inner: string): boolean {
  const [expr = '', ...rest] = splitOutsideQuotes(inner, '|');
  const filters = rest.map((f) => {
    const i = f.indexOf(':');
    return { name: (i < 0 ? f : f.slice(0, i)).trim(), args: i < 0 ? [] : splitOutsideQuotes(f.slice(i + 1), ',').map((a) => a.trim()) };
  });
  const addsVariable = (f: { name: string; args: string[] }) => ADDING.has(f.name) && f.args.some((a) => !isLiteral(a));
  // A literal with nothing variable added to it carries no request data.
  if (isLiteral(expr) && !filters.some(addsVariable)) return true;
  let last = -1;
  filters.forEach((f, i) => {
    if (ESCAPING.has(f.name)) last = i;
  });
  if (last < 0) return false;
  return !filters.slice(last + 1).some((f) => UNDOING.has(f.name) || addsVariable(f));
}

export default defineRule({
  id: 'error-page-custom',
  title: 'A custom error page is configured safely',
  topics: bothPlans('p1.branding.error-page'),
  severity: 'warning',
  checks: ['TEN-11'],
  checkmate: ['checkErrorPageTemplate'],
  dashboard: ['error-page'],
  rationale:
    "When Auth0 cannot send an error back to the application — an invalid callback URL, missing parameters on /authorize, a bookmarked login page without a default login route — it shows its generic error page, with your tenant friendly name, logo, support email and support URL when those are set, and (with `error_page.show_log_link`) a link to the log entry that only tenant administrators can open. Auth0's readiness check lists a custom error page as a recommended (non-critical) fix: your page can explain the problem in your words and route users back. A hosted custom page must HTML-escape its Liquid output: `error_description` comes from the request and reflects attacker-controlled text (XSS).",
  remediation:
    'Dashboard → Branding → Universal Login → Advanced Options → Error Page: redirect to your own https page, or provide HTML with every Liquid output escaped with a filter Auth0 Liquid supports (`{{ error_description | escape }}`, `escape_once`, or `url_encode` inside URLs — not `html_escape`, `h`, `json` or `xml_escape`); or PATCH /api/v2/tenants/settings with `error_page: {url}` or `{html}`.',
  // Default page contents: https://auth0.com/docs/authenticate/login/auth0-universal-login/error-pages;
  // severity: "Custom Error Page should be configured" is a Non-Critical fix
  // (https://auth0.com/docs/deploy-monitor/pre-deployment-checks/production-check-recommended-fixes).
  docs: 'https://auth0.com/docs/customize/login-pages/custom-error-pages',
  needs: ['tenantSettings'],
  messages: {
    redirect: 'Errors redirect to {url}',
    'not-https': 'The error page URL {url} is not https',
    'html-safe': 'The custom error page HTML escapes all {count} Liquid output(s)',
    unescaped: 'The custom error page outputs {expression} without escaping (line {line})',
    default: 'No custom error page: errors Auth0 cannot return to the application show its generic page (your name, logo and support contacts only if set)',
    'log-link': 'The generic error page shows end users a link to the tenant log entry (error_page.show_log_link), which only tenant administrators can open',
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
      const bad = outputs.filter((m) => !outputIsEscaped(m[1] ?? ''));
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
    const out: FindingDraft<'default' | 'log-link'>[] = [{ status: 'fail', messageId: 'default', resource: RESOURCE, field: 'error_page', value: null }];
    // `show_log_link` only affects the generic page ("a link to the error in your tenant logs",
    // custom-error-pages): a debugging aid for administrators, noise for users in production.
    if (page?.show_log_link === true) out.push({ status: 'fail', messageId: 'log-link', resource: RESOURCE, field: 'error_page.show_log_link', value: true, severity: 'advice' });
    return out;
  },
});
