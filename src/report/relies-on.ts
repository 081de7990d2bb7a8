/**
 * "This result relies on": what the verdict depends on beyond the tenant's data, computed from the
 * report and the options of the run, each item once. Every format prints it near the top and never
 * cuts it for length: a reviewer sees why the gate is green (a rule turned off, a waiver, the
 * attestations a milestone rests on, unknowns accepted). Others add items by passing `extra`.
 */
import { atLeast, type Severity } from '../engine/status.js';
import { needsLiveAudit } from '../engine/live-audit.js';
import type { AuditReport, Reliance } from './schema.js';

type RuleOverride = 'off' | Severity | { severity?: Severity | 'off'; options?: Record<string, unknown> };

export interface ReliesOnInput {
  /** Rule overrides from config, by rule id. */
  ruleSettings?: Readonly<Record<string, RuleOverride>>;
  /** Every rule the registry knows: its title and default severity. */
  rules: ReadonlyMap<string, { title: string; severity: Severity }>;
  /** Items other parts of the run record (checks outside the source's reach, notes). */
  extra?: readonly Reliance[];
}

export function computeReliesOn(report: AuditReport, input: ReliesOnInput): Reliance[] {
  const out: Reliance[] = [];
  for (const [ruleId, s] of Object.entries(input.ruleSettings ?? {})) {
    const rule = input.rules.get(ruleId);
    const title = rule ? { title: rule.title } : {};
    const to = typeof s === 'string' ? s : s.severity;
    if (to === 'off') out.push({ kind: 'rule-off', ruleId, ...title });
    else if (to && rule && to !== rule.severity) out.push({ kind: 'rule-severity', ruleId, ...title, from: rule.severity, to });
  }
  for (const w of report.waivers) {
    out.push({
      kind: 'waiver',
      ruleId: w.rule,
      ...(w.resource ? { resource: w.resource } : {}),
      reason: w.reason,
      ...(w.owner ? { owner: w.owner } : {}),
      expires: w.expires,
      state: w.state,
      matched: w.matched,
    });
  }
  const topicTitle = new Map(report.topics.map((t) => [t.id, t.title]));
  for (const a of report.attestations) {
    out.push({
      kind: 'attestation',
      id: a.id,
      title: topicTitle.get(a.id) ?? a.id,
      state: a.state,
      owner: a.owner,
      date: a.date,
      expires: a.expires,
      ...(a.evidence ? { evidence: a.evidence } : {}),
    });
  }
  const g = report.gate;
  if (g.allowUnknown && g.failOn !== 'none') {
    const failOn = g.failOn;
    const unjudged = report.findings.filter((f) => (f.status === 'unknown' || f.status === 'error') && atLeast(f.severity, failOn) && !needsLiveAudit(f));
    if (unjudged.length) {
      const resources = [...new Set(unjudged.flatMap((f) => (f.missing ?? []).map((m) => m.key)))].sort();
      out.push({ kind: 'allow-unknown', checks: unjudged.length, resources });
    }
  }
  // Checks the source can never show (a Deploy CLI export has no logs, signing keys, users…): the
  // verdict holds without them, so a reviewer sees which ones a live audit still has to make.
  for (const n of report.needsLiveAudit ?? []) out.push({ kind: 'outside-reach', ruleId: n.ruleId, title: n.title, why: n.why });
  const seen = new Set(out.map((r) => JSON.stringify(r)));
  for (const r of input.extra ?? []) {
    const k = JSON.stringify(r);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(r);
    }
  }
  return out;
}
