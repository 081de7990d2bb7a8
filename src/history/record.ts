/**
 * A run of the history: what one audit of one tenant was, without its messages or values (they can
 * carry configuration). It holds the tenant, the source, the tool and rule-set version, the gate,
 * a rollup of counts, and one state per finding key (rule, resource, field; status, severity,
 * waived), stored as the change from the tenant's previous run (`parent`) or, for a tenant's first
 * run, in full. A run that could not read the tenant (exit 2 or 3) is a failed run: no states.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { PLAN_IDS } from '../catalog/plans.js';
import { ENVIRONMENTS, FINDING_STATUSES, MILESTONE_STATUSES, SEVERITIES, type Severity } from '../engine/status.js';
import { stateKeys } from '../report/finding-key.js';
import type { AuditReport } from '../report/schema.js';
import { TOOL } from '../version.js';

export const RECORD_VERSION = 1;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** One finding's state: [key, status, severity, waived (1) or not (0)]. The key names rule, resource and field. */
export type State = [key: string, status: FindingStatus, severity: Severity, waived: 0 | 1];
const StateSchema = z.tuple([z.string(), z.enum(FINDING_STATUSES), z.enum(SEVERITIES), z.union([z.literal(0), z.literal(1)])]);

/** The states of a run: all of them (gzip + base64 of a JSON array), or the change from the parent run. */
export const StatesSchema = z.union([
  z.strictObject({ full: z.string() }),
  z.strictObject({ set: z.array(StateSchema), del: z.array(z.string()) }),
]);
export type StatesPayload = z.infer<typeof StatesSchema>;

const countsBy = <T extends readonly [string, ...string[]]>(keys: T) => z.partialRecord(z.enum(keys), z.number().int().nonnegative());

export const RunRecordSchema = z.strictObject({
  v: z.literal(RECORD_VERSION),
  /** Time-sortable: the report's generatedAt (UTC, compact), the tenant, a content hash. */
  runId: z.string().regex(/^\d{8}T\d{6}Z-[A-Za-z0-9._-]+-[0-9a-f]{10}$/),
  tenant: z.strictObject({ id: z.string(), alias: z.string().optional(), domain: z.string(), env: z.enum(ENVIRONMENTS) }),
  /** When the audit ran (the report's generatedAt), ISO. */
  at: z.string(),
  recordedAt: z.string(),
  source: z.strictObject({ kind: z.enum(['live', 'export', 'snapshot']), commit: z.string().optional() }),
  tool: z.strictObject({ version: z.string(), rules: z.string() }),
  /** A hash of what shaped the gate besides the tenant: waivers, attestations, plan, require, fail-on. */
  config: z.string(),
  plan: z.enum(PLAN_IDS).optional(),
  require: z.string().optional(),
  exitCode: z.number().int().min(0).max(3),
  /** Exit 2 or 3: the tenant could not be read; one line, no states. */
  failed: z.string().optional(),
  rollup: z
    .strictObject({
      milestones: z.record(z.string(), z.enum(MILESTONE_STATUSES)),
      /** How many milestones, in plan order, are satisfied in a row (0: none), and the last of them. */
      level: z.number().int().nonnegative(),
      highest: z.string().optional(),
      topics: z.record(z.string(), z.number().int().nonnegative()),
      /** Findings by status, then severity. */
      findings: z.partialRecord(z.enum(FINDING_STATUSES), countsBy(SEVERITIES)),
      waivers: z.number().int().nonnegative(),
      attestations: z.number().int().nonnegative(),
      unknowns: z.number().int().nonnegative(),
      /** Against the parent run: failing keys that were not failing, failing keys that no longer fail. */
      new: z.number().int().nonnegative(),
      fixed: z.number().int().nonnegative(),
    })
    .optional(),
  /** The tenant's previous run the states are a change from (absent: states are full). */
  parent: z.string().optional(),
  states: StatesSchema.optional(),
});
export type RunRecord = z.infer<typeof RunRecordSchema>;

export const AcceptanceSchema = z.strictObject({
  v: z.literal(RECORD_VERSION),
  tenant: z.string(),
  runId: z.string(),
  by: z.string().min(1),
  reason: z.string().min(1),
  at: z.string(),
});
export type Acceptance = z.infer<typeof AcceptanceSchema>;

