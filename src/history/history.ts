/**
 * What the history knows, computed from a store's records: the states of a run (its parent chain
 * replayed), the tenant's baseline (the last accepted run, else its first run), the regressions
 * of a report against it with how long each has been failing, recording, comparing and pruning.
 */
import { ConfigError, UsageError } from '../errors.js';
import { atLeast, SEVERITY_RANK } from '../engine/status.js';
import type { AuditReport } from '../report/schema.js';
import { parseStateKey } from '../report/finding-key.js';
import { applyStates, encodeFull, isFailing, recordOf, rulesHash, tenantIdOf, type Acceptance, type RunRecord, type State } from './record.js';
import type { HistoryStore } from './store.js';

const byId = (a: RunRecord, b: RunRecord) => (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0);

/**
 * Replay runs (oldest first) and call `visit` with each run's states. A parent's states are kept
 * only while a later run still needs them, so memory stays at about one tenant's states.
 */
export function replay(runs: readonly RunRecord[], visit: (run: RunRecord, states: ReadonlyMap<string, State>) => void): void {
  const sorted = [...runs].sort(byId);
  const pending = new Map<string, number>();
  for (const r of sorted) if (r.parent) pending.set(r.parent, (pending.get(r.parent) ?? 0) + 1);
  const memo = new Map<string, Map<string, State>>();
  for (const r of sorted) {
    if (r.failed || !r.states) continue;
    let parentStates: Map<string, State> | undefined;
    if (r.parent) {
      parentStates = memo.get(r.parent);
      if (!parentStates) throw new ConfigError(`history: run ${r.runId} is a change from run ${r.parent}, which the store does not hold`);
      const left = (pending.get(r.parent) ?? 1) - 1;
      pending.set(r.parent, left);
      if (left === 0) memo.delete(r.parent);
    }
    // The last child may take its parent's map over instead of copying it.
    const states = parentStates && !memo.has(r.parent as string) && 'set' in r.states ? applyInPlace(parentStates, r.states) : applyStates(r, parentStates);
    visit(r, states);
    if ((pending.get(r.runId) ?? 0) > 0) memo.set(r.runId, states);
  }
}

function applyInPlace(m: Map<string, State>, d: { set: State[]; del: string[] }): Map<string, State> {
  for (const k of d.del) m.delete(k);
  for (const s of d.set) m.set(s[0], s);
  return m;
}

/** The states of one run. */
export function statesOfRun(tenantRuns: readonly RunRecord[], runId: string): Map<string, State> {
  const target = tenantRuns.find((r) => r.runId === runId);
  if (!target) throw new UsageError(`history: no run ${runId}`);
  if (target.failed) throw new UsageError(`history: run ${runId} is a failed run (exit ${target.exitCode}): it has no findings`);
  // Only the chain that leads to the run.
  const index = new Map(tenantRuns.map((r) => [r.runId, r]));
  const chain: RunRecord[] = [];
  for (let r: RunRecord | undefined = target; r; r = r.parent ? index.get(r.parent) : undefined) {
    chain.push(r);
    if (chain.length > tenantRuns.length) break;
  }
  let out = new Map<string, State>();
  replay(chain, (r, s) => {
    if (r.runId === runId) out = new Map(s);
  });
  return out;
}

/** The last acceptance of each tenant. */
export function acceptedByTenant(list: readonly Acceptance[]): Map<string, Acceptance> {
  const m = new Map<string, Acceptance>();
  for (const a of list) m.set(a.tenant, a);
  return m;
}

export interface Baseline {
  run: RunRecord;
  kind: 'accepted' | 'first';
  acceptance?: Acceptance;
}

export function baselineOf(tenantRuns: readonly RunRecord[], acceptance: Acceptance | undefined): Baseline | undefined {
  if (acceptance) {
    const run = tenantRuns.find((r) => r.runId === acceptance.runId);
    if (run) return { run, kind: 'accepted', acceptance };
  }
  const first = [...tenantRuns].sort(byId).find((r) => !r.failed);
  return first ? { run: first, kind: 'first' } : undefined;
}

export interface Regression {
  key: string;
  ruleId: string;
  resource?: { type: string; id: string };
  status: State[1];
  severity: State[2];
  before?: { status: State[1]; severity: State[2] };
  /** When it started failing (the run's time), and in how many runs in a row it has failed, this one included. */
  since: string;
  nights: number;
}

/** Worse than the baseline: failing now and not then, or failing at a higher severity. */
function worse(now: State, then: State | undefined): boolean {
  if (!isFailing(now)) return false;
  if (!isFailing(then)) return true;
  return SEVERITY_RANK[now[2]] > SEVERITY_RANK[(then as State)[2]];
}

/**
 * Regressions of `current` against the baseline, each with the run it started failing in. The
 * runs after the baseline are replayed; a failed run (no states) neither starts nor ends a streak.
 */
