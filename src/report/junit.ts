/**
 * The JUnit XML report, for CI test tabs (GitLab, Jenkins, Azure DevOps, GitHub test reporters).
 * Each topic is counted once: one `<testsuite>` per milestone with one `<testcase>` per topic
 * whose workstream closes that milestone (milestones are cumulative, so a topic also counts
 * towards later ones). classname = workstream id, name = topic id and title. A last suite,
 * `milestones`, has one passing case per milestone with its status and all the topics it counts
 * (`milestone.topics`) in properties: a summary that never fails (the topics do). Cases carry no
 * `<properties>`: the Ant/Surefire schema has none on a testcase.
 * Topic status → JUnit outcome:
 *
 *   pass        passed (attestation or waiver notes in `<system-out>`)
 *   at-risk     passed, the failing warnings in `<system-out>`
 *   fail        `<failure>` with the deciding findings and reasons
 *   unknown     `<error>` with the findings that could not be evaluated and what was not read
 *   unverified  `<skipped message="needs an attestation">`, or `<failure>` when the topic is required
 *   n/a         `<skipped>` with the reason
 *
 * Counts on `<testsuite>` and `<testsuites>` add up (tests = passed + failures + errors + skipped).
 * A pure function of the report; the order of everything is the report's order.
 */
import { atLeast, FINDING_RANK, SEVERITY_RANK } from '../engine/status.js';
import type { AuditReport, FrameworkResult, ReportFinding, ReportMilestone, ReportTopic } from './schema.js';
import { coverageText, frameworkTitle, resultText } from './frameworks.js';
import { findingsByTopic, orgPolicyGroups, orgPolicyTally, reasonOf, topicReasons } from './common.js';
import { headline, verdictOf } from './verdict.js';

type Outcome =
  | { kind: 'passed'; out?: string }
  | { kind: 'failure' | 'error' | 'skipped'; message: string; type: string; body: string; out?: string };

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

