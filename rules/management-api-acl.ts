import { bothPlans, defineRule, NOT_EVALUATED_MESSAGE, notEvaluated } from '../src/engine/define-rule.js';
import type { ResourceData } from '../src/snapshot/resources.js';

type Acl = ResourceData<'networkAcls'>[number];
type Match = Record<string, unknown> | undefined;

const RESOURCE = { type: 'network-acl', id: 'management-api', name: 'Management API access' };
const isTrue = (v: unknown) => v === true || v === 'true';
/** Rules that are enforced: active and not in monitoring mode (`action.log`). */
const enforced = (a: Acl) => a.active === true && !isTrue(a.rule?.action?.log);
const coversManagement = (a: Acl) => a.rule?.scope === 'management' || a.rule?.scope === 'tenant';

function cidrs(m: Match): string[] {
  const out: string[] = [];
  for (const k of ['ipv4_cidrs', 'ipv6_cidrs', 'connecting_ipv4_cidrs', 'connecting_ipv6_cidrs']) {
    const v = m?.[k];
    if (Array.isArray(v)) out.push(...v.filter((x): x is string => typeof x === 'string'));
  }
  return out;
}

/** A rule that matches every request of its scope: `match_all`, or no condition at all. */
function catchAll(a: Acl): boolean {
  const r = a.rule;
  if (!r) return false;
  if (isTrue(r.match_all)) return true;
  return Object.keys(r.match ?? {}).length === 0 && Object.keys(r.not_match ?? {}).length === 0;
}

const nameOf = (a: Acl) => a.description || a.id || 'unnamed rule';

export default defineRule({
  id: 'management-api-acl',
  feature: 'tenant-acl',
  title: 'The Management API only accepts calls from your own networks',
  topics: bothPlans('p1.architecture.custom-domains'),
  severity: 'advice',
  checks: [],
  checkmate: ['checkManagementAPIACL'],
  rationale:
    'A leaked Management API client secret or token is full administrative access to the tenant from anywhere on the internet. A Tenant ACL rule on the `management` scope that only lets your CI/CD runners, back-ends and office networks through turns such a leak into a contained incident. An `allow` rule alone changes nothing — requests are allowed by default — it needs a catch-all `block` rule after it, or a `block` rule with `not_match` on your CIDRs.',
  remediation:
    'Dashboard → Security → Tenant Access Control List: add a rule with scope "Management API", action Block and "not matching" your IPv4/IPv6 CIDRs (or an Allow rule for the CIDRs followed by a lower-priority block-all rule); try it in monitoring mode first. Or POST /api/v2/network-acls with `{"active": true, "priority": 1, "rule": {"scope": "management", "action": {"block": true}, "not_match": {"ipv4_cidrs": ["203.0.113.0/24"]}}}`.',
  docs: 'https://auth0.com/docs/secure/tenant-access-control-list/use-cases',
  needs: [],
  wants: ['networkAcls'],
  messages: {
    ...NOT_EVALUATED_MESSAGE,
    plan: 'Tenant Access Control Lists are not available on this plan: the Management API cannot be restricted by IP',
    'blocked-outside': 'Rule {name} blocks Management API calls from outside {cidrs}',
    'allow-then-block': 'Rule {name} allows {cidrs} and rule {block} blocks every other Management API call',
    'allow-only': 'Rule {name} allows {cidrs}, but no later rule blocks other addresses: the Management API still accepts calls from anywhere',
    open: 'No enforced Tenant ACL rule restricts the Management API to known networks',
  },
  evaluate({ wants }) {
    const r = wants.networkAcls;
    if (!r.ok) return r.reason === 'unavailable-on-plan' ? [{ status: 'n/a', messageId: 'plan', resource: RESOURCE }] : [notEvaluated(r, RESOURCE)];
    const acls = r.data.filter(enforced).filter(coversManagement).sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));

    const blockOutside = acls.find((a) => isTrue(a.rule?.action?.block) && cidrs(a.rule?.not_match).length > 0);
    if (blockOutside) {
      return [{ status: 'pass', messageId: 'blocked-outside', data: { name: nameOf(blockOutside), cidrs: cidrs(blockOutside.rule?.not_match).join(', ') }, resource: { type: 'network-acl', id: blockOutside.id ?? RESOURCE.id, name: nameOf(blockOutside) } }];
    }
    const allow = acls.find((a) => a.rule?.scope === 'management' && isTrue(a.rule?.action?.allow) && cidrs(a.rule?.match).length > 0);
    if (allow) {
      const data = { name: nameOf(allow), cidrs: cidrs(allow.rule?.match).join(', ') };
      const resource = { type: 'network-acl', id: allow.id ?? RESOURCE.id, name: nameOf(allow) };
      const blockAll = acls.find((a) => (a.priority ?? 0) > (allow.priority ?? 0) && isTrue(a.rule?.action?.block) && catchAll(a));
      return blockAll
        ? [{ status: 'pass', messageId: 'allow-then-block', data: { ...data, block: nameOf(blockAll) }, resource }]
        : [{ status: 'fail', messageId: 'allow-only', data, resource, field: 'rule.action', value: allow.rule?.action ?? null }];
    }
    return [{ status: 'fail', messageId: 'open', resource: RESOURCE, field: 'network-acls', value: null }];
  },
});
