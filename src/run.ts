/**
 * `audit(options)`: the library API and the end-to-end entry. Source → Snapshot → evaluate →
 * aggregate → AuditReport (with the gate decided). No printing, no exit: the CLI does that.
 */
import { rules as allRules } from '../rules/index.js';
import { loadCatalog, resolveMilestone, type PlanId } from './catalog/index.js';
import type { AnyRule, RuleSettings } from './engine/define-rule.js';
import { aggregate, placeLiveFindings, type OutOfScope } from './engine/aggregate.js';
import { evaluate, isRuleEnabled, neededResources, planRefusal, type RuleSetting } from './engine/evaluate.js';
import { computeFacts, SCOPE_RESOURCES, type ScopeConfig } from './engine/scope.js';
import { FINDING_STATUSES, MILESTONE_STATUSES, TOPIC_STATUSES, type Environment, type Severity } from './engine/status.js';
import { SCHEMA_VERSION, type AuditReport, type LiveAuditItem, type ReportFinding, type ReportRule, type SourceLocation } from './report/schema.js';
import type { Finding } from './engine/evaluate.js';
import { computeFixFirst } from './report/fix-first.js';
import { computeVerdict } from './report/verdict.js';
import { computeReliesOn } from './report/relies-on.js';
import type { Reliance } from './report/schema.js';
import { decideGate } from './gate.js';
import { computeInUse, contextHints, FEATURES, IN_USE, type AddOn, type FeatureId, type Subscription, type TenantContext } from './engine/context.js';
import { needsLiveAudit } from './engine/live-audit.js';
import { DEFAULT_SETTINGS } from './engine/default-settings.js';
import type { FrameworkSelection } from './frameworks/load.js';
import { judgeFrameworks } from './frameworks/run.js';

export { decideGate } from './gate.js';
import type { CollectOptions } from './sources/management-api/collect.js';
import type { Credentials } from './sources/management-api/client.js';
import { RESOURCES, type ResourceKey } from './snapshot/resources.js';
import type { Snapshot } from './snapshot/snapshot.js';
import { TOOL } from './version.js';
import { applyWaivers, resolveAttestations } from './config/apply.js';
import type { Attestation, Waiver } from './config/schema.js';
import type { PacingOptions } from './sources/management-api/pacing-options.js';

export type SourceOptions =
  | ({ kind: 'management-api'; credentials: Credentials; apiBaseUrl?: URL; concurrency?: number; retryBudgetMs?: number; onEvent?: CollectOptions['onEvent']; fetchImpl?: typeof fetch } & PacingOptions)
  | {
      kind: 'snapshot';
      snapshot: Snapshot;
      /** Where a finding sits in the files the snapshot was read from (a Deploy CLI export). */
      locate?: (f: { resource?: Finding['resource']; field?: string | undefined; needs?: readonly string[] | undefined }) => SourceLocation | undefined;
    };

export { DEFAULT_SETTINGS };

export interface OptIns {
  logs?: boolean;
  users?: boolean;
  forms?: boolean;
}