export const FAILING: ReadonlySet<FindingStatus> = new Set(['fail', 'error']);
export const isFailing = (s: State | undefined): boolean => !!s && FAILING.has(s[1]) && s[3] === 0;

let rulesHashCache: string | undefined;
/**
 * A hash of the rule set and the catalog: it changes when a rule, a severity or a topic does.
 * The rules load on first use only (`history list` and `trend` never need them).
 */
export async function rulesHash(): Promise<string> {
  if (rulesHashCache) return rulesHashCache;
  const [{ rules: allRules }, { loadCatalog }] = await Promise.all([import('../../rules/index.js'), import('../catalog/index.js')]);
  rulesHashCache = createHash('sha256')
    .update(JSON.stringify(allRules.map((r) => [r.id, r.severity, r.topics, r.prodOnly ?? false])))
    .update(JSON.stringify(loadCatalog().plans.b2c.milestones.map((m) => m.id)))
    .update(JSON.stringify(loadCatalog().plans.b2b.milestones.map((m) => m.id)))
    .update(JSON.stringify([...loadCatalog().plans.b2c.topics.keys(), ...loadCatalog().plans.b2b.topics.keys()]))
    .digest('hex')
    .slice(0, 12);
  return rulesHashCache;
}

export const tenantIdOf = (r: Pick<AuditReport, 'tenant'>): string => r.tenant.alias ?? r.tenant.domain;

/** A tenant id as it may appear in a run id. */
const idPart = (s: string) => s.replace(/[^A-Za-z0-9.-]/g, '_').slice(0, 64);
const compactTime = (iso: string) => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`not a time: ${iso}`);
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
};

export function statesOf(report: AuditReport): State[] {
  const keys = stateKeys(report.findings);
  return report.findings.map((f, i) => [keys[i] as string, f.status, f.severity, f.status === 'waived' || f.waiver ? 1 : 0]);
}

const STATUS_CODES = FINDING_STATUSES;
/** The rest of a key that is a rule id alone (finding keys always have one; kept exact anyway). */
const NO_REST = '\u0000';
const SEVERITY_CODES = SEVERITIES;

/**
 * All states of a run, compactly: the keys sorted and split into rule id and the rest (resource
 * and field), each distinct part listed once, then one number triple per state (rule index, rest
 * index, status × 8 + severity × 2 + waived); gzip, base64. About 5 bytes a finding for a tenant
 * of 5,000 applications, where plain JSON lines took 30.
 */
export function encodeFull(states: readonly State[]): string {
  const sorted = [...states].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const rules = new Map<string, number>();
  const rests = new Map<string, number>();
  const codes: number[] = [];
  for (const [key, status, severity, waived] of sorted) {
    const cut = key.indexOf('|');
    const rule = cut < 0 ? key : key.slice(0, cut);
    const rest = cut < 0 ? NO_REST : key.slice(cut + 1);
    let ri = rules.get(rule);
    if (ri === undefined) rules.set(rule, (ri = rules.size));
    let xi = rests.get(rest);
    if (xi === undefined) rests.set(rest, (xi = rests.size));
    codes.push(ri, xi, STATUS_CODES.indexOf(status) * 8 + SEVERITY_CODES.indexOf(severity) * 2 + waived);
  }
  return gzipSync(JSON.stringify({ r: [...rules.keys()], x: [...rests.keys()], c: codes }), { level: 9 }).toString('base64');
}

export function decodeFull(full: string): State[] {
  return [...decodeFullMap(full).values()];
}

