/**
 * The fix-first list: the path from the tenant to its target milestone, computed once from the
 * report and carried in it (`report.fixFirst`), so every format opens with the same list.
 *
 * - Target: the `--require`d milestone, else the first milestone not satisfied, in plan order,
 *   up to the first Go-Live (none when all of those are satisfied).
 * - Items: the failing findings, deduplicated by rule and resource (the worst finding of a rule on
 *   one resource stands for it), then one finding on many resources grouped into one item (same
 *   rule, message and severity) with a count and the first few names. Each item names the topics
 *   it holds back (failing or at risk) and the earliest milestone per phase they keep back.
 * - Order: blocks the target (a blocker on one of its topics) → touches the target → severity →
 *   how many topics it holds back → how many resources → rule id. Topic statuses are read as the
 *   milestone judges them (Milestones 1–2 before Go-Live); a production-only finding never holds
 *   back Milestones 1–2.
 * - Then what needs an attestation for the target, and what could not be checked (the scopes to grant).
 *
 * A pure function of the report (ids, titles and statuses only).
 */
import { needsLiveAudit } from '../engine/live-audit.js';
import { atLeast, SEVERITY_RANK } from '../engine/status.js';
import { findingsByTopic, milestoneLabel } from './common.js';
import type { AuditReport, FixFirst, FixItem, ReportFinding, ReportMilestone } from './schema.js';

/** Resources named on an item before "and N more". */
export const FIX_RESOURCES_SHOWN = 5;

const SATISFIED = new Set(['satisfied', 'satisfied-with-risks']);

/** The milestone the list leads to. */
export function targetMilestone(report: AuditReport): ReportMilestone | undefined {
  if (report.gate.require) return report.milestones.find((m) => m.id === report.gate.require);
  for (const m of report.milestones) {
    if (!SATISFIED.has(m.status)) return m;
    if (/go-live$/.test(m.id)) return undefined;
  }
  return undefined;
}

/** `client` → `clients`, `email-template` → `email templates`, `policy` → `policies`. */
export function typeNoun(type: string, n: number): string {
  const word = type.replace(/[-_]/g, ' ');
  if (n === 1) return word;
  return /[^aeiou]y$/.test(word) ? `${word.slice(0, -1)}ies` : /(s|x|ch|sh)$/.test(word) ? `${word}es` : `${word}s`;
}

/**
 * A group of resources failing alike, in words: "2 clients have localhost or plain-http callback
 * URLs". A rule without a summary for the message: the count and the first resource's message.
 */
function groupSummary(resources: readonly { type: string }[], predicate: string | undefined, firstMessage: string): string {
  const types = [...new Set(resources.map((r) => r.type))];
  const subject = types.length === 1 ? typeNoun(types[0] ?? 'resource', resources.length) : `${resources.length === 1 ? 'resource' : 'resources'}`;
  return predicate ? `${resources.length} ${subject} ${predicate}` : `${resources.length} ${subject} fail alike, e.g. ${firstMessage}`;
}

const resourceKey = (f: ReportFinding): string => (f.resource ? `${f.resource.type}\u0000${f.resource.id}` : '');

