/**
 * The CI gate (DESIGN.md "Exit codes"), decided from the canonical report. It fails closed:
 *
 * 1. the `--require`d milestone must be satisfied (`satisfied-with-risks` counts);
 * 2. no finding may fail at or above `failOn`;
 * 3. no finding at or above `failOn` may be left unjudged (`unknown`: a resource it needs could not
 *    be read, `error`: the rule failed), because a failure there would fail the gate: the gate
 *    names the resources, why each was not read, and the scopes to grant. The user may accept
 *    this explicitly (`--allow-unknown`, config `allowUnknown: true`);
 * 4. an audit that read none of the resources it needs never passes, whatever was accepted.
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
import type { AuditReport, Gate, ReportFinding } from './report/schema.js';

export interface GateOptions {
  /** Milestone the gate requires (a full id). */
  require?: string | undefined;
  /** Findings at or above this severity fail the gate; `none`: findings never do. */
  failOn: Severity | 'none';
  /** Accept checks at or above `failOn` that could not be judged (default: they fail the gate). */
  allowUnknown?: boolean | undefined;
}

interface Unread {
  key: string;
  title: string;
  reason: string;
  scopes: string[];
  detail: string;
}

function whyUnread(u: Unread): string {
  switch (u.reason) {
    case 'missing-scope':
      return `${u.key}: grant ${u.scopes.join(' or ') || 'its read scope'}`;
    case 'unavailable-on-plan':
      return `${u.key}: not available on this tenant's plan`;
    case 'not-in-export':
      return `${u.key}: not in the export`;
    case 'out-of-reach':
      return `${u.key}: never in this kind of source (needs a live audit)`;
    default:
      return `${u.key}: ${u.detail.length > 80 ? `${u.detail.slice(0, 77)}…` : u.detail}`;
  }
}

/** The resources the unjudged findings could not read, each once, in the order first met. */
function unreadResources(findings: readonly ReportFinding[], report: AuditReport): Unread[] {
  const byKey = new Map<string, Unread>();
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
export function unknownGateReasons(report: AuditReport, failOn: Severity): string[] {
  const unjudged = report.findings.filter((f) => (f.status === 'unknown' || f.status === 'error') && atLeast(f.severity, failOn) && !needsLiveAudit(f));
  if (!unjudged.length) return [];
  const reasons: string[] = [];
  const unread = unreadResources(unjudged, report);
  if (unread.length) {
    const scopes = [...new Set(unread.filter((u) => u.reason === 'missing-scope').flatMap((u) => u.scopes.slice(0, 1)))];
    const has = (reason: string) => unread.some((u) => u.reason === reason);
    const fixes = [
      ...(scopes.length ? [`grant ${scopes.join(', ')} to the auditing application`] : []),
      ...(has('not-in-export') ? ['export those sections (or audit the live tenant)'] : []),
      ...(has('unavailable-on-plan') ? ['take the topics of a feature this tenant does not have out of scope (config outOfScope)'] : []),
      ...(has('error') ? ['retry (the errors are listed under "Not read")'] : []),
    ];
    reasons.push(
      `${unread.length} resource(s) that ${failOn}-level checks need could not be read (${unread.map(whyUnread).join('; ')}): ${fixes.join('; ')}; or accept the unknowns with --allow-unknown`,
    );
  }
  // Checks left unjudged by something other than an unread resource (a rule error, a value a rule
  // could not judge).
  const other = unjudged.filter((f) => !f.missing?.length);
  if (other.length) {
    const shown = other.slice(0, 3).map((f) => `${f.ruleId}: ${f.message.length > 100 ? `${f.message.slice(0, 97)}…` : f.message}`);
    reasons.push(
      `${other.length} ${failOn}-level check(s) could not be judged (${shown.join('; ')}${other.length > 3 ? '; …' : ''}): a failure there would fail the gate; accept the unknowns with --allow-unknown`,
    );
  }
  return reasons;
}

/** The CI gate: rules 1–4 above, each failing rule one reason. */
export function decideGate(report: AuditReport, opts: GateOptions): Gate {
  const { require: requireId, failOn } = opts;
  const reasons: string[] = [];
  if (report.resources.length > 0 && report.resources.every((r) => r.status !== 'ok')) {
    reasons.push(`read none of the ${report.resources.length} resources the audit needs: an audit that read nothing never passes`);
  }
  if (requireId) {
    const m = report.milestones.find((x) => x.id === requireId);
    if (!m) reasons.push(`required milestone ${requireId} is not in the report`);
    else if (m.status !== 'satisfied' && m.status !== 'satisfied-with-risks') {
      reasons.push(`required milestone ${m.id} is ${m.status}${m.reasons[0] ? `: ${m.reasons[0]}` : ''}`);
    }
  }
  if (failOn !== 'none') {
    const failing = report.findings.filter((f) => f.status === 'fail' && atLeast(f.severity, failOn));
    if (failing.length) reasons.push(`${failing.length} failing finding(s) at ${failOn} or above`);
    if (!opts.allowUnknown) reasons.push(...unknownGateReasons(report, failOn));
  }
  return {
    ...(requireId ? { require: requireId } : {}),
    failOn,
    ...(opts.allowUnknown ? { allowUnknown: true } : {}),
    passed: reasons.length === 0,
    reasons,
  };
}
