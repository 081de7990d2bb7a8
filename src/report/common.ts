/** Helpers shared by the reporters: each a pure function of the AuditReport. */
import { IN_USE_TEXT, SUBSCRIPTION_TITLE, type InUse } from '../engine/context.js';
import { posix } from 'node:path';
import { FINDING_RANK, SEVERITY_RANK } from '../engine/status.js';
import type { AuditReport, ReportFinding, ReportMilestone, ReportRule, ReportTopic } from './schema.js';
import { dependsOnText, gateReasonText, reliesOnText, titlesIn } from './reasons.js';

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

/** A rule's metadata as the report carries it (undefined for a rule the report does not describe). */
export function ruleOf(report: AuditReport, id: string): ReportRule | undefined {
  return report.rules?.find((r) => r.id === id);
}

/**
 * A milestone's name for people: the phase, then its title; an untitled one (the plan's
 * "Milestone 2") is named after the workstreams that close it.
 * `Phase 1 · Milestone 2 (Deployment Automation, Quality Assurance, …)`.
 */
export function milestoneLabel(report: AuditReport, m: Pick<ReportMilestone, 'id' | 'title' | 'phase'>): string {
  let title = m.title;
  if (/^Milestone \d+$/.test(title)) {
    const ws = report.workstreams.filter((w) => w.milestone === m.id).map((w) => w.title);
    if (ws.length) title = `${title} (${ws.slice(0, 2).join(', ')}${ws.length > 2 ? ', …' : ''})`;
  }
  return `${phaseTitle(m.phase)} · ${title}`;
}

/** `2026-12-05T16:07:12.345Z` → `5 December 2026, 16:07 UTC` (dates are stated in UTC). */
export function readableDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const date = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return date;
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'UTC' });
  return `${date}, ${time} UTC`;
}

/** A resource for people: its name, else its id. */
export const resourceName = (r: { id: string; name?: string | undefined }): string => r.name ?? r.id;

/** A catalog id (milestone or topic) → its title for people; an id the report does not hold stays. */
export function titleOf(report: AuditReport): (id: string) => string {
  const titles = new Map<string, string>([...report.milestones.map((m) => [m.id, milestoneLabel(report, m)] as const), ...report.topics.map((tp) => [tp.id, tp.title] as const)]);
  return (id) => titles.get(id) ?? id;
}


const ENV_WORD = { dev: 'development', qa: 'QA', prod: 'production' } as const;

/**
 * What the verdict was judged as, for the first lines of every format: one line ("Judged as: B2C
 * plan, production (default), subscription not declared; in use: …"), then the notes a reader
 * must see (hints, inferences, which checks were production-only off production). Absent for a
 * report saved before the context was carried.
 */
export function judgedAs(report: AuditReport): { line: string; notes: string[] } | undefined {
  const c = report.context;
  if (!c) return undefined;
  const env = `${ENV_WORD[c.environment]}${c.environmentSource === 'default' ? ' (default)' : ''}`;
  const sub = c.subscription.tier
    ? `${SUBSCRIPTION_TITLE[c.subscription.tier]} subscription${c.subscription.addOns.length ? ` + ${c.subscription.addOns.join(', ')}` : ''} (declared)`
    : 'subscription not declared';
  const inUse = Object.entries(c.inUse).filter(([, v]) => v === true).map(([k]) => IN_USE_TEXT[k as InUse].short);
  const unknown = Object.entries(c.inUse).filter(([, v]) => v === null).map(([k]) => IN_USE_TEXT[k as InUse].short);
  const line =
    `Judged as: ${c.plan.toUpperCase()} plan, ${env}, ${sub}; in use: ${inUse.length ? inUse.join(', ') : 'none of the gated features'}` +
    (unknown.length ? ` (could not tell: ${unknown.join(', ')})` : '');
  const notes = [...c.hints];
  for (const i of c.subscription.inferred) notes.push(`inferred from the API: ${i.detail}`);
  if (c.environment !== 'prod' && c.productionOnly.length) {
    const titles = c.productionOnly.map((id) => ruleOf(report, id)?.title ?? id);
    notes.push(`production-only checks (judged at Go-Live, one level lower here; not at Milestones 1–2): ${titles.join('; ')}`);
  }
  if (c.cappedBySubscription.length) notes.push(`advice at most until the subscription is known: ${c.cappedBySubscription.join(', ')}`);
  return { line, notes };
}

/** A reason from the engine names ids (`b2c.p1.x fails`): say titles. */
export function withTitles(report: AuditReport, reason: string): string {
  return titlesIn(reason, titleOf(report));
}

