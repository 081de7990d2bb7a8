/**
 * The console report. By default it fits a screen: the verdict, the milestones (one line each),
 * the fix-first list (report.fixFirst: each failing finding once, most impact first, the first
 * CONSOLE_ITEMS of them), what needs an attestation, what could not be checked, the gate.
 * Titles, not ids. With `verbose`: every fix-first item with its rule id, then the topics by
 * workstream, each finding under the first topic it affects ("also affects …"), passes included.
 * Colour only when asked (the CLI asks on a TTY without NO_COLOR). A pure function of the report.
 */
import { TOPIC_RANK, type MilestoneStatus, type Severity, type TopicStatus } from '../engine/status.js';
import type { AuditReport, FixItem, ReportFinding, ReportTopic, RequirementStatus } from './schema.js';
import { coverageText, frameworkTitle, resultText } from './frameworks.js';
import { findingOrder, findingsByTopic, gateReasonLines, judgedAs, locationText, milestoneLabel, orgPolicyGroups, orgPolicyTally, reliesOnLines, resourceName, topicReasons } from './common.js';
import { fixFirstOf } from './fix-first.js';
import { headline, verdictOf, type Tone } from './verdict.js';

export interface ConsoleOptions {
  color?: boolean;
  /** Everything: every item with its rule id, the topics one by one, passing findings too. */
  verbose?: boolean;
  /** A tenant's section of a fleet report (src/report/verdict.ts `headline`). */
  fleet?: boolean;
}

/** Fix-first items shown without --verbose. */
export const CONSOLE_ITEMS = 12;

const CODES = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90, bold: 1, dim: 2 } as const;
type Color = keyof typeof CODES;
type Paint = (c: Color, s: string) => string;

