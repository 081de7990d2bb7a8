/**
 * The HTML report: one self-contained file to open offline, attach to a ticket or print.
 * Inline CSS and inline SVG only: no script, no external font, image or stylesheet (a
 * Content-Security-Policy says so to the browser too). Print styles break pages between parts.
 *
 * - The gate result, up front (naming what blocks it) and at the end.
 * - The fix-first list (report.fixFirst): each failing finding once, most impact first, with
 *   the topics and milestones it holds back; what needs an attestation; what could not be checked.
 * - Milestone progress per phase as a picture: a stacked bar per milestone of how many topics
 *   pass / are at risk / fail / are unknown / unverified / n/a, with the same numbers in a table.
 * - Topics by workstream with status badges (a symbol and a word: colour is never the only
 *   signal); each failing, at-risk, unknown or unverified topic with its findings, the rule's
 *   remediation and a link to the Auth0 docs (from the report's `rules`).
 * - The resources that could not be read, and why.
 *
 * Every string from the report is escaped: tenant data is untrusted (a client named `<script>`
 * renders as text). A pure function of the report.
 */
import { TOPIC_RANK, type MilestoneStatus, type Severity, type TopicStatus } from '../engine/status.js';
import type { AuditReport, FixFirst, FixItem, ReportFinding, ReportMilestone, ReportRule, ReportTopic, RequirementResult, RequirementStatus } from './schema.js';
import { coverageText, frameworkTitle, resultText } from './frameworks.js';
import { findingOrder, findingsByTopic, gateReasonLines, judgedAs, locationText, orgPolicyGroups, orgPolicyTally, type OrgPolicyGroup, reliesOnLines, milestoneLabel, phaseTitle, readableDate, reasonOf, resourceName, titleOf, topicReasons, withTitles } from './common.js';
import { milestoneReasonText } from './reasons.js';
import { fixFirstOf } from './fix-first.js';
import { headline, verdictOf } from './verdict.js';

/** Findings listed under one topic before "… and N more". */
const FINDINGS_PER_TOPIC = 25;