export function computeFixFirst(report: AuditReport): FixFirst {
  const target = targetMilestone(report);
  const targetTopics = new Set(target?.topics ?? []);
  const rules = new Map((report.rules ?? []).map((r) => [r.id, r]));
  const topicById = new Map(report.topics.map((t) => [t.id, t]));
  // A topic's status as a milestone judges it: Milestones 1–2 before Go-Live, the others at Go-Live.
  const statusAt = (id: string, m: ReportMilestone | undefined) => {
    const t = topicById.get(id);
    return m?.judged === 'before-go-live' ? (t?.beforeGoLive?.status ?? t?.status) : t?.status;
  };
  const judgedAtTarget = (id: string) => statusAt(id, target);

  // Finding index → the topics it counts for (its own, and the revisits that re-run its rule).
  const topicsOf = new Map<ReportFinding, string[]>();
  for (const [topicId, fs] of findingsByTopic(report)) {
    for (const f of fs) {
      const l = topicsOf.get(f);
      if (l) l.push(topicId);
      else topicsOf.set(f, [topicId]);
    }
  }

  // 1. One finding per rule and resource: the worst.
  const byRuleResource = new Map<string, ReportFinding>();
  for (const f of report.findings) {
    if (f.status !== 'fail') continue;
    const k = `${f.ruleId}\u0000${resourceKey(f)}`;
    const had = byRuleResource.get(k);
    if (!had || SEVERITY_RANK[f.severity] > SEVERITY_RANK[had.severity]) byRuleResource.set(k, f);
  }

  // 2. Group one rule's message over many resources.
  interface Group {
    first: ReportFinding;
    findings: ReportFinding[];
  }
  const groups = new Map<string, Group>();
  for (const f of byRuleResource.values()) {
    const k = `${f.ruleId}\u0000${f.messageId}\u0000${f.severity}`;
    const g = groups.get(k);
    if (g) g.findings.push(f);
    else groups.set(k, { first: f, findings: [f] });
  }

  const milestonesOfTopic = new Map<string, ReportMilestone[]>();
  for (const m of report.milestones) {
    if (SATISFIED.has(m.status)) continue;
    for (const t of m.topics) {
      const l = milestonesOfTopic.get(t);
      if (l) l.push(m);
      else milestonesOfTopic.set(t, [m]);
    }
  }

  const items: (FixItem & { rank: number[] })[] = [...groups.values()].map(({ first, findings }) => {
    // A finding shown at the first Go-Live as advice (its topics are planned later) holds back only its own topics.
    const touched = [...new Set(findings.flatMap((f) => (f.context?.firstGoLiveAdvice ? f.topicIds : (topicsOf.get(f) ?? f.topicIds))))];
    // A production-only check (or a live feature's Go-Live finding) never holds back Milestones 1–2.
    const goLiveOnly = findings.every((f) => f.context?.production);
    const counts = (m: ReportMilestone | undefined) => !(goLiveOnly && m?.judged === 'before-go-live');
    // Advice never makes a topic fail or put it at risk: it holds nothing back.
    const heldBack = first.severity === 'advice' ? [] : touched.filter((id) => {
      const s = targetTopics.has(id) && counts(target) ? judgedAtTarget(id) : topicById.get(id)?.status;
      return s === 'fail' || s === 'at-risk';
    });
    const blocksTarget = counts(target) && first.severity === 'blocker' && touched.some((id) => targetTopics.has(id) && judgedAtTarget(id) === 'fail');
    const inTarget = counts(target) && heldBack.some((id) => targetTopics.has(id));
    // The earliest not-satisfied milestone per phase among those holding a held-back topic.
    const ms = new Map<string, ReportMilestone>();
    for (const m of report.milestones) {
      if (ms.has(m.phase) || SATISFIED.has(m.status) || !counts(m)) continue;
      if (heldBack.some((t) => (milestonesOfTopic.get(t) ?? []).includes(m) && ['fail', 'at-risk'].includes(statusAt(t, m) ?? ''))) ms.set(m.phase, m);
    }
    const resources = findings.flatMap((f) => (f.resource ? [f.resource] : []));
    const location = findings.find((f) => f.location)?.location;
    const predicate = rules.get(first.ruleId)?.failSummary?.[first.messageId];
    return {
      ruleId: first.ruleId,
      title: first.title,
      messageId: first.messageId,
      message: first.message,
      summary: resources.length > 1 ? groupSummary(resources, predicate, first.message) : first.message,
      severity: first.severity,
      blocksTarget,
      inTarget,
      failsGate: report.gate.failOn !== 'none' && atLeast(first.severity, report.gate.failOn),
      count: resources.length,
      resources: resources.slice(0, FIX_RESOURCES_SHOWN),
      topics: heldBack.map((id) => ({ id, title: topicById.get(id)?.title ?? id })),
      milestones: [...ms.values()].map((m) => ({ id: m.id, title: milestoneLabel(report, m) })),
      ...(location ? { location } : {}),
      rank: [Number(blocksTarget), Number(inTarget), SEVERITY_RANK[first.severity], heldBack.length, resources.length],
    };
  });
  items.sort((a, b) => {
    for (let i = 0; i < a.rank.length; i++) {
      const d = (b.rank[i] ?? 0) - (a.rank[i] ?? 0);
      if (d) return d;
    }
    return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0;
  });

  // Attestations the target waits for: its required topics that need one and have none current
  // (whatever else their status: an unknown topic still needs its attestation), and its special
  // attestations. A report saved before topics carried `attestation` falls back to `unverified`.
  const attest: { id: string; title: string }[] = [];
  if (target) {
    for (const id of target.topics) {
      const t = topicById.get(id);
      if (!t || !t.required || judgedAtTarget(id) === 'n/a') continue;
      const waits = t.attestation !== undefined ? t.attestation === 'missing' || t.attestation === 'in-progress' : judgedAtTarget(id) === 'unverified';
      if (waits) attest.push({ id, title: t.title });
    }
    for (const a of target.attestations ?? []) {
      if (a.state === 'missing' || a.state === 'in-progress') attest.push({ id: a.id, title: `${a.id} attestation (${a.state.replace(/-/g, ' ')})` });
    }
    // Attestations a Go-Live judgement of a target topic rests on (admin MFA, status subscription, …).
    if (target.judged !== 'before-go-live') {
      for (const id of target.topics) {
        for (const a of topicById.get(id)?.goLiveAttestations ?? []) {
          if (!attest.some((x) => x.id === a.id)) attest.push({ id: a.id, title: `${a.id} attestation (${a.state.replace(/-/g, ' ')}, recommended before Go-Live)` });
        }
      }
    }
  }

  // What the source can never hold is not "unchecked": the report lists it under needsLiveAudit.
  const unread = report.resources.filter((r) => r.status !== 'ok' && r.status !== 'out-of-reach');
  const unknownRules = new Map<string, string>();
  for (const f of report.findings) if ((f.status === 'unknown' || f.status === 'error') && !needsLiveAudit(f)) unknownRules.set(f.ruleId, f.title);
  return {
    ...(target ? { target: { id: target.id, title: milestoneLabel(report, target), status: target.status, required: !!report.gate.require } } : {}),
    items: items.map(({ rank: _rank, ...item }) => item),
    attest,
    unchecked: {
      resources: unread.map((r) => ({ key: r.key, title: r.title, status: r.status, ...(r.reason ? { reason: r.reason } : {}) })),
      scopes: [...new Set(unread.flatMap((r) => r.scopes ?? []))].sort(),
      rules: [...unknownRules].map(([id, title]) => ({ id, title })),
    },
  };
}

/** The report's fix-first list; computed for a report saved before it was carried. */
export function fixFirstOf(report: AuditReport): FixFirst {
  return report.fixFirst ?? computeFixFirst(report);
}
