/**
 * Loads the plan data and builds the indexes the engine needs: topics by
 * id, the topics each milestone covers (cumulative within a phase), and the dependencies of §1.5
 * expanded to concrete topic pairs. Loading is pure and memoised per process. The data is typed
 * TypeScript, checked for consistency here and against the zod schemas by `validateCatalogData`
 * (src/catalog/validate.ts, run by the catalog test): loading stays free of zod, so `catalog`
 * and `rules` start fast.
 */
import { b2b } from '../../catalog/b2b.js';
import { b2c } from '../../catalog/b2c.js';
import { dependencies } from '../../catalog/dependencies.js';
import { UsageError } from '../errors.js';
import type {
  DependencyKind,
  Fact,
  Milestone,
  Phase,
  Plan,
  PlanId,
  ScopeRule,
  Topic,
  Workstream,
} from './schema.js';

export type * from './schema.js';
export { PLAN_IDS } from './plans.js';

export interface TopicNode extends Topic {
  plan: PlanId;
  phase: string;
  workstream: string;
}

export interface MilestoneNode extends Milestone {
  plan: PlanId;
  phase: string;
  /** Topic ids the milestone covers: its phase's workstreams closing it or an earlier milestone. */
  topics: string[];
}

export interface Dependency {
  from: string;
  to: string;
  kind: DependencyKind;
  when?: Fact;
}

export interface PlanIndex {
  plan: Plan;
  topics: Map<string, TopicNode>;
  workstreams: Map<string, Workstream & { phase: string }>;
  milestones: MilestoneNode[];
  dependencies: Dependency[];
}

export interface Catalog {
  plans: Record<PlanId, PlanIndex>;
  /** Every topic id in both plans. */
  topicIds: Set<string>;
}

function matches(pattern: string, id: string): boolean {
  if (pattern === '*') return true;
  const p = pattern.split('.');
  const s = id.split('.');
  if (p.length > s.length) return false;
  // A pattern shorter than the id names a workstream or phase: it matches every topic under it.
  return p.every((seg, i) => seg === '*' || seg === s[i]);
}

function scopeTopicRefs(rule: ScopeRule): string[] {
  switch (rule.kind) {
    case 'topic':
      return [rule.topic];
    case 'any':
    case 'all':
      return rule.of.flatMap(scopeTopicRefs);
    default:
      return [];
  }
}

function index(planData: Plan): PlanIndex {
  const plan = planData;
  const topics = new Map<string, TopicNode>();
  const workstreams = new Map<string, Workstream & { phase: string }>();
  const milestones: MilestoneNode[] = [];
  const problems: string[] = [];

  for (const phase of plan.phases) {
    if (!phase.id.startsWith(`${plan.id}.`)) problems.push(`${phase.id} is not in plan ${plan.id}`);
    const msOrder = phase.milestones.map((m) => m.id);
    for (const w of phase.workstreams) {
      if (!w.id.startsWith(`${phase.id}.`)) problems.push(`${w.id} is not in ${phase.id}`);
      if (workstreams.has(w.id)) problems.push(`duplicate workstream ${w.id}`);
      if (!msOrder.includes(w.milestone)) problems.push(`${w.id} closes ${w.milestone}, not a milestone of ${phase.id}`);
      workstreams.set(w.id, { ...w, phase: phase.id });
      for (const tp of w.topics) {
        if (tp.id !== `${w.id}.${tp.key}`) problems.push(`${tp.id} does not match ${w.id}.${tp.key}`);
        if (topics.has(tp.id)) problems.push(`duplicate topic ${tp.id}`);
        topics.set(tp.id, { ...tp, plan: plan.id, phase: phase.id, workstream: w.id });
      }
    }
    phase.milestones.forEach((m, i) => {
      const upTo = new Set(msOrder.slice(0, i + 1));
      const covered = phase.workstreams.filter((w) => upTo.has(w.milestone)).flatMap((w) => w.topics.map((x) => x.id));
      milestones.push({ ...m, plan: plan.id, phase: phase.id, topics: covered });
    });
  }

  for (const tp of topics.values()) {
    for (const ref of scopeTopicRefs(tp.scope)) {
      if (!topics.has(`${plan.id}.${ref}`)) problems.push(`${tp.id}: scope names unknown topic ${plan.id}.${ref}`);
    }
    if (tp.revisitOf && !topics.has(tp.revisitOf)) problems.push(`${tp.id}: revisits unknown topic ${tp.revisitOf}`);
  }

  const deps: Dependency[] = [];
  for (const spec of dependencies) {
    const froms = spec.from.flatMap((p) => [...topics.keys()].filter((id) => matchesTrack(p, id, plan.id)));
    const tos = spec.to.flatMap((p) => [...topics.keys()].filter((id) => matchesTrack(p, id, plan.id)));
    for (const from of froms) {
      for (const to of tos) {
        if (from === to) continue;
        // `*.p1.x` → `*` means: within the same plan; the `*` target never reaches other plans.
        deps.push({ from, to, kind: spec.kind, ...(spec.when ? { when: spec.when } : {}) });
      }
    }
  }

  if (problems.length) throw new Error(`catalog ${plan.id} is inconsistent:\n  ${problems.join('\n  ')}`);
  return { plan, topics, workstreams, milestones, dependencies: deps };
}

function matchesTrack(pattern: string, id: string, plan: PlanId): boolean {
  if (pattern === '*') return id.startsWith(`${plan}.`);
  const [track] = pattern.split('.');
  if (track !== '*' && track !== plan) return false;
  return matches(pattern, id);
}

let cached: Catalog | undefined;

/** The catalog, validated. Throws on inconsistent data (a programming error, caught by tests). */
export function loadCatalog(): Catalog {
  if (cached) return cached;
  const plans = { b2c: index(b2c), b2b: index(b2b) };
  const topicIds = new Set([...plans.b2c.topics.keys(), ...plans.b2b.topics.keys()]);
  cached = { plans, topicIds };
  return cached;
}

/** Resolve `--require` input: a full milestone id, or a unique suffix such as `go-live`. */
export function resolveMilestone(index: PlanIndex, input: string): MilestoneNode {
  const exact = index.milestones.find((m) => m.id === input);
  if (exact) return exact;
  const hits = index.milestones.filter((m) => {
    const last = m.id.split('.').pop() ?? '';
    // `go-live` (a suffix), `m1` (the milestone number), `p2.m3-go-live` (a dotted suffix)
    return m.id.endsWith(`.${input}`) || m.id.endsWith(`-${input}`) || last === input || last.startsWith(`${input}-`);
  });
  // Prefer Phase 1 (the headline, Decision 2) when a suffix names a milestone in several phases.
  const p1 = hits.filter((m) => m.phase.endsWith('.p1'));
  const chosen = hits.length === 1 ? hits : p1.length === 1 ? p1 : [];
  if (chosen.length === 1 && chosen[0]) return chosen[0];
  const all = index.milestones.map((m) => m.id).join(', ');
  if (hits.length === 0) throw new UsageError(`--require ${input}: no milestone of plan ${index.plan.id} matches; use one of ${all}`);
  throw new UsageError(`--require ${input} is ambiguous: ${hits.map((m) => m.id).join(', ')}`);
}

export function phaseOf(index: PlanIndex, id: string): Phase | undefined {
  return index.plan.phases.find((p) => p.id === id);
}
