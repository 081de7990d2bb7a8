/** `audit`: one tenant (live, snapshot or Deploy CLI export) or many (`--all`, `--tenant`). */
import type { Logger } from 'pino';
import type { PlanId } from '../catalog/schema.js';
import type { Environment, Severity } from '../engine/status.js';
import type { AddOn, Subscription } from '../engine/context.js';
import { loadCatalog, resolveMilestone } from '../catalog/index.js';
import { FRAMEWORK_ATTESTATION } from '../config/load.js';
import { loadConfigAndPolicies } from '../policies/config.js';
import type { AnyRule } from '../engine/define-rule.js';
import type { Config } from '../config/schema.js';
import { ConfigError, isKnownError, UsageError } from '../errors.js';
import { existsSync } from 'node:fs';
import { historyForReport, recordFailure } from '../history/audit-hook.js';
import { openStore, type HistoryStore } from '../history/store.js';
import { baselineFor, compareWithBaseline, readBaseline, regressions } from '../multi/baseline.js';
import { computeMultiVerdict, MULTI_REPORTERS } from '../multi/report.js';
import { auditTenants, type TenantSpec } from '../multi/run.js';
import { parseShard, shardOf } from '../multi/shard.js';
import { pacingFlagsFromConfig } from '../sources/management-api/pacing-options.js';
import { REPORTERS, type ReporterName } from '../report/index.js';
import type { AuditReport, GateReason } from '../report/schema.js';
import { gateReasonText } from '../report/reasons.js';
import { computeVerdict } from '../report/verdict.js';
import { audit, type AuditOptions, type SourceOptions } from '../run.js';
import { readSnapshotFile } from '../snapshot/file.js';
import { detectDeployCliExport, parseKeywordFlag, readDeployCliExport } from '../sources/deploy-cli/index.js';
import { rules as allRules } from '../../rules/index.js';
import { colorFor, createLogger, parseFormats, writeAtomically } from './output.js';
import { Progress } from './progress.js';
import { checkReadingFlags, liveSource, logDaysOf, optInsOf, tenantSource, type SourceFlags, type TenantConfig } from './source.js';
import { cliIo } from './io.js';
import { dirname } from 'node:path';
import { automationOf, resolveFramework, shippedFrameworks, type FrameworkSelection, type LoadedFramework } from '../frameworks/load.js';

export interface AuditFlags extends SourceFlags {
  plan: PlanId;
  env: Environment;
  subscription?: Subscription;
  addOn?: AddOn[];
  require?: string;
  failOn: Severity | 'none';
  format: string[];
  output?: string;
  from?: string;
  config?: string;
  deployConfig?: string;
  keyword?: string[];
  color?: boolean;
  verbose?: boolean;
  quiet?: boolean;
  logLevel: string;
  all?: boolean;
  tenant?: string[];
  baseline?: string;
  failOnRegression?: boolean;
  shard?: string;
  allowUnknown?: boolean;
  baselineAnyTenant?: boolean;
  /** Record the run in this history store (a directory or a postgres:// URL). */
  history?: string;
  /** Framework profiles to judge (`--framework`, repeatable): shipped profile ids or file paths. */
  framework?: string[];
  /** Framework profiles the gate requires (`--require-framework`, repeatable). */
  requireFramework?: string[];
  /** Organisation policy files (repeatable), added to the config's `policies`. */
  policy?: string[];
}

/** The tenants `--all` / `--tenant` select, in config order; unknown aliases are usage errors. */
function selectTenants(config: Config, flags: AuditFlags): TenantConfig[] {
  const list = config.tenants ?? [];
  if (!list.length) throw new UsageError('--all and --tenant need a tenants list in the config file');
  if (flags.all) return list;
  const wanted = flags.tenant ?? [];
  for (const a of wanted) {
    if (!list.some((t) => t.alias === a)) throw new UsageError(`--tenant ${a}: no such alias in the config tenants (${list.map((t) => t.alias).join(', ')})`);
  }
  return list.filter((t) => wanted.includes(t.alias));
}

