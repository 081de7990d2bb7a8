/**
 * One verdict, rendered everywhere: for each gate outcome (passed, passed with risks, failed,
 * regressions only — none and some —, could not read), every format states the same verdict
 * first, and it agrees with the exit code. Exit 3 is never "passed".
 */
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { compareWithBaseline, regressions } from '../../src/multi/baseline.js';
import { buildMultiReport, MULTI_REPORTERS } from '../../src/multi/report.js';
import { REPORTERS } from '../../src/report/index.js';
import { gateReasonText } from '../../src/report/reasons.js';
import type { AuditReport, GateReason, VerdictOutcome } from '../../src/report/schema.js';
import { computeVerdict, headline } from '../../src/report/verdict.js';
import { audit } from '../../src/run.js';
import { tenant } from '../support/tenant.js';

const now = () => new Date('2026-11-22T12:00:00Z');
const known = new Set(rules.map((r) => r.id));

/** The regression-only gate, as `audit --baseline --fail-on-regression` decides it. */
function regressionGate(report: AuditReport, base: AuditReport): AuditReport {
  report.baseline = compareWithBaseline(report, base, { knownRuleIds: known });
  const lines = regressions(report.baseline);
  const details: GateReason[] = lines.length ? [{ id: 'regressions', count: lines.length, lines }] : [];
  report.gate = { ...report.gate, passed: !lines.length, reasons: details.map((d) => gateReasonText(d)), details };
  report.verdict = computeVerdict(report, { regressionOnly: true });
  return report;
}

async function cases(): Promise<[string, AuditReport][]> {
  const good = await audit({ source: { kind: 'snapshot', snapshot: tenant() }, now });
  const risky = good.milestones.find((m) => m.status === 'satisfied-with-risks');
  const out: [string, AuditReport][] = [
    ['passed', await audit({ source: { kind: 'snapshot', snapshot: tenant() }, now, failOn: 'none' })],
    ['failed', await audit({ source: { kind: 'snapshot', snapshot: tenant((t) => { t.customDomains = []; }) }, now, require: 'go-live' })],
  ];
  if (risky) out.push(['passed-with-risks', await audit({ source: { kind: 'snapshot', snapshot: tenant() }, now, require: risky.id, failOn: 'none' })]);
  const broken = async () => audit({ source: { kind: 'snapshot', snapshot: tenant((t) => { t.customDomains = []; }) }, now });
  out.push(['no-regression', regressionGate(await broken(), await broken())]);
  out.push(['regressed', regressionGate(await broken(), good)]);
  return out;
}

describe('one verdict in every format', () => {
  it('for each outcome, every format says it first and agrees with the exit code', async () => {
    const seen = new Set<VerdictOutcome>();
    for (const [name, report] of await cases()) {
      const v = report.verdict!;
      seen.add(v.outcome);
      expect(v.outcome, name).toBe(name);
      const h = headline(v);
      const text = (f: keyof typeof REPORTERS) => REPORTERS[f](report, { color: false, verbose: false });
      expect(text('console').split('\n')[1], name).toBe(`${h.mark} ${h.text}`);
      expect(text('markdown').split('\n')[2], name).toContain(h.text);
      expect(text('html'), name).toContain(`<span aria-hidden="true">${h.mark}</span> ${h.gate}</h2>`);
      expect(text('junit').split('\n')[1], name).toContain(h.text);
      expect(JSON.parse(text('sarif')).runs[0].properties.verdict.outcome, name).toBe(v.outcome);
      expect(JSON.parse(text('json')).verdict, name).toEqual(v);
      for (const f of ['console', 'markdown', 'html'] as const) {
        if (v.exitCode === 0) expect(text(f), `${name} ${f}`).not.toMatch(/Gate failed|Regressed since/);
        else expect(text(f), `${name} ${f}`).not.toMatch(/Gate passed|No regression since/);
      }
      // Regression mode: a tenant with standing blockers and no regression says so, not "passed".
      if (v.regressionOnly) expect(text('markdown'), name).not.toContain('Gate passed');
    }
    expect([...seen].sort()).toEqual(['failed', 'no-regression', 'passed', 'passed-with-risks', 'regressed']);
  });

  it('could not read: exit 3, never "passed", in any format, whatever the other tenants say', async () => {
    const good = await audit({ source: { kind: 'snapshot', snapshot: tenant() }, now, failOn: 'none' });
    const r = buildMultiReport(
      [
        { alias: 'dev', env: 'dev', domain: good.tenant.domain, report: { ...good, tenant: { ...good.tenant, alias: 'dev' } } },
        { alias: 'qa', env: 'qa', domain: 'acme-qa.us.auth0.com', error: 'the token was rejected (401)' },
      ],
      { findings: [] },
      { failOn: 'none', now: now() },
    );
    expect(r.verdict).toMatchObject({ outcome: 'could-not-read', exitCode: 3, unread: ['qa'] });
    for (const f of ['console', 'markdown', 'html'] as const) {
      const text = MULTI_REPORTERS[f](r, { color: false, verbose: false });
      expect(text, f).toContain('Could not read qa: no verdict (exit 3)');
      expect(text, f).not.toMatch(/passed/i);
    }
  });
});

describe('milestone reasons are data', () => {
  it('every milestone carries its reasons as data, worded exactly as the sentences it keeps for old readers', async () => {
    const { brandNewReport, readyReport, b2bReport } = await import('./golden/reports.js');
    const { milestoneReasonText } = await import('../../src/report/reasons.js');
    for (const r of [await brandNewReport(), await readyReport(), await b2bReport()]) {
      for (const m of r.milestones) {
        expect(m.details, m.id).toBeDefined();
        expect((m.details ?? []).map((d) => milestoneReasonText(d)), m.id).toEqual(m.reasons);
      }
    }
  });
});
