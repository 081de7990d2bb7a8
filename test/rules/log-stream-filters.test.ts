import rule from '../../rules/log-stream-filters.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

ruleTester(rule, {
  valid: [
    { name: 'filters cover every needed category', tenant: tenant() },
    { name: 'no filter streams everything', tenant: tenant((t) => { t.logStreams = [{ id: 'lst_1', name: 'all', type: 'http', status: 'active', filters: [] }]; }) },
  ],
  invalid: [
    {
      name: 'only successes streamed',
      tenant: tenant((t) => { t.logStreams = [{ id: 'lst_1', name: 'success-only', type: 'http', status: 'active', filters: [{ type: 'category', name: 'auth.login.success' }] }]; }),
      findings: [{ status: 'fail', messageId: 'missing', severity: 'advice', resource: 'lst_1', field: 'filters', value: ['auth.login.success'] }],
    },
  ],
});