/** Attach the baseline comparison and, with --fail-on-regression, decide the gate on regressions only. */
function applyBaseline(
  report: AuditReport,
  baselines: AuditReport[] | undefined,
  path: string | undefined,
  failOnRegression: boolean,
  opts: { single: boolean; anyTenant: boolean; ruleIds: ReadonlySet<string> },
): void {
  if (!baselines) return;
  const base = baselineFor(report, baselines, { anyTenant: opts.anyTenant });
  if (!base) {
    // In a fleet, a tenant the baseline does not have is new: nothing to compare. A single audit
    // compared with another tenant's report would call every difference a regression.
    if (!opts.single) return;
    const of = [...new Set(baselines.map((b) => b.tenant.alias ?? b.tenant.domain))].join(', ');
    throw new UsageError(`--baseline ${path}: a report of ${of}, not of ${report.tenant.alias ?? report.tenant.domain}; pass --baseline-any-tenant to compare them anyway`);
  }
  report.baseline = compareWithBaseline(report, base, { knownRuleIds: opts.ruleIds, ...(path ? { path } : {}) });
  if (failOnRegression) {
    const lines = regressions(report.baseline);
    const details: GateReason[] = lines.length ? [{ id: 'regressions', count: lines.length, lines: lines.slice(0, 20) }] : [];
    report.gate = { ...report.gate, passed: lines.length === 0, reasons: details.map((d) => gateReasonText(d)), details };
    report.verdict = computeVerdict(report, { regressionOnly: true });
  }
}

/** What the config file contributes to an audit (rules, settings, scope, waivers, attestations). */
function auditOptionsFromConfig(config: Config, configPath: string | undefined): Partial<AuditOptions> {
  return {
    ...(config.rules ? { ruleSettings: config.rules } : {}),
    ...(config.settings ? { settings: config.settings } : {}),
    ...(config.scope ? { scopeConfig: config.scope } : {}),
    ...(config.outOfScope ? { outOfScope: config.outOfScope } : {}),
    ...(config.waivers ? { waivers: config.waivers } : {}),
    ...(config.attestations ? { attestations: config.attestations } : {}),
    ...(config.attestationMaxAgeDays ? { attestationMaxAgeDays: config.attestationMaxAgeDays } : {}),
    ...(configPath ? { configPath } : {}),
  };
}

/**
 * The framework profiles this run judges: `--framework` (paths relative to the working directory)
 * and config `frameworks` (paths relative to the config file), plus every `--require-framework`
 * profile; each resolved and checked before any tenant is read (exit 2 on a bad one).
 */
function frameworksOf(flags: AuditFlags, config: Config, configPath: string | undefined, rules: readonly AnyRule[]): { frameworks: FrameworkSelection[]; requireFrameworks: string[] } {
  const cwd = cliIo().cwd;
  const configDir = configPath ? dirname(configPath) : cwd;
  const cfg = configPath ?? 'config';
  const specs: { spec: string; cwd: string; label: string; required: boolean }[] = [
    ...(flags.framework ?? []).map((spec) => ({ spec, cwd, label: `--framework ${spec}`, required: false })),
    ...(config.frameworks ?? []).map((spec, i) => ({ spec, cwd: configDir, label: `${cfg}: frameworks.${i} (${spec})`, required: false })),
    ...(flags.requireFramework ?? []).map((spec) => ({ spec, cwd, label: `--require-framework ${spec}`, required: true })),
    ...(config.requireFrameworks ?? []).map((spec, i) => ({ spec, cwd: configDir, label: `${cfg}: requireFrameworks.${i} (${spec})`, required: true })),
  ];
  const selections = new Map<string, FrameworkSelection>();
  // One framework id is one file: a second file with the same id (or one shadowing a shipped framework) is refused.
  const fileOf = new Map<string, string>();
  const requireFrameworks: string[] = [];
  for (const { spec, cwd: base, label, required } of specs) {
    const sel = selections.get(spec) ?? resolveFramework(spec, { cwd: base, rules, label });
    const id = sel.framework.file.id;
    const seen = fileOf.get(id);
    if (seen && seen !== sel.framework.path) throw new ConfigError(`${label}: framework id ${id} is also the id of ${seen}: give each framework file its own id`);
    fileOf.set(id, sel.framework.path);
    if (!sel.framework.shipped && shippedFrameworkIds(rules).has(id)) throw new ConfigError(`${label}: framework id ${id} is the id of a shipped framework: give your file its own id`);
    selections.set(sel.profile.id, sel);
    if (required && !requireFrameworks.includes(sel.profile.id)) requireFrameworks.push(sel.profile.id);
  }
  checkFrameworkReferences(config, cfg, [...selections.values()].map((s) => s.framework), rules);
  return { frameworks: [...selections.values()], requireFrameworks };
}

