/**
 * commander wiring only: parse flags, call `audit`, print, set the exit code.
 * Exit codes (the CI contract): 0 gate passed · 1 gate failed · 2 usage/config/input error ·
 * 3 the tenant could not be read (auth or network). Known errors print one line, never a stack.
 */
import { writeFileSync, renameSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { pino, type Logger } from 'pino';
import { loadCatalog, PLAN_IDS, type PlanId } from './catalog/index.js';
import { renderCatalog } from './report/catalog.js';
import { renderExplain, renderRulesText, summarize } from './report/rules-doc.js';
import { rules as allRules } from '../rules/index.js';
import { REPORTERS, REPORTER_NAMES, type ReporterName } from './report/index.js';
import { audit, takeSnapshot, type AuditOptions, type OptIns, type SourceOptions } from './run.js';
import { readSnapshotFile, toSnapshotFile } from './snapshot/file.js';
import { detectDeployCliExport, parseKeywordFlag, readDeployCliExport } from './sources/deploy-cli/index.js';
import { loadConfig } from './config/load.js';
import type { Config } from './config/schema.js';
import { ENVIRONMENTS, SEVERITIES, type Environment, type Severity } from './engine/status.js';
import { isKnownError, UsageError } from './errors.js';
import { normaliseDomain } from './sources/management-api/client.js';
import type { CollectEvent } from './sources/management-api/collect.js';
import { pacingFlagsFromConfig, pacingOptions } from './sources/management-api/pacing-options.js';
import { TOOL } from './version.js';
import { existsSync } from 'node:fs';
import { resolveMilestone } from './catalog/index.js';
import type { AuditReport } from './report/schema.js';
import { baselineFor, compareWithBaseline, readBaseline, regressions } from './multi/baseline.js';
import { diffSnapshots, renderDriftMarkdown, renderDriftText } from './multi/drift.js';
import { auditTenants, type TenantSpec } from './multi/run.js';
import { MULTI_REPORTERS } from './multi/report.js';
import type { Snapshot } from './snapshot/snapshot.js';

interface AuditFlags {
  domain?: string;
  clientId?: string;
  clientSecret?: string;
  token?: string;
  apiBaseUrl?: string;
  plan: PlanId;
  env: Environment;
  require?: string;
  failOn: Severity | 'none';
  format: string[];
  output?: string;
  concurrency: string;
  timeout: string;
  from?: string;
  config?: string;
  deployConfig?: string;
  keyword?: string[];
  withLogs?: boolean | string;
  withUsers?: boolean;
  withForms?: boolean;
  color?: boolean;
  verbose?: boolean;
  quiet?: boolean;
  logLevel: string;
  all?: boolean;
  tenant?: string[];
  baseline?: string;
  failOnRegression?: boolean;
  rateReserve?: string;
  maxRps?: string;
}

function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: { tool: TOOL.name },
      // Belt and braces: nothing we log carries these, and if it ever did they are censored.
      redact: { paths: ['token', 'clientSecret', 'client_secret', 'authorization', '*.token', '*.clientSecret', '*.authorization'], censor: '[REDACTED]' },
    },
    pino.destination(2),
  );
}