/** Characters XML 1.0 does not allow at all (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F). */
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escape text content. */
export function xmlText(s: string): string {
  return s.replace(INVALID_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escape an attribute value (double-quoted); line breaks survive attribute normalisation. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

const attrs = (a: Record<string, string | number>): string =>
  Object.entries(a)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');

function showValue(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s === undefined ? '' : s.length > 200 ? `${s.slice(0, 199)}…` : s;
}

function describe(f: ReportFinding): string[] {
  const lines = [`- [${f.status === 'fail' ? f.severity : f.status}] ${f.ruleId}: ${f.message}`];
  if (f.resource) lines.push(`    resource: ${f.resource.type} ${f.resource.id}${f.resource.name !== undefined ? ` (${f.resource.name})` : ''}`);
  if (f.field !== undefined) lines.push(`    field: ${f.field}${f.value !== undefined ? ` = ${showValue(f.value)}` : ''}`);
  for (const m of f.missing ?? []) lines.push(`    not read: ${m.key} (${m.reason}): ${m.detail}${m.scopes?.length ? ` [scopes: ${m.scopes.join(', ')}]` : ''}`);
  return lines;
}

function byWeight(a: ReportFinding, b: ReportFinding): number {
  return FINDING_RANK[b.status] - FINDING_RANK[a.status] || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity];
}

function body(heading: string, findings: ReportFinding[], reasons: string[]): string {
  const said = new Set(findings.map(reasonOf));
  const rest = reasons.filter((r) => !said.has(r));
  const out = [heading];
  if (findings.length) out.push('', 'Findings:', ...findings.flatMap(describe));
  if (rest.length) out.push('', 'Reasons:', ...rest.map((r) => `- ${r}`));
  return out.join('\n');
}

function outcome(report: AuditReport, topic: ReportTopic, fs: ReportFinding[]): Outcome {
  // The prerequisites that hold it back come first, worded from the report's data.
  const t = { ...topic, reasons: topicReasons(report, topic, { ids: true }).map((r) => r.text) };
  const title = `${t.title} (${t.id})`;
  const failing = fs.filter((f) => f.status === 'fail').sort(byWeight);
  const warnings = failing.filter((f) => f.severity === 'warning');
  switch (t.status) {
    case 'pass':
      return t.reasons.length ? { kind: 'passed', out: t.reasons.join('\n') } : { kind: 'passed' };
    case 'at-risk': {
      const out = warnings.length ? body(`${title} passes with risks.`, warnings, t.reasons) : [`${title} passes with risks.`, ...t.reasons.map((r) => `- ${r}`)].join('\n');
      return { kind: 'passed', out };
    }
    case 'fail': {
      const deciding = failing.filter((f) => f.severity === 'blocker');
      return {
        kind: 'failure',
        type: 'fail',
        message: t.reasons[0] ?? `${t.id} fails`,
        body: body(`${title} fails.`, deciding.length ? deciding : failing, t.reasons),
      };
    }
    case 'unknown': {
      const unknown = fs.filter((f) => f.status === 'unknown' || f.status === 'error');
      return {
        kind: 'error',
        type: 'unknown',
        message: t.reasons[0] ?? `${t.id} could not be evaluated`,
        body: body(`${title} could not be evaluated: it may hide ${t.worstCase === 'at-risk' ? 'a risk' : 'a failure'}.`, unknown, t.reasons),
      };
    }
    case 'unverified':
      return t.required
        ? {
            kind: 'failure',
            type: 'unverified',
            message: `required and not attested: ${t.reasons[0] ?? 'needs an attestation'}`,
            body: body(`${title} is required by its milestone and has no attestation.`, [], t.reasons),
          }
        : { kind: 'skipped', type: 'unverified', message: 'needs an attestation', body: t.reasons.join('\n') };
    case 'n/a':
      return { kind: 'skipped', type: 'n/a', message: t.reasons[0] ?? t.scope.reason, body: t.reasons.join('\n') };
  }
}

function testcase(t: ReportTopic, o: Outcome, ind: string): string {
  const open = `${ind}<testcase${attrs({ classname: t.workstream, name: `${t.id}: ${t.title}`, time: 0 })}`;
  const inner: string[] = [];
  if (o.kind !== 'passed') {
    // <skipped> carries no type in the Jenkins/Surefire schema: the message says it all.
    const a: Record<string, string> = o.kind === 'skipped' ? { message: o.message } : { message: o.message, type: o.type };
    inner.push(o.body ? `${ind}  <${o.kind}${attrs(a)}>${xmlText(o.body)}</${o.kind}>` : `${ind}  <${o.kind}${attrs(a)}/>`);
  }
  if (o.out) inner.push(`${ind}  <system-out>${xmlText(o.out)}</system-out>`);
  return inner.length ? `${open}>\n${inner.join('\n')}\n${ind}</testcase>` : `${open}/>`;
}

function count(c: Counts, o: Outcome): void {
  c.tests++;
  if (o.kind === 'failure') c.failures++;
  else if (o.kind === 'error') c.errors++;
  else if (o.kind === 'skipped') c.skipped++;
}

/** Ant/Jenkins timestamps carry no zone; the report's are UTC. */
const timestamp = (iso: string): string => iso.replace(/(\.\d+)?Z$/, '');

export function renderJunit(report: AuditReport): string {
  const findingsOf = findingsByTopic(report);
  const outcomes = new Map(report.topics.map((t) => [t.id, outcome(report, t, findingsOf.get(t.id) ?? [])]));

  const total: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  // The milestones each topic counts towards, and the one its workstream closes.
  const memberOf = new Map<string, string[]>();
  for (const m of report.milestones) for (const id of m.topics) memberOf.set(id, [...(memberOf.get(id) ?? []), m.id]);
  const closes = new Map(report.workstreams.map((w) => [w.id, w.milestone]));
  const homeOf = (t: ReportTopic): string | undefined => {
    const c = closes.get(t.workstream);
    const member = memberOf.get(t.id) ?? [];
    return c && member.includes(c) ? c : member[0];
  };
  const topicsOf = new Map<string, ReportTopic[]>();
  for (const t of report.topics) {
    const home = homeOf(t);
    if (home) topicsOf.set(home, [...(topicsOf.get(home) ?? []), t]);
  }
  const suites = report.milestones.map((m, i) => suite(report, m, i, topicsOf.get(m.id) ?? [], outcomes, total));
  const org = orgSuite(report, report.milestones.length, total);
  if (org) suites.push(org);
  suites.push(summarySuite(report, report.milestones.length + (org ? 1 : 0), total));
  (report.frameworks ?? []).forEach((fr, i) => suites.push(frameworkSuite(report, fr, report.milestones.length + (org ? 2 : 1) + i, total)));
  const g = report.gate;
  const head =
    `<testsuites${attrs({
      name: `${report.tool.name} ${report.tenant.domain} (${report.plan})`,
      tests: total.tests,
      failures: total.failures,
      errors: total.errors,
      skipped: total.skipped,
      time: 0,
    })}>`;
  const comment = `<!-- ${xmlComment(`${report.tool.name} ${report.tool.version}: ${headline(verdictOf(report)).text}${g.reasons.length ? ` ${g.reasons.join('; ')}` : ''}`)} -->`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', comment, head, ...suites, '</testsuites>', ''].join('\n');
}

/**
 * The organisation policies that name no topic: one case per policy. Failing at or above the
 * gate's `failOn` is a `<failure>`; failing below it passes with the findings in `<system-out>`
 * (as a topic at risk); not evaluated is an `<error>`; nothing to check is `<skipped>`.
 */
function orgSuite(report: AuditReport, index: number, total: Counts): string | undefined {
  const groups = orgPolicyGroups(report);
  if (!groups.length) return undefined;
  const c: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const failOn = report.gate.failOn;
  const cases = groups.map((g) => {
    const title = `${g.title} (${g.id})`;
    const failing = g.findings.filter((f) => f.status === 'fail');
    const unknown = g.findings.filter((f) => f.status === 'unknown' || f.status === 'error');
    let o: Outcome;
    if (failing.length && failOn !== 'none' && failing.some((f) => atLeast(f.severity, failOn))) {
      o = { kind: 'failure', type: 'fail', message: `${orgPolicyTally(g)}: ${failing[0]!.message}`, body: body(`${title} fails.`, failing, []) };
    } else if (unknown.length) {
      o = { kind: 'error', type: 'unknown', message: unknown[0]!.message, body: body(`${title} could not be evaluated.`, unknown, []) };
    } else if (failing.length) {
      o = { kind: 'passed', out: body(`${title}: ${orgPolicyTally(g)} (${g.severity}, below the gate's ${failOn}).`, failing, []) };
    } else if (g.status === 'n/a') {
      o = { kind: 'skipped', type: 'n/a', message: g.findings[0]?.message ?? 'nothing to check', body: '' };
    } else {
      o = { kind: 'passed', out: `${title}: ${orgPolicyTally(g)}.` };
    }
    count(c, o);
    return testcase({ workstream: 'org-policy', id: g.id, title: g.title } as ReportTopic, o, '    ');
  });
  total.tests += c.tests;
  total.failures += c.failures;
  total.errors += c.errors;
  total.skipped += c.skipped;
  return [
    `  <testsuite${attrs({ name: 'Organisation policy', tests: c.tests, failures: c.failures, errors: c.errors, skipped: c.skipped, time: 0, timestamp: timestamp(report.generatedAt), hostname: report.tenant.domain, id: index, package: 'org-policy' })}>`,
    ...cases,
    '  </testsuite>',
  ].join('\n');
}

/**
 * A framework profile: one case per requirement. A failing requirement is a failure, one that
 * could not be judged an error, one that waits for an attestation or is n/a (out of scope
 * included) is skipped with the reason.
 */
function frameworkSuite(report: AuditReport, fr: FrameworkResult, index: number, total: Counts): string {
  const c: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const cases = fr.requirements.map((r) => {
    const o: Outcome =
      // A requirement met by a current attestation passes (the attestation says so in its output).
      r.status === 'pass' || (r.status === 'manual' && r.attestation?.met)
        ? { kind: 'passed', ...(r.status === 'manual' ? { out: r.reason } : {}) }
        : r.status === 'fail'
          ? { kind: 'failure', type: 'fail', message: r.reason, body: evidenceText(r) }
          : r.status === 'unknown'
            ? { kind: 'error', type: 'unknown', message: r.reason, body: evidenceText(r) }
            : { kind: 'skipped', type: r.status, message: r.reason, body: '' };
    count(c, o);
    const open = `    <testcase${attrs({ classname: `${fr.id}${r.section ? `.${r.section}` : ''}`, name: `${r.id}: ${r.title}`, time: 0 })}`;
    if (o.kind === 'passed') return o.out ? `${open}>\n      <system-out>${xmlText(o.out)}</system-out>\n    </testcase>` : `${open}/>`;
    const a: Record<string, string> = o.kind === 'skipped' ? { message: o.message } : { message: o.message, type: o.type };
    return `${open}>\n      ${o.body ? `<${o.kind}${attrs(a)}>${xmlText(o.body)}</${o.kind}>` : `<${o.kind}${attrs(a)}/>`}\n    </testcase>`;
  });
  total.tests += c.tests;
  total.failures += c.failures;
  total.errors += c.errors;
  total.skipped += c.skipped;
  const props: [string, string][] = [
    ['framework', fr.framework],
    ['version', fr.version],
    ['profile', fr.id],
    ['coverage', coverageText(fr.coverage)],
    ['result', resultText(fr)],
  ];
  return suiteXml({ name: `${frameworkTitle(fr)} (${fr.id})`, ...c, time: 0, timestamp: timestamp(report.generatedAt), hostname: report.tenant.domain, id: index, package: `framework.${fr.framework}` }, props, cases);
}

/** A `<testsuite>` with its properties and cases. */
function suiteXml(a: Record<string, string | number>, props: readonly [string, string][], cases: readonly string[]): string {
  return [`  <testsuite${attrs(a)}>`, '    <properties>', ...props.map(([name, value]) => `      <property${attrs({ name, value })}/>`), '    </properties>', ...cases, '  </testsuite>'].join('\n');
}

function evidenceText(r: FrameworkResult['requirements'][number]): string {
  return r.evidence
    .filter((e) => e.status === 'fail' || e.status === 'unknown')
    .flatMap((e) => (e.kind === 'rule' ? [`${e.id}: ${e.status}${e.reason ? ` (${e.reason})` : ''}`, ...e.findings.map((f) => `  - ${f.status}: ${f.message}`)] : e.kind === 'topic' ? [`topic ${e.id}: ${e.status}`] : [`guardrail: ${e.reason}`]))
    .join('\n');
}

/** A comment may not contain `--` nor end with `-`. */
function xmlComment(s: string): string {
  return s.replace(INVALID_XML, '\uFFFD').replace(/-(?=-)/g, '- ').replace(/-$/, '- ');
}

/** The milestones as a summary: one passing case each, the status in properties and output. */
function summarySuite(report: AuditReport, index: number, total: Counts): string {
  const cases = report.milestones.map((m) => {
    const out = [`${m.title} (${m.id}): ${m.status.replace(/-/g, ' ')}${m.inferred ? ' (inferred milestone)' : ''}`, ...m.reasons.map((r) => `- ${r}`)].join('\n');
    return [
      `    <testcase${attrs({ classname: 'milestones', name: `${m.title} (${m.id})`, time: 0 })}>`,
      `      <system-out>${xmlText(out)}</system-out>`,
      '    </testcase>',
    ].join('\n');
  });
  total.tests += cases.length;
  const props: [string, string][] = report.milestones.flatMap((m): [string, string][] => [
    [`${m.id}.status`, m.status],
    [`${m.id}.topics`, m.topics.join(' ')],
  ]);
  return suiteXml({ name: 'milestones (summary: the topics above decide them)', tests: cases.length, failures: 0, errors: 0, skipped: 0, time: 0, timestamp: timestamp(report.generatedAt), hostname: report.tenant.domain, id: index, package: 'milestones' }, props, cases);
}

function suite(
  report: AuditReport,
  m: ReportMilestone,
  index: number,
  topics: ReportTopic[],
  outcomes: Map<string, Outcome>,
  total: Counts,
): string {
  const c: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const cases: string[] = [];
  for (const t of topics) {
    const o = outcomes.get(t.id);
    if (!o) continue;
    count(c, o);
    cases.push(testcase(t, o, '    '));
  }
  total.tests += c.tests;
  total.failures += c.failures;
  total.errors += c.errors;
  total.skipped += c.skipped;
  const g = report.gate;
  const props: [string, string][] = [
    ['tenant', report.tenant.domain],
    ['environment', report.tenant.environment],
    ['plan', report.plan],
    ['phase', m.phase],
    ['milestone.status', m.status],
    ['milestone.inferred', String(m.inferred)],
    ...m.reasons.map((r, i): [string, string] => [`milestone.reason.${i + 1}`, r]),
    ['gate.passed', String(g.passed)],
    ...(g.require ? [['gate.require', g.require] as [string, string]] : []),
    ['gate.failOn', g.failOn],
  ];
  const out = [`Milestone ${m.id} (${m.title}): ${m.status}${m.inferred ? ' (inferred milestone)' : ''}`, ...m.reasons.map((r) => `- ${r}`)].join('\n');
  return [
    `  <testsuite${attrs({
      name: `${m.id}: ${m.title}`,
      tests: c.tests,
      failures: c.failures,
      errors: c.errors,
      skipped: c.skipped,
      time: 0,
      timestamp: timestamp(report.generatedAt),
      hostname: report.tenant.domain,
      id: index,
      package: m.phase,
    })}>`,
    '    <properties>',
    ...props.map(([name, value]) => `      <property${attrs({ name, value })}/>`),
    '    </properties>',
    ...cases,
    `    <system-out>${xmlText(out)}</system-out>`,
    '  </testsuite>',
  ].join('\n');
}
