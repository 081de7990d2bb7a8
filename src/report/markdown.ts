/**
 * The Markdown report: for a GitHub job summary (`$GITHUB_STEP_SUMMARY`) or a merge-request
 * comment. A header with tenant, plan and gate; the fix-first list (report.fixFirst: each failing
 * finding once, most impact first); the milestones as a table; then the failing, at-risk and
 * unknown topics with the findings that decide them and how to fix them (from the report's
 * `rules`); required topics still waiting for an attestation; what could not be read.
 *
 * Bounded: GitHub comments hold at most 65,536 characters, so sections are cut with an
 * "… and N more" line to stay under `maxLength`. Tenant data (names, messages) is escaped: it can
 * neither format the page, inject HTML, nor @-mention anyone. A pure function of the report.
 */
import { type MilestoneStatus, type Severity, type TopicStatus } from '../engine/status.js';
import type { AuditReport, FixFirst, FixItem, ReportFinding, ReportTopic, RequirementResult, RequirementStatus } from './schema.js';
import { coverageText, frameworkTitle, resultText } from './frameworks.js';
import { findingOrder, findingsByTopic, gateReasonLines, judgedAs, locationText, reliesOnLines, milestoneLabel, orgPolicyGroups, orgPolicyTally, phaseTitle, readableDate, reasonOf, resourceName, topicReasons } from './common.js';
import { fixFirstOf } from './fix-first.js';
import { headline, verdictOf, type Tone } from './verdict.js';

export interface MarkdownOptions {
  /** Longest output, in UTF-16 code units (never fewer characters than that). Default 65,000. */
  maxLength?: number;
  /** A tenant's section of a fleet report (src/report/verdict.ts `headline`). */
  fleet?: boolean;
}

export const MARKDOWN_MAX_LENGTH = 65_000;
/** Findings shown under one topic before "… and N more". */
const FINDINGS_PER_TOPIC = 10;
/** Longest piece of tenant text (a message, a name) before it is cut. */
const MAX_TEXT = 400;

const MILESTONE_MARK: Record<MilestoneStatus, string> = {
  satisfied: '✅',
  'satisfied-with-risks': '⚠️',
  'not-satisfied': '❌',
  unknown: '❔',
};
const TOPIC_MARK: Record<TopicStatus, string> = {
  pass: '✅',
  'at-risk': '⚠️',
  fail: '❌',
  unknown: '❔',
  unverified: '📝',
  'n/a': '➖',
};
const TOPIC_WORD: Record<TopicStatus, string> = {
  pass: 'pass',
  'at-risk': 'at risk',
  fail: 'fail',
  unknown: 'unknown',
  unverified: 'unverified',
  'n/a': 'n/a',
};
const TALLY_ORDER: TopicStatus[] = ['fail', 'unknown', 'at-risk', 'unverified', 'pass', 'n/a'];

/**
 * Escape untrusted text for inline Markdown: no emphasis, links, code, HTML, tables or
 * strikethrough; no line breaks; no @-mentions (a zero-width space after `@`).
 */