export interface AuditOptions {
  source: SourceOptions;
  plan?: PlanId;
  env?: Environment;
  /** Where `env` came from (the report says "judged as production" when it is the default). */
  envSource?: 'flag' | 'config' | 'default';
  /** The tenant's Auth0 subscription, when known; add-ons bought on top of it. */
  subscription?: Subscription;
  addOns?: readonly AddOn[];
  /** Milestone the gate requires: a full id or a unique suffix (`go-live`). */
  require?: string;
  /** Findings at or above this severity fail the gate (default `blocker`; `none` disables). */
  failOn?: Severity | 'none';
  /**
   * Accept checks at or above `failOn` that could not be judged (a resource not read, a rule
   * error). Default: they fail the gate, naming the resources and scopes (src/gate.ts).
   */
  allowUnknown?: boolean;
  rules?: readonly AnyRule[];
  ruleSettings?: Readonly<Record<string, RuleSetting>>;
  settings?: Partial<RuleSettings>;
  scopeConfig?: ScopeConfig;
  outOfScope?: readonly OutOfScope[];
  attested?: ReadonlySet<string>;
  now?: () => Date;
  /** Waivers from config. */
  waivers?: readonly Waiver[];
  /** Attestations from config. */
  attestations?: readonly Attestation[];
  attestationMaxAgeDays?: number;
  /** This tenant's alias in a multi-tenant config (waivers and attestations may name it). */
  tenantAlias?: string;
  /** The config file, reported as provenance. */
  configPath?: string;
  /** Opt-in rule groups that read logs, users or forms. */
  optIns?: OptIns;
  /** Lookback of log searches, days (default 7). */
  logLookbackDays?: number;
  /** What else the verdict relies on, recorded by the caller (checks outside the source's reach, notes). */
  reliesOn?: readonly Reliance[];
  /** Framework profiles to judge from this audit (`--framework`; src/frameworks/load.ts resolves them). */
  frameworks?: readonly FrameworkSelection[];
  /** Profiles (ids) whose automated requirements must all pass for the gate (`--require-framework`). */
  requireFrameworks?: readonly string[];
}

/** Resources an audit with these rules reads: what the rules need plus what topic scope needs. */
export function resourcesFor(rules: readonly AnyRule[]): ResourceKey[] {
  return [...new Set<ResourceKey>([...neededResources(rules), ...SCOPE_RESOURCES])];
}

/** The rules an audit with these options runs. */
export function selectRules(opts: Pick<AuditOptions, 'rules' | 'ruleSettings' | 'optIns'>): AnyRule[] {
  const optIns = opts.optIns ?? {};
  return (opts.rules ?? allRules).filter((r) => isRuleEnabled(r, opts.ruleSettings) && (!r.optIn || !!optIns[r.optIn]));
}

