/** Helpers shared by the reporters: each a pure function of the AuditReport. */
import { FINDING_RANK, SEVERITY_RANK } from '../engine/status.js';
import type { AuditReport, ReportFinding } from './schema.js';

/** `b2c.p2` → `Phase 2`. */
export const phaseTitle = (phase: string): string => {
  const n = /\.p(\d+)$/.exec(phase)?.[1];
  return n ? `Phase ${n}` : phase;
};

/** Worst first: failing, then errors and unknowns, …; within a status, by severity. */
export function findingOrder(a: ReportFinding, b: ReportFinding): number {
  return FINDING_RANK[b.status] - FINDING_RANK[a.status] || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity];
}

/** The aggregator's wording of a finding in a topic's reasons (to say it once). */
export function reasonOf(f: ReportFinding): string {
  const where = f.resource ? ` [${f.resource.type} ${f.resource.name ?? f.resource.id}]` : '';
  return `${f.ruleId}${where}: ${f.message}`;
}

/**
 * Each topic's findings: those naming it, and those of the rules it lists (a P2 revisit re-runs
 * its P1 topic's rules, whose findings name the P1 topic). In report order; linear time.
 */
export function findingsByTopic(report: AuditReport): Map<string, ReportFinding[]> {
  const byRule = new Map<string, number[]>();
  const byTopic = new Map<string, number[]>();
  const push = (m: Map<string, number[]>, k: string, i: number) => {
    const l = m.get(k);
    if (l) l.push(i);
    else m.set(k, [i]);
  };
  report.findings.forEach((f, i) => {
    push(byRule, f.ruleId, i);
    for (const t of f.topicIds) push(byTopic, t, i);
  });
  return new Map(
    report.topics.map((t) => {
      const idx = new Set(byTopic.get(t.id));
      for (const r of t.rules) for (const i of byRule.get(r) ?? []) idx.add(i);
      return [t.id, [...idx].sort((a, b) => a - b).flatMap((i) => report.findings[i] ?? [])];
    }),
  );
}
