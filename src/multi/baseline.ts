/**
 * `--baseline <previous-report.json>`: what is new, fixed, changed or unchanged since a previous
 * report, per finding and per topic. A finding's identity is stable across runs (src/report/finding-key.ts): rule id,
 * resource type and id, field, and tenant (alias, else domain). A rule renamed since the
 * baseline is followed through RULE_RENAMES; a finding whose rule no longer exists is
 * `removed-rule`, never `fixed`.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { FINDING_RANK, SEVERITY_RANK, TOPIC_RANK } from '../engine/status.js';
import { findingKey, findingKeys } from '../report/finding-key.js';
import { AuditReportSchema, CHANGE_KINDS, SCHEMA_VERSION, type AuditReport, type BaselineComparison, type ChangeKind, type ReportFinding } from '../report/schema.js';

/** Rule ids renamed between releases: old id → new id. Add an entry whenever a rule is renamed. */
export const RULE_RENAMES: Readonly<Record<string, string>> = {};

export const tenantIdOf = (r: Pick<AuditReport, 'tenant'>): string => r.tenant.alias ?? r.tenant.domain;

export { findingKey };

const FAILING = new Set(['fail', 'error']);

function keysOf(findings: readonly ReportFinding[], tenant: string, idOf: (f: ReportFinding) => string): string[] {
  return findingKeys(findings, tenant, idOf);
}

function findingWorse(before: ReportFinding, after: ReportFinding): boolean {
  if (FINDING_RANK[after.status] > FINDING_RANK[before.status]) return true;
  return after.status === 'fail' && before.status === 'fail' && SEVERITY_RANK[after.severity] > SEVERITY_RANK[before.severity];
}

export interface CompareOptions {
  /** Ids of the rules that exist now (a baseline finding of any other rule is `removed-rule`). */
  knownRuleIds: ReadonlySet<string>;
  renames?: Readonly<Record<string, string>>;
  path?: string;
}

export function compareWithBaseline(current: AuditReport, baseline: AuditReport, opts: CompareOptions): BaselineComparison {
  const renames = opts.renames ?? RULE_RENAMES;
  const tenant = tenantIdOf(current);
  const before = new Map<string, { f: ReportFinding; previousRuleId?: string }>();
  const removed: ReportFinding[] = [];
  const idOf = (f: ReportFinding) => renames[f.ruleId] ?? f.ruleId;
  const baseKeys = keysOf(baseline.findings, tenant, idOf);
  baseline.findings.forEach((f, i) => {
    const id = idOf(f);
    if (!opts.knownRuleIds.has(id)) removed.push(f);
    else before.set(baseKeys[i] as string, { f, ...(id !== f.ruleId ? { previousRuleId: f.ruleId } : {}) });
  });
  const findings: BaselineComparison['findings'] = [];
  const state = (f: ReportFinding) => ({ status: f.status, severity: f.severity });
  const seen = new Set<string>();
  const curKeys = keysOf(current.findings, tenant, (f) => f.ruleId);
  for (const [i, f] of current.findings.entries()) {
    const key = curKeys[i] as string;
    seen.add(key);
    const prev = before.get(key);
    const base = { key, ruleId: f.ruleId, ...(f.resource ? { resource: f.resource } : {}), ...(f.field ? { field: f.field } : {}), tenant, message: f.message };
    if (!prev) {
      findings.push({ ...base, change: 'new', worse: FAILING.has(f.status), after: state(f) });
      continue;
    }
    const p = prev.f;
    const changed = p.status !== f.status || p.severity !== f.severity;
    const fixed = changed && FAILING.has(p.status) && !FAILING.has(f.status);
    findings.push({
      ...base,
      ...(prev.previousRuleId ? { previousRuleId: prev.previousRuleId } : {}),
      change: fixed ? 'fixed' : changed ? 'changed' : 'unchanged',
      worse: findingWorse(p, f),
      before: state(p),
      after: state(f),
    });
  }
  for (const [key, { f, previousRuleId }] of before) {
    if (seen.has(key)) continue;
    findings.push({
      key,
      ruleId: previousRuleId ? (renames[f.ruleId] as string) : f.ruleId,
      ...(previousRuleId ? { previousRuleId } : {}),
      ...(f.resource ? { resource: f.resource } : {}),
      ...(f.field ? { field: f.field } : {}),
      tenant,
      change: FAILING.has(f.status) ? 'fixed' : 'gone',
      worse: false,
      before: state(f),
      message: f.message,
    });
  }
  for (const f of removed) {
    findings.push({
      key: findingKey(f, tenant),
      ruleId: f.ruleId,
      ...(f.resource ? { resource: f.resource } : {}),
      ...(f.field ? { field: f.field } : {}),
      tenant,
      change: 'removed-rule',
      worse: false,
      before: state(f),
      message: `rule ${f.ruleId} no longer exists: ${f.message}`,
    });
  }

  const topics: BaselineComparison['topics'] = [];
  const prevTopics = new Map(baseline.topics.map((t) => [t.id, t.status]));
  const curTopics = new Set<string>();
  for (const t of current.topics) {
    curTopics.add(t.id);
    const p = prevTopics.get(t.id);
    if (p === undefined) {
      topics.push({ id: t.id, change: 'new', worse: t.status === 'fail', after: t.status });
      continue;
    }
    // A topic coming into scope and passing (n/a → pass) is not worse.
    const worse = TOPIC_RANK[t.status] > TOPIC_RANK[p] && t.status !== 'pass';
    const fixed = TOPIC_RANK[t.status] < TOPIC_RANK[p] && (t.status === 'pass' || t.status === 'n/a');
    topics.push({ id: t.id, change: p === t.status ? 'unchanged' : fixed ? 'fixed' : 'changed', worse, before: p, after: t.status });
  }
  for (const [id, p] of prevTopics) if (!curTopics.has(id)) topics.push({ id, change: 'gone', worse: false, before: p });

  const counts = Object.fromEntries(CHANGE_KINDS.map((k) => [k, findings.filter((f) => f.change === k).length])) as Record<ChangeKind, number>;
  return {
    ...(opts.path ? { path: opts.path } : {}),
    generatedAt: baseline.generatedAt,
    regressed: findings.some((f) => f.worse) || topics.some((t) => t.worse),
    counts,
    findings,
    topics,
  };
}