/** Write a file whole or not at all: a temporary file renamed into place. */
function writeAtomically(path: string, text: string): void {
  const full = resolve(path);
  mkdirSync(dirname(full), { recursive: true });
  const tmp = `${full}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, full);
}

function parseUrlFlag(value: string): URL {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new UsageError(`--api-base-url ${JSON.stringify(value)} is not a URL (e.g. http://127.0.0.1:4010)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UsageError(`--api-base-url must be http or https, not ${u.protocol}`);
  return u;
}

type SourceFlags = Pick<AuditFlags, 'domain' | 'clientId' | 'clientSecret' | 'token' | 'apiBaseUrl' | 'concurrency' | 'timeout' | 'withLogs' | 'withUsers' | 'withForms' | 'rateReserve' | 'maxRps'>;

function logDaysOf(flags: SourceFlags): number {
  const days = flags.withLogs === undefined || flags.withLogs === true ? 7 : Number(flags.withLogs);
  if (!Number.isInteger(days) || days < 1 || days > 30) {
    throw new UsageError('--with-logs takes a number of days from 1 to 30 (Auth0 keeps logs 2 to 30 days)');
  }
  return days;
}

function optInsOf(flags: SourceFlags): OptIns {
  return { logs: flags.withLogs !== undefined, users: !!flags.withUsers, forms: !!flags.withForms };
}

/**
 * One status line on stderr while collecting, only when stderr is a terminal: resources read of
 * total, requests, retries and waits for rate limits. Cleared before the report is printed.
 */
export class Progress {
  private total = 0;
  private done = 0;
  private requests = 0;
  private retries = 0;
  private waitingUntil = 0;
  private last = 0;
  constructor(private readonly out: NodeJS.WriteStream, private readonly enabled: boolean) {}
  onEvent(e: CollectEvent): void {
    if (e.type === 'start') this.total = e.resources;
    else if (e.type === 'resource') this.done++;
    else if (e.type === 'request') this.requests++;
    else if (e.type === 'retry') {
      this.retries++;
      this.waitingUntil = Date.now() + e.waitMs;
    } else if (e.type === 'pace') this.waitingUntil = Date.now() + e.waitMs;
    this.render(e.type === 'resource' || e.type === 'start');
  }
  private render(force: boolean): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.last < 100) return;
    this.last = now;
    const wait = this.waitingUntil > now ? `, waiting ${((this.waitingUntil - now) / 1000).toFixed(1)}s for the rate limit` : '';
    const retries = this.retries ? `, ${this.retries} retried` : '';
    this.out.write(`\r\u001b[2Kreading tenant: ${this.done}/${this.total} resources, ${this.requests} requests${retries}${wait}`);
  }
  clear(): void {
    if (this.enabled && this.total) this.out.write('\r\u001b[2K');
  }
}

/** The live source from flags and environment; every check here is a usage error (exit 2). */
function liveSource(flags: SourceFlags, log: Logger, progress?: Progress): Extract<SourceOptions, { kind: 'management-api' }> {
  const env = process.env;
  const domainInput = flags.domain ?? env.AUTH0_DOMAIN;
  if (!domainInput) throw new UsageError('no tenant given: pass --domain <tenant>.auth0.com or set AUTH0_DOMAIN (or audit a saved configuration with --from)');
  const domain = normaliseDomain(domainInput);
  const token = flags.token ?? env.AUTH0_ACCESS_TOKEN;
  const clientId = flags.clientId ?? env.AUTH0_CLIENT_ID;
  const clientSecret = flags.clientSecret ?? env.AUTH0_CLIENT_SECRET;
  if (!token && (!clientId || !clientSecret)) {
    throw new UsageError(
      `no credentials: pass --client-id and --client-secret (or set AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET), or --token (AUTH0_ACCESS_TOKEN)${clientId && !clientSecret ? '; the client secret is missing' : ''}`,
    );
  }
  const baseInput = flags.apiBaseUrl ?? env.AUTH0_API_BASE_URL;
  const apiBaseUrl = baseInput ? parseUrlFlag(baseInput) : undefined;
  const concurrency = Number(flags.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) throw new UsageError('--concurrency must be an integer from 1 to 16');
  const timeout = Number(flags.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0 || timeout > 3600) throw new UsageError('--timeout must be a number of seconds from 1 to 3600');
  log.debug({ domain, apiBaseUrl: apiBaseUrl?.origin }, 'reading tenant');
  return {
    kind: 'management-api',
    credentials: token ? { domain, token } : { domain, clientId: clientId as string, clientSecret: clientSecret as string },
    ...(apiBaseUrl ? { apiBaseUrl } : {}),
    concurrency,
    retryBudgetMs: timeout * 1000,
    ...pacingOptions(flags),
    onEvent: (e) => {
      progress?.onEvent(e);
      if (e.type === 'retry') log.warn({ path: e.path, reason: e.reason, waitMs: e.waitMs, attempt: e.attempt }, 'retrying');
      else if (e.type === 'response') log.debug({ method: e.method, path: e.path, status: e.status, ms: e.ms }, 'response');
      else if (e.type === 'resource' && !e.ok) log.info({ resource: e.key }, 'resource not read');
    },
  };
}

type TenantConfig = NonNullable<Config['tenants']>[number];

