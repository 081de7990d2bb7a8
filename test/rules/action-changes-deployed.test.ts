import rule from '../../rules/action-changes-deployed.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const BASELINE_ACTION = '384215e7-2a08-4c31-ae07-f4dddccd2fe1';
const action = (id: string, trigger: string, extra: Record<string, unknown>) => ({ id, name: id, supported_triggers: [{ id: trigger, version: 'v3' }], runtime: 'node22', code: '', ...extra });

ruleTester(rule, {
  valid: [
    { name: 'the bound baseline action is fully deployed', tenant: tenant() },
    {
      name: 'an unbound, never-deployed draft is not examined',
      tenant: tenant((t) => { t.actions = [...(t.actions ?? []), action('draft', 'post-login', { all_changes_deployed: false })]; }),
    },
  ],
  invalid: [
    {
      name: 'a bound action with undeployed changes',
      tenant: tenant((t) => { t.actions = (t.actions ?? []).map((a) => ({ ...a, all_changes_deployed: false })); }),
      findings: [{ status: 'fail', messageId: 'drift', severity: 'warning', resource: BASELINE_ACTION, field: 'all_changes_deployed', value: false }],
    },
    {
      name: 'a deployed action of another trigger with undeployed changes',
      tenant: tenant((t) => { t.actions = [...(t.actions ?? []), action('pre-reg', 'pre-user-registration', { all_changes_deployed: false, deployed_version: { deployed: true } })]; }),
      findings: [{ status: 'fail', messageId: 'drift', resource: 'pre-reg', field: 'all_changes_deployed' }],
    },
    {
      name: 'all_changes_deployed not reported',
      tenant: tenant((t) => { t.actions = (t.actions ?? []).map(({ all_changes_deployed: _, ...a }) => a); }),
      findings: [{ status: 'unknown', messageId: 'not-reported', resource: BASELINE_ACTION, field: 'all_changes_deployed' }],
    },
  ],
});
