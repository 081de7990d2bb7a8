/**
 * `audit --history <store>`: record each tenant's run and, with `--fail-on-regression`, decide the
 * gate against the tenant's accepted baseline (else its first run) instead of last night, so a
 * regression keeps failing until it is fixed, waived or accepted.
 */
import { computeVerdict } from '../report/verdict.js';
import type { AuditReport } from '../report/schema.js';
import { acceptedByTenant, baselineOf, recordReports, regressionsAgainst, type Regression } from './history.js';
import { failedRecordOf, statesOf, tenantIdOf } from './record.js';
import type { HistoryStore } from './store.js';
import type { Environment } from '../engine/status.js';

const day = (iso: string) => iso.slice(0, 10);

export function regressionLine(r: Regression): string {
  return `${r.ruleId}${r.resource ? ` (${r.resource.id})` : ''}: ${r.status} [${r.severity}], known since ${day(r.since)}, ${r.nights} night${r.nights === 1 ? '' : 's'}`;
}

/** Compare with the baseline (when asked), then record. Mutates the report's gate and history section. */
export async function historyForReport(store: HistoryStore, report: AuditReport, failOnRegression: boolean): Promise<void> {
  const tenant = tenantIdOf(report);
  if (failOnRegression) {
    const runs = await store.runs({ tenants: [tenant] });
    const base = baselineOf(runs, acceptedByTenant(await store.acceptances()).get(tenant));
    const current = new Map(statesOf(report).map((s) => [s[0], s]));
    const regs = base ? regressionsAgainst(runs, base, current, new Date(report.generatedAt).toISOString()) : [];
    const lines = regs.map(regressionLine);
    report.gate = {
      ...report.gate,
      passed: lines.length === 0,
      reasons: lines.length
        ? [`${lines.length} regression(s) since the ${base?.kind === 'accepted' ? `baseline accepted ${day(base.acceptance?.at ?? base.run.at)}` : 'first recorded run'}: ${lines.slice(0, 5).join('; ')}${lines.length > 5 ? '; …' : ''}`]
        : [],
      details: lines.length ? [{ id: 'regressions', count: lines.length, lines: lines.slice(0, 20) }] : [],
    };
    // The verdict every format prints follows the gate: regressions only.
    report.verdict = computeVerdict(report, { regressionOnly: true });
    report.history = {
      store: store.description,
      runId: '',
      ...(base
        ? {
            baseline: {
              runId: base.run.runId,
              kind: base.kind,
              at: base.run.at,
              ...(base.acceptance ? { by: base.acceptance.by, reason: base.acceptance.reason } : {}),
            },
          }
        : {}),
      regressions: regs.map((r) => ({ key: r.key, ruleId: r.ruleId, ...(r.resource ? { resource: r.resource } : {}), status: r.status, severity: r.severity, since: r.since, nights: r.nights })),
    };
  }
  const [rec] = await recordReports(store, [report]);
  report.history = { ...(report.history ?? { store: store.description }), store: store.description, runId: rec?.record.runId ?? '' };
}

/** A tenant that could not be read: a failed run (a gap on the chart). */
export async function recordFailure(store: HistoryStore, t: { alias?: string; domain: string; env: Environment }, exitCode: 2 | 3, reason: string): Promise<void> {
  await store.add([failedRecordOf({ id: t.alias ?? t.domain, ...(t.alias ? { alias: t.alias } : {}), domain: t.domain, env: t.env }, exitCode, reason)]);
}