export function mdText(s: string, max = MAX_TEXT): string {
  const flat = s.replace(/[\r\n\t\u2028\u2029]+/g, ' ');
  const cut = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return cut
    .replace(/&/g, '&amp;')
    .replace(/[\\`*_{}[\]<>|~]/g, '\\$&')
    .replace(/@/g, '@\u200B');
}

/** Inline code for trusted identifiers (ids from the catalog and the registry). */
const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;

function findingLine(f: ReportFinding): string {
  const mark = f.status === 'fail' ? (f.severity === 'blocker' ? '❌' : f.severity === 'warning' ? '⚠️' : 'ℹ️') : '❔';
  const label = f.status === 'fail' ? f.severity : 'not evaluated';
  const where = f.resource ? ` — ${mdText(f.resource.type, 60)} **${mdText(f.resource.name ?? f.resource.id, 120)}**` : '';
  return `  - ${mark} ${label}: ${mdText(f.message)}${where} (${code(f.ruleId)})`;
}

const TONE_MARK: Record<Tone, string> = { good: '✅', risk: '⚠️', bad: '❌', unknown: '❔' };
const SEVERITY_MARK: Record<Severity, string> = { blocker: '❌', warning: '⚠️', advice: 'ℹ️' };

function fixItemLine(report: AuditReport, i: FixItem, n: number): string {
  const what =
    i.count > 1
      ? `${mdText(i.summary ?? `${i.count} ${i.resources[0]?.type ?? 'resource'}s fail alike, e.g. ${i.message}`)} (${i.resources.map((r) => `**${mdText(resourceName(r), 120)}**`).join(', ')}${i.count > i.resources.length ? ` and ${i.count - i.resources.length} more` : ''})`
      : `${mdText(i.message)}${i.resources[0] ? ` — ${mdText(i.resources[0].type, 60)} **${mdText(resourceName(i.resources[0]), 120)}**` : ''}`;
  const holds = [i.topics.length ? mdText(i.topics.map((t) => t.title).join(', ')) : '', i.milestones.length ? `holds back ${mdText(i.milestones.map((m) => m.title).join('; '))}` : ''].filter(Boolean);
  const where = i.location ? ` · ${code(locationText(report, i.location))}` : '';
  return `${n}. ${SEVERITY_MARK[i.severity]} ${i.severity}${i.blocksTarget ? ' · **blocks the target**' : ''}: ${what} (${code(i.ruleId)})${where}${holds.length ? `<br>_${holds.join(' — ')}_` : ''}`;
}

function fixFirstSection(report: AuditReport, fix: FixFirst): Section {
  const u = fix.unchecked;
  const tail: Item[] = [];
  if (fix.attest.length) tail.push(() => ({ text: `\n📝 **Attest** (config attestations): ${fix.attest.map((a) => `${mdText(a.title, 200)} (${code(a.id)})`).join(', ')}` }));
  if (u.resources.length || u.rules.length) {
    tail.push(() => ({
      text:
        `\n🔒 **Not checked**: ${u.resources.map((r) => `${mdText(r.title, 120)} (${r.status})`).join(', ')}` +
        `${u.rules.length ? `${u.resources.length ? '; ' : ''}${u.rules.length} rule(s) not evaluated` : ''}` +
        `${u.scopes.length ? `. Grant ${u.scopes.map(code).join(', ')} and audit again.` : '.'}`,
    }));
  }
  const target = fix.target ? `on the way to **${mdText(fix.target.title, 200)}** (${fix.target.status.replace(/-/g, ' ')})` : 'every milestone up to Go-Live is satisfied';
  return {
    title: `### 🛠️ Fix first\n\n_${target}: each failing finding once, most impact first._`,
    items: [...(fix.items.length ? fix.items.map((i, n) => () => ({ text: fixItemLine(report, i, n + 1) })) : [() => ({ text: 'Nothing failing to fix.' })]), ...tail],
    noun: 'items',
  };
}

const REQUIREMENT_MARK: Record<RequirementStatus, string> = { fail: '❌', unknown: '❔', manual: '📝', waived: '🏷️', pass: '✅', 'n/a': '➖' };
const REQUIREMENT_ORDER: Record<RequirementStatus, number> = { fail: 0, unknown: 1, waived: 2, manual: 3, pass: 4, 'n/a': 5 };

/** One section per judged framework profile: coverage and result first, then every requirement, worst first. */
function frameworkSections(report: AuditReport): Section[] {
  return (report.frameworks ?? []).map((fr) => {
    const reqs = [...fr.requirements].sort((a, b) => REQUIREMENT_ORDER[a.status] - REQUIREMENT_ORDER[b.status]);
    // The evidence, each once: rules and topics by id, guardrails counted.
    const evidence = (r: RequirementResult) => {
      const named = r.evidence.flatMap((e) => (e.kind === 'rule' ? [`${code(e.id)} ${e.status}`] : e.kind === 'topic' ? [`topic ${code(e.id)} ${e.status}`] : []));
      const guards = r.evidence.filter((e) => e.kind === 'guardrail');
      const byStatus = [...new Set(guards.map((g) => g.status))].map((st) => `${guards.filter((g) => g.status === st).length} guardrail${guards.filter((g) => g.status === st).length === 1 ? '' : 's'} ${st}`);
      return [...new Set(named), ...byStatus].join(', ');
    };
    return {
      title:
        `### 📐 ${mdText(frameworkTitle(fr), 200)} (${code(fr.id)})\n\n` +
        `_A view of this audit's evidence, not a certification._ ${mdText(coverageText(fr.coverage))}. Result: ${mdText(resultText(fr))}.`,
      items: reqs.map((r) => () => ({
        text: `- ${r.status === 'manual' && r.attestation?.met ? '☑️' : REQUIREMENT_MARK[r.status]} **${mdText(r.id, 40)}** ${mdText(r.title, 200)} — ${mdText(r.reason, 300)}${r.evidence.length ? ` (${evidence(r)})` : ''}`,
      })),
      noun: 'requirements (--format csv lists them all)',
    };
  });
}

/** An item of a section, rendered only when its turn comes (it may depend on what came before). */
type Item = () => { text: string; commit?: () => void };

interface Section {
  title: string;
  items: Item[];
  /** What the items are, for the "… and N more" line. */
  noun: string;
}

/** Keep each section's items while they fit; a cut section ends with "… and N more". */
function fit(fixedLength: number, sections: Section[], max: number): string[] {
  const lineFor = (s: Section, n: number) => `\n_… and ${n} more ${s.noun} (shortened to fit ${max.toLocaleString('en-US')} characters)._\n`;
  // Every section keeps room for its title and a cut line, so a long one cannot crowd out the rest.
  const reserve = (s: Section) => s.title.length + 2 + lineFor(s, s.items.length).length;
  let budget = max - fixedLength - sections.reduce((n, s) => n + reserve(s), 0);
  const out: string[] = [];
  for (const s of sections) {
    const kept: string[] = [];
    for (const item of s.items) {
      const { text, commit } = item();
      if (text.length + 1 > budget) break;
      kept.push(text);
      commit?.();
      budget -= text.length + 1;
    }
    const cut = s.items.length - kept.length;
    out.push(`${s.title}\n\n${kept.join('\n')}${cut ? (kept.length ? '\n' : '') + lineFor(s, cut) : '\n'}`);
    // What the section did not need of its reserve goes to the next ones.
    budget += reserve(s) - (s.title.length + 2 + (cut ? lineFor(s, cut).length : 1));
  }
  return out;
}

/** With --baseline: the counts and what got worse (bounded). */
function baselineLines(b: NonNullable<AuditReport['baseline']>): string[] {
  const c = b.counts;
  const worse = [
    ...b.findings.filter((x) => x.worse).map((x) => `${code(x.ruleId)}${x.resource ? ` (${mdText(x.resource.name ?? x.resource.id, 120)})` : ''}: ${x.change === 'new' ? 'new' : `${x.before?.status} → ${x.after?.status}`}`),
    ...b.topics.filter((t) => t.worse).map((t) => `topic ${code(t.id)}: ${t.before ?? 'new'} → ${t.after}`),
  ];
  return [
    `**Since the baseline** of ${mdText(readableDate(b.generatedAt), 40)}: ${c.new} new, ${c.fixed} fixed, ${c.changed} changed, ${c.unchanged} unchanged${c['removed-rule'] ? `, ${c['removed-rule']} of removed rules` : ''} · ${b.regressed ? '🔺 regressed' : 'nothing got worse'}`,
    '',
    ...worse.slice(0, 20).map((w) => `- 🔺 ${w}`),
    ...(worse.length > 20 ? [`- … and ${worse.length - 20} more`] : []),
    ...(worse.length ? [''] : []),
  ];
}

/** "This result relies on": part of the header, which is never cut. */
export function reliesOnSection(report: AuditReport): string[] {
  const lines = reliesOnLines(report);
  if (!lines.length) return [];
  return ['**This result relies on**', '', ...lines.map((r) => `- ${mdText(r.label, 80)}: ${mdText(r.text, 600)}`), ''];
}

/**
 * Why a milestone is not satisfied, from its topics' statuses (not from its reason sentences): the
 * failing topics by title, then how many wait for an attestation, could not be evaluated or are
 * at risk, and the special attestations it lacks.
 */
function milestoneWhy(report: AuditReport, m: AuditReport['milestones'][number]): string {
  if (m.status === 'satisfied') return '';
  const byId = new Map(report.topics.map((t) => [t.id, t]));
  const ts = m.topics.map((id) => byId.get(id)).filter((t): t is ReportTopic => !!t);
  const names = (xs: ReportTopic[]) => `${xs.slice(0, 3).map((t) => t.title).join(', ')}${xs.length > 3 ? ` and ${xs.length - 3} more` : ''}`;
  const failing = ts.filter((t) => t.status === 'fail');
  const unattested = ts.filter((t) => t.status === 'unverified' && t.required);
  const unknown = ts.filter((t) => t.status === 'unknown');
  const risky = ts.filter((t) => t.status === 'at-risk');
  const special = (m.attestations ?? []).filter((a) => a.state === 'missing' || a.state === 'in-progress');
  return [
    failing.length ? `${names(failing)} ${failing.length === 1 ? 'fails' : 'fail'}` : '',
    unattested.length ? `${unattested.length} to attest` : '',
    special.length ? `${special.map((a) => a.id).join(', ')} attestation missing` : '',
    unknown.length ? `${unknown.length} not evaluated` : '',
    risky.length ? `${risky.length} at risk` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

export function renderMarkdown(report: AuditReport, opts: MarkdownOptions = {}): string {
  const max = opts.maxLength ?? MARKDOWN_MAX_LENGTH;
  const known = new Map((report.rules ?? []).map((r) => [r.id, r]));
  const fix = fixFirstOf(report);
  const t = report.tenant;
  const g = report.gate;

  // Header.
  const judged = judgedAs(report);
  const required = g.require ? report.milestones.find((m) => m.id === g.require) : undefined;
  const gateWhat = [g.require ? `requires ${required ? mdText(milestoneLabel(report, required), 200) : code(g.require)}` : '', ...(g.requireFrameworks ?? []).map((id) => `requires framework ${code(id)}`), g.failOn !== 'none' ? `fails on ${g.failOn}` : 'fails on nothing'].filter(Boolean).join(', ');
  const verdict = headline(verdictOf(report), { fleet: !!opts.fleet });
  const mark = TONE_MARK[verdict.tone];
  const head = [
    `## ${mark} Auth0 readiness: ${mdText(t.domain, 200)}`,
    '',
    `**${mark} ${mdText(verdict.text, 400)}**`,
    '',
    `**Tenant** ${mdText(t.domain, 200)} (${t.environment}) · **Plan** ${report.plan} · **Gate** ${gateWhat}`,
    ...(judged ? ['', mdText(judged.line, 600), ...judged.notes.map((n) => `- ${mdText(n, 600)}`)] : []),
    ...(g.reasons.length ? ['', ...gateReasonLines(report).map((r) => `> ${mdText(r)}`)] : []),
    '',
    ...reliesOnSection(report),
    ...(report.baseline ? baselineLines(report.baseline) : []),
  ].join('\n');

  // Milestones.
  const rows = report.milestones.map((m) => {
    const tally = TALLY_ORDER.filter((s) => m.counts[s] > 0)
      .map((s) => `${m.counts[s]} ${TOPIC_WORD[s]}`)
      .join(', ');
    const why = mdText(milestoneWhy(report, m), 300);
    return `| ${MILESTONE_MARK[m.status]} | ${phaseTitle(m.phase)} | **${mdText(milestoneLabel(report, m), 120)}**${m.inferred ? ' _(inferred)_' : ''}<br>${code(m.id)} | ${m.status.replace(/-/g, ' ')} | ${tally} | ${why} |`;
  });
  const milestones = ['### Milestones', '', '| | Phase | Milestone | Status | Topics | Why |', '|:-:|---|---|---|---|---|', ...rows, ''].join('\n');

  // Topics.
  const byTopic = findingsByTopic(report);
  const workstreams = new Map(report.workstreams.map((w) => [w.id, w.title]));
  // A rule's remediation is given once, at its first failing topic; later ones point back.
  const explained = new Set<string>();
  const topicItem = (tp: ReportTopic): Item => () => {
    const decisive = (byTopic.get(tp.id) ?? []).filter((f) => f.status === 'fail' || f.status === 'unknown' || f.status === 'error').sort(findingOrder);
    const said = new Set(decisive.map(reasonOf));
    const lines = [`- ${TOPIC_MARK[tp.status]} **${mdText(tp.title, 200)}** — ${mdText(workstreams.get(tp.workstream) ?? tp.workstream, 120)}, ${phaseTitle(tp.phase)} (${code(tp.id)})`];
    for (const r of topicReasons(report, tp).filter((x) => !said.has(x.text))) lines.push(`  - ${r.depends ? '⤷ ' : ''}${mdText(r.text)}`);
    for (const f of decisive.slice(0, FINDINGS_PER_TOPIC)) lines.push(findingLine(f));
    if (decisive.length > FINDINGS_PER_TOPIC) lines.push(`  - … and ${decisive.length - FINDINGS_PER_TOPIC} more findings`);
    // "Not evaluated" is fixed by reading the resource (see "Could not read"), not by the remediation.
    const fixes = [...new Set(decisive.filter((f) => f.status === 'fail').map((f) => f.ruleId))].filter((id) => known.get(id)?.remediation);
    for (const id of fixes) {
      const rule = known.get(id);
      if (!rule) continue;
      lines.push(
        explained.has(id)
          ? `  - 🔧 ${code(id)}: see above`
          : `  - 🔧 ${code(id)}: ${(rule.remediation ?? '').replace(/\s*\n\s*/g, ' ')}${rule.docs && /^https?:\/\/[^\s()<>]+$/.test(rule.docs) ? ` [Docs](${rule.docs})` : ''}`,
      );
    }
    return { text: lines.join('\n'), commit: () => fixes.forEach((id) => explained.add(id)) };
  };
  const topicsWith = (s: TopicStatus) => report.topics.filter((x) => x.status === s);
  const failing = topicsWith('fail');
  const atRisk = topicsWith('at-risk');
  const unknown = topicsWith('unknown');
  // What the fix-first list already asks to attest (for its target) is not said twice.
  const askedFor = new Set(fix.attest.map((a) => a.id));
  const unattested = topicsWith('unverified').filter((x) => x.required && !askedFor.has(x.id));
  const milestoneAttestations = [
    ...new Set(
      report.milestones.flatMap((m) =>
        (m.attestations ?? []).filter((a) => (a.state === 'missing' || a.state === 'in-progress') && !askedFor.has(a.id)).map((a) => `attestation ${a.id} is ${a.state.replace(/-/g, ' ')}`),
      ),
    ),
  ];
  const unread = report.resources.filter((r) => r.status !== 'ok' && r.status !== 'out-of-reach');
  const live = report.needsLiveAudit ?? [];

  const sections: Section[] = [fixFirstSection(report, fix)];
  if (failing.length) sections.push({ title: `### ❌ Failing topics (${failing.length})`, items: failing.map(topicItem), noun: 'failing topics' });
  if (atRisk.length) sections.push({ title: `### ⚠️ Topics at risk (${atRisk.length})`, items: atRisk.map(topicItem), noun: 'topics at risk' });
  if (unknown.length) {
    sections.push({ title: `### ❔ Topics that could not be evaluated (${unknown.length})`, items: unknown.map(topicItem), noun: 'unknown topics' });
  }
  if (unattested.length || milestoneAttestations.length) {
    sections.push({
      title: `### 📝 ${askedFor.size ? 'Other required attestations' : 'Required attestations'} missing (${unattested.length + milestoneAttestations.length})`,
      items: [
        ...unattested.map((x) => () => ({ text: `- **${mdText(x.title, 200)}** (${code(x.id)}): ${mdText(x.reasons[0] ?? 'needs an attestation')}` })),
        ...milestoneAttestations.map((r) => () => ({ text: `- ${mdText(r)}` })),
      ],
      noun: 'attestations',
    });
  }
  if (unread.length) {
    sections.push({
      title: `### 🔒 Could not read (${unread.length})\n\nThe rules that need these report "not evaluated": grant the scope or retry, then audit again.`,
      items: unread.map(
        (r) => () => ({ text: `- **${mdText(r.title, 120)}** (${code(r.key)}): ${r.status}${r.reason ? ` — ${mdText(r.reason)}` : ''}${r.scopes?.length ? ` (scopes: ${r.scopes.map(code).join(', ')})` : ''}` }),
      ),
      noun: 'resources',
    });
  }
  // Checks outside the source's reach: not read failures, and they never stop the gate.
  if (live.length) {
    sections.push({
      title: `### 🔭 Needs a live audit (${live.length})\n\nThis source can never show these (what a Deploy CLI export never holds): they do not count against the gate; audit the live tenant to judge them.`,
      items: live.map((l) => () => ({ text: `- **${mdText(l.title, 200)}** (${code(l.ruleId)}, ${l.severity}): ${mdText(l.why)}` })),
      noun: 'checks',
    });
  }
  sections.push(...frameworkSections(report));
  if (sections.length === 1) sections.push({ title: '### ✅ Nothing to fix', items: [() => ({ text: 'Every topic in scope passes or waits only for optional attestations.' })], noun: 'notes' });
  const org = orgPolicyGroups(report);
  if (org.length) {
    const ORG_MARK = { fail: '', unknown: '❔', pass: '✅', 'n/a': '➖' } as const;
    sections.push({
      title: `### 🏢 Organisation policy (${org.length})`,
      items: org.map((gr) => () => {
        const lines = [`- ${gr.status === 'fail' ? SEVERITY_MARK[gr.severity] : ORG_MARK[gr.status]} **${mdText(gr.title, 200)}** (${code(gr.id)}, ${gr.severity}): ${orgPolicyTally(gr)}`];
        const decisive = gr.findings.filter((x) => x.status === 'fail' || x.status === 'unknown' || x.status === 'error');
        for (const x of decisive.slice(0, FINDINGS_PER_TOPIC)) lines.push(findingLine(x));
        if (decisive.length > FINDINGS_PER_TOPIC) lines.push(`  - … and ${decisive.length - FINDINGS_PER_TOPIC} more findings`);
        const rule = known.get(gr.id);
        if (gr.counts.fail && rule?.remediation) lines.push(`  - 🔧 ${mdText(rule.remediation.replace(/\s*\n\s*/g, ' '))}`);
        return { text: lines.join('\n') };
      }),
      noun: 'policies',
    });
  }

  const f = report.summary.findings;
  const reachable = report.resources.filter((r) => r.status !== 'out-of-reach').length;
  const read = reachable - unread.length;
  const footer =
    `---\n<sub>${mdText(report.tool.name, 60)} ${mdText(report.tool.version, 40)} · generated ${readableDate(report.generatedAt)} (tenant read ${readableDate(report.collectedAt)}) · ` +
    `findings: ${f.fail} failing, ${f.unknown + f.error} not evaluated, ${f.pass} passing, ${f['n/a']} n/a${f.waived ? `, ${f.waived} waived` : ''} · ` +
    `read ${read} of ${reachable} resources${reachable < report.resources.length ? ` (${report.resources.length - reachable} more need a live audit)` : ''}</sub>\n`;

  const fixed = head.length + milestones.length + footer.length + 3;
  const body = fit(fixed, sections, max);
  const out = [head, body[0] ?? '', milestones, ...body.slice(1), footer].join('\n');
  // The header and the milestone table are never cut; a report too large even for them is cut hard.
  return out.length <= max ? out : `${out.slice(0, Math.max(0, max - 40))}\n\n_… (shortened)_\n`;
}