/** One line per regression, for the gate and the console. */
export function regressions(c: BaselineComparison): string[] {
  return [
    ...c.findings.filter((f) => f.worse).map((f) => `${f.ruleId}${f.resource ? ` (${f.resource.name ?? f.resource.id})` : ''}: ${f.change === 'new' ? 'new' : `${f.before?.status} → ${f.after?.status}`}${f.after ? ` [${f.after.severity}]` : ''}`),
    ...c.topics.filter((t) => t.worse).map((t) => `topic ${t.id}: ${t.before ?? 'new'} → ${t.after}`),
  ];
}

/**
 * Read a baseline: a single-tenant AuditReport, or a multi-tenant report (each tenant's report,
 * by alias or domain). Bad input is a ConfigError (exit 2).
 */
export function readBaseline(path: string): AuditReport[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(`--baseline ${path}: ${e instanceof Error && 'code' in e ? 'no such file' : `not valid JSON (${e instanceof Error ? e.message : String(e)})`}`);
  }
  const list = raw && typeof raw === 'object' && (raw as { kind?: unknown }).kind === 'multi' ? (raw as { tenants?: unknown }).tenants : [raw];
  if (!Array.isArray(list)) throw new ConfigError(`--baseline ${path}: a multi-tenant report without a tenants list`);
  return list.map((r) => {
    if (r && typeof r === 'object' && (r as { schemaVersion?: unknown }).schemaVersion !== SCHEMA_VERSION) {
      throw new ConfigError(`--baseline ${path}: report schemaVersion ${String((r as { schemaVersion?: unknown }).schemaVersion)}, this version reads ${SCHEMA_VERSION}`);
    }
    const parsed = AuditReportSchema.safeParse(r);
    if (!parsed.success) throw new ConfigError(`--baseline ${path}: not an auth0-readiness JSON report (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`);
    return parsed.data;
  });
}

/**
 * The baseline report of this tenant: same alias, else same domain; a report of another tenant only
 * when asked (`anyTenant`, `--baseline-any-tenant`) and it is the only one.
 */
export function baselineFor(current: AuditReport, baselines: readonly AuditReport[], opts: { anyTenant?: boolean } = {}): AuditReport | undefined {
  return (
    (current.tenant.alias ? baselines.find((b) => b.tenant.alias === current.tenant.alias) : undefined) ??
    baselines.find((b) => b.tenant.domain === current.tenant.domain) ??
    (opts.anyTenant && baselines.length === 1 ? baselines[0] : undefined)
  );
}
