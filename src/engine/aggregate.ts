/**
 * Aggregation: findings → topic status → workstream → milestone (DESIGN.md, catalog §0).
 * One pure function. Worst wins on the way up; an unknown is never promoted to a pass.
 *
 * Topic status, in order:
 * 1. Out of scope (its `in:` rule is false, or config says so) → `n/a`, with the reason.
 * 2. A failing finding at blocker severity → `fail`; an `unknown`/`error` finding → `unknown`
 *    (it could hide a failure); a failing warning → `at-risk`. Advice never changes a status.
 * 3. No finding: an M, W or X topic is `unverified` (it needs an attestation or other tenants);
 *    an A topic with no rule is `unknown` ("no rule evaluates it").
 * 4. Findings all pass, but the topic needs an attestation (M/W, §3) → `unverified`: a proxy
 *    signal never passes a topic by itself.
 * 5. Dependencies (§1.5, `precedes`): a topic whose prerequisite fails is `fail`; one whose
 *    prerequisite is unknown cannot be `pass` (it becomes `unknown`).
 *
 * Milestone: `not-satisfied` if a covered topic fails, a required topic is unverified, or a
 * special attestation it needs (prodcheck; env-tag on production) is missing; else `unknown`
 * if a covered topic is unknown; else `satisfied-with-risks` if one is at risk; else `satisfied`.
 */
import type { MilestoneNode, PlanIndex, TopicNode } from '../catalog/index.js';
import type { Finding } from './evaluate.js';
import type { AttestationState } from '../config/apply.js';
import { topicScope, type Facts, type ScopeConfig } from './scope.js';
import {
  MILESTONE_RANK,
  TOPIC_RANK,
  worstTopic,
  type Environment,
  type FindingStatus,
  type MilestoneStatus,
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
}

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

function baseStatus(topic: TopicNode, fs: Finding[], att: AttestationState | undefined): { status: TopicStatus; reasons: string[] } {
  const attested = att?.state === 'current';
  const failing = fs.filter((f) => f.status === 'fail');
  const blockers = failing.filter((f) => f.severity === 'blocker');
  const unknown = fs.filter((f) => f.status === 'unknown' || f.status === 'error');
  const warnings = failing.filter((f) => f.severity === 'warning');
  if (blockers.length) return { status: 'fail', reasons: blockers.map(describe) };
  if (unknown.length) return { status: 'unknown', reasons: [...unknown.map(describe), ...warnings.map(describe)] };
  if (warnings.length) return { status: 'at-risk', reasons: warnings.map(describe) };
  const judged = fs.filter((f) => f.status === 'pass' || (f.status === 'fail' && f.severity === 'advice') || f.status === 'waived');
  const waived = fs.filter((f) => f.status === 'waived').length;
  const waivedNote = waived ? [`${waived} finding(s) waived in config`] : [];
  if (topic.attest) {
    if (attested && att) return { status: 'pass', reasons: [describeAttestation(att), ...waivedNote] };
    if (att && (att.state === 'expired' || att.state === 'no-evidence')) return { status: 'at-risk', reasons: [describeAttestation(att)] };
    if (att?.state === 'in-progress') return { status: 'unverified', reasons: [describeAttestation(att)] };
    return {
      status: 'unverified',
      reasons: [
        judged.length
          ? 'signals from the tenant pass, but this topic also needs an attestation'
          : topic.evidence === 'X'
            ? 'needs an audit across tenants'
            : 'needs an attestation: the Management API cannot show it',
      ],
    };
  }
  if (topic.evidence === 'X') return { status: 'unverified', reasons: ['needs an audit across dev, QA and prod tenants'] };
  if (judged.length) return { status: 'pass', reasons: waivedNote };
  if (fs.length) return { status: 'n/a', reasons: ['no rule applies to this tenant'] };
  return { status: 'unknown', reasons: ['no rule evaluates this topic yet'] };
}