/**
 * An attestation or a waiver of a framework requirement (`asvs-5.0:6.4.2`) must name one the
 * framework has — a typo would be ignored, silently — whether or not this run judges it (a shipped
 * framework is checked even when not judged); a waiver of a requirement only an attestation can
 * meet is refused (attest it instead).
 */
function shippedFrameworkIds(rules: readonly AnyRule[]): Set<string> {
  return new Set(shippedFrameworks(rules).map((f) => f.file.id));
}

function checkFrameworkReferences(config: Config, cfg: string, judged: readonly LoadedFramework[], rules: readonly AnyRule[]): void {
  const named = [
    ...(config.attestations ?? []).map((a, i) => ({ id: a.topic, at: `attestations.${i}.topic`, waiver: false })),
    ...(config.waivers ?? []).map((w, i) => ({ id: w.rule, at: `waivers.${i}.rule`, waiver: true })),
  ].filter((n) => FRAMEWORK_ATTESTATION.test(n.id));
  if (!named.length) return;
  const shipped = named.some((n) => !judged.some((f) => n.id.startsWith(`${f.file.id}:`))) ? shippedFrameworks(rules) : [];
  for (const { id, at, waiver } of named) {
    const [fwId, ...rest] = id.split(':');
    const reqId = rest.join(':');
    const fw = judged.find((f) => f.file.id === fwId) ?? shipped.find((f) => f.file.id === fwId);
    if (!fw) continue;
    const req = fw.file.requirements.find((r) => r.id === reqId);
    if (!req) throw new ConfigError(`${cfg}: ${at}: ${fw.file.name} has no requirement ${reqId}`);
    if (waiver && automationOf(req) === 'manual') throw new ConfigError(`${cfg}: ${at}: ${id} is met only by an attestation: attest it (status done, or not-applicable) instead of waiving it`);
  }
}

/** The audit options a single-tenant and a multi-tenant run share: plan, gate, opt-ins and the config file's part. */
function gateAndRules(flags: AuditFlags, config: Config, configPath: string | undefined, logLookbackDays: number, rules: readonly AnyRule[]) {
  const { frameworks, requireFrameworks } = frameworksOf(flags, config, configPath, rules);
  return {
    ...(frameworks.length ? { frameworks } : {}),
    ...(requireFrameworks.length ? { requireFrameworks } : {}),
    plan: flags.plan,
    rules,
    ...(flags.require ? { require: flags.require } : {}),
    failOn: flags.failOn,
    optIns: optInsOf(flags),
    logLookbackDays,
    ...(flags.allowUnknown ? { allowUnknown: true } : {}),
    ...auditOptionsFromConfig(config, configPath),
  } satisfies Partial<AuditOptions>;
}

