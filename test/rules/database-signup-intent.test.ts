import rule from '../../rules/database-signup-intent.js';
import type { PlanId } from '../../src/catalog/schema.js';
import { evaluateRule } from '../../src/engine/evaluate.js';
import { DEFAULT_SETTINGS } from '../../src/run.js';
import type { Snapshot } from '../../src/snapshot/snapshot.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, tenantFrom, type Mutator } from '../support/tenant.js';
import { describe, expect, it } from 'vitest';

const DB = 'con_oc6Y0qlxwai0R1Hi';

const signup = (disabled: boolean | undefined): Mutator => (t) => {
  t.connections = (t.connections ?? []).map((c) => {
    if (c.id !== DB) return c;
    const { disable_signup: _d, ...options } = c.options ?? {};
    return { ...c, options: disabled === undefined ? options : { ...options, disable_signup: disabled } };
  });
};

const runAs = (plan: PlanId, s: Snapshot, options: Record<string, unknown> = {}, scope?: Record<string, boolean>) =>
  evaluateRule(rule, s, {
    ctx: { now: new Date('2026-11-22T00:00:00Z'), env: 'prod', plan, settings: DEFAULT_SETTINGS, ...(scope ? { scope } : {}) },
    ruleSettings: { [rule.id]: { options } },
  });

// The tester runs the B2C plan: self sign-up is intended.
ruleTester(rule, {
  valid: [
    { name: 'B2C baseline: sign-up open', tenant: tenant() },
    { name: 'B2C: disable_signup absent means sign-up open', tenant: tenant(signup(undefined)) },
  ],
  invalid: [
    {
      name: 'B2C with sign-up disabled',
      tenant: tenant(signup(true)),
      findings: [{ status: 'fail', messageId: 'closed-bad', severity: 'warning', resource: DB, field: 'options.disable_signup', value: true }],
    },
    {
      name: 'options hidden without read:connections_options',
      tenant: tenant((t) => { t.connections = (t.connections ?? []).map(({ options: _o, ...c }) => c); }),
      findings: [{ status: 'unknown', messageId: 'hidden', resource: DB, field: 'options' }],
    },
  ],
});

describe('B2B plan: invitation-only', () => {
  it('fails a database connection open to public sign-up', () => {
    const fs = runAs('b2b', tenant(signup(false)));
    expect(fs).toMatchObject([{ status: 'fail', messageId: 'open-bad', resource: { id: DB }, field: 'options.disable_signup', value: false }]);
    expect(fs[0]?.message).toContain('B2B plan default');
  });
  it('fails when disable_signup is absent (sign-up is open by default)', () => {
    expect(runAs('b2b', tenant(signup(undefined)))[0]).toMatchObject({ status: 'fail', value: null });
  });
  it('passes the B2B fixture, whose partner database has sign-up disabled', () => {
    expect(runAs('b2b', tenantFrom('b2b-organizations')).map((f) => `${f.status} ${f.messageId}`)).toEqual(['pass closed-ok']);
  });
});

describe('rule option selfSignup overrides the plan default', () => {
  it('B2C service by invitation', () => {
    const fs = runAs('b2c', tenant(signup(false)), { selfSignup: false });
    expect(fs[0]).toMatchObject({ status: 'fail', messageId: 'open-bad' });
    expect(fs[0]?.message).toContain('rule option selfSignup: false');
  });
  it('B2B service with self sign-up', () => {
    expect(runAs('b2b', tenant(signup(false)), { selfSignup: true })[0]).toMatchObject({ status: 'pass', messageId: 'open-ok' });
  });
  it('ignores a non-boolean option', () => {
    expect(runAs('b2c', tenant(), { selfSignup: 'no' })[0]).toMatchObject({ status: 'pass', messageId: 'open-ok' });
  });
});

// The catalog's scope keys (config `scope:`) carry the intent, as they do for the topics (issue 16 §3).
describe('scope keys of the catalog set the intent', () => {
  it('B2C scope selfSignup: false (the self-sign-up topic is out of scope): sign-up should be closed', () => {
    const fs = runAs('b2c', tenant(signup(false)), {}, { selfSignup: false });
    expect(fs[0]).toMatchObject({ status: 'fail', messageId: 'open-bad' });
    expect(fs[0]?.message).toContain('scope selfSignup: false');
    expect(runAs('b2c', tenant(signup(true)), {}, { selfSignup: false })[0]).toMatchObject({ status: 'pass', messageId: 'closed-ok' });
  });
  it('B2C scope signupByInvitation: true closes sign-up', () => {
    expect(runAs('b2c', tenant(signup(true)), {}, { signupByInvitation: true })[0]).toMatchObject({ status: 'pass', messageId: 'closed-ok' });
  });
  it('an explicit selfSignup scope key wins over signupByInvitation', () => {
    expect(runAs('b2c', tenant(signup(false)), {}, { selfSignup: true, signupByInvitation: true })[0]).toMatchObject({ status: 'pass', messageId: 'open-ok' });
  });
  it('B2B scope selfSignup: true opens sign-up', () => {
    expect(runAs('b2b', tenant(signup(false)), {}, { selfSignup: true })[0]).toMatchObject({ status: 'pass', messageId: 'open-ok' });
  });
  it('B2B scope selfSignupWithApproval: true opens sign-up', () => {
    expect(runAs('b2b', tenant(signup(true)), {}, { selfSignupWithApproval: true })[0]).toMatchObject({ status: 'fail', messageId: 'closed-bad' });
  });
  it('the rule option still overrides the scope keys', () => {
    expect(runAs('b2c', tenant(signup(false)), { selfSignup: true }, { selfSignup: false })[0]).toMatchObject({ status: 'pass', messageId: 'open-ok' });
  });
});

it('is n/a without database connections', () => {
  expect(run(rule, tenant((t) => { t.connections = []; })).map((f) => f.status)).toEqual(['n/a']);
});
