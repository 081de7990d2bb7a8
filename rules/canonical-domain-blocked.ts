import { bothPlans, defineRule, NOT_EVALUATED_MESSAGE, notEvaluated } from '../src/engine/define-rule.js';
import { isSameOrSubdomain } from '../src/engine/urls.js';
import type { ResourceData } from '../src/snapshot/resources.js';

type Acl = ResourceData<'networkAcls'>[number];

const RESOURCE = { type: 'network-acl', id: 'canonical-domain', name: 'Canonical domain access' };
const isTrue = (v: unknown) => v === true || v === 'true';
const hostnames = (m: Record<string, unknown> | undefined): string[] =>
  Array.isArray(m?.hostnames) ? m.hostnames.filter((h): h is string => typeof h === 'string').map((h) => h.toLowerCase()) : [];
/**
 * The canonical domain is `<tenant>[.<region>].auth0.com` (or `auth0app.com` in private cloud).
 * The rule context does not carry the tenant domain, so any host in those zones counts.
 */
const isCanonical = (h: string) => ['auth0.com', 'auth0app.com'].some((zone) => h === `*.${zone}` || isSameOrSubdomain(h, zone));
const nameOf = (a: Acl) => a.description || a.id || 'unnamed rule';

/** Does the rule stop login traffic that arrives on the canonical domain? */
function stopsCanonical(a: Acl, customDomains: string[]): boolean {
  const r = a.rule;
  if (!r || !(r.scope === 'authentication' || r.scope === 'tenant')) return false;
  if (!isTrue(r.action?.block) && !isTrue(r.action?.redirect)) return false;
  if (hostnames(r.match).some(isCanonical)) return true;
  // "block every host but the custom domain(s)"
  const allowed = hostnames(r.not_match);
  return allowed.length > 0 && !allowed.some(isCanonical) && customDomains.some((d) => allowed.includes(d));
}

export default defineRule({
  id: 'canonical-domain-blocked',
  feature: 'tenant-acl',
  title: 'Login traffic on the canonical *.auth0.com domain is blocked',
  topics: bothPlans('p1.architecture.custom-domains'),
  severity: 'advice',
  checks: [],
  checkmate: ['checkBlockCanonicalDomain'],
  rationale:
    'Once a custom domain is ready, the canonical *.auth0.com domain still serves the same login pages. Anything that keeps using it — a forgotten app, an old SDK config, a phishing kit that proxies it — gets a login outside your domain, without your domain\'s cookies, and undermines the anti-phishing value of the custom domain. A Tenant ACL rule that blocks (or redirects) authentication traffic on the canonical host closes that path. Move every application, back-end token request and email link to the custom domain first: the tenant logs (canonical-domain-logins) show who still uses it.',
  remediation:
    'Dashboard → Security → Tenant Access Control List: add a rule with scope "Authentication", matching the hostname of your canonical domain (e.g. yourtenant.us.auth0.com), action Block (or Redirect to the custom domain); run it in monitoring mode first. Or POST /api/v2/network-acls with `{"active": true, "priority": 1, "description": "Block canonical domain", "rule": {"scope": "authentication", "action": {"block": true}, "match": {"hostnames": ["yourtenant.us.auth0.com"]}}}`.',
  docs: 'https://auth0.com/docs/secure/tenant-access-control-list/use-cases',
  needs: ['customDomains'],
  wants: ['networkAcls'],
  messages: {
    ...NOT_EVALUATED_MESSAGE,
    plan: 'Tenant Access Control Lists are not available on this plan: the canonical domain cannot be blocked; watch the tenant logs for logins on it instead',
    blocked: 'Rule {name} {action}s login traffic on the canonical domain (custom domain {domain} is ready)',
    monitoring: 'Rule {name} would block the canonical domain but is in monitoring mode: it only logs',
    inactive: 'Rule {name} would block the canonical domain but is inactive',
    open: 'Custom domain {domain} is ready, but logins on the canonical *.auth0.com domain are still accepted',
  },
  evaluate({ customDomains, wants }) {
    const ready = customDomains.filter((d) => d.status === 'ready').map((d) => d.domain.toLowerCase());
    if (ready.length === 0) return [];
    const domain = ready.join(', ');
    const r = wants.networkAcls;
    if (!r.ok) return r.reason === 'unavailable-on-plan' ? [{ status: 'n/a', messageId: 'plan', resource: RESOURCE }] : [notEvaluated(r, RESOURCE)];
    const candidates = r.data.filter((a) => stopsCanonical(a, ready)).sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
    const resourceOf = (a: Acl) => ({ type: 'network-acl', id: a.id ?? nameOf(a), name: nameOf(a) });
    const live = candidates.find((a) => a.active === true && !isTrue(a.rule?.action?.log));
    if (live) {
      const action = isTrue(live.rule?.action?.block) ? 'block' : 'redirect';
      return [{ status: 'pass', messageId: 'blocked', data: { name: nameOf(live), action, domain }, resource: resourceOf(live) }];
    }
    const monitoring = candidates.find((a) => a.active === true);
    if (monitoring) return [{ status: 'fail', messageId: 'monitoring', data: { name: nameOf(monitoring) }, resource: resourceOf(monitoring), field: 'rule.action.log', value: true }];
    const inactive = candidates[0];
    if (inactive) return [{ status: 'fail', messageId: 'inactive', data: { name: nameOf(inactive) }, resource: resourceOf(inactive), field: 'active', value: inactive.active ?? null }];
    return [{ status: 'fail', messageId: 'open', data: { domain }, resource: RESOURCE, field: 'network-acls', value: null }];
  },
});
