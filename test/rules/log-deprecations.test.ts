import { expect, it } from 'vitest';
import rule from '../../rules/log-deprecations.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';

const Q = '(type:"depnote") AND date:[2026-11-15T00:00:00.000Z TO *]';
const logs = (total: number, sample: Record<string, string>[] = []): Mutator => (t) => {
  t.logEvents = { ...t.logEvents, deprecations: { q: Q, count: total, more: false, sample } };
};

ruleTester(rule, {
  valid: [{ name: 'no deprecation notice', tenant: tenant(logs(0)) }],
  invalid: [
    {
      name: 'legacy /tokeninfo still called',
      tenant: tenant(logs(5, [
        { type: 'depnote', description: 'Legacy tokeninfo endpoint is deprecated', client_id: 'cl_old', client_name: 'Old portal' },
        { type: 'depnote', description: 'Legacy tokeninfo endpoint is deprecated', client_id: 'cl_old', client_name: 'Old portal' },
      ])),
      findings: [
        { status: 'fail', messageId: 'found', severity: 'warning', resource: 'deprecations', field: 'total', value: 5 },
        { status: 'fail', messageId: 'notice', resource: 'Legacy tokeninfo endpoint is deprecated', field: 'description', value: 'Legacy tokeninfo endpoint is deprecated' },
      ],
    },
    { name: 'log search not in the snapshot', tenant: tenant((t) => { t.logEvents = {}; }), findings: [{ status: 'unknown', messageId: 'not-run', resource: 'deprecations' }] },
  ],
});

it('is opt-in and groups notices', () => {
  expect(rule.optIn).toBe('logs');
  const fs = run(rule, tenant(logs(3, [{ description: 'A' }, { description: 'A', client_name: 'x' }, { description: 'B' }])));
  expect(fs.map((f) => f.message)).toEqual([
    '3 deprecation notice(s) since 2026-11-15: the tenant uses features Auth0 is retiring',
    'Deprecation: A (2 of the sampled events, from x)',
    'Deprecation: B (1 of the sampled events)',
  ]);
});
