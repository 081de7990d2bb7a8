import { bothPlans, defineRule, NOT_EVALUATED_MESSAGE, notEvaluated, type FindingDraft } from '../src/engine/define-rule.js';

const messages = {
  enabled: 'Rule {name} is enabled: migrate it to a post-login Action',
  disabled: 'Rule {name} is disabled (delete it once its Action replacement is live)',
  none: 'No legacy Rule is configured',
  unavailable: 'Rules are not available on this tenant: nothing to migrate',
  ...NOT_EVALUATED_MESSAGE,
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'legacy-rules-migrated',
  title: 'No legacy Rule is enabled: logic runs in Actions',
  topics: bothPlans('p1.authorization.id-token-claims', 'p1.operations.notifications'),
  severity: 'blocker',
  checks: ['ACT-04'],
  checkmate: ['checkRules'],
  dashboard: ['rules'],
  rationale:
    'Rules are deprecated, with end of life on 18 November 2026: an enabled Rule is login logic on a platform Auth0 is retiring, that stops running at end of life and gets no new features or runtimes before it. The Dashboard readiness check lists "Rules migrated to Actions" as a critical fix; post-login Actions replace them, with versioning, secrets and current Node runtimes.',
  remediation:
    'Rewrite each Rule as a post-login Action (Dashboard → Actions → Library → Create Action, or the Rules-to-Actions migration tool), bind it in Actions → Triggers → post-login, test, then disable the Rule (Dashboard → Auth Pipeline → Rules → toggle off; or PATCH /api/v2/rules/{id} with `{ "enabled": false }`) and delete it (DELETE /api/v2/rules/{id}). Rules run before Actions: keep the order in mind while both exist.',
  docs: 'https://auth0.com/docs/customize/actions/migrate/migrate-from-rules-to-actions',
  // A tenant without the legacy feature answers 403 (unavailable on plan): that is a pass, not an unknown.
  needs: [],
  wants: ['rules'],
  messages,
  failSummary: {
    enabled: 'are still enabled: migrate them to post-login Actions',
  },
  evaluate({ wants }) {
    const result = wants.rules;
    const feature = { type: 'rules', id: 'rules', name: 'Rules (legacy)' };
    if (!result.ok) {
      return result.reason === 'unavailable-on-plan'
        ? [{ status: 'pass', messageId: 'unavailable', resource: feature }]
        : [notEvaluated(result, feature)];
    }
    const rules = result.data;
    if (rules.length === 0) return [{ status: 'pass', messageId: 'none', resource: feature }];
    return rules.map((r, i): FindingDraft<Msg> => {
      const name = r.name ?? r.id ?? `rule #${i + 1}`;
      const resource = { type: 'rule', id: r.id ?? name, name };
      return r.enabled === false
        ? { status: 'pass', messageId: 'disabled', data: { name }, resource }
        : { status: 'fail', messageId: 'enabled', data: { name }, resource, field: 'enabled', value: r.enabled ?? null };
    });
  },
});