export function aggregate(input: AggregateInput): Aggregate {
  const { plan, facts, env } = input;
  const scopeConfig = input.scopeConfig ?? {};
  const attestations = new Map<string, AttestationState>(input.attestations ?? []);
  for (const id of input.attested ?? []) {
    if (!attestations.has(id)) attestations.set(id, { id, state: 'current', owner: 'test', date: '1970-01-01', expires: '9999-12-31' });
  }
  const byTopic = new Map<string, Finding[]>();
  for (const f of input.findings) {
    for (const t of f.topicIds) {
      const list = byTopic.get(t) ?? [];
      list.push(f);
      byTopic.set(t, list);
    }
  }
  const outOfScope = new Map((input.outOfScope ?? []).map((o) => [o.topic, o.reason]));

  const results = new Map<string, TopicResult>();
  for (const topic of plan.topics.values()) {
    const fs = findingsFor(topic, byTopic);
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
    const b = baseStatus(topic, fs, att);
    results.set(topic.id, { ...common, ...b });
  }

  // Dependencies, to a fixed point (chains are short; the bound guards against cycles).
  const precedes = plan.dependencies.filter((d) => d.kind === 'precedes' && (!d.when || facts[d.when] !== false));
  for (let pass = 0; pass < 8; pass++) {
    let changed = false;
    for (const d of precedes) {
      const from = results.get(d.from);
      const to = results.get(d.to);
      if (!from || !to || to.status === 'n/a' || from.status === 'n/a') continue;
      const broad = d.from.endsWith('.tenant-provision');
      if (from.status === 'fail' && to.status !== 'fail') {
        to.status = 'fail';
        to.reasons = [`depends on ${d.from}, which fails`, ...to.reasons];
        changed = true;
      } else if (!broad && from.status === 'unknown' && to.status === 'pass') {
        to.status = 'unknown';
        to.reasons = [`depends on ${d.from}, which could not be evaluated`, ...to.reasons];
        changed = true;
      }
    }
    if (!changed) break;
  }

  const topics = [...results.values()];
  const workstreams: WorkstreamResult[] = [...plan.workstreams.values()].map((w) => ({
    id: w.id,
    title: w.title,
    phase: w.phase,
    milestone: w.milestone,
    status: worstTopic(w.topics.map((t) => results.get(t.id)?.status ?? 'unknown')),
    topics: w.topics.map((t) => t.id),
  }));
  const milestones = plan.milestones.map((m) => milestone(m, results, env, attestations));
  return { topics, workstreams, milestones };
}

function milestone(m: MilestoneNode, results: Map<string, TopicResult>, env: Environment, attestations: ReadonlyMap<string, AttestationState>): MilestoneResult {
  const ts = m.topics.map((id) => results.get(id)).filter((t): t is TopicResult => !!t);
  const counts: Record<TopicStatus, number> = { pass: 0, 'at-risk': 0, fail: 0, unknown: 0, 'n/a': 0, unverified: 0 };
  for (const t of ts) counts[t.status]++;
  const notSatisfied: string[] = [];
  const unknown: string[] = [];
  const risks: string[] = [];
  for (const t of [...ts].sort((a, b) => TOPIC_RANK[b.status] - TOPIC_RANK[a.status])) {
    if (t.status === 'fail') notSatisfied.push(`${t.id} fails`);
    else if (t.status === 'unverified' && t.required) notSatisfied.push(`${t.id} is required and not attested`);
    else if (t.status === 'unknown') unknown.push(`${t.id} could not be evaluated`);
    else if (t.status === 'at-risk') risks.push(`${t.id} is at risk`);
  }
  for (const a of m.attest) {
    if (a === 'env-tag' && env !== 'prod') continue;
    const att = attestations.get(a);
    if (!att) notSatisfied.push(`attestation ${a} is missing`);
    else if (att.state === 'in-progress') notSatisfied.push(`attestation ${a} is ${describeAttestation(att)}`);
    else if (att.state === 'expired' || att.state === 'no-evidence') risks.push(`${a}: ${describeAttestation(att)}`);
  }
  const status: MilestoneStatus = notSatisfied.length
    ? 'not-satisfied'
    : unknown.length
      ? 'unknown'
      : risks.length
        ? 'satisfied-with-risks'
        : 'satisfied';
  return {
    id: m.id,
    title: m.title,
    phase: m.phase,
    inferred: m.inferred,
    status,
    reasons: [...notSatisfied, ...unknown, ...risks],
    topics: m.topics,
    counts,
  };
}

export function worstMilestone(statuses: MilestoneStatus[]): MilestoneStatus {
  return statuses.reduce<MilestoneStatus>((w, s) => (MILESTONE_RANK[s] > MILESTONE_RANK[w] ? s : w), 'satisfied');
}
