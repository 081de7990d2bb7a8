import { bothPlans, defineRule, type FindingDraft, NOT_EVALUATED_MESSAGE, notEvaluated } from '../src/engine/define-rule.js';
import type { ResourceData } from '../src/snapshot/resources.js';

type Acl = ResourceData<'networkAcls'>[number];

const messages = {
  ...NOT_EVALUATED_MESSAGE,
  plan: 'Tenant Access Control Lists are not available on this plan: nothing to review',
  none: 'No Tenant Access Control List rule is configured',
  active: 'Tenant ACL rule {name} is active: {action} on {scope} traffic (priority {priority})',
  monitoring: 'Tenant ACL rule {name} is in monitoring mode: it logs matching {scope} traffic but does not {action} it',
  inactive: 'Tenant ACL rule {name} is inactive: it protects nothing',
} as const;
type Msg = keyof typeof messages;

const isTrue = (v: unknown) => v === true || v === 'true';

function actionOf(acl: Acl): string {
  const a = acl.rule?.action ?? {};
  return (['block', 'allow', 'redirect'] as const).find((k) => isTrue(a[k])) ?? (isTrue(a.log) ? 'log' : 'no action');
}

export default defineRule({
  id: 'network-acls-reviewed',
  feature: 'tenant-acl',
  title: 'Tenant Access Control Lists are configured and every rule is enforced',
  topics: bothPlans('p1.architecture.custom-domains'),
  severity: 'advice',
  checks: [],
  checkmate: ['checkNetworkACL'],
  rationale:
    'The Tenant Access Control List filters traffic before it reaches authentication or the Management API: block abusive networks, countries or user agents, block the canonical domain once the custom domain is in use, restrict the Management API to your own addresses. A rule left inactive or in monitoring mode gives a feeling of protection without any; review each one before go-live.',
  remediation:
    'Dashboard → Security → Tenant Access Control List: add rules for your threat model and activate them once monitoring mode shows they match only what they should; delete rules you do not need. Or POST /api/v2/network-acls and PATCH /api/v2/network-acls/{id} with `{"active": true}` (and `rule.action.log: false` to leave monitoring mode).',
  docs: 'https://auth0.com/docs/secure/tenant-access-control-list',
  needs: [],
  wants: ['networkAcls'],
  messages,
  failSummary: {
    monitoring: 'are in monitoring mode: they log matching traffic but stop none of it',
    inactive: 'are inactive and protect nothing',
  },
  evaluate({ wants }) {
    const acls = wants.networkAcls;
    if (!acls.ok) return acls.reason === 'unavailable-on-plan' ? [{ status: 'n/a', messageId: 'plan' }] : [notEvaluated(acls)];
    if (acls.data.length === 0) return [{ status: 'fail', messageId: 'none', field: 'network-acls', value: [] }];
    return [...acls.data]
      .sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0))
      .map((acl, i): FindingDraft<Msg> => {
        const name = acl.description || acl.id || `#${i + 1}`;
        const resource = { type: 'network-acl', id: acl.id ?? name, name };
        const data = { name, action: actionOf(acl), scope: acl.rule?.scope ?? 'tenant', priority: acl.priority ?? '?' };
        if (acl.active !== true) return { status: 'fail', messageId: 'inactive', data, resource, field: 'active', value: acl.active ?? null };
        if (isTrue(acl.rule?.action?.log)) return { status: 'fail', messageId: 'monitoring', data, resource, field: 'rule.action.log', value: true };
        return { status: 'pass', messageId: 'active', data, resource };
      });
  },
});