export function regressionsAgainst(tenantRuns: readonly RunRecord[], baseline: Baseline, current: ReadonlyMap<string, State>, currentAt: string): Regression[] {
  const base = statesOfRun(tenantRuns, baseline.run.runId);
  const since = new Map<string, { at: string; nights: number }>();
  const step = (states: ReadonlyMap<string, State>, at: string) => {
    for (const k of [...since.keys()]) if (!isFailing(states.get(k))) since.delete(k);
    for (const [k, s] of states) {
      if (!isFailing(s)) continue;
      const cur = since.get(k);
      if (cur) cur.nights++;
      else since.set(k, { at, nights: 1 });
    }
  };
  replay(tenantRuns, (r, s) => {
    if (r.runId > baseline.run.runId) step(s, r.at);
  });
  step(current, currentAt);
  const out: Regression[] = [];
  for (const [k, s] of current) {
    const then = base.get(k);
    if (!worse(s, then)) continue;
    const p = parseStateKey(k);
    const st = since.get(k) ?? { at: currentAt, nights: 1 };
    out.push({
      key: k,
      ruleId: p.ruleId,
      ...(p.resource ? { resource: p.resource } : {}),
      status: s[1],
      severity: s[2],
      ...(then ? { before: { status: then[1], severity: then[2] } } : {}),
      since: st.at,
      nights: st.nights,
    });
  }
  return out.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.key.localeCompare(b.key));
}

/**
 * Record reports (oldest first per tenant); returns the records and which were new. The records
 * are added in one call, so a folder of old reports is imported in one append (one transaction).
 */
export async function recordReports(store: HistoryStore, reports: readonly AuditReport[], now = new Date()): Promise<{ record: RunRecord; added: boolean }[]> {
  const sorted = [...reports].sort((a, b) => (a.generatedAt < b.generatedAt ? -1 : a.generatedAt > b.generatedAt ? 1 : 0));
  const tenants = [...new Set(sorted.map(tenantIdOf))];
  const existing = await store.runs({ tenants });
  const rules = await rulesHash();
  const planned: { record: RunRecord; fresh: boolean }[] = [];
  for (const t of tenants) {
    const runs = existing.filter((r) => r.tenant.id === t);
    const have = new Set(runs.map((r) => r.runId));
    // The states of the run just recorded: the next report's parent, most of the time (no replay).
    let last: { runId: string; states: Map<string, State> } | undefined;
    for (const report of sorted.filter((r) => tenantIdOf(r) === t)) {
      // The previous run: the latest recorded run with states older than this report.
      const at = new Date(report.generatedAt).toISOString();
      const prev = runs.filter((r) => !r.failed && r.at < at).sort(byId).at(-1);
      const previous = prev ? { runId: prev.runId, states: last?.runId === prev.runId ? last.states : statesOfRun(runs, prev.runId) } : undefined;
      const { record, states } = recordOf(report, previous, rules, now);
      if (have.has(record.runId)) {
        planned.push({ record, fresh: false });
        continue;
      }
      runs.push(record);
      have.add(record.runId);
      last = { runId: record.runId, states };
      planned.push({ record, fresh: true });
    }
  }
  const added = new Set(await store.add(planned.filter((p) => p.fresh).map((p) => p.record)));
  return planned.map((p) => ({ record: p.record, added: added.has(p.record.runId) }));
}

export interface RunDiff {
  a: string;
  b: string;
  new: State[];
  fixed: State[];
  changed: { before: State; after: State }[];
  unchanged: number;
}

export function diffStates(aId: string, a: ReadonlyMap<string, State>, bId: string, b: ReadonlyMap<string, State>): RunDiff {
  const out: RunDiff = { a: aId, b: bId, new: [], fixed: [], changed: [], unchanged: 0 };
  for (const [k, s] of b) {
    const p = a.get(k);
    if (isFailing(s) && !isFailing(p)) out.new.push(s);
    else if (!isFailing(s) && isFailing(p)) out.fixed.push(p as State);
    else if (p && (p[1] !== s[1] || p[2] !== s[2] || p[3] !== s[3])) out.changed.push({ before: p, after: s });
    else out.unchanged++;
  }
  for (const [k, p] of a) if (!b.has(k) && isFailing(p)) out.fixed.push(p);
  return out;
}

export interface PrunePlan {
  remove: string[];
  replace: RunRecord[];
}

/**
 * What `history prune` removes: per tenant, runs beyond the newest `keepRuns` and runs older than
 * `maxAgeDays` days (a run must pass both limits to stay), never a tenant's accepted baseline. A kept run whose parent is removed is rewritten in full.
 */
export function planPrune(all: readonly RunRecord[], accepted: ReadonlyMap<string, Acceptance>, opts: { keepRuns?: number; maxAgeDays?: number; now?: Date }): PrunePlan {
  const now = (opts.now ?? new Date()).getTime();
  const remove = new Set<string>();
  const tenants = [...new Set(all.map((r) => r.tenant.id))];
  for (const t of tenants) {
    const runs = all.filter((r) => r.tenant.id === t).sort(byId);
    const keepId = accepted.get(t)?.runId;
    runs.forEach((r, i) => {
      if (r.runId === keepId) return;
      const tooMany = opts.keepRuns !== undefined && i < runs.length - opts.keepRuns;
      const tooOld = opts.maxAgeDays !== undefined && now - Date.parse(r.at) > opts.maxAgeDays * 86_400_000;
      if (tooMany || tooOld) remove.add(r.runId);
    });
  }
  const replace: RunRecord[] = [];
  const orphans = all.filter((r) => !remove.has(r.runId) && r.parent && remove.has(r.parent));
  for (const r of orphans) {
    const states = statesOfRun(
      all.filter((x) => x.tenant.id === r.tenant.id),
      r.runId,
    );
    const { parent: _parent, ...rest } = r;
    replace.push({ ...rest, states: { full: encodeFull([...states.values()]) } });
  }
  return { remove: [...remove], replace };
}

export { atLeast };
