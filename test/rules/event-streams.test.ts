import { expect, it } from 'vitest';
import rule from '../../rules/event-streams.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, unavailable } from '../support/tenant.js';

const streams = (...list: Record<string, unknown>[]) => tenant((t) => { t.eventStreams = list; });

ruleTester(rule, {
  valid: [
    { name: 'an enabled webhook stream', tenant: streams({ id: 'est_1', name: 'crm-sync', status: 'enabled' }) },
    { name: 'not available on this tenant: n/a', tenant: tenant(unavailable('eventStreams', 'unavailable-on-plan')) },
  ],
  invalid: [
    { name: 'none configured', tenant: streams(), findings: [{ status: 'fail', messageId: 'none', severity: 'advice', field: 'event-streams' }] },
    {
      name: 'a disabled stream beside an enabled one',
      tenant: streams({ id: 'est_1', name: 'crm-sync', status: 'enabled' }, { id: 'est_2', name: 'warehouse', status: 'disabled' }),
      findings: [{ status: 'pass', resource: 'est_1' }, { status: 'fail', messageId: 'disabled', resource: 'est_2', field: 'status', value: 'disabled' }],
    },
    { name: 'token lacks read:event_streams', tenant: tenant(unavailable('eventStreams')), findings: [{ status: 'unknown', messageId: 'resource-unavailable' }] },
  ],
});

it('names the missing scope', () => {
  expect(run(rule, tenant(unavailable('eventStreams')))[0]?.message).toContain('read:event_streams');
});
