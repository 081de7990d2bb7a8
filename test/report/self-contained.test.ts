/**
 * Reports are self-contained: no reporter reaches the rule registry (rules/), directly or through
 * what it imports, and a saved JSON report renders in every format exactly as the audit's report
 * object does (the round trip through JSON loses nothing a reporter reads).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPORTERS } from '../../src/report/index.js';
import { parseReport, renderSaved } from '../../src/cli/render-file.js';
import { renderJson } from '../../src/report/json.js';
import { computeFixFirst } from '../../src/report/fix-first.js';
import { MULTI_REPORTERS, type MultiReport } from '../../src/multi/report.js';
import { b2bReport, brandNewReport, goldenAudit, hostileReport, readyReport } from './golden/reports.js';
import { resolveFramework } from '../../src/frameworks/load.js';
import { rules as allRules } from '../../rules/index.js';
import { tenantFrom } from '../support/tenant.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REPORT_DIR = join(ROOT, 'src/report');

/** Relative imports of a TypeScript file (static `import … from`, `export … from`, dynamic `import()`). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const spec = m[1] ?? m[2];
    if (spec?.startsWith('.')) out.push(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
  }
  return out;
}

/** Every file reachable from `start` through relative imports, with the chain that reaches it. */
function reach(start: string): Map<string, string[]> {
  const seen = new Map<string, string[]>([[start, [start]]]);
  const queue = [start];
  while (queue.length) {
    const f = queue.shift() as string;
    for (const dep of importsOf(f)) {
      if (seen.has(dep)) continue;
      seen.set(dep, [...(seen.get(f) ?? []), dep]);
      queue.push(dep);
    }
  }
  return seen;
}

describe('self-contained reports', () => {
  it('no module under src/report imports rules/, directly or transitively', () => {
    const files = readdirSync(REPORT_DIR).filter((f) => f.endsWith('.ts'));
    expect(files).toEqual(expect.arrayContaining(['console.ts', 'html.ts', 'markdown.ts', 'sarif.ts', 'junit.ts', 'json.ts', 'fix-first.ts', 'verdict.ts', 'summary.ts', 'relies-on.ts', 'reasons.ts', 'finding-key.ts']));
    for (const f of files) {
      for (const [dep, chain] of reach(join(REPORT_DIR, f))) {
        const rel = relative(ROOT, dep);
        expect(rel.startsWith('rules/') || rel.startsWith('src/run'), `${chain.map((c) => relative(ROOT, c)).join(' → ')}`).toBe(false);
      }
    }
  });

  it('the config loader does not reach up into the rules either (the caller passes the rules it checks against)', () => {
    for (const f of ['src/config/load.ts', 'src/config/schema.ts', 'src/config/apply.ts']) {
      for (const [dep, chain] of reach(join(ROOT, f))) {
        expect(relative(ROOT, dep).startsWith('rules/'), chain.map((c) => relative(ROOT, c)).join(' → ')).toBe(false);
      }
    }
  });

  it('the scan does see an import of rules/ (it can fail)', () => {
    const run = reach(join(ROOT, 'src/run.ts'));
    expect([...run.keys()].some((k) => relative(ROOT, k).startsWith('rules/'))).toBe(true);
  });

  it('a saved JSON report renders every format byte for byte as the report object does', async () => {
    const withFrameworks = await goldenAudit(tenantFrom('brand-new'), { frameworks: [resolveFramework('asvs-5.0-L2', { cwd: ROOT, rules: allRules })] });
    for (const report of [await brandNewReport(), await readyReport(), await b2bReport(), await hostileReport(), withFrameworks]) {
      const saved = parseReport(JSON.parse(renderJson(report)) as unknown, 'report.json');
      for (const [name, render] of Object.entries(REPORTERS)) {
        // csv lists framework requirements: a saved report that judged none is refused with one line.
        if (name === 'csv' && !report.frameworks?.length) {
          expect(() => renderSaved(saved, name, { color: false, verbose: false })).toThrow(/judged none/);
          continue;
        }
        for (const opts of [{ color: false, verbose: false }, { color: true, verbose: true }]) {
          expect(renderSaved(saved, name, opts) === render(report, opts), `${name} ${JSON.stringify(opts)}`).toBe(true);
        }
      }
    }
  });

  it('a saved multi-tenant report renders as the report object does, SARIF with one run per tenant', async () => {
    const tenants = [await brandNewReport(), await readyReport()].map((t, i) => ({ ...t, tenant: { ...t.tenant, alias: i ? 'prod' : 'dev' } }));
    const multi: MultiReport = {
      schemaVersion: 1,
      kind: 'multi',
      tool: tenants[0]?.tool ?? { name: 'auth0-readiness', version: '0' },
      generatedAt: '2026-11-22T12:00:00.000Z',
      gate: { failOn: 'blocker', passed: false, reasons: ['dev: failed'] },
      tenants,
      errors: [],
      matrix: { milestones: [], rows: [] },
      crossTenant: [],
    };
    const saved = parseReport(JSON.parse(JSON.stringify(multi)) as unknown, 'multi.json');
    expect(saved.kind).toBe('multi');
    for (const [name, render] of Object.entries(MULTI_REPORTERS)) {
      if (name === 'csv') {
        expect(() => renderSaved(saved, name, { color: false, verbose: false })).toThrow(/judged none/);
        continue;
      }
      expect(renderSaved(saved, name, { color: false, verbose: false }) === render(multi, { color: false, verbose: false }), name).toBe(true);
    }
    expect((JSON.parse(renderSaved(saved, 'sarif', { color: false, verbose: false })) as { runs: unknown[] }).runs).toHaveLength(2);
    expect(() => renderSaved(saved, 'junit', { color: false, verbose: false })).toThrow(/not available for a multi-tenant report/);
  });

  it('a report saved before it carried fixFirst and its verdict still renders, with the same fix-first list and headline', async () => {
    const report = await brandNewReport();
    const { fixFirst, verdict: _verdict, ...old } = report;
    expect(computeFixFirst(old)).toEqual(fixFirst);
    const saved = parseReport(JSON.parse(JSON.stringify(old)) as unknown, 'old.json');
    expect(renderSaved(saved, 'console', { color: false, verbose: false })).toBe(REPORTERS.console(report, { color: false, verbose: false }));
    expect(renderSaved(saved, 'sarif', { color: false, verbose: false })).toContain('"ruleId": "custom-domain-ready"');
  });
});
