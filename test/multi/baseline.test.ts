import { describe, expect, it } from 'vitest';
import { baselineKey as findingKey, compareWithBaseline, readBaseline, regressions } from '../../src/multi/baseline.js';
import { audit } from '../../src/run.js';
import type { ReportFinding } from '../../src/report/schema.js';
import { rules } from '../../rules/index.js';
import { tenant } from '../support/tenant.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const now = () => new Date('2026-11-22T00:00:00Z');
const known = new Set(rules.map((r) => r.id));
const run = (s = tenant()) => audit({ source: { kind: 'snapshot', snapshot: s }, now });

describe('baseline comparison', () => {
  it('the same tenant twice: everything unchanged, nothing regressed', async () => {
    const a = await run();
    const b = await run();
    b.baseline = compareWithBaseline(b, a, { knownRuleIds: known });
    expect(b.baseline.regressed).toBe(false);
    expect(b.baseline.counts.unchanged).toBe(new Set(b.findings.map((f) => findingKey(f, 'a'))).size);
    expect(b.baseline.counts.new + b.baseline.counts.fixed + b.baseline.counts.changed).toBe(0);
    expect(b.baseline.topics.every((t) => t.change === 'unchanged')).toBe(true);
  });

  it('a new failure is new and a regression; the topic that it fails is worse', async () => {
    const before = await run();
    const after = await run(tenant((t) => { t.customDomains = []; }));
    const c = compareWithBaseline(after, before, { knownRuleIds: known });
    expect(c.regressed).toBe(true);
    const worse = c.findings.filter((f) => f.worse);
    expect(worse.length).toBeGreaterThan(0);
    expect(worse.every((f) => f.after?.status === 'fail' || f.after?.status === 'error')).toBe(true);
    expect(c.topics.find((t) => t.id === 'b2c.p1.architecture.custom-domains')).toMatchObject({ before: 'pass', after: 'fail', worse: true });
    expect(regressions(c).some((l) => l.startsWith('topic b2c.p1.architecture.custom-domains'))).toBe(true);
  });

  it('the reverse is fixed, and not a regression', async () => {
    const noBruteForce = tenant((t) => { (t.bruteForceProtection as { enabled: boolean }).enabled = false; });
    const before = await run(noBruteForce);
    const after = await run();
    const c = compareWithBaseline(after, before, { knownRuleIds: known });
    expect(regressions(c)).toEqual([]);
    expect(c.regressed).toBe(false);
    expect(c.counts.fixed).toBeGreaterThan(0);
    expect(c.findings.filter((f) => f.change === 'fixed').every((f) => f.before?.status === 'fail' && f.after?.status !== 'fail')).toBe(true);
    expect(c.topics.find((t) => t.id === 'b2c.p1.authentication.anomaly-detection')).toMatchObject({ change: 'fixed', worse: false });
    // And the other way round it is a regression: a new failing finding.
    const back = compareWithBaseline(await run(noBruteForce), after, { knownRuleIds: known });
    expect(back.regressed).toBe(true);
    expect(back.findings.some((f) => f.worse && f.after?.status === 'fail')).toBe(true);
  });

  it('fixing one thing is one fixed, not one new and one fixed: the pass keeps the failure\'s key', async () => {
    const before = await run(tenant((t) => { t.customDomains = []; }));
    const after = await run();
    const c = compareWithBaseline(after, before, { knownRuleIds: known });
    const fixed = c.findings.filter((f) => f.change === 'fixed');
    expect(fixed.map((f) => f.ruleId)).toContain('custom-domain-ready');
    // Rules that only apply once a custom domain exists report new findings; the fixed rule does not.
    expect(c.findings.filter((f) => f.ruleId === 'custom-domain-ready').map((f) => f.change)).toEqual(['fixed']);
    const entry = c.findings.find((f) => f.ruleId === 'custom-domain-ready');
    expect(entry).toMatchObject({ before: { status: 'fail' }, after: { status: 'pass' } });
  });

  it('a finding whose severity or status changed is changed', async () => {
    const before = await run();
    const after = await run();
    const f = after.findings.find((x) => x.status === 'fail' && x.severity === 'advice') ?? after.findings.find((x) => x.status === 'pass') as ReportFinding;
    const prev = before.findings.find((x) => findingKey(x, 'a') === findingKey(f, 'a')) as ReportFinding;
    prev.status = 'fail';
    prev.severity = 'blocker';
    const c = compareWithBaseline(after, before, { knownRuleIds: known });
    const entry = c.findings.find((x) => x.key === findingKey(f, after.tenant.domain));
    expect(entry?.change).toMatch(/changed|fixed/);
    expect(entry?.worse).toBe(false);
    expect(entry?.before).toEqual({ status: 'fail', severity: 'blocker' });
  });

  it('a rule removed since the baseline is removed-rule, not fixed; a renamed rule is followed', async () => {
    const before = await run(tenant((t) => { t.customDomains = []; }));
    const failing = before.findings.find((x) => x.status === 'fail') as ReportFinding;
    const removed = { ...failing, ruleId: 'old-rule-that-is-gone' };
    const renamedFrom = before.findings.find((x) => x.status === 'pass') as ReportFinding;
    const oldId = `${renamedFrom.ruleId}-old-name`;
    before.findings.push(removed);
    before.findings = before.findings.map((x) => (x === renamedFrom ? { ...x, ruleId: oldId } : x));
    const after = await run(tenant((t) => { t.customDomains = []; }));
    const c = compareWithBaseline(after, before, { knownRuleIds: known, renames: { [oldId]: renamedFrom.ruleId } });
    const gone = c.findings.find((x) => x.ruleId === 'old-rule-that-is-gone');
    expect(gone).toMatchObject({ change: 'removed-rule', worse: false });
    expect(c.counts.fixed).toBe(0);
    const renamed = c.findings.find((x) => x.previousRuleId === oldId);
    expect(renamed).toMatchObject({ ruleId: renamedFrom.ruleId, change: 'unchanged' });
    expect(c.regressed).toBe(false);
    // Without the rename map the old id is a removed rule and the new id's finding is new.
    const c2 = compareWithBaseline(after, before, { knownRuleIds: known, renames: {} });
    expect(c2.findings.find((x) => x.ruleId === oldId)?.change).toBe('removed-rule');
  });

  it('reads a single or a multi-tenant report; rejects anything else (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baseline-'));
    const r = await run();
    writeFileSync(join(dir, 'one.json'), JSON.stringify(r));
    writeFileSync(join(dir, 'multi.json'), JSON.stringify({ kind: 'multi', tenants: [r, r] }));
    writeFileSync(join(dir, 'bad.json'), '{"schemaVersion":1}');
    expect(readBaseline(join(dir, 'one.json'))).toHaveLength(1);
    expect(readBaseline(join(dir, 'multi.json'))).toHaveLength(2);
    expect(() => readBaseline(join(dir, 'bad.json'))).toThrow(/not an auth0-readiness JSON report/);
    expect(() => readBaseline(join(dir, 'none.json'))).toThrow(/no such file/);
  });
});
