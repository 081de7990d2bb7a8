/**
 * The console report: milestones first, then topics by workstream — worst first — with the
 * findings that decide them, then what could not be read, then the gate. Colour only when asked
 * (the CLI asks on a TTY without NO_COLOR). A pure function of the report.
 */
import { TOPIC_RANK, type MilestoneStatus, type TopicStatus } from '../engine/status.js';
import type { AuditReport, ReportFinding, ReportTopic } from './schema.js';
import { findingOrder, findingsByTopic } from './common.js';

export interface ConsoleOptions {
  color?: boolean;
  /** Also list passing findings one by one. */
  verbose?: boolean;
}

const CODES = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90, bold: 1, dim: 2 } as const;
type Paint = (c: keyof typeof CODES, s: string) => string;

const MILESTONE_MARK: Record<MilestoneStatus, [string, keyof typeof CODES]> = {
  satisfied: ['✔', 'green'],
  'satisfied-with-risks': ['◐', 'yellow'],
  'not-satisfied': ['✘', 'red'],
  unknown: ['?', 'magenta'],
};
const TOPIC_MARK: Record<TopicStatus, [string, keyof typeof CODES]> = {
  pass: ['✔', 'green'],
  'at-risk': ['▲', 'yellow'],
  fail: ['✘', 'red'],
  unknown: ['?', 'magenta'],
  unverified: ['○', 'cyan'],
  'n/a': ['–', 'gray'],
};

function describeFinding(f: ReportFinding, paint: Paint): string {
  const where = f.resource ? paint('dim', ` [${f.resource.type}: ${f.resource.name ?? f.resource.id}]`) : '';
  if (f.status === 'fail') {
    const c = f.severity === 'blocker' ? 'red' : f.severity === 'warning' ? 'yellow' : 'blue';
    return `${paint(c, `✘ ${f.severity}`)} ${f.message}${where} ${paint('gray', `(${f.ruleId})`)}`;
  }
  if (f.status === 'unknown' || f.status === 'error') return `${paint('magenta', `? ${f.status}`)} ${f.message}${where} ${paint('gray', `(${f.ruleId})`)}`;
  return `${paint('green', '✔')} ${f.message}${where}`;
}

