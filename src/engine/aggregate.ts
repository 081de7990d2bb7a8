/**
 * Aggregation: findings → topic status → workstream → milestone (docs/statuses.md).
 * One pure function. Worst wins on the way up; an unknown is never promoted to a pass.
 *
 * A status is the worst that is CERTAIN; it is `unknown` only when what could not be judged could
 * make it worse than that (docs/statuses.md explains the rule and every decision below).
 *
 * Topic status, in order:
 * 1. Out of scope (its `in:` rule is false, or config says so) → `n/a`, with the reason.
 * 2. Certain, from judged findings: a failing blocker → `fail`; a failing warning → `at-risk`;
 *    otherwise passes, failing advice and waived findings → `pass`; only `n/a` findings → `n/a`.
 *    Certain, from the attestation an M/W topic needs (§3): current → pass, expired or without
 *    evidence → at-risk, in progress or missing → `unverified` (X topics: `unverified`). The
 *    worse of the two is the certain status. A proxy signal never passes a topic by itself.
 * 3. What could not be judged (`unknown` and `error` findings) could hide a `fail` at blocker
 *    level, an `at-risk` at warning level, nothing at advice level. If that is worse than the
 *    certain status, the topic is `unknown` and carries the range (`certain`, `worstCase`); if
 *    not, it keeps its certain status and lists the checks as "not evaluated" in its reasons.
 * 4. An A topic with no finding at all is `unknown` ("no rule evaluates it").
 * 5. Dependencies (§1.5, `precedes`): a topic whose prerequisite fails is `fail`; one whose
 *    prerequisite is unknown and could fail cannot be certain (it becomes `unknown`).
 *
 * Milestone, by the same rule: certain `not-satisfied` if a covered topic fails, a required topic
 * is unverified, or a special attestation it needs (prodcheck; env-tag on production) is missing;
 * certain `satisfied-with-risks` if one is at risk; else `satisfied`. It is `unknown` only if an
 * unknown topic, at its worst case, would make it worse than that.
 */
import type { MilestoneNode, PlanIndex, TopicNode } from '../catalog/index.js';
import type { Finding } from './evaluate.js';
import { needsLiveAudit } from './live-audit.js';
import type { AttestationState } from '../config/apply.js';
import { topicScope, type Facts, type ScopeConfig } from './scope.js';
import type { InUse } from './context.js';
import {
  MILESTONE_RANK,
  TOPIC_RANK,
  worstTopic,
  type Environment,
  type FindingStatus,
  type MilestoneStatus,
  type Severity,
  type TopicStatus,
} from './status.js';

export type FindingCounts = Record<FindingStatus, number>;

export interface TopicResult {
  id: string;
  title: string;
  phase: string;
  workstream: string;
  evidence: TopicNode['evidence'];
  status: TopicStatus;
  /** Why the topic has this status, most decisive first. */
  reasons: string[];
  /** Whether the topic is in scope, and why. */
  scope: { inScope: boolean | undefined; reason: string };
  required: boolean;
  /** Rules that evidence this topic in this audit. */
  rules: string[];
  counts: FindingCounts;
  /**
   * Only on an `unknown` topic: the worst status the evaluated evidence makes certain (`pass` =
   * nothing wrong was found), and the worst it could be once what was not judged is (`at-risk`
   * or `fail`). A topic is unknown only when `worstCase` is worse than `certain`.
   */
  certain?: TopicStatus;
  worstCase?: TopicStatus;
  /**
   * Only when it differs: the topic as Milestones 1–2 judge it, before Go-Live (without
   * production-only checks, live features planned later, and Go-Live attestations).
   */
  beforeGoLive?: { status: TopicStatus; reasons: string[] };
  /** A topic that needs an attestation (M, W topics): where it stands (`missing`: none in config). */
  attestation?: AttestationState['state'] | 'missing';
  /** Prerequisite topics that fail or could not be evaluated, and so hold this one back. */
  dependsOn?: { topic: string; status: 'fail' | 'unknown' }[];
  /** Special attestations a Go-Live judgement of this topic rests on that are not current (admin-mfa, …). */
  goLiveAttestations?: { id: string; state: AttestationState['state'] | 'missing' }[];
}

export interface WorkstreamResult {
  id: string;
  title: string;
  phase: string;
  milestone: string;
  status: TopicStatus;
  topics: string[];
}