/** The gate's reasons in words, with titles (or ids, `ids: true`); a report saved without `details` keeps its sentences. */
export function gateReasonLines(report: AuditReport, opts: { ids?: boolean } = {}): string[] {
  const g = report.gate;
  const t = opts.ids ? (id: string) => id : titleOf(report);
  return g.details ? g.details.map((d) => gateReasonText(d, t)) : g.reasons.map((r) => (opts.ids ? r : titlesIn(r, t)));
}

/** Why a topic has its status: the prerequisites holding it back (`depends: true`), then its own reasons. */
export function topicReasons(report: AuditReport, tp: ReportTopic, opts: { ids?: boolean } = {}): { text: string; depends: boolean }[] {
  const t = opts.ids ? (id: string) => id : titleOf(report);
  return [...(tp.dependsOn ?? []).map((d) => ({ text: dependsOnText(d, t), depends: true })), ...tp.reasons.map((text) => ({ text, depends: false }))];
}


/** "This result relies on", worded, in report order (each item once). */
export function reliesOnLines(report: AuditReport): { label: string; text: string }[] {
  return (report.reliesOn ?? []).map(reliesOnText);
}

/** The folder a Deploy CLI export's files are relative to (the export folder, or the folder of its YAML file), as given. */
export function exportRoot(report: Pick<AuditReport, 'tenant'>): string | undefined {
  const p = report.tenant.source === 'deploy-cli' ? report.tenant.path : undefined;
  if (p === undefined) return undefined;
  const norm = p.replace(/\\/g, '/');
  return /\.ya?ml$/i.test(norm) ? posix.dirname(norm) : norm;
}

/** A location as people (and SARIF) see it: the path as given to --from, then the line (`tenant/tenant.yaml:329`). */
export function locationText(report: Pick<AuditReport, 'tenant'>, loc: { file: string; line: number }): string {
  const root = exportRoot(report);
  const file = root === undefined ? loc.file : posix.normalize(posix.join(root, loc.file));
  return `${file}:${loc.line}`;
}

/** The rule-id namespace of organisation policies (docs/policies.md). */
export const ORG_PREFIX = 'org/';

export interface OrgPolicyGroup {
  id: string;
  title: string;
  severity: ReportFinding['severity'];
  /** Worst first (findingOrder). */
  findings: ReportFinding[];
  counts: Record<ReportFinding['status'], number>;
  /** `fail` when a finding fails, else `unknown` when one could not be judged, else `pass` / `n/a`. */
  status: 'fail' | 'unknown' | 'pass' | 'n/a';
}

/**
 * The "Organisation policy" section: findings of `org/` rules that name no topic of the report's
 * plan (a policy with topics counts in those topics instead), grouped per policy, in id order.
 */
export function orgPolicyGroups(report: Pick<AuditReport, 'findings' | 'rules'>): OrgPolicyGroup[] {
  const groups = new Map<string, ReportFinding[]>();
  for (const f of report.findings) {
    if (!f.ruleId.startsWith(ORG_PREFIX) || f.topicIds.length) continue;
    const l = groups.get(f.ruleId);
    if (l) l.push(f);
    else groups.set(f.ruleId, [f]);
  }
  const STATUS_ORDER: Record<OrgPolicyGroup['status'], number> = { fail: 0, unknown: 1, pass: 2, 'n/a': 3 };
  return [...groups.entries()]
    .map(([id, fs]) => {
      const counts = { pass: 0, fail: 0, error: 0, unknown: 0, 'n/a': 0, waived: 0 };
      for (const f of fs) counts[f.status]++;
      const rule = report.rules?.find((r) => r.id === id);
      const status: OrgPolicyGroup['status'] = counts.fail ? 'fail' : counts.unknown + counts.error ? 'unknown' : counts.pass ? 'pass' : 'n/a';
      return { id, title: rule?.title ?? fs[0]!.title, severity: fs.reduce((s, f) => (SEVERITY_RANK[f.severity] > SEVERITY_RANK[s] ? f.severity : s), fs[0]!.severity), findings: [...fs].sort(findingOrder), counts, status };
    })
    // Failing policies first, the most severe first; then by id.
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** `1 of 3 failing`, `3 passing`, `not applicable`, … */
export function orgPolicyTally(g: OrgPolicyGroup): string {
  const judged = g.findings.length - g.counts['n/a'];
  const parts: string[] = [];
  if (g.counts.fail) parts.push(`${g.counts.fail} of ${judged} failing`);
  if (g.counts.unknown + g.counts.error) parts.push(`${g.counts.unknown + g.counts.error} not evaluated`);
  if (g.counts.waived) parts.push(`${g.counts.waived} waived`);
  if (!parts.length) parts.push(g.counts.pass ? `${g.counts.pass} passing` : 'nothing to check');
  return parts.join(', ');
}
