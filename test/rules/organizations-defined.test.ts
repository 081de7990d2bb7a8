import { expect, it } from 'vitest';
import rule from '../../rules/organizations-defined.js';
import { evaluateRule } from '../../src/engine/evaluate.js';
import type { PlanId } from '../../src/catalog/index.js';
import { DEFAULT_SETTINGS } from '../../src/run.js';
import type { Snapshot } from '../../src/snapshot/snapshot.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const ORGS = [{ id: 'org_1', name: 'initech', display_name: 'Initech' }, { id: 'org_2', name: 'hooli' }];
const evaluate = (s: Snapshot, plan: PlanId, options?: Record<string, unknown>) =>
  evaluateRule(rule, s, {
    ctx: { now: new Date('2026-11-22T00:00:00Z'), env: 'prod', plan, settings: DEFAULT_SETTINGS },
    ...(options ? { ruleSettings: { 'organizations-defined': { options } } } : {}),
  });

ruleTester(rule, {
  valid: [
    { name: 'a B2C tenant without organizations (baseline)', tenant: tenant() },
    { name: 'organizations provisioned', tenant: tenant((t) => { t.organizations = ORGS; }) },
  ],
  invalid: [
    { name: 'one pass per organization', tenant: tenant((t) => { t.organizations = ORGS; }), findings: [{ status: 'pass', messageId: 'defined', resource: 'org_1' }, { status: 'pass', resource: 'hooli' }] },
  ],
});

it('fails (advice) in the B2B plan when no organization exists', () => {
  expect(evaluate(tenant(), 'b2b')).toMatchObject([{ status: 'fail', severity: 'advice', messageId: 'none', field: 'organizations' }]);
});

it('is n/a when customers are modelled another way (rule option orgModel)', () => {
  expect(evaluate(tenant(), 'b2b', { orgModel: 'tenant-per-customer' })).toMatchObject([{ status: 'n/a' }]);
});