/** Escape for text and for double- or single-quoted attributes. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
const h = escapeHtml;

/** Only http(s) links are rendered as links. */
const safeUrl = (u: string): string | undefined => (/^https?:\/\/[^\s"'<>]+$/i.test(u) ? u : undefined);

const TOPIC_ORDER: TopicStatus[] = ['pass', 'at-risk', 'fail', 'unknown', 'unverified', 'n/a'];
const TOPIC_LABEL: Record<TopicStatus, { mark: string; word: string; color: string }> = {
  pass: { mark: '✔', word: 'pass', color: '#1a7f37' },
  'at-risk': { mark: '▲', word: 'at risk', color: '#bf8700' },
  fail: { mark: '✘', word: 'fail', color: '#cf222e' },
  unknown: { mark: '?', word: 'unknown', color: '#8250df' },
  unverified: { mark: '○', word: 'unverified', color: '#0969da' },
  'n/a': { mark: '–', word: 'n/a', color: '#8c959f' },
};
const MILESTONE_LABEL: Record<MilestoneStatus, { mark: string; word: string; cls: TopicStatus }> = {
  satisfied: { mark: '✔', word: 'satisfied', cls: 'pass' },
  'satisfied-with-risks': { mark: '◐', word: 'satisfied with risks', cls: 'at-risk' },
  'not-satisfied': { mark: '✘', word: 'not satisfied', cls: 'fail' },
  unknown: { mark: '?', word: 'unknown', cls: 'unknown' },
};
const SEVERITY_LABEL: Record<Severity, { mark: string; cls: TopicStatus }> = {
  blocker: { mark: '✘', cls: 'fail' },
  warning: { mark: '▲', cls: 'at-risk' },
  advice: { mark: 'i', cls: 'unverified' },
};
const cls = (s: string): string => s.replace(/[^a-z0-9]+/gi, '-');

function badge(s: TopicStatus): string {
  const l = TOPIC_LABEL[s];
  return `<span class="badge s-${cls(s)}"><span aria-hidden="true">${l.mark}</span> ${h(l.word)}</span>`;
}
function milestoneBadge(s: MilestoneStatus): string {
  const l = MILESTONE_LABEL[s];
  return `<span class="badge s-${cls(l.cls)}"><span aria-hidden="true">${l.mark}</span> ${h(l.word)}</span>`;
}

function showValue(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s === undefined ? '' : s.length > 300 ? `${s.slice(0, 299)}…` : s;
}

// ————————————————————————————————————————————————————————————————— picture

const BAR = { width: 760, label: 250, row: 30, bar: 18, gap: 10 } as const;

/** Per phase: one stacked bar per milestone, topics by status. */
function phaseChart(phase: string, milestones: ReportMilestone[], n: number): string {
  const height = milestones.length * BAR.row + 28;
  const barW = BAR.width - BAR.label - BAR.gap - 40;
  const id = `chart-${n}`;
  const rows = milestones.map((m, i) => {
    const total = TOPIC_ORDER.reduce((k, s) => k + m.counts[s], 0);
    const y = i * BAR.row + 4;
    const ml = MILESTONE_LABEL[m.status];
    let x = BAR.label + BAR.gap;
    const segs: string[] = [];
    for (const s of TOPIC_ORDER) {
      const c = m.counts[s];
      if (!c || !total) continue;
      const w = (c / total) * barW;
      const l = TOPIC_LABEL[s];
      const r = `x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${BAR.bar}"`;
      segs.push(
        `<g class="seg s-${cls(s)}"><title>${c} ${h(l.word)}</title><rect ${r} fill="${l.color}"/>` +
          (s === 'fail' || s === 'unknown' ? `<rect ${r} fill="url(#${id}-${s === 'fail' ? 'hatch' : 'dots'})"/>` : '') +
          (w >= 22 ? `<text x="${(x + w / 2).toFixed(1)}" y="${y + 13}" text-anchor="middle" class="seg-n">${c}</text>` : '') +
          '</g>',
      );
      x += w;
    }
    const title = m.title.length > 34 ? `${m.title.slice(0, 33)}…` : m.title;
    return (
      `<g class="row"><text x="${BAR.label}" y="${y + 13}" text-anchor="end" class="row-label"><tspan class="row-mark s-${cls(ml.cls)}">${ml.mark}</tspan> ${h(title)}</text>` +
      (total ? segs.join('') : `<rect x="${BAR.label + BAR.gap}" y="${y}" width="${barW}" height="${BAR.bar}" fill="none" stroke="#8c959f" stroke-dasharray="4 3"/>`) +
      `<text x="${BAR.label + BAR.gap + barW + 6}" y="${y + 13}" class="row-total">${total}</text></g>`
    );
  });
  const desc = milestones
    .map((m) => `${m.title}: ${MILESTONE_LABEL[m.status].word}; ${TOPIC_ORDER.filter((s) => m.counts[s]).map((s) => `${m.counts[s]} ${TOPIC_LABEL[s].word}`).join(', ') || 'no topics'}.`)
    .join(' ');
  return (
    `<svg class="chart" role="img" aria-labelledby="${id}-t ${id}-d" viewBox="0 0 ${BAR.width} ${height}" width="${BAR.width}" height="${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}-t">${h(phaseTitle(phase))}: topics per milestone by status</title><desc id="${id}-d">${h(desc)}</desc>` +
    `<defs><pattern id="${id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="2" height="6" fill="#fff" fill-opacity="0.45"/></pattern>` +
    `<pattern id="${id}-dots" width="5" height="5" patternUnits="userSpaceOnUse"><circle cx="2.5" cy="2.5" r="1" fill="#fff" fill-opacity="0.6"/></pattern></defs>` +
    rows.join('') +
    `<text x="${BAR.label + BAR.gap}" y="${height - 6}" class="axis">0%</text><text x="${BAR.label + BAR.gap + barW}" y="${height - 6}" text-anchor="end" class="axis">100% of the milestone's topics</text>` +
    '</svg>'
  );
}

function legend(): string {
  return (
    '<ul class="legend" aria-label="Legend">' +
    TOPIC_ORDER.map(
      (s) =>
        `<li><svg width="14" height="14" aria-hidden="true"><rect width="14" height="14" rx="2" fill="${TOPIC_LABEL[s].color}"/></svg> <span aria-hidden="true">${TOPIC_LABEL[s].mark}</span> ${h(TOPIC_LABEL[s].word)}</li>`,
    ).join('') +
    '</ul>'
  );
}

// ————————————————————————————————————————————————————————————————— parts

/** Findings the gate box names before "and N more". */
const GATE_BLOCKERS = 8;

function gateBlock(report: AuditReport, fix: FixFirst, id: string, heading: string, fleet = false): string {
  const g = report.gate;
  const v = headline(verdictOf(report), { fleet });
  const required = g.require ? report.milestones.find((m) => m.id === g.require) : undefined;
  const what = [required ? `requires ${milestoneLabel(report, required)}` : 'no milestone required', g.failOn !== 'none' ? `fails on ${g.failOn} findings` : 'fails on no finding'].join('; ');
  // What blocks it: the blockers of the target milestone, and the findings that fail the gate by themselves.
  const blocking = g.passed ? [] : fix.items.filter((i) => i.blocksTarget || i.failsGate);
  return (
    `<section class="gate gate-${v.tone}" aria-labelledby="${id}">` +
    `<${heading} id="${id}"><span aria-hidden="true">${v.mark}</span> ${h(v.gate)}</${heading}>` +
    `<p class="readiness">${h(v.readiness.charAt(0).toUpperCase() + v.readiness.slice(1))}.</p>` +
    `<p>${h(what)}.</p>` +
    (g.reasons.length ? `<ul>${gateReasonLines(report).map((r) => `<li>${h(r)}</li>`).join('')}</ul>` : '') +
    (blocking.length
      ? `<p>Blocked by:</p><ul class="blockers">${blocking
          .slice(0, GATE_BLOCKERS)
          .map((i) => `<li>${h(itemText(i))}</li>`)
          .join('')}${blocking.length > GATE_BLOCKERS ? `<li class="more">… and ${blocking.length - GATE_BLOCKERS} more (see Fix first)</li>` : ''}</ul>`
      : '') +
    '</section>'
  );
}

/** "This result relies on": what the verdict depends on beyond the tenant's data. */
function reliesOnPart(report: AuditReport): string {
  const lines = reliesOnLines(report);
  if (!lines.length) return '';
  return `<section class="relies-on" aria-labelledby="h-relies"><h2 id="h-relies">This result relies on</h2><ul>${lines.map((r) => `<li><strong>${h(r.label)}</strong>: ${h(r.text)}</li>`).join('')}</ul></section>`;
}

/** One fix-first item as plain text: the message, or the rule's title and the resources it hits. */
function itemText(i: FixItem): string {
  if (i.count > 1) {
    const names = i.resources.map(resourceName).join(', ');
    return `${i.summary ?? `${i.count} ${i.resources[0]?.type ?? 'resource'}s fail alike, e.g. ${i.message}`} (${names}${i.count > i.resources.length ? ` and ${i.count - i.resources.length} more` : ''})`;
  }
  return `${i.message}${i.resources[0] ? ` — ${i.resources[0].type} ${resourceName(i.resources[0])}` : ''}`;
}

function fixFirstPart(report: AuditReport, fix: FixFirst): string {
  const known = new Map((report.rules ?? []).map((r) => [r.id, r]));
  const items = fix.items.map((i) => {
    const sl = SEVERITY_LABEL[i.severity];
    const rule = known.get(i.ruleId);
    const url = rule?.docs ? safeUrl(rule.docs) : undefined;
    const holds = [
      i.topics.length ? `Topics: ${i.topics.map((t) => h(t.title)).join(', ')}` : '',
      i.milestones.length ? `holds back ${i.milestones.map((m) => h(m.title)).join('; ')}` : '',
    ].filter(Boolean);
    return (
      `<li class="fix-item${i.blocksTarget ? ' blocks' : ''}" data-rule="${h(i.ruleId)}" data-severity="${i.severity}">` +
      `<span class="badge s-${sl.cls}"><span aria-hidden="true">${sl.mark}</span> ${i.severity}</span> ${i.blocksTarget ? '<strong>blocks the target:</strong> ' : ''}<span class="message">${h(itemText(i))}</span> <span class="rule">(<code>${h(i.ruleId)}</code>)</span>` +
      (i.location ? ` <span class="rule"><code>${h(locationText(report, i.location))}</code></span>` : '') +
      (holds.length ? `<div class="field">${holds.join(' — ')}</div>` : '') +
      (rule?.remediation ? `<div class="field">How to fix: ${withCode(rule.remediation)}${url ? ` <a href="${h(url)}">Auth0 docs</a>` : ''}</div>` : '') +
      '</li>'
    );
  });
  const u = fix.unchecked;
  const target = fix.target ? `on the way to ${h(fix.target.title)} (${h(fix.target.status.replace(/-/g, ' '))})` : 'every milestone up to Go-Live is satisfied';
  return (
    `<section id="fix-first" aria-labelledby="h-fix"><h2 id="h-fix">Fix first</h2><p>${target}. Each failing finding once, most impact first: what blocks the target milestone, then by severity and by how many topics it holds back.</p>` +
    (items.length ? `<ol class="fix-first">${items.join('')}</ol>` : '<p>Nothing failing to fix.</p>') +
    (fix.attest.length ? `<h3>Attest</h3><p>Record these attestations in the config file: ${fix.attest.map((a) => `${h(a.title)} <code>${h(a.id)}</code>`).join(', ')}.</p>` : '') +
    (u.resources.length || u.rules.length
      ? `<h3>Not checked</h3><p>${u.resources.map((r) => `${h(r.title)} (${h(r.status)})`).join(', ')}${u.rules.length ? `${u.resources.length ? '; ' : ''}${u.rules.length} rule(s) not evaluated: ${u.rules.map((r) => h(r.title)).join(', ')}` : ''}.${u.scopes.length ? ` Grant ${u.scopes.map((x) => `<code>${h(x)}</code>`).join(', ')} and audit again.` : ''}</p>`
      : '') +
    '</section>'
  );
}

function milestonesPart(report: AuditReport): string {
  const phases = [...new Set(report.milestones.map((m) => m.phase))];
  const parts = phases.map((p, i) => {
    const ms = report.milestones.filter((m) => m.phase === p);
    const rows = ms.map((m) => {
      // Worded from the milestone's reasons as data; a report saved before they were carried keeps its sentences.
      const texts = m.details ? m.details.map((d) => milestoneReasonText(d, titleOf(report))) : m.reasons.map((r) => withTitles(report, r));
      const reasons = texts.slice(0, 3).map((r) => `<li>${h(r)}</li>`).join('') + (texts.length > 3 ? `<li class="more">… and ${texts.length - 3} more</li>` : '');
      return (
        `<tr class="milestone" data-milestone="${h(m.id)}" data-status="${h(m.status)}"><th scope="row">${h(milestoneLabel(report, m))}${m.inferred ? ' <span class="muted">(inferred)</span>' : ''}<br><code>${h(m.id)}</code></th>` +
        `<td>${milestoneBadge(m.status)}</td>` +
        TOPIC_ORDER.map((s) => `<td class="num">${m.counts[s]}</td>`).join('') +
        `<td>${reasons ? `<ul class="reasons">${reasons}</ul>` : ''}</td></tr>`
      );
    });
    const head = `<tr><th scope="col">Milestone</th><th scope="col">Status</th>${TOPIC_ORDER.map((s) => `<th scope="col" class="num">${badge(s)}</th>`).join('')}<th scope="col">What keeps it from satisfied</th></tr>`;
    return (
      `<section class="phase" aria-labelledby="phase-${i}"><h3 id="phase-${i}">${h(phaseTitle(p))} <span class="muted">(${h(p)})</span></h3>` +
      phaseChart(p, ms, i) +
      `<table class="milestones"><caption>${h(phaseTitle(p))}: topics per milestone by status</caption><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></section>`
    );
  });
  return `<section id="milestones" aria-labelledby="h-milestones"><h2 id="h-milestones">Milestones</h2>${legend()}${parts.join('')}</section>`;
}

function findingItem(f: ReportFinding): string {
  const sev =
    f.status === 'fail'
      ? `<span class="badge s-${SEVERITY_LABEL[f.severity].cls}"><span aria-hidden="true">${SEVERITY_LABEL[f.severity].mark}</span> ${f.severity}</span>`
      : `<span class="badge s-unknown"><span aria-hidden="true">?</span> not evaluated</span>`;
  const res = f.resource
    ? ` <span class="resource">— ${h(f.resource.type)} <strong>${h(f.resource.name ?? f.resource.id)}</strong>${f.resource.name !== undefined && f.resource.name !== f.resource.id ? ` <code>${h(f.resource.id)}</code>` : ''}</span>`
    : '';
  const field = f.field !== undefined ? `<div class="field"><code>${h(f.field)}</code>${f.value !== undefined ? ` = <code>${h(showValue(f.value))}</code>` : ''}</div>` : '';
  const missing = (f.missing ?? [])
    .map((m) => `<div class="field">not read: <code>${h(m.key)}</code> (${h(m.reason)}): ${h(m.detail)}${m.scopes?.length ? ` — scopes ${m.scopes.map((s) => `<code>${h(s)}</code>`).join(', ')}` : ''}</div>`)
    .join('');
  return `<li class="finding f-${cls(f.status)}">${sev} <span class="message">${h(f.message)}</span>${res} <span class="rule">(<code>${h(f.ruleId)}</code>)</span>${field}${missing}</li>`;
}

type Rule = ReportRule;

/** Registry prose marks code with backticks: escaped text, with `…` spans as <code>. */
function withCode(s: string): string {
  const parts = s.split('`');
  // An odd number of backticks leaves the last one as text.
  if (parts.length % 2 === 0) return h(s);
  return parts.map((p, i) => (i % 2 ? `<code>${h(p)}</code>` : h(p))).join('');
}

function remediation(ruleIds: string[], known: Map<string, Rule>): string {
  const items = ruleIds
    .map((id) => known.get(id))
    .filter((r): r is Rule => !!r)
    .map((r) => {
      const url = r.docs ? safeUrl(r.docs) : undefined;
      return (
        `<div class="fix"><p><strong>How to fix</strong> — ${h(r.title)} (<code>${h(r.id)}</code>)</p>${r.remediation ? `<p>${withCode(r.remediation)}</p>` : ''}` +
        (url ? `<p class="docs"><a href="${h(url)}">Auth0 docs: ${h(r.title)}</a></p>` : '') +
        '</div>'
      );
    });
  return items.join('');
}

function topicDetail(report: AuditReport, tp: ReportTopic, fs: ReportFinding[], known: Map<string, Rule>): string {
  const decisive = fs.filter((f) => f.status === 'fail' || f.status === 'unknown' || f.status === 'error').sort(findingOrder);
  const said = new Set(decisive.map(reasonOf));
  const reasons = topicReasons(report, tp).filter((r) => !said.has(r.text));
  const perRule = new Map<string, { pass: number; total: number }>();
  for (const f of fs) {
    if (f.status === 'n/a') continue;
    const e = perRule.get(f.ruleId) ?? { pass: 0, total: 0 };
    e.total++;
    if (f.status === 'pass') e.pass++;
    perRule.set(f.ruleId, e);
  }
  const passing = [...perRule].filter(([, e]) => e.pass > 0).map(([r, e]) => `<li><code>${h(r)}</code>: ${e.pass} of ${e.total} pass</li>`);
  const failingRules = [...new Set(decisive.filter((f) => f.status === 'fail').map((f) => f.ruleId))];
  const meta = [`<code>${h(tp.id)}</code>`, `evidence ${h(tp.evidence)}`, tp.required ? '<strong>required</strong>' : '', tp.scope.reason ? h(tp.scope.reason) : ''].filter(Boolean).join(' · ');
  return (
    `<li class="topic t-${cls(tp.status)}" data-topic="${h(tp.id)}" data-status="${h(tp.status)}"><article aria-labelledby="t-${cls(tp.id)}">` +
    `<h5 id="t-${cls(tp.id)}">${badge(tp.status)} ${h(tp.title)}</h5><p class="meta">${meta}</p>` +
    (reasons.length ? `<ul class="reasons">${reasons.map((r) => `<li>${r.depends ? '<span aria-hidden="true">⤷</span> ' : ''}${h(r.text)}</li>`).join('')}</ul>` : '') +
    (decisive.length
      ? `<ul class="findings">${decisive.slice(0, FINDINGS_PER_TOPIC).map(findingItem).join('')}${decisive.length > FINDINGS_PER_TOPIC ? `<li class="more">… and ${decisive.length - FINDINGS_PER_TOPIC} more findings</li>` : ''}</ul>`
      : '') +
    (passing.length ? `<ul class="passing">${passing.join('')}</ul>` : '') +
    remediation(failingRules, known) +
    '</article></li>'
  );
}

function topicsPart(report: AuditReport): string {
  const known = new Map((report.rules ?? []).map((r) => [r.id, r]));
  const topicById = new Map(report.topics.map((t) => [t.id, t]));
  const byTopic = findingsByTopic(report);
  const findingsOf = (tp: ReportTopic) => byTopic.get(tp.id) ?? [];
  const out: string[] = [];
  let phase = '';
  for (const w of report.workstreams) {
    if (w.phase !== phase) {
      phase = w.phase;
      out.push(`<h3 class="phase-title">${h(phaseTitle(phase))} <span class="muted">(${h(phase)})</span></h3>`);
    }
    const topics = w.topics
      .map((id) => topicById.get(id))
      .filter((x): x is ReportTopic => !!x)
      .sort((a, b) => TOPIC_RANK[b.status] - TOPIC_RANK[a.status]);
    const detailed = topics.filter((t) => t.status !== 'pass' && t.status !== 'n/a');
    const passing = topics.filter((t) => t.status === 'pass');
    const na = topics.filter((t) => t.status === 'n/a');
    out.push(
      `<section class="workstream" data-workstream="${h(w.id)}" aria-labelledby="w-${cls(w.id)}">` +
        `<h4 id="w-${cls(w.id)}">${badge(w.status)} ${h(w.title)}</h4><p class="meta"><code>${h(w.id)}</code> · closes ${h(labelOf(report, w.milestone))}</p>` +
        (detailed.length ? `<ul class="topics">${detailed.map((t) => topicDetail(report, t, findingsOf(t), known)).join('')}</ul>` : '') +
        (passing.length
          ? `<p class="also">${badge('pass')} ${passing.map((t) => `<span class="topic-inline" data-topic="${h(t.id)}" data-status="pass">${h(t.title)}${t.reasons.length ? ` <span class="muted">(${h(t.reasons.join('; '))})</span>` : ''}</span>`).join(', ')}</p>`
          : '') +
        (na.length
          ? `<p class="also">${badge('n/a')} ${na.map((t) => `<span class="topic-inline" data-topic="${h(t.id)}" data-status="n/a">${h(t.title)} <span class="muted">(${h(t.reasons[0] ?? t.scope.reason)})</span></span>`).join(', ')}</p>`
          : '') +
        '</section>',
    );
  }
  return `<section id="topics" aria-labelledby="h-topics"><h2 id="h-topics">Topics by workstream</h2>${out.join('')}</section>`;
}

function labelOf(report: AuditReport, id: string): string {
  const m = report.milestones.find((x) => x.id === id);
  return m ? milestoneLabel(report, m) : id;
}

/** Organisation policies that name no topic of the plan: each with its tally and its decisive findings. */
function orgPolicyPart(report: AuditReport): string {
  const groups = orgPolicyGroups(report);
  if (!groups.length) return '';
  const badge = (g: OrgPolicyGroup) =>
    g.status === 'fail'
      ? `<span class="badge s-${SEVERITY_LABEL[g.severity].cls}"><span aria-hidden="true">${SEVERITY_LABEL[g.severity].mark}</span> ${g.severity}</span>`
      : g.status === 'unknown'
        ? '<span class="badge s-unknown"><span aria-hidden="true">?</span> not evaluated</span>'
        : g.status === 'pass'
          ? '<span class="badge s-pass"><span aria-hidden="true">✔</span> pass</span>'
          : '<span class="badge s-n-a"><span aria-hidden="true">–</span> n/a</span>';
  return (
    `<section id="org-policy" aria-labelledby="h-org-policy"><h2 id="h-org-policy">Organisation policy</h2>` +
    `<p>Your organisation's own policies (<code>org/</code>), outside the implementation plan's topics; they gate by severity like any check.</p><ul>` +
    groups
      .map((g) => {
        const decisive = g.findings.filter((f) => f.status === 'fail' || f.status === 'unknown' || f.status === 'error');
        return `<li data-rule="${h(g.id)}">${badge(g)} <strong>${h(g.title)}</strong> (<code>${h(g.id)}</code>, ${h(g.severity)}): ${h(orgPolicyTally(g))}${decisive.length ? `<ul class="findings">${decisive.map(findingItem).join('')}</ul>` : ''}</li>`;
      })
      .join('') +
    '</ul></section>'
  );
}

/** Checks outside the source's reach (what a Deploy CLI export never holds): they never stop the gate. */
function liveAuditPart(report: AuditReport): string {
  const live = report.needsLiveAudit ?? [];
  if (!live.length) return '';
  return (
    `<section id="live-audit" aria-labelledby="h-live-audit"><h2 id="h-live-audit">Needs a live audit</h2>` +
    `<p>This source can never show these checks: they do not count against the gate. Audit the live tenant to judge them.</p><ul>` +
    live.map((l) => `<li data-rule="${h(l.ruleId)}"><strong>${h(l.title)}</strong> (<code>${h(l.ruleId)}</code>, ${h(l.severity)}): ${h(l.why)}</li>`).join('') +
    '</ul></section>'
  );
}

function unreadPart(report: AuditReport): string {
  const unread = report.resources.filter((r) => r.status !== 'ok' && r.status !== 'out-of-reach');
  const body = unread.length
    ? `<p>The rules that need these resources report “not evaluated”: grant the missing scope or retry, then audit again.</p>` +
      `<table class="unread"><caption>Resources that could not be read</caption><thead><tr><th scope="col">Resource</th><th scope="col">Status</th><th scope="col">Why</th><th scope="col">Scopes</th></tr></thead><tbody>` +
      unread
        .map(
          (r) =>
            `<tr data-resource="${h(r.key)}"><th scope="row">${h(r.title)}<br><code>${h(r.key)}</code></th><td><span class="badge s-unknown"><span aria-hidden="true">?</span> ${h(r.status)}</span></td><td>${h(r.reason ?? '')}</td><td>${(r.scopes ?? []).map((s) => `<code>${h(s)}</code>`).join(' ')}</td></tr>`,
        )
        .join('') +
      '</tbody></table>'
    : `<p>All ${report.resources.filter((r) => r.status !== 'out-of-reach').length} resources were read.</p>`;
  return `<section id="unread" aria-labelledby="h-unread"><h2 id="h-unread">Resources that could not be read</h2>${body}</section>`;
}

const CSS = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--soft:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;color:var(--fg);background:var(--bg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header,main,footer{max-width:1100px;margin:0 auto;padding:0 24px}
header{padding-top:24px}
h1{font-size:1.7rem;margin:.2em 0}
h2{font-size:1.35rem;border-bottom:1px solid var(--line);padding-bottom:.2em;margin-top:2em}
h3{font-size:1.15rem;margin-top:1.6em}
h4{font-size:1.05rem;margin:1.4em 0 .2em}
h5{font-size:1rem;margin:0 0 .2em}
code{font:.85em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--soft);padding:0 .25em;border-radius:4px;overflow-wrap:anywhere}
.muted,.meta{color:var(--muted)}
.meta{font-size:.88em;margin:.1em 0 .5em}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:.5em 0 1em}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0;overflow-wrap:anywhere}
nav ul{list-style:none;padding:0;display:flex;gap:16px;flex-wrap:wrap}
.badge{display:inline-block;border:1px solid currentColor;border-radius:999px;padding:0 .55em;font-size:.8em;font-weight:600;white-space:nowrap;background:#fff;vertical-align:1px}
.s-pass{color:#1a7f37}.s-at-risk{color:#9a6700}.s-fail{color:#cf222e}.s-unknown{color:#8250df}.s-unverified{color:#0969da}.s-n-a{color:#59636e}
.gate{border:2px solid;border-radius:8px;padding:8px 16px;margin:12px 0}
.gate h2,.gate h3{border:0;margin:.2em 0;font-size:1.3rem}
.gate-good{border-color:#1a7f37;background:#dafbe1}.gate-good h2,.gate-good h3{color:#116329}
.gate-risk{border-color:#9a6700;background:#fff8c5}.gate-risk h2,.gate-risk h3{color:#7d4e00}
.gate-bad{border-color:#cf222e;background:#ffebe9}.gate-bad h2,.gate-bad h3{color:#a40e26}
.gate-unknown{border-color:#8250df;background:#fbefff}.gate-unknown h2,.gate-unknown h3{color:#6639ba}
.legend{list-style:none;padding:0;display:flex;gap:18px;flex-wrap:wrap;font-size:.9em}
.legend svg{vertical-align:-2px}
.chart{max-width:100%;height:auto;display:block;margin:8px 0}
.chart .row-label{font-size:13px;fill:var(--fg)}
.chart .seg-n{font-size:11px;fill:#fff;font-weight:700}
.chart .row-total,.chart .axis{font-size:11px;fill:var(--muted)}
.chart .row-mark.s-pass{fill:#1a7f37}.chart .row-mark.s-at-risk{fill:#9a6700}.chart .row-mark.s-fail{fill:#cf222e}.chart .row-mark.s-unknown{fill:#8250df}
table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:.9em}
caption{text-align:left;font-weight:600;padding:4px 0;color:var(--muted)}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
thead th{background:var(--soft)}
td.num,th.num{text-align:center}
ul.reasons{margin:0;padding-left:1.2em}
ul.topics{list-style:none;padding:0;margin:0}
li.topic{border:1px solid var(--line);border-left:6px solid #8c959f;border-radius:6px;padding:8px 12px;margin:8px 0}
li.t-fail{border-left-color:#cf222e}li.t-at-risk{border-left-color:#d4a72c}li.t-unknown{border-left-color:#8250df}li.t-unverified{border-left-color:#0969da}
ul.findings{padding-left:1.2em;margin:.4em 0}
ul.findings li{margin:.25em 0}
.field{font-size:.88em;color:var(--muted)}
.rule{color:var(--muted);font-size:.88em}
ul.passing{list-style:none;padding:0;margin:.3em 0;font-size:.88em;color:#1a7f37}
ul.passing li::before{content:"✔ "}
.fix{background:var(--soft);border-radius:6px;padding:4px 12px;margin:8px 0}
.fix p{margin:.35em 0}
.also{font-size:.92em;margin:.4em 0}
.more{color:var(--muted);font-style:italic}
ol.fix-first{padding-left:1.6em}
ol.fix-first li{margin:.45em 0}
li.fix-item.blocks .message{font-weight:600}
footer{color:var(--muted);font-size:.85em;padding:24px;border-top:1px solid var(--line);margin-top:32px}
a{color:#0969da}
@media print{
  @page{margin:14mm}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  body{font-size:10.5pt}
  header,main,footer{max-width:none;padding:0}
  nav{display:none}
  #topics,#unread{break-before:page}
  .phase,.gate,li.topic,tr,.chart,.fix{break-inside:avoid}
  h2,h3,h4,h5{break-after:avoid}
  a[href^="http"]::after{content:" <" attr(href) ">";font-size:.8em;color:var(--muted);word-break:break-all}
}
`;

const REQUIREMENT_WORD: Record<RequirementStatus, string> = { pass: 'pass', fail: 'fail', unknown: 'unknown', manual: 'attestation', waived: 'waived', 'n/a': 'n/a' };
const REQUIREMENT_BADGE: Record<RequirementStatus, TopicStatus> = { pass: 'pass', fail: 'fail', unknown: 'unknown', manual: 'unverified', waived: 'at-risk', 'n/a': 'n/a' };

/** Each judged framework profile: coverage beside the result, then a table of every requirement with its evidence. */
function frameworksPart(report: AuditReport): string {
  const frs = report.frameworks ?? [];
  if (!frs.length) return '';
  const evidence = (r: RequirementResult) =>
    r.evidence
      .map((e) => (e.kind === 'rule' ? `<code>${h(e.id)}</code> ${h(e.status)}` : e.kind === 'topic' ? `topic <code>${h(e.id)}</code> ${h(e.status)}` : `guardrail ${h(e.status)}: ${h(e.reason)}`))
      .join('<br>');
  const parts = frs.map((fr, n) => {
    const rows = fr.requirements.map(
      (r) =>
        `<tr><td><span class="badge ${r.attestation?.met && r.status === 'manual' ? 'pass' : REQUIREMENT_BADGE[r.status]}">${h(r.attestation?.met && r.status === 'manual' ? 'attested' : REQUIREMENT_WORD[r.status])}</span></td><td>${h(r.id)}</td><td>${h(r.title)}${r.section ? `<br><small>${h(r.section)}</small>` : ''}</td><td>${h(r.appliesTo.join(', '))}</td><td>${h(r.reason)}</td><td>${evidence(r)}</td></tr>`,
    );
    return (
      `<h3 id="fw-${n}">${h(frameworkTitle(fr))} <small>(${h(fr.id)})</small></h3>` +
      `<p><strong>Coverage:</strong> ${h(coverageText(fr.coverage))}. <strong>Result:</strong> ${h(resultText(fr))}. A view of this audit's evidence, not a certification.</p>` +
      `<table class="requirements" aria-labelledby="fw-${n}"><thead><tr><th scope="col">Status</th><th scope="col">Requirement</th><th scope="col">What good looks like</th><th scope="col">Applies to</th><th scope="col">Why</th><th scope="col">Evidence</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
    );
  });
  return `<section id="frameworks" aria-labelledby="h-frameworks"><h2 id="h-frameworks">Frameworks</h2>${parts.join('')}</section>`;
}

/** The "Judged as" line and its notes, under the facts. */
function judgedPart(report: AuditReport): string {
  const j = judgedAs(report);
  if (!j) return '';
  return `<p class="judged">${h(j.line)}</p>${j.notes.length ? `<ul class="judged-notes">${j.notes.map((n) => `<li>${h(n)}</li>`).join('')}</ul>` : ''}`;
}

export function renderHtml(report: AuditReport, opts: { fleet?: boolean } = {}): string {
  const t = report.tenant;
  const title = `Auth0 readiness — ${t.domain}`;
  const facts: [string, string][] = [
    ['Tenant', t.domain],
    ['Environment', t.environment],
    ['Plan', report.plan],
    ['Source', `${t.source}${t.path ? ` (${t.path})` : ''}`],
    ['Tenant read', readableDate(report.collectedAt)],
    ['Report generated', readableDate(report.generatedAt)],
    ['Tool', `${report.tool.name} ${report.tool.version}`],
  ];
  const s = report.summary;
  const fix = fixFirstOf(report);
  const summary = `Milestones: ${s.milestones.satisfied} satisfied, ${s.milestones['satisfied-with-risks']} with risks, ${s.milestones['not-satisfied']} not satisfied, ${s.milestones.unknown} unknown. Findings: ${s.findings.fail} failing, ${s.findings.unknown + s.findings.error} not evaluated, ${s.findings.pass} passing, ${s.findings['n/a']} n/a${s.findings.waived ? `, ${s.findings.waived} waived` : ''}.`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<meta name="generator" content="${h(`${report.tool.name} ${report.tool.version}`)}">`,
    `<title>${h(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>Auth0 readiness report</h1>`,
    `<dl class="facts">${facts.map(([k, v]) => `<dt>${h(k)}</dt><dd>${h(v)}</dd>`).join('')}</dl>`,
    gateBlock(report, fix, 'h-gate-top', 'h2', !!opts.fleet),
    judgedPart(report),
    reliesOnPart(report),
    `<p>${h(summary)}</p>`,
    `<nav aria-label="Contents"><ul><li><a href="#fix-first">Fix first</a></li><li><a href="#milestones">Milestones</a></li><li><a href="#topics">Topics</a></li><li><a href="#unread">Not read</a></li>${orgPolicyGroups(report).length ? '<li><a href="#org-policy">Organisation policy</a></li>' : ''}${report.frameworks?.length ? '<li><a href="#frameworks">Frameworks</a></li>' : ''}<li><a href="#gate">Gate</a></li></ul></nav>`,
    '</header>',
    '<main>',
    fixFirstPart(report, fix),
    milestonesPart(report),
    topicsPart(report),
    unreadPart(report),
    liveAuditPart(report),
    frameworksPart(report),
    orgPolicyPart(report),
    `<section id="gate" aria-labelledby="h-gate"><h2 id="h-gate">Gate</h2>${gateBlock(report, fix, 'h-gate-result', 'h3', !!opts.fleet)}</section>`,
    '</main>',
    `<footer>${h(`${report.tool.name} ${report.tool.version}`)} · report schema v${report.schemaVersion} · generated ${h(readableDate(report.generatedAt))}</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
