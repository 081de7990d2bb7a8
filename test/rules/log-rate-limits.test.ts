import { expect, it } from 'vitest';
import rule from '../../rules/log-rate-limits.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';

const Q = '(type:("api_limit" OR "api_limit_warning")) AND date:[2026-11-15T00:00:00.000Z TO *]';
const logs = (total: number, sample: Record<string, string>[] = []): Mutator => (t) => {
  t.logEvents = { ...t.logEvents, rateLimits: { q: Q, count: total, more: false, sample } };
};

ruleTester(rule, {
  valid: [{ name: 'no rate-limit event in the window', tenant: tenant(logs(0)) }],
  invalid: [
    {
      name: 'Management API limit reached by a sync job',
      tenant: tenant(logs(17, [
        { type: 'api_limit', description: 'Global per-second default group limit has been reached', client_id: 'cl_sync', client_name: 'CRM sync' },
        { type: 'api_limit', description: 'Global per-second default group limit has been reached', client_id: 'cl_sync', client_name: 'CRM sync' },
        { type: 'api_limit_warning', description: 'Rate limit warning for /oauth/token', client_name: 'Mobile app' },
      ])),
      findings: [
        { status: 'fail', messageId: 'found', severity: 'warning', resource: 'rateLimits', field: 'total', value: 17 },
        { status: 'fail', messageId: 'limit', severity: 'warning', resource: 'Rate limit reached — Global per-second default group limit has been reached', value: 'api_limit' },
        { status: 'fail', messageId: 'limit', severity: 'advice', value: 'api_limit_warning' },
      ],
    },
    { name: 'log search not in the snapshot', tenant: tenant((t) => { t.logEvents = {}; }), findings: [{ status: 'unknown', messageId: 'not-run', resource: 'rateLimits' }] },
  ],
});

it('is opt-in and says who hit the limit', () => {
  expect(rule.optIn).toBe('logs');
  const fs = run(rule, tenant(logs(1, [{ type: 'api_limit', description: '/api/v2/users', client_name: 'CRM sync' }])));
  expect(fs.map((f) => f.message)).toEqual(['1 rate-limit event(s) since 2026-11-15 (api_limit)', 'Rate limit reached — /api/v2/users: 1 of the sampled events, from CRM sync']);
});

it('a full first page says "at least", never a total derived from the page (issue 10, defect 12)', () => {
  const fs = run(rule, tenant((t) => {
    t.logEvents = { ...t.logEvents, rateLimits: { q: Q, count: 10, more: true, sample: Array.from({ length: 10 }, () => ({ type: 'api_limit' })) } };
  }));
  expect(fs[0]).toMatchObject({ status: 'fail', value: 10 });
  expect(fs[0]?.message).toContain('at least 10 rate-limit event(s)');
});
