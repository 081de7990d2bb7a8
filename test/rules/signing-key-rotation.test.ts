import { expect, it } from 'vitest';
import rule from '../../rules/signing-key-rotation.js';
import { evaluateRule } from '../../src/engine/evaluate.js';
import { DEFAULT_SETTINGS } from '../../src/run.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';

// The rule tester runs at 2026-11-22.
const keys = (currentSince: string | undefined): Mutator => (t) => {
  t.signingKeys = [
    { kid: 'kid_prev', previous: true, current_since: '2024-01-10T00:00:00.000Z', current_until: '2026-03-01T00:00:00.000Z' },
    { kid: 'kid_cur', current: true, ...(currentSince ? { current_since: currentSince } : {}) },
    { kid: 'kid_next', next: true },
  ];
};

ruleTester(rule, {
  valid: [
    { name: 'rotated this year', tenant: tenant(keys('2026-03-01T00:00:00.000Z')) },
    { name: 'no key listed (not in the snapshot): n/a', tenant: tenant((t) => { t.signingKeys = []; }) },
  ],
  invalid: [
    {
      name: 'the same key for three years',
      tenant: tenant(keys('2023-11-01T00:00:00.000Z')),
      findings: [{ status: 'fail', messageId: 'old', severity: 'advice', resource: 'kid_cur', field: 'current_since', value: '2023-11-01T00:00:00.000Z' }],
    },
    { name: 'no date on the current key', tenant: tenant(keys(undefined)), findings: [{ status: 'unknown', messageId: 'no-date', resource: 'kid_cur', field: 'current_since' }] },
    { name: 'no current key', tenant: tenant((t) => { t.signingKeys = [{ kid: 'kid_next', next: true }]; }), findings: [{ status: 'unknown', messageId: 'no-current' }] },
  ],
});

it('reports the age of the current key', () => {
  const [f] = run(rule, tenant(keys('2026-03-01T00:00:00.000Z')));
  expect(f?.message).toBe('The current signing key kid_cur has been in use for 266 days (since 2026-03-01); keep the rotation plan attested');
});

it('takes the reporting age from the rule option maxKeyAgeDays', () => {
  const fs = evaluateRule(rule, tenant(keys('2026-03-01T00:00:00.000Z')), {
    ctx: { now: new Date('2026-11-22T00:00:00Z'), env: 'prod', plan: 'b2c', settings: DEFAULT_SETTINGS },
    ruleSettings: { 'signing-key-rotation': { options: { maxKeyAgeDays: 90 } } },
  });
  expect(fs.map((f) => f.messageId)).toEqual(['old']);
});