export interface MilestoneResult {
  id: string;
  title: string;
  phase: string;
  inferred: boolean;
  status: MilestoneStatus;
  /** What keeps the milestone from `satisfied`, most decisive first. */
  reasons: string[];
  topics: string[];
  counts: Record<TopicStatus, number>;
  /** `before-go-live`: judged on the topics as Milestones 1–2 see them (their `beforeGoLive` view). */
  judged: 'before-go-live' | 'go-live';
  /** The special attestations the milestone needs (prodcheck; env-tag on production) not current. */
  attestations?: { id: string; state: AttestationState['state'] | 'missing' }[];
  /** `reasons` as data (an id and values), in the same order: renderers word them. */
  details: MilestoneReason[];
}

/** Why a milestone is not satisfied, as data. */
export type MilestoneReason =
  | { id: 'topic-fails' | 'topic-unattested' | 'topic-at-risk'; topic: string }
  | { id: 'topic-unknown'; topic: string; worstCase: 'fail' | 'at-risk' }
  | { id: 'attestation'; attestation: string; state: AttestationState['state'] | 'missing'; detail?: string }
  | { id: 'cannot-change'; topics: string[] };

export interface OutOfScope {
  topic: string;
  reason: string;
}

export interface AggregateInput {
  plan: PlanIndex;
  findings: readonly Finding[];
  facts: Facts;
  env: Environment;
  scopeConfig?: ScopeConfig;
  /** Topics the user took out of scope (config), with the reason. */
  outOfScope?: readonly OutOfScope[];
  /** Attestations by topic id or special id (`prodcheck`, `env-tag`, …), resolved against the clock. */
  attestations?: ReadonlyMap<string, AttestationState>;
  /** Shorthand for tests and simple callers: ids attested as current. */
  attested?: ReadonlySet<string>;
}

export interface Aggregate {
  topics: TopicResult[];
  workstreams: WorkstreamResult[];
  milestones: MilestoneResult[];
}

const emptyCounts = (): FindingCounts => ({ pass: 0, fail: 0, error: 0, unknown: 0, 'n/a': 0, waived: 0 });

/** Findings that evidence a topic: those naming it, or the P1 topic a P2 revisit re-runs. */
function findingsFor(topic: TopicNode, byTopic: Map<string, Finding[]>): Finding[] {
  return [...(byTopic.get(topic.id) ?? []), ...(topic.revisitOf ? (byTopic.get(topic.revisitOf) ?? []) : [])];
}

/**
 * Where a feature already in use is judged at the plan's first Go-Live, when the topics it is
 * planned under belong to a later phase (or to no topic of this plan): the Phase 1 topic whose
 * work it is part of. Suffixes after the plan id; the first one the plan has wins.
 */
const LIVE_HOME: Record<InUse | 'advice', readonly string[]> = {
  'social-login': ['p1.authentication.universal-login'],
  'phone-mfa': ['p1.authentication.universal-login'],
  mfa: ['p1.authentication.universal-login'],
  organizations: ['p1.provisioning.provision-organization', 'p1.authentication.application-integration'],
  passwords: ['p1.authentication.username-password'],
  'sign-up': ['p1.provisioning.self-sign-up', 'p1.authentication.username-password'],
  'legacy-extensibility': ['p1.authentication.universal-login'],
  advice: ['p1.authentication.universal-login'],
};

/**
 * Special attestations that a Go-Live judgement of a topic rests on (what the Management API
 * cannot show about the people and processes around the tenant). Missing, in progress, expired
 * or without evidence, they put the topic at risk in the production view; Milestones 1–2 do not
 * ask for them.
 */
export const TOPIC_ATTESTATIONS: Readonly<Record<string, string>> = {
  'admin-mfa': 'p1.architecture.tenant-provision',
  'admin-review': 'p1.architecture.tenant-provision',
  'status-subscription': 'p1.operations.monitoring',
};

/** The Phase 1 home topic of a live (or first-Go-Live advice) finding in this plan, if it needs one. */
export function liveHome(plan: PlanIndex, f: Pick<Finding, 'topicIds' | 'context'>, inUse: InUse | undefined): string | undefined {
  const key = f.context?.live && inUse ? inUse : f.context?.firstGoLiveAdvice ? 'advice' : undefined;
  if (!key) return undefined;
  const p1 = `${plan.plan.id}.p1`;
  if (f.topicIds.some((t) => plan.topics.get(t)?.phase === p1)) return undefined;
  return LIVE_HOME[key].map((s) => `${plan.plan.id}.${s}`).find((id) => plan.topics.has(id));
}

