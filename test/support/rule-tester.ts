/**
 * RuleTester: each case is a tenant and the findings it must produce. Every rule also gets,
 * for free, one case per needed resource made unavailable: the rule must then say `unknown`,
 * never `pass`.
 *
 * As strict as ESLint's: every run (here and through `run()`) evaluates a deep-frozen copy of the
 * tenant (a rule that writes to its input throws, and the finding is an error), and fails on a
 * finding whose `messageId` the rule does not declare or whose message leaves a `{placeholder}`
 * unfilled, on a rule error, and on options the rule's schema refuses. An invalid case lists every
 * finding that is not a pass: a failing or unknown finding it does not list fails the case.
 */
import { describe, expect, it } from 'vitest';
import type { AnyRule, FindingDraft, RuleSettings } from '../../src/engine/define-rule.js';
import { evaluateRule, type Finding } from '../../src/engine/evaluate.js';
import { checkRuleOptions } from '../../src/engine/rule-options.js';
import type { Environment } from '../../src/engine/status.js';
import { DEFAULT_SETTINGS } from '../../src/run.js';
import type { Snapshot } from '../../src/snapshot/snapshot.js';
import { tenant, unavailable } from './tenant.js';

export interface ExpectedFinding {
  status?: Finding['status'];
  messageId?: string;
  severity?: Finding['severity'];
  /** Matches resource.id or resource.name. */
  resource?: string;
  field?: string;
  value?: unknown;
}

export interface Case {
  name: string;
  tenant: Snapshot;
  env?: Environment;
  settings?: Partial<RuleSettings>;
  /** The rule's options, as the config gives them (checked against the rule's schema). */
  options?: Record<string, unknown>;
}

export interface InvalidCase extends Case {
  /**
   * The findings it must produce, each matched by its own finding; every fail, unknown or error
   * finding must be listed (passes and n/a need not be).
   */
  findings: ExpectedFinding[];
}

/** Messages the engine itself gives a rule's findings (not the rule's own `messages`). */
const ENGINE_MESSAGE_IDS = new Set(['resource-unavailable', 'field-not-held', 'nothing-to-check']);

/** A deep-frozen copy: the rule under test cannot change its input, nor a fixture shared by tests. */
function frozen<T>(value: T): T {
  const copy = structuredClone(value);
  const freeze = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return;
    Object.freeze(v);
    for (const x of Object.values(v)) freeze(x);
  };
  freeze(copy);
  return copy;
}

/** Why a draft is malformed: a messageId the rule does not declare, or a placeholder its data leaves empty. */
function draftProblems(rule: AnyRule, d: FindingDraft): string[] {
  const template = rule.messages[d.messageId];
  if (template === undefined) return [`messageId ${JSON.stringify(d.messageId)} is not one of the rule's messages (${Object.keys(rule.messages).join(', ')})`];
  const unfilled = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).filter((k) => d.data?.[k] === undefined || d.data[k] === null);
  return unfilled.length ? [`message ${d.messageId} leaves ${unfilled.map((k) => `{${k}}`).join(', ')} unfilled: ${template}`] : [];
}

export function run(rule: AnyRule, snapshot: Snapshot, c: Partial<Case> = {}): Finding[] {
  const options = c.options ?? {};
  expect(checkRuleOptions(rule, options), 'options the rule schema refuses').toEqual([]);
  const problems: string[] = [];
  const checked = {
    ...rule,
    evaluate: (view: never, ctx: Parameters<AnyRule['evaluate']>[1]) => {
      const drafts = rule.evaluate(view, ctx);
      for (const d of drafts) problems.push(...draftProblems(rule, d));
      return drafts;
    },
  } as AnyRule;
  const findings = evaluateRule(checked, frozen(snapshot), {
    ctx: { now: new Date('2026-11-22T00:00:00Z'), env: c.env ?? 'prod', plan: 'b2c', settings: { ...DEFAULT_SETTINGS, ...c.settings } },
    ...(c.options ? { ruleSettings: { [rule.id]: { options } } } : {}),
  });
  const errors = findings.filter((f) => f.status === 'error').map((f) => f.message);
  if (errors.length) throw new Error(`${rule.id} threw: ${errors.join('; ')}`);
  const foreign = findings.filter((f) => !ENGINE_MESSAGE_IDS.has(f.messageId) && !(f.messageId in rule.messages)).map((f) => `messageId ${JSON.stringify(f.messageId)} is not one of the rule's messages`);
  if (problems.length || foreign.length) throw new Error(`${rule.id} produced malformed findings:\n${[...problems, ...foreign].join('\n')}`);
  return findings;
}

function matches(f: Finding, e: ExpectedFinding): boolean {
  return (
    (e.status === undefined || f.status === e.status) &&
    (e.messageId === undefined || f.messageId === e.messageId) &&
    (e.severity === undefined || f.severity === e.severity) &&
    (e.resource === undefined || f.resource?.id === e.resource || f.resource?.name === e.resource) &&
    (e.field === undefined || f.field === e.field) &&
    (e.value === undefined || JSON.stringify(f.value) === JSON.stringify(e.value))
  );
}

export function ruleTester(rule: AnyRule, cases: { valid: Case[]; invalid: InvalidCase[] }): void {
  describe(rule.id, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        const fs = run(rule, c.tenant, c);
        expect(fs.filter((f) => f.status !== 'pass' && f.status !== 'n/a').map((f) => `${f.status} ${f.message}`)).toEqual([]);
        expect(fs.length).toBeGreaterThan(0);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => checkInvalid(rule, c));
    }
    for (const key of rule.needs) {
      it(`unknown, never pass, when ${key} cannot be read`, () => {
        const fs = run(rule, tenant(unavailable(key)));
        expect(fs).toHaveLength(1);
        expect(fs[0]?.status).toBe('unknown');
        expect(fs[0]?.message).toContain('lacks');
      });
    }
  });
}

/**
 * An invalid case: each expected finding is matched by a finding of its own, and every finding
 * that is not a pass (or n/a) is expected. Throws (an assertion error) otherwise.
 */
export function checkInvalid(rule: AnyRule, c: InvalidCase): void {
  const fs = run(rule, c.tenant, c);
  const show = (list: Finding[]) => JSON.stringify(list.map((f) => ({ status: f.status, messageId: f.messageId, severity: f.severity, resource: f.resource?.id, field: f.field })));
  // Most specific expectation first, so a loose one does not take the finding a precise one needs.
  const specificity = (e: ExpectedFinding) => Object.values(e).filter((v) => v !== undefined).length;
  const left = [...fs];
  for (const e of [...c.findings].sort((a, b) => specificity(b) - specificity(a))) {
    const i = left.findIndex((f) => matches(f, e));
    expect(i, `expected ${JSON.stringify(e)} among ${show(left)}`).toBeGreaterThanOrEqual(0);
    left.splice(i, 1);
  }
  const unlisted = left.filter((f) => f.status !== 'pass' && f.status !== 'n/a');
  expect(
    unlisted.map((f) => `${f.status} ${f.messageId}${f.resource ? ` [${f.resource.name ?? f.resource.id}]` : ''}: ${f.message}`),
    'findings the case does not list',
  ).toEqual([]);
}