/** The states of a full payload, by key. */
export function decodeFullMap(full: string): Map<string, State> {
  const o = JSON.parse(gunzipSync(Buffer.from(full, 'base64')).toString('utf8')) as { r?: unknown; x?: unknown; c?: unknown };
  if (!Array.isArray(o.r) || !Array.isArray(o.x) || !Array.isArray(o.c) || o.c.length % 3 !== 0) throw new Error('history: a run whose states cannot be read');
  const r = o.r as string[];
  const x = o.x as string[];
  const c = o.c as number[];
  const out = new Map<string, State>();
  for (let i = 0; i < c.length; i += 3) {
    const rule = r[c[i] as number];
    const rest = x[c[i + 1] as number];
    const code = c[i + 2] as number;
    const status = STATUS_CODES[code >> 3];
    const severity = SEVERITY_CODES[(code >> 1) & 3];
    if (rule === undefined || rest === undefined || !status || !severity) throw new Error('history: a run whose states cannot be read');
    const key = rest === NO_REST ? rule : `${rule}|${rest}`;
    out.set(key, [key, status, severity, (code & 1) as 0 | 1]);
  }
  return out;
}

/** The change from `before` to `after`, keyed by finding key. */
export function delta(before: ReadonlyMap<string, State>, after: readonly State[] | ReadonlyMap<string, State>): { set: State[]; del: string[] } {
  const list = Array.isArray(after) ? (after as readonly State[]) : [...(after as ReadonlyMap<string, State>).values()];
  const afterMap = Array.isArray(after) ? new Map(list.map((s) => [s[0], s])) : (after as ReadonlyMap<string, State>);
  const set: State[] = [];
  for (const s of list) {
    const b = before.get(s[0]);
    if (!b || b[1] !== s[1] || b[2] !== s[2] || b[3] !== s[3]) set.push(s);
  }
  const del: string[] = [];
  for (const k of before.keys()) if (!afterMap.has(k)) del.push(k);
  return { set, del };
}

/** Failing keys of `after` not failing in `before` (new), and failing keys of `before` no longer failing (fixed). */
export function newAndFixed(before: ReadonlyMap<string, State>, after: ReadonlyMap<string, State>): { new: string[]; fixed: string[] } {
  const added: string[] = [];
  const fixed: string[] = [];
  for (const [k, s] of after) if (isFailing(s) && !isFailing(before.get(k))) added.push(k);
  for (const [k, s] of before) if (isFailing(s) && !isFailing(after.get(k))) fixed.push(k);
  return { new: added, fixed };
}

const SHA = /^[0-9a-f]{7,40}$/;

/** The commit of a Deploy CLI export: the CI's (GITHUB_SHA, CI_COMMIT_SHA), else the export folder's git HEAD. */
function exportCommit(path: string | undefined): string | undefined {
  for (const v of [process.env.GITHUB_SHA, process.env.CI_COMMIT_SHA]) if (v && SHA.test(v)) return v;
  if (!path) return undefined;
  try {
    const dir = statSync(path).isDirectory() ? path : dirname(path);
    const head = execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8', timeout: 5_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return SHA.test(head) ? head : undefined;
  } catch {
    return undefined; // not in a git work tree, or no git
  }
}

function sourceOf(report: AuditReport): RunRecord['source'] {
  const kind = report.tenant.source === 'management-api' ? 'live' : report.tenant.source === 'deploy-cli' ? 'export' : 'snapshot';
  const commit = kind === 'export' ? exportCommit(report.tenant.path) : undefined;
  return commit ? { kind, commit } : { kind };
}

function configHash(report: AuditReport): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        report.plan,
        report.gate.require ?? null,
        report.gate.failOn,
        report.waivers.map((w) => [w.rule, w.resource ?? null, w.expires]),
        report.attestations.map((a) => [a.id, a.state, a.expires]),
        // Organisation policies and framework profiles are configuration too: adding or changing one is marked.
        ...(report.effectiveConfig?.policies?.length ? [report.effectiveConfig.policies.map((p) => [p.id, p.severity, p.hash])] : []),
        ...(report.effectiveConfig?.frameworks?.length ? [report.effectiveConfig.frameworks, report.effectiveConfig.requireFrameworks ?? []] : []),
      ]),
    )
    .digest('hex')
    .slice(0, 12);
}

