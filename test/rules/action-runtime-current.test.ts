import { expect, it } from 'vitest';
import rule from '../../rules/action-runtime-current.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const action = (id: string, runtime: string | undefined, deployedRuntime?: string) => ({
  id,
  name: id,
  supported_triggers: [{ id: 'post-login', version: 'v3' }],
  ...(runtime ? { runtime } : {}),
  code: 'exports.onExecutePostLogin = async () => {};',
  ...(deployedRuntime ? { deployed_version: { runtime: deployedRuntime, deployed: true } } : {}),
});

ruleTester(rule, {
  valid: [
    { name: 'the baseline action on node22', tenant: tenant() },
    { name: 'node22 deployed on node22', tenant: tenant((t) => { t.actions = [action('a', 'node22', 'node22')]; }) },
    { name: 'node18 when the recommended runtime is 18', tenant: tenant((t) => { t.actions = [action('a', 'node18-actions')]; }), settings: { recommendedNode: 18 } },
  ],
  invalid: [
    {
      name: 'an action on node18',
      tenant: tenant((t) => { t.actions = [...(t.actions ?? []), action('old', 'node18')]; }),
      findings: [
        { status: 'fail', messageId: 'outdated', severity: 'blocker', resource: 'old', field: 'runtime', value: 'node18' },
        { status: 'pass', messageId: 'current', resource: '384215e7-2a08-4c31-ae07-f4dddccd2fe1' },
      ],
    },
    {
      name: 'node18-actions (the legacy Actions runtime string)',
      tenant: tenant((t) => { t.actions = [action('old', 'node18-actions')]; }),
      findings: [{ status: 'fail', messageId: 'outdated', resource: 'old', value: 'node18-actions' }],
    },
    {
      name: 'upgraded in the draft but the deployed version still runs node16',
      tenant: tenant((t) => { t.actions = [action('drift', 'node22', 'node16')]; }),
      findings: [{ status: 'fail', messageId: 'deployed-outdated', resource: 'drift', field: 'deployed_version.runtime', value: 'node16' }],
    },
    {
      name: 'no runtime reported',
      tenant: tenant((t) => { t.actions = [action('x', undefined)]; }),
      findings: [{ status: 'unknown', messageId: 'unknown', resource: 'x', field: 'runtime' }],
    },
  ],
});

// "Notifications" is about people subscribing to status and bulletins; a runtime upgrade is a
// change to deployed code (issue 16 §3).
it('is evidence of the Actions and deployment-automation topics, not of notifications', () => {
  expect(rule.topics).toContain('b2c.p1.deployment-automation.deployment-automation');
  expect(rule.topics.some((t) => t.endsWith('.operations.notifications'))).toBe(false);
});