/**
 * Planned vs. live: a finding about a feature already in use whose topics are planned for a later
 * phase (or are not in this plan at all) also evidences its Phase 1 home topic, so it counts at
 * the plan's first Go-Live. The home is added to its topics and recorded in `context.home`
 * (Milestones 1–2 do not count it there). `liveFeatures`: each rule's `appliesWhen`, by rule id.
 */
export function placeLiveFindings(plan: PlanIndex, findings: readonly Finding[], liveFeatures: ReadonlyMap<string, InUse>): Finding[] {
  return findings.map((f) => {
    if (!f.context?.live) return f;
    const home = liveHome(plan, f, liveFeatures.get(f.ruleId));
    if (!home || f.topicIds.includes(home)) return f;
    return { ...f, topicIds: [...f.topicIds, home], context: { ...f.context, home } };
  });
}

function describe(f: Finding): string {
  const where = f.resource ? ` [${f.resource.type} ${f.resource.name ?? f.resource.id}]` : '';
  return `${f.ruleId}${where}: ${f.message}`;
}

function describeAttestation(a: AttestationState): string {
  switch (a.state) {
    case 'current':
      return `attested by ${a.owner} on ${a.date} (until ${a.expires})`;
    case 'expired':
      return `attestation by ${a.owner} expired on ${a.expires}`;
    case 'no-evidence':
      return `attestation by ${a.owner} on ${a.date} has no evidence`;
    case 'not-applicable':
      return `attested not applicable by ${a.owner} on ${a.date}`;
    case 'in-progress':
      return `in progress (${a.owner}, ${a.date})`;
  }
}

/** A topic's status, and for an `unknown` topic the range it lies in. */
interface Verdict {
  status: TopicStatus;
  reasons: string[];
  certain: TopicStatus;
  worstCase: TopicStatus;
}

const rank = (s: TopicStatus) => TOPIC_RANK[s];
const worse = (a: TopicStatus, b: TopicStatus): TopicStatus => (rank(b) > rank(a) ? b : a);

/** The topic status a finding not judged (unknown, error) at this severity could hide. */
const COULD_HIDE: Record<Severity, TopicStatus | undefined> = { blocker: 'fail', warning: 'at-risk', advice: undefined };

/** One line for the checks that were not judged but cannot change the status they sit beside. */
function notEvaluatedNote(fs: readonly Finding[]): string[] {
  if (!fs.length) return [];
  const ids = [...new Set(fs.map((f) => `${f.ruleId} (${f.severity}${f.status === 'error' ? ', rule error' : ''})`))];
  return [`not evaluated, cannot change this status: ${ids.join(', ')}`];
}

/**
 * A topic's status from its findings and attestation: the worst status that is certain, or
 * `unknown` when a finding that could not be judged could make it worse than that.
 *
 * - certain, from judged findings: a failing blocker → fail; a failing warning → at-risk; anything
 *   else judged (passes, failing advice, waived) → pass; only n/a findings → n/a.
 * - certain, from the attestation (M/W topics): current → pass; expired or without evidence →
 *   at-risk; in progress or missing → unverified. X topics without one → unverified.
 * - could hide: an unknown/error finding at blocker → fail, at warning → at-risk, at advice → nothing.
 */
function baseStatus(topic: TopicNode, all: Finding[], att: AttestationState | undefined): Verdict {
  // Checks outside the source's reach (live-audit.ts) are set aside: they are neither judged nor
  // "could not be judged", and are named in the reasons as needing a live audit. A topic that only
  // they evidence has seen nothing either way: it is unverified (a live audit or an attestation
  // settles it), never a pass and never unknown.
  const live = all.filter(needsLiveAudit);
  const fs = live.length ? all.filter((f) => !live.includes(f)) : all;
  const liveNote = live.length ? [`needs a live audit (outside this source's reach): ${[...new Set(live.map((f) => f.ruleId))].join(', ')}`] : [];
  if (live.length && !fs.length && !topic.attest) {
    return { status: 'unverified', reasons: liveNote, certain: 'unverified', worstCase: 'unverified' };
  }
  const v = baseStatusOf(topic, fs, att);
  return liveNote.length ? { ...v, reasons: [...v.reasons, ...liveNote] } : v;
}