const MILESTONE_MARK: Record<MilestoneStatus, [string, Color, string]> = {
  satisfied: ['✔', 'green', 'satisfied'],
  'satisfied-with-risks': ['◐', 'yellow', 'with risks'],
  'not-satisfied': ['✘', 'red', 'not satisfied'],
  unknown: ['?', 'magenta', 'unknown'],
};
const TOPIC_MARK: Record<TopicStatus, [string, Color, string]> = {
  pass: ['✔', 'green', 'pass'],
  'at-risk': ['▲', 'yellow', 'at risk'],
  fail: ['✘', 'red', 'fail'],
  unknown: ['?', 'magenta', 'unknown'],
  unverified: ['○', 'cyan', 'unverified'],
  'n/a': ['–', 'gray', 'n/a'],
};
const TONE: Record<Tone, Color> = { good: 'green', risk: 'yellow', bad: 'red', unknown: 'magenta' };
const SEVERITY_MARK: Record<Severity, [string, Color]> = { blocker: ['✘', 'red'], warning: ['▲', 'yellow'], advice: ['i', 'blue'] };

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** `a, b, c and 2 more`. */
function firstFew(names: string[], total: number): string {
  const more = total - names.length;
  return `${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

function itemLines(report: AuditReport, i: FixItem, n: number, paint: Paint, verbose: boolean): string[] {
  const [mark, c] = SEVERITY_MARK[i.severity];
  const what =
    i.count > 1
      ? `${i.summary ?? `${plural(i.count, i.resources[0]?.type ?? 'resource')} fail alike, e.g. ${i.message}`} (${firstFew(i.resources.map(resourceName), i.count)})`
      : `${i.message}${i.resources[0] ? paint('dim', ` [${i.resources[0].type}: ${resourceName(i.resources[0])}]`) : ''}`;
  const id = verbose ? paint('gray', ` (${i.ruleId})`) : '';
  const where = i.location ? paint('gray', ` ${locationText(report, i.location)}`) : '';
  const lines = [`${String(n).padStart(3)}. ${paint(c, `${mark} ${i.severity.padEnd(7)}`)} ${what}${id}${where}`];
  const holds = [
    i.topics.length ? i.topics.map((t) => t.title).join(', ') : '',
    i.milestones.length ? `holds back ${i.milestones.map((m) => m.title).join('; ')}` : '',
  ].filter(Boolean);
  if (holds.length) lines.push(paint('gray', `               ${holds.join(' — ')}`));
  return lines;
}

function describeFinding(f: ReportFinding, paint: Paint, verbose: boolean): string {
  const where = f.resource ? paint('dim', ` [${f.resource.type}: ${resourceName(f.resource)}]`) : '';
  const id = verbose ? ` ${paint('gray', `(${f.ruleId})`)}` : '';
  if (f.status === 'fail') {
    const [mark, c] = SEVERITY_MARK[f.severity];
    return `${paint(c, `${mark} ${f.severity}`)} ${f.message}${where}${id}`;
  }
  if (f.status === 'unknown' || f.status === 'error') return `${paint('magenta', `? ${f.status}`)} ${f.message}${where}${id}`;
  if (f.status === 'waived') return `${paint('gray', '~ waived')} ${f.message}${where}${id}`;
  return `${paint('green', '✔ pass')} ${f.message}${where}${id}`;
}

export function renderConsole(report: AuditReport, opts: ConsoleOptions = {}): string {
  const verbose = !!opts.verbose;
  const paint: Paint = (c, s) => (opts.color ? `\u001b[${CODES[c]}m${s}\u001b[0m` : s);
  const out: string[] = [];
  const t = report.tenant;
  const fix = fixFirstOf(report);
  const g = report.gate;

  out.push(
    paint('bold', `${report.tool.name} ${report.tool.version}`) +
      ` — ${t.domain} (${t.source}${t.path ? ` ${t.path}` : ''}, env ${t.environment}) — plan ${report.plan}`,
  );
  const head = headline(verdictOf(report), { fleet: !!opts.fleet });
  out.push(paint(TONE[head.tone], `${head.mark} ${head.text}`));
  const judged = judgedAs(report);
  if (judged) {
    out.push(paint('gray', judged.line));
    for (const n of judged.notes) out.push(paint('gray', `  · ${n}`));
  }
  const relies = reliesOnLines(report);
  if (relies.length) {
    out.push('', paint('bold', 'This result relies on'));
    for (const r of relies) out.push(`  ${paint('yellow', '•')} ${r.label}: ${r.text}`);
  }

  out.push('', paint('bold', 'Milestones'));
  const labels = report.milestones.map((m) => milestoneLabel(report, m));
  const width = Math.max(...labels.map((l) => l.length));
  report.milestones.forEach((m, i) => {
    const [mark, c, word] = MILESTONE_MARK[m.status];
    const tally = (['fail', 'unknown', 'at-risk', 'unverified', 'pass', 'n/a'] as const)
      .filter((s) => m.counts[s] > 0)
      .map((s) => `${m.counts[s]} ${TOPIC_MARK[s][2]}`)
      .join(', ');
    const label = (labels[i] ?? m.title).padEnd(width);
    out.push(`  ${paint(c, `${mark} ${word.padEnd(13)}`)} ${label}${verbose ? paint('gray', ` ${m.id}`) : ''}  ${paint('gray', tally || 'no topics')}`);
  });

  out.push('');
  if (fix.items.length) {
    out.push(paint('bold', `Fix first${fix.target ? ` — on the way to ${fix.target.title}` : ''}`) + paint('gray', ` (${plural(fix.items.length, 'item')}, each once, most impact first)`));
    // Without --verbose: the first CONSOLE_ITEMS, but never cut a blocker of the target for a lesser one.
    const shown = verbose ? fix.items : fix.items.slice(0, CONSOLE_ITEMS);
    shown.forEach((i, n) => out.push(...itemLines(report, i, n + 1, paint, verbose)));
    const rest = fix.items.slice(shown.length);
    if (rest.length) {
      const bySeverity = (['blocker', 'warning', 'advice'] as const).map((s) => [s, rest.filter((i) => i.severity === s).length] as const).filter(([, n]) => n);
      out.push(paint('gray', `     … and ${rest.length} more (${bySeverity.map(([s, n]) => `${n} ${s}`).join(', ')}): --verbose lists them all, so do --format markdown and html`));
    }
  } else {
    out.push(paint('green', 'Nothing failing to fix.'));
  }
  if (fix.attest.length) {
    out.push('', paint('bold', `Attest${fix.target ? ` for ${fix.target.title}` : ''}`) + ` (config attestations): ${fix.attest.map((a) => a.title + (verbose ? ` (${a.id})` : '')).join(', ')}`);
  }
  const u = fix.unchecked;
  if (u.resources.length) {
    out.push(
      '',
      paint('bold', 'Not checked') +
        `: ${u.resources.map((r) => `${r.title} (${r.status})`).join(', ')}` +
        (u.rules.length ? `; ${plural(u.rules.length, 'rule')} not evaluated` : '') +
        (u.scopes.length ? `. Grant ${u.scopes.join(', ')} and audit again.` : '.'),
    );
  } else if (u.rules.length) {
    out.push('', paint('bold', 'Not evaluated') + `: ${u.rules.map((r) => r.title).join(', ')}`);
  }
  // Checks outside the source's reach: neither failures nor unknowns; a live audit judges them.
  const live = report.needsLiveAudit ?? [];
  if (live.length) {
    out.push('', paint('bold', 'Needs a live audit') + ` (this source can never show it): ${live.map((l) => l.title + (verbose ? ` (${l.ruleId}: ${l.why})` : '')).join(', ')}`);
  }

  out.push(...frameworkLines(report, paint, verbose));
  const org = orgPolicyGroups(report);
  if (org.length) {
    out.push('', paint('bold', 'Organisation policy') + paint('gray', ` (${plural(org.length, 'policy', 'policies')})`));
    for (const g of org) {
      const [mark, c] = g.status === 'fail' ? SEVERITY_MARK[g.severity] : g.status === 'unknown' ? (['?', 'magenta'] as const) : g.status === 'pass' ? (['✔', 'green'] as const) : (['–', 'gray'] as const);
      out.push(`  ${paint(c, mark)} ${g.title}${paint('gray', ` (${g.id}, ${g.severity})`)}: ${orgPolicyTally(g)}`);
      const shown = g.findings.filter((f) => verbose || (f.status !== 'pass' && f.status !== 'n/a'));
      const cut = verbose ? shown : shown.slice(0, 5);
      for (const f of cut) out.push(`      ${describeFinding(f, paint, false)}`);
      if (cut.length < shown.length) out.push(paint('gray', `      … and ${shown.length - cut.length} more: --verbose lists them all`));
    }
  }

  if (verbose) out.push(...topicDetail(report, paint));

  if (report.baseline) {
    const b = report.baseline;
    const c = b.counts;
    out.push('');
    out.push(paint('bold', `Since the baseline of ${b.generatedAt}`) + `: ${c.new} new, ${c.fixed} fixed, ${c.changed} changed, ${c.unchanged} unchanged${c['removed-rule'] ? `, ${c['removed-rule']} of removed rules` : ''}${c.gone ? `, ${c.gone} gone` : ''}`);
    const worse = [...b.findings.filter((x) => x.worse).map((x) => `${x.ruleId}${x.resource ? ` (${x.resource.name ?? x.resource.id})` : ''}: ${x.change === 'new' ? 'new' : `${x.before?.status} → ${x.after?.status}`} — ${x.message}`), ...b.topics.filter((tp) => tp.worse).map((tp) => `topic ${tp.id}: ${tp.before ?? 'new'} → ${tp.after}`)];
    for (const w of worse) out.push(`  ${paint('red', '▲')} ${w}`);
    for (const x of b.findings.filter((y) => y.change === 'fixed')) out.push(`  ${paint('green', '▼')} fixed: ${x.ruleId}${x.resource ? ` (${x.resource.name ?? x.resource.id})` : ''}`);
    if (!worse.length) out.push(paint('green', '  nothing got worse'));
  }

  out.push('');
  const f = report.summary.findings;
  const unread = report.resources.filter((r) => r.status !== 'ok' && r.status !== 'out-of-reach').length;
  const outOfReach = report.resources.filter((r) => r.status === 'out-of-reach').length;
  out.push(
    paint('gray',
      `Findings: ${f.fail} failing, ${f.unknown + f.error} not evaluated, ${f.pass} passing, ${f['n/a']} n/a${f.waived ? `, ${f.waived} waived` : ''}. ` +
        `Read ${report.resources.length - unread - outOfReach} of ${report.resources.length - outOfReach} resources${outOfReach ? ` (${outOfReach} more need a live audit)` : ''}.${verbose ? '' : ' --verbose: every topic and passing check.'}`,
    ),
  );
  if (report.source) out.push(paint('gray', sourceLine(report.source)));
  const what = [g.require ? `requires ${labelOf(report, g.require)}` : '', ...(g.requireFrameworks ?? []).map((id) => `requires framework ${id}`), g.failOn !== 'none' ? `fails on ${g.failOn}` : ''].filter(Boolean).join(', ');
  const reasons = gateReasonLines(report, { ids: verbose });
  out.push(paint(TONE[head.tone], `${head.gate}${what ? ` (${what})` : ''}${reasons.length ? `: ${reasons.join('; ')}` : ''}.`));
  return `${out.join('\n')}\n`;
}

const REQUIREMENT_MARK: Record<RequirementStatus, [string, Color]> = { pass: ['✔', 'green'], fail: ['✘', 'red'], unknown: ['?', 'magenta'], manual: ['○', 'cyan'], waived: ['w', 'yellow'], 'n/a': ['–', 'gray'] };

/** Each judged framework profile: coverage beside the result, then the requirements that fail or could not be judged (every one with --verbose). */
function frameworkLines(report: AuditReport, paint: Paint, verbose: boolean): string[] {
  const out: string[] = [];
  for (const fr of report.frameworks ?? []) {
    out.push('', paint('bold', frameworkTitle(fr)) + paint('gray', ` (${fr.id}; a view of this audit's evidence, not a certification)`));
    out.push(`  ${coverageText(fr.coverage)}.`);
    out.push(`  ${resultText(fr)}.`);
    const shown = verbose ? fr.requirements : fr.requirements.filter((r) => r.status === 'fail' || r.status === 'unknown' || r.status === 'waived');
    const limit = verbose ? shown.length : CONSOLE_ITEMS;
    for (const r of shown.slice(0, limit)) {
      const [mark, c] = r.status === 'manual' && r.attestation?.met ? (['☑', 'green'] as const) : REQUIREMENT_MARK[r.status];
      out.push(`  ${paint(c, mark)} ${r.id} ${r.title}${paint('gray', ` — ${clip(r.reason, 240)}`)}`);
    }
    if (shown.length > limit) out.push(paint('gray', `     … and ${shown.length - limit} more: --verbose, --format markdown, html or csv list every requirement`));
  }
  return out;
}

/** At most `max` characters, cut at a word boundary. */
function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

const labelOf = (report: AuditReport, id: string): string => {
  const m = report.milestones.find((x) => x.id === id);
  return m ? milestoneLabel(report, m) : id;
};

/** --verbose: topics by workstream, each finding under the first topic it affects. */
function topicDetail(report: AuditReport, paint: Paint): string[] {
  const out: string[] = [];
  const topicById = new Map(report.topics.map((x) => [x.id, x]));
  const byTopic = findingsByTopic(report);
  const topicsOf = new Map<ReportFinding, ReportTopic[]>();
  for (const [id, fs] of byTopic) {
    const tp = topicById.get(id);
    if (!tp || tp.status === 'n/a') continue;
    for (const f of fs) topicsOf.set(f, [...(topicsOf.get(f) ?? []), tp]);
  }
  const said = new Set<ReportFinding>();
  let phase = '';
  for (const w of report.workstreams) {
    if (w.phase !== phase) {
      phase = w.phase;
      out.push('', paint('bold', `Topics — ${phase}`));
    }
    const topics = w.topics
      .map((id) => topicById.get(id))
      .filter((x): x is ReportTopic => !!x)
      .sort((a, b) => TOPIC_RANK[b.status] - TOPIC_RANK[a.status]);
    const [wm, wc] = TOPIC_MARK[w.status];
    const closes = report.milestones.find((m) => m.id === w.milestone);
    out.push(`  ${paint(wc, wm)} ${paint('bold', w.title)} ${paint('gray', `(${w.id}, closes ${closes ? milestoneLabel(report, closes) : w.milestone})`)}`);
    for (const tp of topics) {
      const [mark, c, word] = TOPIC_MARK[tp.status];
      out.push(`    ${paint(c, `${mark} ${word.padEnd(10)}`)} ${tp.title} ${paint('gray', tp.id)}`);
      if (tp.status === 'n/a') {
        out.push(paint('gray', `        · ${tp.reasons[0] ?? tp.scope.reason}`));
        continue;
      }
      const fs = (byTopic.get(tp.id) ?? []).filter((f) => f.status !== 'n/a').sort(findingOrder);
      const why = topicReasons(report, tp);
      for (const r of why.filter((x) => x.depends)) out.push(`        ${paint(tp.status === 'fail' ? 'red' : 'magenta', '⤷')} ${r.text}`);
      for (const f of fs) {
        if (said.has(f)) continue;
        said.add(f);
        const others = (topicsOf.get(f) ?? []).filter((x) => x !== tp);
        out.push(`        ${describeFinding(f, paint, true)}`);
        if (others.length) out.push(paint('gray', `            also affects ${others.map((x) => x.title).join(', ')}`));
      }
      const elsewhere = fs.filter((f) => (topicsOf.get(f)?.[0] ?? tp) !== tp && f.status !== 'pass').length;
      if (elsewhere) out.push(paint('gray', `        · and ${plural(elsewhere, 'finding')} listed under an earlier topic`));
      if (!fs.length) for (const r of why.filter((x) => !x.depends).slice(0, 2)) out.push(paint('gray', `        · ${r.text}`));
    }
  }
  return out;
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