/** Read a live tenant into a Snapshot: every resource the selected rules and topic scope need. */
export async function takeSnapshot(opts: Pick<AuditOptions, 'source' | 'rules' | 'ruleSettings' | 'optIns' | 'logLookbackDays' | 'now'>): Promise<Snapshot> {
  if (opts.source.kind !== 'management-api') return opts.source.snapshot;
  const s = opts.source;
  // The collector (and with it the auth0 SDK) is loaded only for a live tenant: an offline audit
  // of a snapshot or an export never pays for it.
  const { collect } = await import('./sources/management-api/collect.js');
  const { snapshot } = await collect({
    credentials: s.credentials,
    resources: resourcesFor(selectRules(opts)),
    ...(s.apiBaseUrl ? { apiBaseUrl: s.apiBaseUrl } : {}),
    ...(s.concurrency ? { concurrency: s.concurrency } : {}),
    ...(s.retryBudgetMs ? { retryBudgetMs: s.retryBudgetMs } : {}),
    ...(s.reservePercent !== undefined ? { reservePercent: s.reservePercent } : {}),
    ...(s.maxRps !== undefined ? { maxRps: s.maxRps } : {}),
    ...(s.onEvent ? { onEvent: s.onEvent } : {}),
    ...(s.fetchImpl ? { fetchImpl: s.fetchImpl } : {}),
    ...(opts.logLookbackDays ? { logLookbackDays: opts.logLookbackDays } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  });
  return snapshot;
}

export async function audit(opts: AuditOptions): Promise<AuditReport> {
  const now = opts.now ?? (() => new Date());
  const plan = opts.plan ?? 'b2c';
  const env = opts.env ?? 'prod';
  const index = loadCatalog().plans[plan];
  // Validate the gate before any request is sent: a typo is exit 2, not a wasted audit.
  const required = opts.require ? resolveMilestone(index, opts.require) : undefined;
  const rules = selectRules(opts);
  const snapshot = await takeSnapshot({ ...opts, now });

  const needed = new Set(resourcesFor(rules));
  const settings: RuleSettings = { ...DEFAULT_SETTINGS, ...opts.settings };
  const tenantContext = buildContext(opts, snapshot, rules, env);
  const evaluated = evaluate(rules, snapshot, {
    ctx: { now: now(), env, plan, settings, ...(opts.scopeConfig ? { scope: opts.scopeConfig } : {}) },
    tenant: tenantContext,
    ...(opts.ruleSettings ? { ruleSettings: opts.ruleSettings } : {}),
  });
  const who = { now: now(), ...(opts.tenantAlias ? { tenant: opts.tenantAlias } : {}) };
  const placed = placeLiveFindings(index, evaluated, new Map(rules.flatMap((r) => (r.appliesWhen ? [[r.id, r.appliesWhen] as const] : []))));
  const { findings, waivers } = applyWaivers(placed, opts.waivers ?? [], who);
  const attestations = resolveAttestations(opts.attestations ?? [], {
    ...who,
    ...(opts.attestationMaxAgeDays ? { maxAgeDays: opts.attestationMaxAgeDays } : {}),
  });
  const facts = computeFacts(snapshot);
  const agg = aggregate({
    plan: index,
    findings,
    facts,
    env,
    ...(opts.scopeConfig ? { scopeConfig: opts.scopeConfig } : {}),
    ...(opts.outOfScope ? { outOfScope: opts.outOfScope } : {}),
    ...(opts.attested ? { attested: opts.attested } : {}),
    attestations,
  });

  const titles = new Map(rules.map((r) => [r.id, r.title]));
  const needsOf = new Map(rules.map((r) => [r.id, r.needs]));
  const planTopics = index.topics;
  const locate = opts.source.kind === 'snapshot' ? opts.source.locate : undefined;
  const reportFindings = findings.map((f) => {
    const location = locate && f.status !== 'pass' && f.status !== 'n/a' ? locate({ ...f, needs: needsOf.get(f.ruleId) }) : undefined;
    return {
      ...f,
      title: titles.get(f.ruleId) ?? f.ruleId,
      topicIds: f.topicIds.filter((t) => planTopics.has(t)),
      ...(location ? { location } : {}),
    };
  });

  const count = <K extends string>(keys: readonly K[], values: K[]) =>
    Object.fromEntries(keys.map((k) => [k, values.filter((v) => v === k).length])) as Record<K, number>;

  const report: AuditReport = {
    schemaVersion: SCHEMA_VERSION,
    tool: TOOL,
    tenant: {
      domain: snapshot.tenant.domain,
      source: snapshot.source.kind,
      ...(snapshot.source.path ? { path: snapshot.source.path } : {}),
      environment: env,
    },
    plan,
    context: {
      plan,
      environment: env,
      environmentSource: tenantContext.environmentSource,
      subscription: { ...tenantContext.subscription, addOns: [...tenantContext.subscription.addOns], inferred: [...tenantContext.subscription.inferred] },
      inUse: Object.fromEntries(IN_USE.map((k) => [k, tenantContext.inUse[k] ?? null])) as Record<(typeof IN_USE)[number], boolean | null>,
      productionOnly: [...new Set(findings.filter((f) => f.context?.production).map((f) => f.ruleId))].sort(),
      cappedBySubscription: [...new Set(findings.filter((f) => f.context?.cappedBySubscription).map((f) => f.ruleId))].sort(),
      hints: contextHints(tenantContext, snapshot.tenant.domain),
    },
    generatedAt: now().toISOString(),
    collectedAt: snapshot.collectedAt,
    gate: { failOn: opts.failOn ?? 'blocker', passed: true, reasons: [] },
    summary: {
      milestones: count(MILESTONE_STATUSES, agg.milestones.map((m) => m.status)),
      topics: count(TOPIC_STATUSES, agg.topics.map((t) => t.status)),
      findings: count(FINDING_STATUSES, findings.map((f) => f.status)),
    },
    milestones: agg.milestones,
    workstreams: agg.workstreams,
    topics: agg.topics.map((t) => ({ ...t, scope: t.scope.inScope === undefined ? { reason: t.scope.reason } : { inScope: t.scope.inScope, reason: t.scope.reason } })),
    findings: reportFindings,
    // What this audit needed: an offline source may hold more (or mark more as not in the export).
    resources: (Object.keys(snapshot.resources) as ResourceKey[]).filter((k) => needed.has(k)).sort().map((key) => {
      const r = snapshot.resources[key];
      const title = RESOURCES[key].title;
      if (!r || r.ok) return { key, title, status: 'ok' as const };
      return { key, title, status: r.reason, reason: r.detail, ...(r.scopes ? { scopes: r.scopes } : {}) };
    }),
    ...liveAuditOf(reportFindings),
    waivers,
    attestations: [...attestations.values()],
    ...(opts.configPath ? { config: opts.configPath } : {}),
    ...(snapshot.source.usage ? { source: { kind: snapshot.source.kind, ...snapshot.source.usage } } : {}),
  };
  if (opts.frameworks?.length) {
    report.frameworks = judgeFrameworks(opts.frameworks, {
      report,
      snapshot,
      rules: opts.rules ?? allRules,
      selected: rules,
      ...(opts.ruleSettings ? { ruleSettings: opts.ruleSettings } : {}),
      settings,
      settingsGiven: Object.keys(opts.settings ?? {}),
      ctx: { now: now(), env, plan, settings, ...(opts.scopeConfig ? { scope: opts.scopeConfig } : {}) },
    });
    // A waiver of a framework requirement matched what it waived, like a rule's waiver its findings.
    for (const w of report.waivers) {
      const waived = report.frameworks.flatMap((f) => f.requirements.filter((r) => r.waiver && `${f.framework}:${r.id}` === w.rule));
      if (waived.length) w.matched += waived.length;
    }
  }
  report.gate = decideGate(report, {
    require: required?.id,
    failOn: opts.failOn ?? 'blocker',
    allowUnknown: opts.allowUnknown,
    ...(opts.requireFrameworks?.length ? { requireFrameworks: opts.requireFrameworks } : {}),
  });
  report.rules = describeRules(rules, report);
  report.fixFirst = computeFixFirst(report);
  const registry = new Map((opts.rules ?? allRules).map((r) => [r.id, { title: r.title, severity: r.severity }]));
  report.reliesOn = computeReliesOn(report, { rules: registry, ...(opts.ruleSettings ? { ruleSettings: opts.ruleSettings } : {}), ...(opts.reliesOn ? { extra: opts.reliesOn } : {}) });
  report.effectiveConfig = {
    ...(opts.configPath ? { path: opts.configPath } : {}),
    ...(required ? { require: required.id } : {}),
    ...policiesOf(opts.rules ?? allRules),
    ...(opts.frameworks?.length ? { frameworks: opts.frameworks.map((f) => f.profile.id) } : {}),
    ...(opts.requireFrameworks?.length ? { requireFrameworks: [...opts.requireFrameworks] } : {}),
    failOn: opts.failOn ?? 'blocker',
    allowUnknown: !!opts.allowUnknown,
    environment: env,
    plan,
    rules: { ...(opts.ruleSettings ?? {}) },
    settings: Object.fromEntries(Object.entries(opts.settings ?? {}).filter(([k, v]) => (DEFAULT_SETTINGS as unknown as Record<string, unknown>)[k] !== v)),
    ...(opts.scopeConfig ? { scope: { ...opts.scopeConfig } } : {}),
    ...(opts.outOfScope?.length ? { outOfScope: opts.outOfScope.map((o) => ({ topic: o.topic, reason: o.reason })) } : {}),
    ...(opts.attestationMaxAgeDays ? { attestationMaxAgeDays: opts.attestationMaxAgeDays } : {}),
    optIns: Object.entries(opts.optIns ?? {}).filter(([, on]) => on).map(([k]) => k),
  };
  // The headline goes first in the JSON, as in every other format.
  const { schemaVersion, tool, tenant, plan: planId, generatedAt, collectedAt, ...rest } = report;
  return { schemaVersion, tool, tenant, plan: planId, generatedAt, collectedAt, verdict: computeVerdict(report), ...rest };
}

/**
 * The tenant's context for this audit: the environment (and where it came from), the declared
 * subscription plus what the API showed about it (a plan-gated 403 on a feature a rule needs),
 * and what the tenant uses.
 */
function buildContext(opts: AuditOptions, snapshot: Snapshot, rules: readonly AnyRule[], env: Environment): TenantContext {
  const inferred: TenantContext['subscription']['inferred'] = [];
  const seen = new Set<FeatureId>();
  for (const r of rules) {
    if (!r.feature || seen.has(r.feature)) continue;
    const k = planRefusal(r, snapshot);
    if (k) {
      seen.add(r.feature);
      inferred.push({ feature: r.feature, detail: `${FEATURES[r.feature].title}: the API refused ${RESOURCES[k].title} as not on the subscription` });
    }
  }
  return {
    environment: env,
    environmentSource: opts.envSource ?? (opts.env ? 'flag' : 'default'),
    subscription: {
      ...(opts.subscription ? { tier: opts.subscription } : {}),
      source: opts.subscription ? 'declared' : 'unknown',
      addOns: [...(opts.addOns ?? [])],
      inferred,
    },
    inUse: computeInUse(snapshot),
  };
}

/**
 * The report's `needsLiveAudit`: the checks outside the source's reach (src/engine/live-audit.ts),
 * one entry per rule, in rule order. Absent when there are none (a live read never has any).
 */
export function liveAuditOf(findings: readonly ReportFinding[]): { needsLiveAudit?: LiveAuditItem[] } {
  const byRule = new Map<string, LiveAuditItem>();
  for (const f of findings) {
    if (!needsLiveAudit(f)) continue;
    const item = byRule.get(f.ruleId) ?? { ruleId: f.ruleId, title: f.title, severity: f.severity, topicIds: f.topicIds, resources: [], why: f.missing?.[0]?.detail ?? '' };
    for (const m of f.missing ?? []) if (!item.resources.includes(m.key)) item.resources.push(m.key);
    if (f.field !== undefined) {
      const field = `${f.missing?.[0]?.key ?? ''}.${f.field}`;
      if (!(item.fields ??= []).includes(field)) item.fields.push(field);
    }
    byRule.set(f.ruleId, item);
  }
  const items = [...byRule.values()].sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  return items.length ? { needsLiveAudit: items } : {};
}

/** The organisation policies among the rules (compiled from data: they carry their origin). */
function policiesOf(rules: readonly AnyRule[]): { policies?: { id: string; severity: Severity; file: string; hash: string }[] } {
  const list = rules.flatMap((r) => {
    const c = r as AnyRule & { origin?: { file: string; line?: number }; definitionHash?: string };
    return c.origin && c.definitionHash ? [{ id: r.id, severity: r.severity, file: `${c.origin.file}${c.origin.line ? `:${c.origin.line}` : ''}`, hash: c.definitionHash }] : [];
  });
  return list.length ? { policies: list } : {};
}

/** What the reporters need about each rule with a finding in the report, in id order. */
export function describeRules(rules: readonly AnyRule[], report: Pick<AuditReport, 'findings' | 'topics'>): ReportRule[] {
  const used = new Set(report.findings.map((f) => f.ruleId));
  const planTopics = new Set(report.topics.map((t) => t.id));
  return rules
    .filter((r) => used.has(r.id))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((r) => ({
      id: r.id,
      title: r.title,
      severity: r.severity,
      ...(r.prodOnly ? { prodOnly: true } : {}),
      ...(r.rationale ? { rationale: r.rationale } : {}),
      ...(r.remediation ? { remediation: r.remediation } : {}),
      ...(r.docs ? { docs: r.docs } : {}),
      topics: r.topics.filter((t) => planTopics.has(t)),
      ...(r.checks.length ? { checks: [...r.checks] } : {}),
      ...(r.checkmate?.length ? { checkmate: [...r.checkmate] } : {}),
      ...(r.dashboard?.length ? { dashboard: [...r.dashboard] } : {}),
      ...(r.failSummary ? { failSummary: { ...r.failSummary } } : {}),
    }));
}
