import rule from '../../rules/log-stream-active.js';
import { expect, it } from 'vitest';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

ruleTester(rule, {
  valid: [{ name: 'one active datadog stream', tenant: tenant() }],
  invalid: [
    { name: 'no stream', tenant: tenant((t) => { t.logStreams = []; }), findings: [{ status: 'fail', messageId: 'none', severity: 'blocker' }] },
    {
      name: 'only a paused stream',
      tenant: tenant((t) => { t.logStreams = [{ id: 'lst_1', name: 'splunk', type: 'splunk', status: 'paused' }]; }),
      findings: [{ status: 'fail', messageId: 'inactive', severity: 'warning', resource: 'lst_1', field: 'status', value: 'paused' }, { status: 'fail', messageId: 'none-active', severity: 'blocker' }],
    },
    {
      name: 'a suspended stream beside an active one',
      tenant: tenant((t) => { t.logStreams = [...(t.logStreams ?? []), { id: 'lst_2', name: 'old-http', type: 'http', status: 'suspended' }]; }),
      findings: [{ status: 'fail', messageId: 'inactive', severity: 'warning', resource: 'lst_2' }, { status: 'pass', resource: 'lst_0000000000018341' }],
    },
  ],
});

// Catalog Decision 3: where the project requires more than Auth0 ("Configure Log Streaming" is a
// non-critical fix, https://auth0.com/docs/deploy-monitor/pre-deployment-checks/production-check-recommended-fixes),
// the finding says so.
it('says where it goes beyond Auth0, and why', () => {
  for (const t of [tenant((x) => { x.logStreams = []; }), tenant((x) => { x.logStreams = [{ id: 'lst_1', name: 'splunk', type: 'splunk', status: 'paused' }]; })]) {
    const blocker = run(rule, t).find((f) => f.severity === 'blocker');
    expect(blocker?.message).toMatch(/Auth0 rates (this|log streaming) recommended; required here because/);
  }
});