/** Flags override the config file; a flag left at its default does not. */
function merge(flags: AuditFlags, config: Config, given: (name: string) => boolean): AuditFlags {
  const pick = <K extends keyof AuditFlags>(k: K, fromConfig: AuditFlags[K] | undefined): AuditFlags[K] => (given(k) || fromConfig === undefined ? flags[k] : fromConfig);
  const withLogs = given('withLogs') ? flags.withLogs : config.withLogs === true ? true : typeof config.withLogs === 'number' ? String(config.withLogs) : flags.withLogs;
  return {
    ...flags,
    plan: pick('plan', config.plan),
    env: pick('env', config.env),
    ...(given('subscription') || !config.subscription ? {} : { subscription: config.subscription }),
    addOn: given('addOn') || !config.addOns ? (flags.addOn ?? []) : config.addOns,
    failOn: pick('failOn', config.failOn),
    require: pick('require', config.require),
    ...(withLogs !== undefined ? { withLogs } : {}),
    withUsers: pick('withUsers', config.withUsers),
    withForms: pick('withForms', config.withForms),
    allowUnknown: pick('allowUnknown', config.allowUnknown),
    ...((flags.history ?? cliIo().env.AUTH0_READINESS_HISTORY ?? config.history) ? { history: flags.history ?? cliIo().env.AUTH0_READINESS_HISTORY ?? config.history } : {}),
    ...pacingFlagsFromConfig(flags, config, given),
  };
}

export async function runAudit(rawFlags: AuditFlags, given: (name: string) => boolean): Promise<number> {
  // Policy files first: the config's rule overrides and waivers may name their org/ rules.
  const { config, path: configPath, policies } = loadConfigAndPolicies(rawFlags.config, cliIo().cwd, allRules, rawFlags.policy ?? []);
  const rules: AnyRule[] = [...allRules, ...policies.map((p) => p.rule)];
  const flags = merge(rawFlags, config, given);
  const log = createLogger(flags.quiet ? 'silent' : flags.logLevel, flags.logFormat);
  const logLookbackDays = logDaysOf(flags);
  const outputs = parseFormats(flags.format, flags.output);
  checkReadingFlags(flags);
  if (outputs.some((o) => o.name === 'csv') && !(flags.framework?.length || flags.requireFramework?.length || config.frameworks?.length || config.requireFrameworks?.length)) {
    throw new UsageError('--format csv lists the requirements of framework profiles: add --framework <profile> (auth0-readiness frameworks lists them)');
  }
  const { stderr } = cliIo();
  const progress = new Progress(stderr, !!stderr.isTTY && !flags.quiet && !['debug', 'trace'].includes(flags.logLevel));
  if (flags.failOnRegression && !flags.baseline && !flags.history) throw new UsageError('--fail-on-regression needs --baseline <previous-report.json> or --history <store>');
  if (flags.baseline && flags.history && flags.failOnRegression) throw new UsageError('--fail-on-regression compares with --baseline or with the --history baseline, not both');
  if (flags.baselineAnyTenant && !flags.baseline) throw new UsageError('--baseline-any-tenant needs --baseline <previous-report.json>');
  const baselines = flags.baseline ? readBaseline(flags.baseline) : undefined;
  if (flags.shard && !flags.all && !flags.tenant?.length) throw new UsageError('--shard splits the tenants of --all (or --tenant) across runs: add --all');
  // Open the history store before reading any tenant: a bad store is exit 2 or 3 at once.
  const store = flags.history ? await openStore(flags.history) : undefined;
  try {
    const run: AuditRun = { flags, config, configPath, outputs, baselines, log, logLookbackDays, store, rules };
    if (flags.all || flags.tenant?.length) return await runMulti(run);
    const envSource = given('env') ? ('flag' as const) : config.env ? ('config' as const) : ('default' as const);
    return await runSingle(run, progress, envSource);
  } finally {
    await store?.close();
  }
}

/** What one `audit` invocation settled before reading any tenant: shared by the single and fleet runs. */
interface AuditRun {
  flags: AuditFlags;
  config: Config;
  configPath: string | undefined;
  outputs: { name: ReporterName; path?: string }[];
  baselines: AuditReport[] | undefined;
  log: Logger;
  logLookbackDays: number;
  store: HistoryStore | undefined;
  /** The built-in rules and the organisation policies. */
  rules: readonly AnyRule[];
}