function baseStatusOf(topic: TopicNode, fs: Finding[], att: AttestationState | undefined): Verdict {
  const failing = fs.filter((f) => f.status === 'fail');
  const blockers = failing.filter((f) => f.severity === 'blocker');
  const warnings = failing.filter((f) => f.severity === 'warning');
  const unjudged = fs.filter((f) => f.status === 'unknown' || f.status === 'error');
  const judged = fs.filter((f) => f.status === 'pass' || f.status === 'fail' || f.status === 'waived');
  const waived = fs.filter((f) => f.status === 'waived').length;
  const waivedNote = waived ? [`${waived} finding(s) waived in config`] : [];

  // What the judged findings make certain.
  let certain: TopicStatus;
  let reasons: string[];
  if (blockers.length) [certain, reasons] = ['fail', blockers.map(describe)];
  else if (warnings.length) [certain, reasons] = ['at-risk', warnings.map(describe)];
  else if (judged.length) [certain, reasons] = ['pass', waivedNote];
  else if (fs.some((f) => f.status === 'n/a')) [certain, reasons] = ['n/a', ['no rule applies to this tenant']];
  // Nothing judged: nothing wrong is certain. Checks that could not be judged decide below whether
  // that is a pass (only advice-level ones: whatever they find, the status stays) or unknown.
  else [certain, reasons] = ['pass', []];

  // What the attestation (or its absence) makes certain.
  if (topic.attest) {
    const attested = att?.state === 'current';
    let a: TopicStatus;
    let why: string;
    if (attested && att) [a, why] = ['pass', describeAttestation(att)];
    else if (att && (att.state === 'expired' || att.state === 'no-evidence')) [a, why] = ['at-risk', describeAttestation(att)];
    else if (att?.state === 'in-progress') [a, why] = ['unverified', describeAttestation(att)];
    else {
      a = 'unverified';
      why = judged.length
        ? 'signals from the tenant pass, but this topic also needs an attestation'
        : topic.evidence === 'X'
          ? 'needs an audit across tenants'
          : 'needs an attestation: the Management API cannot show it';
    }
    const fromFindings = certain === 'n/a' ? 'pass' : certain;
    if (rank(a) > rank(fromFindings)) [certain, reasons] = [a, [why, ...reasons.filter((r) => r !== 'no rule applies to this tenant')]];
    else if (rank(a) === rank(fromFindings)) [certain, reasons] = [fromFindings, a === 'pass' ? [why, ...waivedNote] : [...reasons, why]];
  } else if (topic.evidence === 'X') {
    if (rank('unverified') > rank(certain)) [certain, reasons] = ['unverified', ['needs an audit across dev, QA and prod tenants']];
  } else if (!fs.length) {
    return { status: 'unknown', reasons: ['no rule evaluates this topic yet'], certain: 'pass', worstCase: 'fail' };
  }

  // What could not be judged, and whether it could make the topic worse.
  let worstCase: TopicStatus = certain;
  for (const f of unjudged) {
    const hide = COULD_HIDE[f.severity];
    if (hide) worstCase = worse(worstCase, hide);
  }
  const decisive = unjudged.filter((f) => {
    const hide = COULD_HIDE[f.severity];
    return !!hide && rank(hide) > rank(certain);
  });
  const note = notEvaluatedNote(unjudged.filter((f) => !decisive.includes(f)));
  if (rank(worstCase) > rank(certain)) {
    return { status: 'unknown', reasons: [...decisive.map(describe), ...reasons, ...note], certain, worstCase };
  }
  return { status: certain, reasons: [...reasons, ...note], certain, worstCase: certain };
}

const certainOf = (t: Pick<TopicResult, 'status' | 'certain'>): TopicStatus => t.certain ?? t.status;
const worstOf = (t: Pick<TopicResult, 'status' | 'worstCase'>): TopicStatus => t.worstCase ?? t.status;

/** Set a topic's status from its range: `unknown` (with the range) only when it could be worse. */
function withRange(t: TopicResult, certain: TopicStatus, worstCase: TopicStatus): TopicResult {
  const { certain: _c, worstCase: _w, ...rest } = t;
  return rank(worstCase) > rank(certain) ? { ...rest, status: 'unknown', certain, worstCase } : { ...rest, status: certain };
}

/** The status of a group (workstream) of topic ranges: the worst certain, unless one could be worse. */
function rangeStatus(certains: TopicStatus[], worsts: TopicStatus[]): TopicStatus {
  const c = worstTopic(certains);
  const w = worstTopic(worsts);
  return rank(w) > rank(c) ? 'unknown' : c;
}

