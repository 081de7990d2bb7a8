/**
 * `policies test`: each policy's inline tests, RuleTester-style. A test patches the compliant
 * baseline tenant (the go-live-ready B2C fixture, fixtures/tenants/go-live-ready-b2c.json, which
 * the package ships; redacted as any snapshot is):
 * each top-level key of `patch` is a resource key whose value REPLACES that resource whole. The
 * policy runs alone on the result; its findings must match `expect` exactly: as many findings as
 * expectations, each expectation matching a different finding (in any order) by status, and by
 * resource (name or id) and message substring when given.
 */
import { evaluateRule, type Finding } from '../engine/evaluate.js';
import { DEFAULT_SETTINGS } from '../engine/default-settings.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Snapshot } from '../snapshot/snapshot.js';
import type { RuleSettings } from '../engine/define-rule.js';
import { packageRoot } from '../package-root.js';
import { redact } from '../snapshot/redact.js';
import { snapshotFromResources } from '../snapshot/from-resources.js';
import type { Policy, PolicyTestCase } from './load.js';
import type { PolicyTestExpectation } from './schema.js';

/** The settings rules get by default (a policy reads none of them). */
const SETTINGS: RuleSettings = DEFAULT_SETTINGS;

/** The file the baseline tenant is read from, relative to the package root. */
export const BASELINE_FIXTURE = 'fixtures/tenants/go-live-ready-b2c.json';

let baseline: { domain: string; resources: Record<string, unknown> } | undefined;

/** The baseline tenant: the go-live-ready fixture's resources, redacted (read once). */
export function baselineTenant(): { domain: string; resources: Record<string, unknown> } {
  if (!baseline) {
    const fixture = JSON.parse(readFileSync(join(packageRoot(), BASELINE_FIXTURE), 'utf8')) as { domain: string; resources: Record<string, unknown> };
    baseline = { domain: fixture.domain, resources: redact(fixture.resources) as Record<string, unknown> };
  }
  return baseline;
}

/** The baseline tenant as a snapshot, with `patch` applied (each key replaces that resource). */
export function baselineSnapshot(patch: Readonly<Record<string, unknown>> = {}): Snapshot {
  const { domain, resources } = baselineTenant();
  return snapshotFromResources(domain, { ...resources, ...patch }, { collectedAt: '2026-01-01T00:00:00.000Z' });
}

export interface TestResult {
  policy: string;
  test: string;
  line?: number;
  passed: boolean;
  findings: Finding[];
  /** Expectations no finding matched, and findings no expectation matched. */
  unmatched: PolicyTestExpectation[];
  unexpected: Finding[];
}

const matches = (e: PolicyTestExpectation, f: Finding): boolean =>
  e.status === f.status &&
  (e.resource === undefined || e.resource === f.resource?.name || e.resource === f.resource?.id) &&
  (e.messageIncludes === undefined || f.message.includes(e.messageIncludes));

/** A maximum matching of expectations to findings (augmenting paths: order-insensitive, exact). */
function match(expect: readonly PolicyTestExpectation[], findings: readonly Finding[]): { unmatched: PolicyTestExpectation[]; unexpected: Finding[] } {
  const owner: (number | undefined)[] = findings.map(() => undefined);
  const tryAssign = (e: number, seen: boolean[]): boolean => {
    for (let f = 0; f < findings.length; f++) {
      if (seen[f] || !matches(expect[e]!, findings[f]!)) continue;
      seen[f] = true;
      if (owner[f] === undefined || tryAssign(owner[f]!, seen)) {
        owner[f] = e;
        return true;
      }
    }
    return false;
  };
  const assigned = expect.map((_, e) => tryAssign(e, findings.map(() => false)));
  return { unmatched: expect.filter((_, e) => !assigned[e]), unexpected: findings.filter((_, f) => owner[f] === undefined) };
}

export function runPolicyTest(policy: Policy, test: PolicyTestCase, now = new Date('2026-01-01T00:00:00Z')): TestResult {
  const findings = evaluateRule(policy.rule, baselineSnapshot(test.patch), { ctx: { now, env: 'prod', plan: 'b2c', settings: SETTINGS } });
  const { unmatched, unexpected } = match(test.expect, findings);
  return {
    policy: policy.rule.id,
    test: test.name,
    ...(test.line ? { line: test.line } : {}),
    passed: !unmatched.length && !unexpected.length,
    findings,
    unmatched,
    unexpected,
  };
}

export function runPolicyTests(policies: readonly Policy[]): TestResult[] {
  return policies.flatMap((p) => p.tests.map((t) => runPolicyTest(p, t)));
}

const describeFinding = (f: Finding) => `${f.status}${f.resource ? ` ${f.resource.name ?? f.resource.id}` : ''}: ${f.message}`;
const describeExpectation = (e: PolicyTestExpectation) =>
  `${e.status}${e.resource ? ` ${e.resource}` : ''}${e.messageIncludes ? ` (message includes '${e.messageIncludes}')` : ''}`;

/** One line per test (✔/✘), and for a failure what was expected and what was found. */
export function formatTestResults(policies: readonly Policy[], results: readonly TestResult[]): string {
  const out: string[] = [];
  for (const p of policies) {
    const rs = results.filter((r) => r.policy === p.rule.id);
    if (!rs.length) {
      out.push(`- ${p.rule.id}: no tests (${p.rule.origin.file}${p.rule.origin.line ? `:${p.rule.origin.line}` : ''})`);
      continue;
    }
    for (const r of rs) {
      out.push(`${r.passed ? '✔' : '✘'} ${r.policy} › ${r.test}`);
      if (r.passed) continue;
      out.push(`    test defined in ${p.rule.origin.file}${r.line ? `:${r.line}` : ''}`);
      for (const e of r.unmatched) out.push(`    expected, not found: ${describeExpectation(e)}`);
      for (const f of r.unexpected) out.push(`    found, not expected: ${describeFinding(f)}`);
      out.push(`    findings: ${r.findings.length ? r.findings.map(describeFinding).join('; ') : 'none'}`);
    }
  }
  const failed = results.filter((r) => !r.passed).length;
  out.push('', `${results.length - failed} of ${results.length} policy tests passed${failed ? `, ${failed} failed` : ''}.`);
  return `${out.join('\n')}\n`;
}