function rollupOf(report: AuditReport): Omit<NonNullable<RunRecord['rollup']>, 'new' | 'fixed'> {
  const findings: Record<string, Record<string, number>> = {};
  for (const f of report.findings) {
    const by = (findings[f.status] ??= {});
    by[f.severity] = (by[f.severity] ?? 0) + 1;
  }
  let level = 0;
  for (const m of report.milestones) {
    if (m.status !== 'satisfied' && m.status !== 'satisfied-with-risks') break;
    level++;
  }
  const highest = level > 0 ? report.milestones[level - 1]?.id : undefined;
  return {
    milestones: Object.fromEntries(report.milestones.map((m) => [m.id, m.status])),
    level,
    ...(highest ? { highest } : {}),
    topics: { ...report.summary.topics },
    findings: findings as NonNullable<RunRecord['rollup']>['findings'],
    waivers: report.findings.filter((f) => f.status === 'waived').length,
    attestations: report.attestations.filter((a) => a.state === 'current' || a.state === 'not-applicable').length,
    unknowns: report.findings.filter((f) => f.status === 'unknown').length,
  };
}

/** The run id of a report: the same report always gets the same id, so recording twice changes nothing. */
export function runIdOf(tenant: string, at: string, content: string | readonly string[]): string {
  const h = createHash('sha256');
  for (const part of typeof content === 'string' ? [content] : content) h.update(part).update('\n');
  return `${compactTime(at)}-${idPart(tenant)}-${h.digest('hex').slice(0, 10)}`;
}

/**
 * The record of a report, given the tenant's previous run's states (absent: the first run, states
 * in full). `exitCode` is the exit the audit had (0 or 1; a report file says it by its gate).
 */
export function recordOf(
  report: AuditReport,
  previous: { runId: string; states: ReadonlyMap<string, State> } | undefined,
  rules: string,
  now = new Date(),
): { record: RunRecord; states: Map<string, State> } {
  const tenant = tenantIdOf(report);
  const states = statesOf(report);
  const runId = runIdOf(tenant, report.generatedAt, JSON.stringify([report.generatedAt, report.collectedAt, report.gate, states]));
  const after = new Map(states.map((s) => [s[0], s]));
  const changes = newAndFixed(previous?.states ?? new Map(), after);
  const record: RunRecord = {
    v: RECORD_VERSION,
    runId,
    tenant: { id: tenant, ...(report.tenant.alias ? { alias: report.tenant.alias } : {}), domain: report.tenant.domain, env: report.tenant.environment },
    at: new Date(report.generatedAt).toISOString(),
    recordedAt: now.toISOString(),
    source: sourceOf(report),
    tool: { version: TOOL.version, rules },
    config: configHash(report),
    plan: report.plan,
    ...(report.gate.require ? { require: report.gate.require } : {}),
    exitCode: report.gate.passed ? 0 : 1,
    rollup: { ...rollupOf(report), new: changes.new.length, fixed: changes.fixed.length },
    ...(previous ? { parent: previous.runId, states: delta(previous.states, after) } : { states: { full: encodeFull(states) } }),
  };
  return { record, states: after };
}

/** A run that could not read the tenant (exit 2 or 3): a gap on the chart, never states. */
export function failedRecordOf(
  tenant: { id: string; alias?: string; domain: string; env: (typeof ENVIRONMENTS)[number] },
  exitCode: 2 | 3,
  reason: string,
  now = new Date(),
): RunRecord {
  const at = now.toISOString();
  return {
    v: RECORD_VERSION,
    runId: runIdOf(tenant.id, at, `${at}|failed|${reason}`),
    tenant,
    at,
    recordedAt: at,
    source: { kind: 'live' },
    // A failed run ran no rule: the rule-set marks compare runs that did.
    tool: { version: TOOL.version, rules: rulesHashCache ?? '' },
    config: '',
    exitCode,
    failed: reason.slice(0, 300),
  };
}

/** States of a run, given its record and its parent's states (for a delta). */
export function applyStates(record: RunRecord, parentStates: ReadonlyMap<string, State> | undefined): Map<string, State> {
  const p = record.states;
  if (!p) return new Map();
  if ('full' in p) return decodeFullMap(p.full);
  const out = new Map(parentStates ?? []);
  for (const k of p.del) out.delete(k);
  for (const s of p.set) out.set(s[0], s);
  return out;
}

export const MILESTONE_STATUS_LIST = MILESTONE_STATUSES;