/** The findings one view of a topic judges: production (Go-Live) or before Go-Live (demo milestones). */
type View = 'production' | 'demo';

export function aggregate(input: AggregateInput): Aggregate {
  const { plan, facts, env } = input;
  const scopeConfig = input.scopeConfig ?? {};
  const attestations = new Map<string, AttestationState>(input.attestations ?? []);
  for (const id of input.attested ?? []) {
    if (!attestations.has(id)) attestations.set(id, { id, state: 'current', owner: 'test', date: '1970-01-01', expires: '9999-12-31' });
  }
  const byTopic = new Map<string, Finding[]>();
  const add = (t: string, f: Finding) => {
    const list = byTopic.get(t) ?? [];
    list.push(f);
    byTopic.set(t, list);
  };
  // A live feature's finding counts at its Phase 1 home topic (placeLiveFindings put it there)
  // in the production view only; a first-Go-Live advice finding counts there as advice.
  const pulledIn = new Set<Finding>();
  for (const f of input.findings) {
    for (const t of f.topicIds) {
      add(t, f);
      if (f.context?.home === t) pulledIn.add(f);
    }
    const home = f.context?.firstGoLiveAdvice ? liveHome(plan, f, undefined) : undefined;
    if (home && !f.topicIds.includes(home)) {
      const g: Finding = { ...f, severity: 'advice' };
      pulledIn.add(g);
      add(home, g);
    }
  }
  const outOfScope = new Map((input.outOfScope ?? []).map((o) => [o.topic, o.reason]));
  const topicAttestations = new Map<string, string[]>();
  for (const [a, suffix] of Object.entries(TOPIC_ATTESTATIONS)) {
    const id = `${plan.plan.id}.${suffix}`;
    topicAttestations.set(id, [...(topicAttestations.get(id) ?? []), a]);
  }

  const judge = (view: View): Map<string, TopicResult> => {
    const results = new Map<string, TopicResult>();
    for (const topic of plan.topics.values()) {
      const all = findingsFor(topic, byTopic);
      // Before Go-Live: production-only checks and live features' pull-ins do not count.
      const fs = view === 'production' ? all : all.filter((f) => !f.context?.production && !(pulledIn.has(f) && (f.context?.home === topic.id || f.context?.firstGoLiveAdvice)));
      const counts = emptyCounts();
      for (const f of fs) counts[f.status]++;
      const rules = [...new Set(fs.map((f) => f.ruleId))];
      const att = attestations.get(topic.id);
      const scope = outOfScope.has(topic.id)
        ? { inScope: false, reason: `out of scope in config: ${outOfScope.get(topic.id)}` }
        : att?.state === 'not-applicable'
          ? { inScope: false, reason: describeAttestation(att) }
          : topicScope(topic, plan, facts, scopeConfig);
      const common = {
        id: topic.id,
        title: topic.title,
        phase: topic.phase,
        workstream: topic.workstream,
        evidence: topic.evidence,
        scope,
        required: topic.required,
        rules,
        counts,
      };
      if (scope.inScope === false) {
        results.set(topic.id, { ...common, status: 'n/a', reasons: [scope.reason] });
        continue;
      }
      // Before Go-Live, a topic whose only evidence is production-only is not judged yet (it is at
      // Go-Live): n/a there, so it neither passes nor holds back its dependents.
      if (view === 'demo' && all.length && !fs.length && !topic.attest) {
        results.set(topic.id, { ...common, status: 'n/a', reasons: ['judged at Go-Live: its checks are production-only'] });
        continue;
      }
      const v = baseStatus(topic, fs, att);
      // What a Go-Live judgement of this topic also rests on (production view only).
      const goLiveAttestations: NonNullable<TopicResult['goLiveAttestations']> = [];
      if (view === 'production') {
        const needs = (topicAttestations.get(topic.id) ?? []).flatMap((a) => {
          const st = attestations.get(a);
          if (st?.state === 'current' || st?.state === 'not-applicable') return [];
          goLiveAttestations.push({ id: a, state: st?.state ?? 'missing' });
          return [st ? `attestation ${a}: ${describeAttestation(st)}` : `attestation ${a} is missing, recommended before Go-Live`];
        });
        if (needs.length && rank('at-risk') > rank(v.certain)) {
          v.reasons = [...needs, ...v.reasons];
          v.certain = 'at-risk';
          if (rank(v.worstCase) < rank('at-risk')) v.worstCase = 'at-risk';
          v.status = rank(v.worstCase) > rank(v.certain) ? 'unknown' : 'at-risk';
        } else if (needs.length) v.reasons = [...v.reasons, ...needs];
      }
      results.set(topic.id, {
        ...withRange({ ...common, status: v.status, reasons: v.reasons }, v.certain, v.worstCase),
        ...(topic.attest ? { attestation: att?.state ?? 'missing' } : {}),
        ...(goLiveAttestations.length ? { goLiveAttestations } : {}),
      });
    }
    applyDependencies(plan, facts, results);
    return results;
  };

  const results = judge('production');
  const demo = judge('demo');
  // The report's topics are the production view; a topic judged otherwise before Go-Live says so.
  for (const [id, t] of results) {
    const d = demo.get(id);
    if (d && d.status !== t.status) t.beforeGoLive = { status: d.status, reasons: d.reasons };
  }

  const topics = [...results.values()];
  const workstreams: WorkstreamResult[] = [...plan.workstreams.values()].map((w) => {
    const view = viewOf(plan.milestones.find((m) => m.id === w.milestone));
    const r = view === 'production' ? results : demo;
    return {
      id: w.id,
      title: w.title,
      phase: w.phase,
      milestone: w.milestone,
      status: rangeStatus(
        w.topics.map((t) => r.get(t.id)).map((t) => (t ? certainOf(t) : 'pass')),
        w.topics.map((t) => r.get(t.id)).map((t) => (t ? worstOf(t) : 'fail')),
      ),
      topics: w.topics.map((t) => t.id),
    };
  });
  const milestones = plan.milestones.map((m) => ({
    ...milestone(m, viewOf(m) === 'production' ? results : demo, env, attestations),
    judged: viewOf(m) === 'production' ? ('go-live' as const) : ('before-go-live' as const),
  }));
  return { topics, workstreams, milestones };
}