async function runSingle(run: AuditRun, progress: Progress, envSource: 'flag' | 'config' | 'default'): Promise<number> {
  const { flags, config, configPath, outputs, baselines, log, logLookbackDays, store, rules } = run;
  const ruleIds = new Set(rules.map((r) => r.id));
  let source: SourceOptions;
  if (flags.from) {
    if (flags.domain || flags.token || flags.clientId || flags.clientSecret || flags.apiBaseUrl) {
      throw new UsageError('--from audits a saved configuration: it takes no --domain, credentials or --api-base-url');
    }
    // A path that does not exist is said so first: otherwise it would be taken for a saved
    // snapshot and a --deploy-config next to it reported as misapplied.
    if (!existsSync(flags.from)) throw new ConfigError(`${flags.from}: no such file or directory`);
    if (detectDeployCliExport(flags.from)) {
      const keywords = Object.fromEntries((flags.keyword ?? []).map(parseKeywordFlag));
      const { snapshot, warnings, locate } = readDeployCliExport(flags.from, { keywords, ...(flags.deployConfig ? { deployConfigPath: flags.deployConfig } : {}) });
      for (const w of warnings) log.warn({ source: 'deploy-cli' }, w);
      source = { kind: 'snapshot', snapshot, locate };
    } else {
      if (flags.deployConfig || flags.keyword?.length) {
        throw new UsageError('--deploy-config and --keyword apply to a Deploy CLI export (a .yaml file or an export directory), not to a saved snapshot');
      }
      source = { kind: 'snapshot', snapshot: readSnapshotFile(flags.from) };
    }
  } else {
    if (flags.deployConfig || flags.keyword?.length) throw new UsageError('--deploy-config and --keyword apply to --from <Deploy CLI export>');
    source = liveSource(flags, log, progress);
  }
  let report: AuditReport;
  try {
    report = await audit({
      source,
      env: flags.env,
      envSource,
      ...(flags.subscription ? { subscription: flags.subscription } : {}),
      addOns: flags.addOn ?? [],
      ...gateAndRules(flags, config, configPath, logLookbackDays, rules),
    });
  } catch (e) {
    // A live tenant that could not be read (exit 3) or audited (exit 2) is a failed run in the history: a gap, never states.
    const domain = flags.domain ?? cliIo().env.AUTH0_DOMAIN;
    if (store && isKnownError(e) && domain && !flags.from) await recordFailure(store, { domain, env: flags.env }, e.exitCode, e.message);
    throw e;
  }
  applyBaseline(report, baselines, flags.baseline, !!flags.failOnRegression && !store, { single: true, anyTenant: !!flags.baselineAnyTenant, ruleIds });
  if (store) await historyForReport(store, report, !!flags.failOnRegression);
  const color = colorFor(flags.color);
  progress.clear();
  // Render everything first, then write: a failing reporter leaves no file half-written.
  const rendered = outputs.map((o) => ({ ...o, text: REPORTERS[o.name](report, { color: o.path ? false : color, verbose: !!flags.verbose }) }));
  for (const o of rendered) {
    if (o.path) writeAtomically(o.path, o.text);
    else cliIo().stdout.write(o.text);
  }
  log.debug({ gate: report.gate }, 'audit done');
  return computeVerdict(report, { regressionOnly: !!flags.failOnRegression }).exitCode;
}

