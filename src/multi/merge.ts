/**
 * `auth0-readiness merge <report.json>...`: combine the JSON reports of separate multi-tenant runs
 * (the shards of `audit --all --shard i/n`, or `audit --tenant <alias>` runs) into the report one
 * `audit --all` over the same tenants would have produced: every tenant's own report, the tenant ×
 * milestone matrix, the cross-tenant checks (X-01 … X-08) and the QA → prod drift.
 *
 * The cross-tenant checks need more than a tenant's findings: a multi-tenant JSON report carries,
 * per tenant, the facts those checks read (facts.ts: resource names, the drift-normalised
 * configuration, custom domains, plan-gated reads), and merge runs the same checks over them.
 *
 * Order: the shards' config order (`shard.of`); without shards, the order of the files given.
 * A shard set with a shard missing, a tenant given twice, or reports of different plans or
 * --fail-on levels is refused (exit 2): a partial fleet view must not pass for the whole.
 */
import { readFileSync } from 'node:fs';
import { ConfigError, UsageError } from '../errors.js';
import { colorFor, parseFormatSpecs, type FormatSpec } from '../output-files.js';
import type { AuditReport } from '../report/schema.js';
import { crossTenantChecks, type TenantRun } from './cross-tenant.js';
import type { TenantFacts } from './facts.js';
import { buildMultiReport, MULTI_REPORTERS, MultiReportSchema, type MultiReport } from './report.js';
import { rules as allRules } from '../../rules/index.js';
import { loadConfigAndPolicies } from '../policies/config.js';
import { cliIo } from '../cli/io.js';

export interface ReportInput {
  /** For messages: the file it came from. */
  path: string;
  report: MultiReport;
}