/** Demo milestones (Phase 1 Milestones 1–2) are judged before Go-Live; every other one as production. */
function viewOf(m: MilestoneNode | undefined): View {
  return m?.outcome === 'demo' ? 'demo' : 'production';
}

/** Dependencies, to a fixed point (chains are short; the bound guards against cycles). */
function applyDependencies(plan: PlanIndex, facts: Facts, results: Map<string, TopicResult>): void {
  const precedes = plan.dependencies.filter((d) => d.kind === 'precedes' && (!d.when || facts[d.when] !== false));
  for (let pass = 0; pass < 8; pass++) {
    let changed = false;
    for (const d of precedes) {
      const from = results.get(d.from);
      const to = results.get(d.to);
      if (!from || !to || to.status === 'n/a' || from.status === 'n/a') continue;
      const broad = d.from.endsWith('.tenant-provision');
      if (from.status === 'fail' && to.status !== 'fail') {
        Object.assign(to, withRange({ ...to }, 'fail', 'fail'));
        to.dependsOn = [...(to.dependsOn ?? []), { topic: d.from, status: 'fail' }];
        delete to.certain;
        delete to.worstCase;
        changed = true;
      } else if (!broad && from.status === 'unknown' && worstOf(from) === 'fail' && worstOf(to) !== 'fail') {
        // The prerequisite could fail, which would fail this topic: it cannot be certain.
        Object.assign(to, withRange({ ...to }, certainOf(to), 'fail'));
        to.dependsOn = [...(to.dependsOn ?? []), { topic: d.from, status: 'unknown' }];
        changed = true;
      }
    }
    if (!changed) break;
  }
}

/** What a topic in this status does to its milestone (a required unverified topic blocks it). */
function impact(status: TopicStatus, required: boolean): MilestoneStatus {
  if (status === 'fail' || (status === 'unverified' && required)) return 'not-satisfied';
  if (status === 'at-risk') return 'satisfied-with-risks';
  return 'satisfied';
}

/**
 * Milestone status, by the same rule as topics: the worst that is certain (a failing topic or a
 * required unverified one or a missing attestation → not-satisfied; a topic at risk or a stale
 * attestation → satisfied-with-risks; else satisfied), and `unknown` only when an unknown topic
 * could make it worse than that.
 */
