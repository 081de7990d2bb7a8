import { expect, it } from 'vitest';
import rule from '../../rules/user-email-verification.js';
import { evaluateRule } from '../../src/engine/evaluate.js';
import { DEFAULT_SETTINGS } from '../../src/run.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const counts = (total: number, unverified: number) => tenant((t) => { t.usersSample = { total, unverified, sample: [] }; });

ruleTester(rule, {
  valid: [
    { name: 'the baseline (all verified)', tenant: tenant() },
    { name: '5% unverified', tenant: counts(1000, 50) },
  ],
  invalid: [{ name: '25% unverified', tenant: counts(1000, 250), findings: [{ status: 'fail', messageId: 'high', severity: 'advice', resource: 'users', field: 'email_verified', value: 0.25 }] }],
});

it('says the share', () => {
  expect(run(rule, counts(1000, 250))[0]?.message).toBe('250 of 1000 users (25%) have an unverified email, more than 10%');
});

it('takes the threshold from the maxUnverifiedShare option', () => {
  const fs = evaluateRule(rule, counts(1000, 250), {
    ctx: { now: new Date('2026-11-22T00:00:00Z'), env: 'prod', plan: 'b2c', settings: DEFAULT_SETTINGS },
    ruleSettings: { 'user-email-verification': { options: { maxUnverifiedShare: 0.3 } } },
  });
  expect(fs).toMatchObject([{ status: 'pass' }]);
});

it('is n/a for a tenant without users', () => {
  expect(run(rule, counts(0, 0))).toMatchObject([{ status: 'n/a' }]);
});