/** A configured tenant's live source: credentials from the environment variables it names. */
function tenantSource(t: TenantConfig, flags: SourceFlags, log: Logger): Extract<SourceOptions, { kind: 'management-api' }> {
  const env = process.env;
  const c = t.credentials ?? {};
  const read = (name: string | undefined) => (name ? env[name] : undefined);
  const token = read(c.tokenEnv);
  const clientId = read(c.clientIdEnv);
  const clientSecret = read(c.clientSecretEnv);
  if (!token && (!clientId || !clientSecret)) {
    const names = [c.tokenEnv, c.clientIdEnv, c.clientSecretEnv].filter(Boolean);
    throw new UsageError(
      names.length
        ? `tenant ${t.alias}: no credentials: set ${names.join(' / ')} (tenants[].credentials names them)`
        : `tenant ${t.alias}: no credentials configured: give tenants[].credentials {clientIdEnv, clientSecretEnv} or {tokenEnv}`,
    );
  }
  const base = t.apiBaseUrl ?? flags.apiBaseUrl;
  return {
    ...liveSource({ ...flags, domain: t.domain, ...(token ? { token } : { clientId, clientSecret }), ...(base ? { apiBaseUrl: base } : {}) }, log),
    credentials: token ? { domain: normaliseDomain(t.domain), token } : { domain: normaliseDomain(t.domain), clientId: clientId as string, clientSecret: clientSecret as string },
  };
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
function applyBaseline(report: AuditReport, baselines: AuditReport[] | undefined, path: string | undefined, failOnRegression: boolean): void {
  if (!baselines) return;
  const base = baselineFor(report, baselines);
  if (!base) return;
  report.baseline = compareWithBaseline(report, base, { knownRuleIds: new Set(allRules.map((r) => r.id)), ...(path ? { path } : {}) });
  if (failOnRegression) {
    const lines = regressions(report.baseline);
    report.gate = { ...report.gate, passed: lines.length === 0, reasons: lines.length ? [`${lines.length} regression(s) since the baseline: ${lines.slice(0, 5).join('; ')}${lines.length > 5 ? '; …' : ''}`] : [] };
  }
}

/** `--format name[:path]`, repeatable; at most one format goes to stdout. */
export function parseFormats(values: string[], output: string | undefined): { name: ReporterName; path?: string }[] {
  const list = values.length ? values : ['console'];
  const outs = list.map((v) => {
    const i = v.indexOf(':');
    const name = i < 0 ? v : v.slice(0, i);
    const path = i < 0 ? undefined : v.slice(i + 1);
    if (!(REPORTER_NAMES as string[]).includes(name)) throw new UsageError(`--format ${v}: unknown format ${name}; use one of ${REPORTER_NAMES.join(', ')}`);
    if (path === '') throw new UsageError(`--format ${v}: give a file after the colon, or no colon for stdout`);
    return { name: name as ReporterName, ...(path ? { path } : {}) };
  });
  if (output) {
    const toStdout = outs.filter((o) => !o.path);
    if (toStdout.length !== 1) throw new UsageError('--output needs exactly one --format without a path');
    (toStdout[0] as { path?: string }).path = output;
  }
  if (outs.filter((o) => !o.path).length > 1) throw new UsageError('only one --format can go to stdout; give the others a path (--format junit:readiness.xml)');
  return outs;
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

/** Flags override the config file; a flag left at its default does not. */
function merge(flags: AuditFlags, config: Config, given: (name: string) => boolean): AuditFlags {
  const pick = <K extends keyof AuditFlags>(k: K, fromConfig: AuditFlags[K] | undefined): AuditFlags[K] => (given(k) || fromConfig === undefined ? flags[k] : fromConfig);
  const withLogs = given('withLogs') ? flags.withLogs : config.withLogs === true ? true : typeof config.withLogs === 'number' ? String(config.withLogs) : flags.withLogs;
  return {
    ...flags,
    plan: pick('plan', config.plan),
    env: pick('env', config.env),
    failOn: pick('failOn', config.failOn),
    require: pick('require', config.require),
    ...(withLogs !== undefined ? { withLogs } : {}),
    withUsers: pick('withUsers', config.withUsers),
    withForms: pick('withForms', config.withForms),
    ...pacingFlagsFromConfig(flags, config, given),
  };
}

async function runAudit(rawFlags: AuditFlags, given: (name: string) => boolean): Promise<number> {
  const env = process.env;
  const { config, path: configPath } = loadConfig(rawFlags.config, process.cwd());
  const flags = merge(rawFlags, config, given);
  const log = createLogger(flags.quiet ? 'silent' : flags.logLevel);
  const logLookbackDays = logDaysOf(flags);
  const outputs = parseFormats(flags.format, flags.output);
  const progress = new Progress(process.stderr, !!process.stderr.isTTY && !flags.quiet && !['debug', 'trace'].includes(flags.logLevel));
  if (flags.failOnRegression && !flags.baseline) throw new UsageError('--fail-on-regression needs --baseline <previous-report.json>');
  const baselines = flags.baseline ? readBaseline(flags.baseline) : undefined;
  if (flags.all || flags.tenant?.length) return runMulti(flags, config, configPath, outputs, baselines, log, logLookbackDays);
  let source: SourceOptions;
  if (flags.from) {
    if (flags.domain || flags.token || flags.clientId || flags.clientSecret || flags.apiBaseUrl) {
      throw new UsageError('--from audits a saved configuration: it takes no --domain, credentials or --api-base-url');
    }
    if (detectDeployCliExport(flags.from)) {
      const keywords = Object.fromEntries((flags.keyword ?? []).map(parseKeywordFlag));
      const { snapshot, warnings } = readDeployCliExport(flags.from, { keywords, ...(flags.deployConfig ? { deployConfigPath: flags.deployConfig } : {}) });
      for (const w of warnings) log.warn({ source: 'deploy-cli' }, w);
      source = { kind: 'snapshot', snapshot };
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
  const report = await audit({
    source,
    plan: flags.plan,
    env: flags.env,
    ...(flags.require ? { require: flags.require } : {}),
    failOn: flags.failOn,
    optIns: optInsOf(flags),
    logLookbackDays,
    ...auditOptionsFromConfig(config, configPath),
  });
  applyBaseline(report, baselines, flags.baseline, !!flags.failOnRegression);
  const color = flags.color ?? (!!process.stdout.isTTY && !('NO_COLOR' in env && env.NO_COLOR !== ''));
  progress.clear();
  // Render everything first, then write: a failing reporter leaves no file half-written.
  const rendered = outputs.map((o) => ({ ...o, text: REPORTERS[o.name](report, { color: o.path ? false : color, verbose: !!flags.verbose }) }));
  for (const o of rendered) {
    if (o.path) writeAtomically(o.path, o.text);
    else process.stdout.write(o.text);
  }
  log.debug({ gate: report.gate }, 'audit done');
  return report.gate.passed ? 0 : 1;
}

/** `audit --all` / `--tenant`: every selected tenant concurrently, one combined report. */
async function runMulti(
  flags: AuditFlags,
  config: Config,
  configPath: string | undefined,
  outputs: { name: ReporterName; path?: string }[],
  baselines: AuditReport[] | undefined,
  log: Logger,
  logLookbackDays: number,
): Promise<number> {
  if (flags.from || flags.domain || flags.token || flags.clientId || flags.clientSecret) {
    throw new UsageError('--all and --tenant read the tenants of the config file: they take no --from, --domain or credentials');
  }
  for (const o of outputs) {
    if (!(o.name in MULTI_REPORTERS)) throw new UsageError(`--format ${o.name} is not available for a multi-tenant run; use ${Object.keys(MULTI_REPORTERS).join(', ')}`);
  }
  // Validate the gate before any request: a typo is exit 2, not three wasted audits.
  if (flags.require) resolveMilestone(loadCatalog().plans[flags.plan], flags.require);
  const selected = selectTenants(config, flags);
  const specs: TenantSpec[] = selected.map((t) => ({ alias: t.alias, env: t.env, domain: t.domain, source: tenantSource(t, flags, log.child({ tenant: t.alias })) }));
  const { report } = await auditTenants(
    specs,
    {
      plan: flags.plan,
      ...(flags.require ? { require: flags.require } : {}),
      failOn: flags.failOn,
      optIns: optInsOf(flags),
      logLookbackDays,
      ...auditOptionsFromConfig(config, configPath),
    },
    { ...(config.drift?.ignore ? { driftIgnore: config.drift.ignore } : {}) },
  );
  if (baselines) {
    for (const t of report.tenants) applyBaseline(t, baselines, flags.baseline, !!flags.failOnRegression);
    if (flags.failOnRegression) {
      const reasons = report.tenants.flatMap((t) => (t.gate.passed ? [] : t.gate.reasons.map((x) => `${t.tenant.alias ?? t.tenant.domain}: ${x}`)));
      report.gate = { ...report.gate, passed: reasons.length === 0, reasons };
    }
  }
  const color = flags.color ?? (!!process.stdout.isTTY && !('NO_COLOR' in process.env && process.env.NO_COLOR !== ''));
  const rendered = outputs.map((o) => {
    const name = o.name as keyof typeof MULTI_REPORTERS;
    return { ...o, text: MULTI_REPORTERS[name](report, { color: o.path ? false : color, verbose: !!flags.verbose }) };
  });
  for (const o of rendered) {
    if (o.path) writeAtomically(o.path, o.text);
    else process.stdout.write(o.text);
  }
  log.debug({ gate: report.gate }, 'multi-tenant audit done');
  // A tenant that could not be read is exit 3 (the CI contract), after the report is written.
  if (report.errors.length) return 3;
  return report.gate.passed ? 0 : 1;
}

interface DiffFlags extends SourceFlags {
  format: 'text' | 'json' | 'markdown';
  output?: string;
  config?: string;
  deployConfig?: string;
  keyword?: string[];
  quiet?: boolean;
  logLevel: string;
}

/** One side of `diff`: a configured alias (read live), a saved snapshot, or a Deploy CLI export. */
async function diffSide(arg: string, config: Config, flags: DiffFlags, log: Logger): Promise<{ label: string; snapshot: Snapshot }> {
  const t = config.tenants?.find((x) => x.alias === arg);
  if (t) {
    const snapshot = await takeSnapshot({ source: tenantSource(t, flags, log.child({ tenant: t.alias })) });
    return { label: t.alias, snapshot };
  }
  if (!existsSync(arg)) {
    const aliases = (config.tenants ?? []).map((x) => x.alias);
    throw new UsageError(`diff ${arg}: neither a configured tenant alias${aliases.length ? ` (${aliases.join(', ')})` : ''} nor a snapshot file or Deploy CLI export`);
  }
  if (detectDeployCliExport(arg)) {
    const keywords = Object.fromEntries((flags.keyword ?? []).map(parseKeywordFlag));
    const { snapshot, warnings } = readDeployCliExport(arg, { keywords, ...(flags.deployConfig ? { deployConfigPath: flags.deployConfig } : {}) });
    for (const w of warnings) log.warn({ source: 'deploy-cli' }, w);
    return { label: arg, snapshot };
  }
  return { label: arg, snapshot: readSnapshotFile(arg) };
}

async function runDiff(a: string, b: string, flags: DiffFlags): Promise<number> {
  const { config } = loadConfig(flags.config, process.cwd());
  const log = createLogger(flags.quiet ? 'silent' : flags.logLevel);
  const [sa, sb] = await Promise.all([diffSide(a, config, flags, log), diffSide(b, config, flags, log)]);
  const side = (x: { label: string; snapshot: Snapshot }) => ({ side: { label: x.label, domain: x.snapshot.tenant.domain, source: x.snapshot.source.kind }, snapshot: x.snapshot });
  const report = diffSnapshots(side(sa), side(sb), { ...(config.drift?.ignore ? { ignore: config.drift.ignore } : {}) });
  const text = flags.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : flags.format === 'markdown' ? renderDriftMarkdown(report) : renderDriftText(report);
  if (flags.output) writeAtomically(flags.output, text);
  else process.stdout.write(text);
  return report.drift ? 1 : 0;
}

async function runSnapshot(flags: SourceFlags & { out: string; quiet?: boolean; logLevel: string }): Promise<number> {
  const log = createLogger(flags.quiet ? 'silent' : flags.logLevel);
  const logLookbackDays = logDaysOf(flags);
  const progress = new Progress(process.stderr, !!process.stderr.isTTY && !flags.quiet && !['debug', 'trace'].includes(flags.logLevel));
  const snapshot = await takeSnapshot({ source: liveSource(flags, log, progress), optIns: optInsOf(flags), logLookbackDays });
  progress.clear();
  writeAtomically(flags.out, `${JSON.stringify(toSnapshotFile(snapshot, TOOL), null, 2)}\n`);
  const failed = Object.entries(snapshot.resources).filter(([, r]) => r && !r.ok);
  process.stderr.write(
    `auth0-readiness: wrote ${flags.out}: ${Object.keys(snapshot.resources).length} resources${failed.length ? `, ${failed.length} not read (${failed.map(([k]) => k).join(', ')})` : ''}\n`,
  );
  return 0;
}

/** Options shared by every command that reads a live tenant. */
function addSourceOptions(cmd: Command): Command {
  return cmd
    .option('--domain <domain>', 'canonical tenant domain, e.g. acme.us.auth0.com (env AUTH0_DOMAIN)')
    .option('--client-id <id>', 'machine-to-machine application client id (env AUTH0_CLIENT_ID)')
    .option('--client-secret <secret>', 'its client secret (env AUTH0_CLIENT_SECRET)')
    .option('--token <token>', 'a Management API access token instead of client credentials (env AUTH0_ACCESS_TOKEN)')
    .option('--api-base-url <url>', 'send the token request and API calls to this origin; the audience stays https://<domain>/api/v2/ (env AUTH0_API_BASE_URL)')
    .option('--with-logs [days]', 'also run the checks that search tenant logs (read:logs), over the last N days (default 7)')
    .option('--with-users', 'also run the checks that read a sample of users (read:users)')
    .option('--with-forms', 'also run the checks that read Forms (read:forms)')
    .option('--concurrency <n>', 'requests in flight at once', '4')
    .option('--timeout <seconds>', 'time budget for retrying one request (429, 5xx, network errors)', '60')
    .option('--rate-reserve <percent>', "share of the tenant's Management API rate limit never used, left to its own traffic (default 20; 0 for a dev tenant)")
    .option('--max-rps <n>', 'start at most this many API requests per second')
    .option('-q, --quiet', 'no logs on stderr')
    .addOption(new Option('--log-level <level>', 'pino log level on stderr').choices(['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('warn'));
}

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('auth0-readiness')
    .description('Audit an Auth0 tenant for go-live readiness against the CIAM (B2C) and B2B implementation plans.')
    .version(TOOL.version)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ outputError: (str, write) => write(str.replace(/^error: /, 'auth0-readiness: ')) });

  addSourceOptions(
    program.command('audit', { isDefault: true }).description('read a tenant (or a saved snapshot) and report readiness per milestone and topic'),
  )
    .option('--from <path>', 'audit offline: a saved snapshot, or a Deploy CLI export (tenant.yaml or an export directory); no network')
    .option('--deploy-config <file>', 'with a Deploy CLI export: its config JSON (AUTH0_DOMAIN, AUTH0_KEYWORD_REPLACE_MAPPINGS, AUTH0_EXCLUDED)')
    .option('--keyword <KEY=VALUE>', 'with a Deploy CLI export: a keyword mapping, repeatable, overrides the config (a VALUE starting with [ or { is JSON)', (v: string, prev: string[] = []) => [...prev, v], [] as string[])
    .addOption(new Option('--plan <plan>', 'implementation plan').choices(PLAN_IDS).default('b2c'))
    .addOption(new Option('--env <env>', 'tenant environment; checks marked (prod) drop a level elsewhere').choices(ENVIRONMENTS).default('prod'))
    .option('--require <milestone>', 'fail the gate unless this milestone is satisfied (full id or unique suffix, e.g. go-live)')
    .addOption(new Option('--fail-on <severity>', 'fail the gate on failing findings at or above this severity').choices([...SEVERITIES, 'none']).default('blocker'))
    .option('--format <name[:path]>', `report format, repeatable: ${REPORTER_NAMES.join(', ')}; with :path written to that file (default console)`, (v: string, prev: string[] = []) => [...prev, v], [] as string[])
    .option('-o, --output <file>', 'write the (single stdout) report to a file instead')
    .option('--color', 'force colour')
    .option('--no-color', 'no colour')
    .option('--verbose', 'list passing findings too')
    .option('-c, --config <file>', 'config file (default: auth0-readiness.config.yaml|yml|json in the working directory)')
    .option('--all', 'audit every tenant of the config tenants list, concurrently, into one report with cross-tenant checks')
    .option('--tenant <alias>', 'audit this configured tenant (repeatable); with two or more, cross-tenant checks run', (v: string, prev: string[] = []) => [...prev, v], [] as string[])
    .option('--baseline <report.json>', 'compare with a previous JSON report: mark findings and topics new, fixed, changed or unchanged')
    .option('--fail-on-regression', 'with --baseline: exit 1 only when something got worse since the baseline')
    .action(async (flags: AuditFlags, cmd: Command) => setExit(await runAudit(flags, (n) => { const src = cmd.getOptionValueSource(n); return src === 'cli' || src === 'env'; })));

  addSourceOptions(program.command('snapshot').description('read a tenant and save a redacted snapshot, to audit later with --from'))
    .requiredOption('--out <file>', 'where to write the snapshot (JSON)')
    .action(async (flags: SourceFlags & { out: string; quiet?: boolean; logLevel: string }) => setExit(await runSnapshot(flags)));

  addSourceOptions(
    program
      .command('diff')
      .description('configuration drift between two tenants: each a configured alias, a saved snapshot or a Deploy CLI export (exit 1 when they differ)')
      .argument('<a>', 'tenant alias, snapshot file or Deploy CLI export')
      .argument('<b>', 'tenant alias, snapshot file or Deploy CLI export'),
  )
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('-o, --output <file>', 'write the drift report to a file instead of stdout')
    .option('-c, --config <file>', 'config file: tenants and drift.ignore (default: auth0-readiness.config.yaml|yml|json in the working directory)')
    .option('--deploy-config <file>', 'with a Deploy CLI export: its config JSON')
    .option('--keyword <KEY=VALUE>', 'with a Deploy CLI export: a keyword mapping, repeatable', (v: string, prev: string[] = []) => [...prev, v], [] as string[])
    .action(async (a: string, b: string, flags: DiffFlags) => setExit(await runDiff(a, b, flags)));

  program
    .command('catalog')
    .description('print the implementation plan: phases, milestones, workstreams and topics with their ids')
    .addOption(new Option('--plan <plan>', 'implementation plan').choices(PLAN_IDS).default('b2c'))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((flags: { plan: PlanId; format: 'text' | 'json' }) => {
      const index = loadCatalog().plans[flags.plan];
      process.stdout.write(flags.format === 'json' ? `${JSON.stringify(index.plan, null, 2)}\n` : renderCatalog(index));
      setExit(0);
    });
  program
    .command('rules')
    .description('list the rules: id, default severity, catalog checks, title')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((flags: { format: 'text' | 'json' }) => {
      process.stdout.write(flags.format === 'json' ? `${JSON.stringify(allRules.map(summarize), null, 2)}\n` : renderRulesText(allRules));
      setExit(0);
    });

  program
    .command('explain')
    .description('explain one rule: rationale, remediation (Dashboard path, Management API call), docs, scopes')
    .argument('<rule-id>', 'a rule id, as `auth0-readiness rules` lists them')
    .action((id: string) => {
      const rule = allRules.find((r) => r.id === id);
      if (!rule) {
        const near = allRules.filter((r) => r.id.includes(id) || id.includes(r.id)).map((r) => r.id);
        throw new UsageError(`no rule ${id}${near.length ? `; did you mean ${near.slice(0, 5).join(', ')}?` : '; `auth0-readiness rules` lists them'}`);
      }
      process.stdout.write(renderExplain(rule));
      setExit(0);
    });
  return program;
}

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; every parse error is a usage error.
      return e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : 2;
    }
    if (isKnownError(e)) {
      process.stderr.write(`auth0-readiness: ${e.message}\n`);
      return e.exitCode;
    }
    process.stderr.write(`auth0-readiness: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.AUTH0_READINESS_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    return 2;
  }
}

const isEntry = process.argv[1] && /(?:cli\.js|auth0-readiness(?:\.js)?)$/.test(process.argv[1]);
if (isEntry) {
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
