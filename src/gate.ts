/**
 * The CI gate (DESIGN.md "Exit codes"), decided from the canonical report. It fails closed:
 *
 * 1. the `--require`d milestone must be satisfied (`satisfied-with-risks` counts);
 * 2. no finding may fail at or above `failOn`;
 * 3. no finding at or above `failOn` may be left unjudged (`unknown`: a resource it needs could not
 *    be read, `error`: the rule failed), because a failure there would fail the gate: the gate
 *    names the resources, why each was not read, and the scopes to grant. The user may accept
 *    this explicitly (`--allow-unknown`, config `allowUnknown: true`);
 * 4. an audit that read none of the resources it needs never passes, whatever was accepted;
 * 5. each `--require-framework` profile: none of its requirements fails, and none could not be
 *    judged (unless accepted with --allow-unknown). Manual requirements never fail the gate: only
 *    an attestation can meet them, and the report lists them.
 *
 * A check outside the source's reach (what a Deploy CLI export can never hold: src/sources/reach.ts)
 * is not "unjudged" in the sense of rule 3: no copy of that source could answer it. It is listed in
 * the report's `needsLiveAudit` and never fails the gate (src/engine/live-audit.ts).
 *
 * A token the API rejects never reaches the gate: the collector stops with exit 3.
 */
import { RESOURCES, type ResourceKey } from './snapshot/resources.js';
import { atLeast, type Severity } from './engine/status.js';
import { needsLiveAudit } from './engine/live-audit.js';
import type { AuditReport, Gate, GateReason, ReportFinding } from './report/schema.js';
import { gateReasonText, type UnreadResource } from './report/reasons.js';
import { frameworkGateFailures } from './report/frameworks.js';

export interface GateOptions {
  /** Milestone the gate requires (a full id). */
  require?: string | undefined;
  /** Findings at or above this severity fail the gate; `none`: findings never do. */
  failOn: Severity | 'none';
  /** Accept checks at or above `failOn` that could not be judged (default: they fail the gate). */
  allowUnknown?: boolean | undefined;
  /** Framework profiles whose automated requirements must pass (none failing; none unknown unless allowUnknown). */
  requireFrameworks?: readonly string[] | undefined;
}

/** The resources the unjudged findings could not read, each once, in the order first met. */
function unreadResources(findings: readonly ReportFinding[], report: AuditReport): UnreadResource[] {
  const byKey = new Map<string, UnreadResource>();
  const reported = new Map(report.resources.map((r) => [r.key, r]));
  for (const f of findings) {
    for (const m of f.missing ?? []) {
      if (byKey.has(m.key)) continue;
      const r = reported.get(m.key);
      const scopes = m.scopes ?? r?.scopes ?? (m.reason === 'missing-scope' && m.key in RESOURCES ? [...RESOURCES[m.key as ResourceKey].scopes] : []);
      byKey.set(m.key, { key: m.key, title: r?.title ?? m.key, reason: m.reason, scopes, detail: m.detail });
    }
  }
  return [...byKey.values()];
}

/** The gate's reasons for what could not be judged (rule 3 above); empty when nothing was left unjudged. */
export function unknownGateDetails(report: AuditReport, failOn: Severity): GateReason[] {
  // What a source can never hold (its reach) needs a live audit: it never fails the gate.
  const unjudged = report.findings.filter((f) => (f.status === 'unknown' || f.status === 'error') && atLeast(f.severity, failOn) && !needsLiveAudit(f));
  if (!unjudged.length) return [];
  const out: GateReason[] = [];
  const unread = unreadResources(unjudged, report);
  if (unread.length) out.push({ id: 'unread-resources', failOn, resources: unread });
  // Checks left unjudged by something other than an unread resource (a rule error, a value a rule
  // could not judge).
  const other = unjudged.filter((f) => !f.missing?.length);
  if (other.length) out.push({ id: 'unjudged-checks', failOn, count: other.length, checks: other.slice(0, 3).map((f) => ({ ruleId: f.ruleId, message: f.message })) });
  return out;
}

/** The same, worded. */
export function unknownGateReasons(report: AuditReport, failOn: Severity): string[] {
  return unknownGateDetails(report, failOn).map((d) => gateReasonText(d));
}

/**
 * A milestone that is `unknown` only because checks could not be judged: with those accepted
 * (`--allow-unknown`), is what is certain enough? No topic certainly fails, no required topic
 * waits for an attestation, no special attestation is missing.
 */
function satisfiedBarUnknowns(report: AuditReport, m: AuditReport['milestones'][number]): boolean {
  const topics = new Map(report.topics.map((t) => [t.id, t]));
  for (const id of m.topics) {
    const t = topics.get(id);
    if (!t) continue;
    const certain = t.certain ?? t.status;
    if (certain === 'fail' || (certain === 'unverified' && t.required)) return false;
  }
  return !(m.attestations ?? []).some((a) => a.state === 'missing' || a.state === 'in-progress');
}

/** The CI gate: rules 1–4 above, each failing rule one reason. */
export function decideGate(report: AuditReport, opts: GateOptions): Gate {
  const { require: requireId, failOn } = opts;
  const details: GateReason[] = [];
  if (report.resources.length > 0 && report.resources.every((r) => r.status !== 'ok')) {
    details.push({ id: 'read-nothing', resources: report.resources.length });
  }
  if (requireId) {
    const m = report.milestones.find((x) => x.id === requireId);
    if (!m) details.push({ id: 'milestone-missing', milestone: requireId });
    else if (m.status !== 'satisfied' && m.status !== 'satisfied-with-risks' && !(opts.allowUnknown && m.status === 'unknown' && satisfiedBarUnknowns(report, m))) {
      details.push({ id: 'milestone-not-satisfied', milestone: m.id, status: m.status, ...(m.reasons[0] ? { why: m.reasons[0] } : {}) });
    }
  }
  if (failOn !== 'none') {
    const failing = report.findings.filter((f) => f.status === 'fail' && atLeast(f.severity, failOn));
    if (failing.length) details.push({ id: 'failing-findings', failOn, count: failing.length });
    if (!opts.allowUnknown) details.push(...unknownGateDetails(report, failOn));
  }
  for (const id of opts.requireFrameworks ?? []) {
    const fr = report.frameworks?.find((f) => f.id === id);
    if (!fr) {
      details.push({ id: 'framework-missing', framework: id });
      continue;
    }
    const { failing, unknown } = frameworkGateFailures(fr);
    const unknownCounted = opts.allowUnknown ? [] : unknown;
    if (failing.length || unknownCounted.length) details.push({ id: 'framework-not-met', framework: id, failing, unknown: unknownCounted });
  }
  return {
    ...(requireId ? { require: requireId } : {}),
    ...(opts.requireFrameworks?.length ? { requireFrameworks: [...opts.requireFrameworks] } : {}),
    failOn,
    ...(opts.allowUnknown ? { allowUnknown: true } : {}),
    passed: details.length === 0,
    reasons: details.map((d) => gateReasonText(d)),
    details,
  };
}