/** Read one JSON report for merge; anything else is a clear ConfigError (exit 2). */
export function readMergeInput(path: string): ReportInput {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`merge ${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ConfigError(`merge ${path}: not JSON; merge takes the JSON reports of multi-tenant runs (--format json)`);
  }
  const kind = raw && typeof raw === 'object' ? (raw as { kind?: unknown }).kind : undefined;
  if (kind !== 'multi') {
    const single = raw && typeof raw === 'object' && 'findings' in raw && 'tenant' in raw;
    throw new ConfigError(
      single
        ? `merge ${path}: a single-tenant report; merge takes multi-tenant JSON reports: run audit --all --shard <i>/<n> or audit --tenant <alias> with --format json`
        : `merge ${path}: not an auth0-readiness multi-tenant JSON report`,
    );
  }
  const parsed = MultiReportSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`merge ${path}: not a valid multi-tenant report (${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'schema'}); was it written by another version?`);
  }
  // The raw tenant reports are kept whole (fields this version's schema does not know survive).
  return { path, report: { ...parsed.data, tenants: (raw as MultiReport).tenants } };
}

interface Entry {
  run: TenantRun;
  from: string;
}

export function mergeReports(inputs: readonly ReportInput[], opts: { driftIgnore?: readonly string[]; now?: Date } = {}): MultiReport {
  if (!inputs.length) throw new UsageError('merge: give at least one JSON report');
  const failOns = new Set(inputs.map((i) => i.report.gate.failOn));
  if (failOns.size > 1) throw new UsageError(`merge: the reports were gated with different --fail-on levels (${[...failOns].join(', ')}); run every shard with the same options`);
  const plans = new Set(inputs.flatMap((i) => i.report.tenants.map((t) => t.plan)));
  if (plans.size > 1) throw new UsageError(`merge: the reports audit different plans (${[...plans].join(', ')}); run every shard with the same --plan`);

  const entries = new Map<string, Entry>();
  for (const { path, report } of inputs) {
    const rowOf = (alias: string) => report.matrix.rows.find((r) => r.alias === alias);
    const add = (alias: string, run: TenantRun) => {
      const prev = entries.get(alias);
      if (prev) throw new UsageError(`merge: tenant ${alias} is in both ${prev.from} and ${path}; give each tenant (each shard) once`);
      entries.set(alias, { run, from: path });
    };
    for (const t of report.tenants as AuditReport[]) {
      const alias = t.tenant.alias;
      if (!alias) throw new UsageError(`merge ${path}: a tenant report without an alias; merge takes multi-tenant reports`);
      const facts: TenantFacts | undefined = report.facts?.[alias];
      if (!facts) throw new UsageError(`merge ${path}: no cross-tenant facts for ${alias}: the report was written by a version without merge support; run it again`);
      const row = rowOf(alias);
      add(alias, { alias, env: row?.env ?? t.tenant.environment, domain: row?.domain ?? t.tenant.domain, report: t, facts });
    }
    for (const e of report.errors) add(e.alias, { alias: e.alias, env: e.env, domain: e.domain, error: e.error });
  }

  const shards = inputs.map((i) => i.report.shard);
  let order: string[];
  if (shards.some(Boolean)) {
    const first = shards.find(Boolean) as NonNullable<MultiReport['shard']>;
    const key = (s: NonNullable<MultiReport['shard']>) => `${s.count}:${JSON.stringify(s.of)}`;
    for (const [k, s] of shards.entries()) {
      if (!s) throw new UsageError(`merge: ${inputs[k]?.path} is not a shard report but others are; merge the shards of one run, or per-tenant reports, not both`);
      if (key(s) !== key(first)) throw new UsageError(`merge: ${inputs[k]?.path} is a shard of a different split (${s.count} shards of ${s.of.length} tenants, not ${first.count} of ${first.of.length}); merge the shards of one run`);
    }
    const seen = new Set(shards.map((s) => s?.index));
    const missing = Array.from({ length: first.count }, (_, k) => k + 1).filter((k) => !seen.has(k));
    if (missing.length) throw new UsageError(`merge: shard(s) ${missing.map((k) => `${k}/${first.count}`).join(', ')} missing; the fleet report needs every shard`);
    const stray = [...entries.keys()].filter((a) => !first.of.includes(a));
    if (stray.length) throw new UsageError(`merge: tenant(s) ${stray.join(', ')} are not in the shards' tenant list`);
    const absent = first.of.filter((a) => !entries.has(a));
    if (absent.length) throw new UsageError(`merge: tenant(s) ${absent.join(', ')} are in no shard report`);
    order = first.of;
  } else {
    order = [...entries.keys()];
  }

  const runs = order.map((a) => (entries.get(a) as Entry).run);
  const cross = crossTenantChecks(runs, { ...(opts.driftIgnore ? { driftIgnore: opts.driftIgnore } : {}) });
  return buildMultiReport(runs, cross, { failOn: inputs[0]?.report.gate.failOn ?? 'blocker', ...(opts.now ? { now: opts.now } : {}) });
}

export interface MergeFlags {
  format: string[];
  output?: string;
  config?: string;
  color?: boolean;
  verbose?: boolean;
}

type MultiFormat = keyof typeof MULTI_REPORTERS;

/** `--format name[:path]` for the multi-tenant reporters; at most one goes to stdout. */
export function parseMultiFormats(values: readonly string[], output: string | undefined): FormatSpec<MultiFormat>[] {
  const names = Object.keys(MULTI_REPORTERS) as MultiFormat[];
  return parseFormatSpecs(values, output, names, (v) => `--format ${v}: a multi-tenant report renders as ${names.join(', ')}`, 'json:fleet.json');
}

/** The merge command: exit 3 when a tenant could not be read, else 1 when the gate fails, else 0. */
export function runMerge(files: readonly string[], flags: MergeFlags, write: (path: string, text: string) => void, now?: Date): number {
  const outputs = parseMultiFormats(flags.format, flags.output);
  const { config } = loadConfigAndPolicies(flags.config, cliIo().cwd, allRules);
  const report = mergeReports(files.map(readMergeInput), { ...(config.drift?.ignore ? { driftIgnore: config.drift.ignore } : {}), ...(now ? { now } : {}) });
  const color = colorFor(flags.color);
  const rendered = outputs.map((o) => ({ ...o, text: MULTI_REPORTERS[o.name](report, { color: o.path ? false : color, verbose: !!flags.verbose }) }));
  for (const o of rendered) {
    if (o.path) write(o.path, o.text);
    else cliIo().stdout.write(o.text);
  }
  if (report.errors.length) return 3;
  return report.gate.passed ? 0 : 1;
}