/** `audit --all` / `--tenant`: every selected tenant concurrently, one combined report. */
async function runMulti(run: AuditRun): Promise<number> {
  const { flags, config, configPath, outputs, baselines, log, logLookbackDays, store, rules } = run;
  const ruleIds = new Set(rules.map((r) => r.id));
  if (flags.from || flags.domain || flags.token || flags.clientId || flags.clientSecret) {
    throw new UsageError('--all and --tenant read the tenants of the config file: they take no --from, --domain or credentials');
  }
  for (const o of outputs) {
    if (!(o.name in MULTI_REPORTERS)) throw new UsageError(`--format ${o.name} is not available for a multi-tenant run; use ${Object.keys(MULTI_REPORTERS).join(', ')}`);
  }
  // Validate the gate before any request: a typo is exit 2, not three wasted audits.
  if (flags.require) resolveMilestone(loadCatalog().plans[flags.plan], flags.require);
  const shard = flags.shard ? parseShard(flags.shard) : undefined;
  const chosen = selectTenants(config, flags);
  const selected = shard ? shardOf(chosen, shard) : chosen;
  const specs: TenantSpec[] = selected.map((t) => {
    const subscription = t.subscription ?? flags.subscription;
    return {
      alias: t.alias,
      env: t.env,
      domain: t.domain,
      source: tenantSource(t, flags, log.child({ tenant: t.alias })),
      ...(subscription ? { subscription } : {}),
      addOns: t.addOns ?? flags.addOn ?? [],
    };
  });
  const { report } = await auditTenants(
    specs,
    gateAndRules(flags, config, configPath, logLookbackDays, rules),
    { ...(config.drift?.ignore ? { driftIgnore: config.drift.ignore } : {}), ...(shard ? { shard: { ...shard, of: chosen.map((t) => t.alias) } } : {}) },
  );
  if (baselines) {
    for (const t of report.tenants) applyBaseline(t, baselines, flags.baseline, !!flags.failOnRegression && !store, { single: false, anyTenant: false, ruleIds });
    if (flags.failOnRegression && !store) {
      // Regressions decide the gate; a tenant that could not be read still fails it (and is exit 3).
      const details: GateReason[] = [
        ...report.errors.map((e) => ({ id: 'tenant-unread' as const, tenant: e.alias, error: e.error })),
        ...report.tenants.flatMap((t) => (t.gate.passed ? [] : t.gate.reasons.map((x) => ({ id: 'tenant-failed' as const, tenant: t.tenant.alias ?? t.tenant.domain, reason: x })))),
      ];
      report.gate = { ...report.gate, passed: details.length === 0, reasons: details.map((d) => gateReasonText(d)), details };
    }
    report.verdict = computeMultiVerdict(report, { regressionOnly: !!flags.failOnRegression });
  }
  if (store) {
    for (const t of report.tenants) await historyForReport(store, t, !!flags.failOnRegression);
    for (const e of report.errors) await recordFailure(store, e, 3, e.error);
    if (flags.failOnRegression) {
      // Regressions decide the gate; a tenant that could not be read still fails it (and is exit 3).
      const details: GateReason[] = [
        ...report.errors.map((e) => ({ id: 'tenant-unread' as const, tenant: e.alias, error: e.error })),
        ...report.tenants.flatMap((t) => (t.gate.passed ? [] : t.gate.reasons.map((x) => ({ id: 'tenant-failed' as const, tenant: t.tenant.alias ?? t.tenant.domain, reason: x })))),
      ];
      report.gate = { ...report.gate, passed: details.length === 0, reasons: details.map((d) => gateReasonText(d)), details };
    }
    report.verdict = computeMultiVerdict(report, { regressionOnly: !!flags.failOnRegression });
  }
  const color = colorFor(flags.color);
  const rendered = outputs.map((o) => {
    const name = o.name as keyof typeof MULTI_REPORTERS;
    return { ...o, text: MULTI_REPORTERS[name](report, { color: o.path ? false : color, verbose: !!flags.verbose }) };
  });
  for (const o of rendered) {
    if (o.path) writeAtomically(o.path, o.text);
    else cliIo().stdout.write(o.text);
  }
  log.debug({ gate: report.gate }, 'multi-tenant audit done');
  // A tenant that could not be read is exit 3 (the CI contract), after the report is written.
  return (report.verdict ?? computeMultiVerdict(report)).exitCode;
}
