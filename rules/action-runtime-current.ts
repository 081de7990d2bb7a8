import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';

/** "node18" → 18, "node18-actions" → 18, "node22" → 22. */
function major(runtime: string | undefined): number | undefined {
  const m = /^node(\d+)/.exec(runtime ?? '');
  return m?.[1] ? Number(m[1]) : undefined;
}

const messages = {
  current: 'Action {name} runs on {runtime}',
  outdated: 'Action {name} runs on {runtime}, below Node {recommended}',
  'deployed-outdated': 'Action {name} is set to {runtime}, but its deployed version still runs on {deployed}: deploy it',
  unknown: 'Action {name} reports no recognisable runtime ({runtime})',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'action-runtime-current',
  title: 'Every Action runs on the recommended Node.js runtime',
  // Not "Notifications" (human subscriptions to status and bulletins): a runtime upgrade is a change
  // to deployed Action code — re-test and redeploy — so it is evidence of the Actions topic and of
  // deployment automation (issue 16 §3).
  topics: bothPlans('p1.authorization.id-token-claims', 'p1.deployment-automation.deployment-automation'),
  severity: 'blocker',
  checks: ['ACT-02'],
  checkmate: ['checkActionsRuntime'],
  dashboard: ['actions-node'],
  rationale:
    'Auth0 retires old Node.js runtimes for Actions as they leave long-term support: code on a retired runtime gets no security fixes and is force-migrated, so its behaviour can change without a test. The Dashboard readiness check lists this as a critical fix.',
  remediation:
    'Dashboard → Actions → Library → <action>: change Runtime (Settings) to Node 22, test, and Deploy; or PATCH /api/v2/actions/actions/{id} with `{ "runtime": "node22" }` then POST /api/v2/actions/actions/{id}/deploy. Node 22 removes `use npm` and filesystem writes: re-test dependencies.',
  docs: 'https://auth0.com/docs/troubleshoot/product-lifecycle/deprecations-and-migrations/migrate-nodejs-22',
  needs: ['actions'],
  messages,
  failSummary: {
    outdated: 'run on an outdated Node runtime',
    'deployed-outdated': 'still run an outdated Node runtime in their deployed version',
  },
  evaluate({ actions }, ctx) {
    const recommended = ctx.settings.recommendedNode;
    return actions.map((a): FindingDraft<Msg> => {
      const resource = { type: 'action', id: a.id, name: a.name };
      const v = major(a.runtime);
      const data = { name: a.name, runtime: a.runtime ?? 'none', recommended };
      if (v === undefined) return { status: 'unknown', messageId: 'unknown', data, resource, field: 'runtime', value: a.runtime ?? null };
      if (v < recommended) return { status: 'fail', messageId: 'outdated', data, resource, field: 'runtime', value: a.runtime };
      const deployed = a.deployed_version?.runtime;
      const dv = major(deployed);
      if (deployed && dv !== undefined && dv < recommended) {
        return { status: 'fail', messageId: 'deployed-outdated', data: { ...data, deployed }, resource, field: 'deployed_version.runtime', value: deployed };
      }
      return { status: 'pass', messageId: 'current', data, resource };
    });
  },
});