function milestone(m: MilestoneNode, results: Map<string, TopicResult>, env: Environment, attestations: ReadonlyMap<string, AttestationState>): Omit<MilestoneResult, 'judged'> {
  const ts = m.topics.map((id) => results.get(id)).filter((t): t is TopicResult => !!t);
  const counts: Record<TopicStatus, number> = { pass: 0, 'at-risk': 0, fail: 0, unknown: 0, 'n/a': 0, unverified: 0 };
  for (const t of ts) counts[t.status]++;
  const notSatisfied: string[] = [];
  const risks: string[] = [];
  // The same reasons as data (worded by renderers): most decisive first, like `reasons`.
  const dNot: MilestoneReason[] = [];
  const dRisk: MilestoneReason[] = [];
  let certain: MilestoneStatus = 'satisfied';
  const raise = (s: MilestoneStatus) => {
    if (MILESTONE_RANK[s] > MILESTONE_RANK[certain]) certain = s;
  };
  const sorted = [...ts].sort((a, b) => TOPIC_RANK[b.status] - TOPIC_RANK[a.status]);
  for (const t of sorted) {
    const c = impact(certainOf(t), t.required);
    raise(c);
    if (t.status === 'fail') {
      notSatisfied.push(`${t.id} fails`);
      dNot.push({ id: 'topic-fails', topic: t.id });
    } else if (c === 'not-satisfied') {
      notSatisfied.push(`${t.id} is required and not attested`);
      dNot.push({ id: 'topic-unattested', topic: t.id });
    } else if (c === 'satisfied-with-risks') {
      risks.push(`${t.id} is at risk`);
      dRisk.push({ id: 'topic-at-risk', topic: t.id });
    }
  }
  const needed: NonNullable<MilestoneResult['attestations']> = [];
  for (const a of m.attest) {
    if (a === 'env-tag' && env !== 'prod') continue;
    const att = attestations.get(a);
    if (att?.state !== 'current') needed.push({ id: a, state: att?.state ?? 'missing' });
    if (!att) {
      notSatisfied.push(`attestation ${a} is missing`);
      dNot.push({ id: 'attestation', attestation: a, state: 'missing' });
    } else if (att.state === 'in-progress') {
      notSatisfied.push(`attestation ${a} is ${describeAttestation(att)}`);
      dNot.push({ id: 'attestation', attestation: a, state: att.state, detail: describeAttestation(att) });
    } else if (att.state === 'expired' || att.state === 'no-evidence') {
      risks.push(`${a}: ${describeAttestation(att)}`);
      dRisk.push({ id: 'attestation', attestation: a, state: att.state, detail: describeAttestation(att) });
    }
  }
  if (notSatisfied.length) raise('not-satisfied');
  else if (risks.length) raise('satisfied-with-risks');
  // Unknown topics: could what was not judged make the milestone worse than it certainly is?
  const unknown: string[] = [];
  const dUnknown: MilestoneReason[] = [];
  const cannotChange: string[] = [];
  for (const t of sorted.filter((x) => x.status === 'unknown')) {
    const w = impact(worstOf(t), t.required);
    if (MILESTONE_RANK[w] > MILESTONE_RANK[certain]) {
      unknown.push(`${t.id} could not be evaluated${worstOf(t) === 'at-risk' ? ' (at worst at risk)' : ''}`);
      dUnknown.push({ id: 'topic-unknown', topic: t.id, worstCase: worstOf(t) === 'at-risk' ? 'at-risk' : 'fail' });
    } else cannotChange.push(t.id);
  }
  const status: MilestoneStatus = unknown.length ? 'unknown' : certain;
  return {
    id: m.id,
    title: m.title,
    phase: m.phase,
    inferred: m.inferred,
    status,
    reasons: [
      ...notSatisfied,
      ...unknown,
      ...risks,
      ...(cannotChange.length ? [`not fully evaluated, cannot change this status: ${cannotChange.join(', ')}`] : []),
    ],
    details: [...dNot, ...dUnknown, ...dRisk, ...(cannotChange.length ? [{ id: 'cannot-change' as const, topics: cannotChange }] : [])],
    topics: m.topics,
    counts,
    ...(needed.length ? { attestations: needed } : {}),
  };
}

export function worstMilestone(statuses: MilestoneStatus[]): MilestoneStatus {
  return statuses.reduce<MilestoneStatus>((w, s) => (MILESTONE_RANK[s] > MILESTONE_RANK[w] ? s : w), 'satisfied');
}