export function renderConsole(report: AuditReport, opts: ConsoleOptions = {}): string {
  const paint: Paint = (c, s) => (opts.color ? `\u001b[${CODES[c]}m${s}\u001b[0m` : s);
  const out: string[] = [];
  const t = report.tenant;
  out.push(
    paint('bold', `${report.tool.name} ${report.tool.version}`) +
      ` — ${t.domain} (${t.source}${t.path ? ` ${t.path}` : ''}, env ${t.environment}) — plan ${report.plan}`,
  );
  out.push('');
  out.push(paint('bold', 'Milestones'));
  for (const m of report.milestones) {
    const [mark, c] = MILESTONE_MARK[m.status];
    const tally = (['fail', 'unknown', 'at-risk', 'unverified', 'pass', 'n/a'] as const)
      .filter((s) => m.counts[s] > 0)
      .map((s) => `${m.counts[s]} ${s}`)
      .join(', ');
    out.push(`  ${paint(c, `${mark} ${m.status.padEnd(20)}`)} ${m.id.padEnd(30)} ${m.title}${m.inferred ? paint('gray', ' (inferred)') : ''}`);
    out.push(paint('gray', `      topics: ${tally}`));
    for (const r of m.reasons.slice(0, 4)) out.push(`      · ${r}`);
    if (m.reasons.length > 4) out.push(paint('gray', `      · … and ${m.reasons.length - 4} more`));
  }

  const topicById = new Map(report.topics.map((x) => [x.id, x]));
  // A P2 revisit re-runs the evidence of its P1 topic: its findings are shown under both.
  const byTopic = findingsByTopic(report);
  const findingsOf = (tp: ReportTopic) => byTopic.get(tp.id) ?? [];

  let phase = '';
  for (const w of report.workstreams) {
    if (w.phase !== phase) {
      phase = w.phase;
      out.push('');
      out.push(paint('bold', `Topics — ${phase}`));
    }
    const topics = w.topics
      .map((id) => topicById.get(id))
      .filter((x): x is ReportTopic => !!x)
      .sort((a, b) => TOPIC_RANK[b.status] - TOPIC_RANK[a.status]);
    const na = topics.filter((x) => x.status === 'n/a');
    const shown = topics.filter((x) => x.status !== 'n/a');
    const [wm, wc] = TOPIC_MARK[w.status];
    out.push(`  ${paint(wc, wm)} ${paint('bold', w.title)} ${paint('gray', `(${w.id}, closes ${w.milestone})`)}`);
    for (const tp of shown) {
      const [mark, c] = TOPIC_MARK[tp.status];
      out.push(`    ${paint(c, `${mark} ${tp.status.padEnd(10)}`)} ${tp.title} ${paint('gray', tp.id.split('.').pop() ?? '')}`);
      const fs = findingsOf(tp);
      for (const r of tp.reasons.filter((x) => x.startsWith('depends on'))) out.push(`        ${paint(tp.status === 'fail' ? 'red' : 'magenta', '⤷')} ${r}`);
      const decisive = fs.filter((f) => f.status === 'fail' || f.status === 'unknown' || f.status === 'error').sort(findingOrder);
      for (const f of decisive.slice(0, 8)) out.push(`        ${describeFinding(f, paint)}`);
      if (decisive.length > 8) out.push(paint('gray', `        … and ${decisive.length - 8} more`));
      // Per rule: how many resources comply.
      const perRule = new Map<string, { pass: number; total: number }>();
      for (const f of fs) {
        if (f.status === 'n/a') continue;
        const e = perRule.get(f.ruleId) ?? { pass: 0, total: 0 };
        e.total++;
        if (f.status === 'pass') e.pass++;
        perRule.set(f.ruleId, e);
      }
      for (const [rule, e] of perRule) {
        if (e.pass === 0) continue;
        out.push(paint('gray', `        ✔ ${rule}: ${e.pass} of ${e.total} compliant`));
      }
      if (opts.verbose) for (const f of fs.filter((x) => x.status === 'pass')) out.push(`        ${describeFinding(f, paint)}`);
      if (decisive.length === 0 && tp.status !== 'pass') for (const r of tp.reasons.filter((x) => !x.startsWith('depends on')).slice(0, 2)) out.push(paint('gray', `        · ${r}`));
    }
    if (na.length) out.push(paint('gray', `    – n/a: ${na.map((x) => `${x.id.split('.').pop()} (${x.reasons[0] ?? ''})`).join('; ')}`));
  }

  const unread = report.resources.filter((r) => r.status !== 'ok');
  out.push('');
  if (unread.length) {
    out.push(paint('bold', 'Not read'));
    for (const r of unread) out.push(`  ${paint('magenta', '?')} ${r.title} (${r.key}): ${r.status} — ${r.reason ?? ''}`);
    out.push('');
  }
  if (report.baseline) {
    const b = report.baseline;
    const c = b.counts;
    out.push(paint('bold', `Since the baseline of ${b.generatedAt}`) + `: ${c.new} new, ${c.fixed} fixed, ${c.changed} changed, ${c.unchanged} unchanged${c['removed-rule'] ? `, ${c['removed-rule']} of removed rules` : ''}${c.gone ? `, ${c.gone} gone` : ''}`);
    const worse = [...b.findings.filter((x) => x.worse).map((x) => `${x.ruleId}${x.resource ? ` (${x.resource.name ?? x.resource.id})` : ''}: ${x.change === 'new' ? 'new' : `${x.before?.status} → ${x.after?.status}`} — ${x.message}`), ...b.topics.filter((t) => t.worse).map((t) => `topic ${t.id}: ${t.before ?? 'new'} → ${t.after}`)];
    for (const w of worse) out.push(`  ${paint('red', '▲')} ${w}`);
    for (const x of b.findings.filter((y) => y.change === 'fixed')) out.push(`  ${paint('green', '▼')} fixed: ${x.ruleId}${x.resource ? ` (${x.resource.name ?? x.resource.id})` : ''}`);
    if (!worse.length) out.push(paint('green', '  nothing got worse'));
    out.push('');
  }
  const f = report.summary.findings;
  out.push(
    `Findings: ${f.fail} failing, ${f.unknown + f.error} not evaluated, ${f.pass} passing, ${f['n/a']} n/a. ` +
      `Read ${report.resources.length - unread.length} of ${report.resources.length} resources.`,
  );
  if (report.source) out.push(paint('gray', sourceLine(report.source)));
  const g = report.gate;
  const what = [g.require ? `requires ${g.require}` : '', g.failOn !== 'none' ? `fails on ${g.failOn}` : ''].filter(Boolean).join(', ');
  out.push(
    g.passed
      ? paint('green', `Gate passed${what ? ` (${what})` : ''}.`)
      : paint('red', `Gate failed${what ? ` (${what})` : ''}: ${g.reasons.join('; ')}.`),
  );
  return `${out.join('\n')}\n`;
}

/** One line of what a live read used of the tenant's rate limit. */
export function sourceLine(s: NonNullable<AuditReport['source']>): string {
  const r = s.rateLimit;
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const parts = [`API: ${s.requests} requests, ${s.rateLimited} × 429, ${s.retries} retried, ${(s.durationMs / 1000).toFixed(1)} s`];
  if (r.limit !== undefined && r.peakShare !== undefined && r.meanShare !== undefined) {
    parts.push(`rate limit ${r.limit} used at most ${pct(r.peakShare)} (mean ${pct(r.meanShare)}), reserve ${r.reservePercent}% kept (lowest remaining ${r.minRemaining ?? '?'})`);
  }
  if (r.othersPerSecond) parts.push(`the tenant's own traffic ≈ ${r.othersPerSecond}/s left alone`);
  if (r.hiddenLimitPerSecond) parts.push(`a hidden limit found, settled at ${r.hiddenLimitPerSecond}/s`);
  return `${parts.join('; ')}.`;
}
