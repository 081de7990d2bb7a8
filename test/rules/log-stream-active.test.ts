import rule from '../../rules/log-stream-active.js';
import { ruleTester } from '../support/rule-tester.js';
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
