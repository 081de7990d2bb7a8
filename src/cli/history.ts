/** `history add|list|accept|diff|trend|prune|metrics`: the run history (src/history/). */
import { cliIo } from './io.js';
import { UsageError } from '../errors.js';
import { acceptedByTenant, diffStates, planPrune, recordReports, statesOfRun, type RunDiff } from '../history/history.js';
import type { RunRecord, State } from '../history/record.js';
import { openStore, type HistoryStore } from '../history/store.js';
import type { TrendFormat } from '../history/trend.js';
import { parseStateKey } from '../report/finding-key.js';
import type { AuditReport } from '../report/schema.js';
import type { HistoryFlags } from './history-commands.js';
import { writeAtomically } from '../output-files.js';

/** The trend's formats (repeated here so that `list` and `add` do not load the trend's code). */
const TREND_FORMATS: readonly TrendFormat[] = ['html', 'markdown', 'json', 'csv', 'console'];

type Name = 'add' | 'list' | 'accept' | 'diff' | 'trend' | 'prune' | 'metrics';

function sinceOf(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) throw new UsageError(`--since ${v}: a date as YYYY-MM-DD`);
  return `${v}T00:00:00.000Z`;
}

function positiveInt(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`${flag} ${v}: a whole number of at least 1`);
  return Number(v);
}

function out(text: string, output: string | undefined): void {
  if (output) writeAtomically(output, text);
  else cliIo().stdout.write(text);
}

export async function runHistoryCommand(name: Name, args: string[], flags: HistoryFlags): Promise<number> {
  if (!flags.history && cliIo().env.AUTH0_READINESS_HISTORY) flags = { ...flags, history: cliIo().env.AUTH0_READINESS_HISTORY };
  if (!flags.history) throw new UsageError(`history ${name}: which store? --history <directory|postgres://…> (or AUTH0_READINESS_HISTORY)`);
  // Validate everything that can be before opening the store.
  const since = sinceOf(flags.since);
  const keepRuns = positiveInt('--keep-runs', flags.keepRuns);
  const maxAgeDays = positiveInt('--max-age-days', flags.maxAgeDays);
  if (name === 'prune' && keepRuns === undefined && maxAgeDays === undefined) throw new UsageError('history prune: give --keep-runs N and/or --max-age-days D');
  let trendFormat: { format: TrendFormat; path?: string } | undefined;
  if (name === 'trend') {
    const [f, ...rest] = (flags.format ?? 'console').split(':');
    const path = rest.join(':');
    if (!(TREND_FORMATS as readonly string[]).includes(f ?? '')) throw new UsageError(`--format ${flags.format}: use html:<path>, markdown, json, csv or console`);
    if (f === 'html' && !path && !flags.output) throw new UsageError('--format html needs a file: html:<path> (or -o <file>)');
    trendFormat = { format: f as TrendFormat, ...(path || flags.output ? { path: path || (flags.output as string) } : {}) };
  }
  const reports = name === 'add' ? await readReports(args) : [];
  const store = await openStore(flags.history);
  try {
    switch (name) {
      case 'add':
        return await add(store, reports);
      case 'list':
        return await list(store, flags, since);
      case 'accept':
        return await accept(store, flags);
      case 'diff':
        return await diff(store, args[0] as string, args[1] as string, flags);
      case 'trend': {
        const runs = await store.runs({ ...(flags.tenant?.length ? { tenants: flags.tenant } : {}), ...(since ? { since } : {}) });
        // Without --since, every run is read anyway; with it, the chain before `since` is needed for states.
        const full = since ? await store.runs({ ...(flags.tenant?.length ? { tenants: flags.tenant } : {}) }) : runs;
        const { buildTrend, renderTrend } = await import('../history/trend.js');
        const trend = buildTrend(full, acceptedByTenant(await store.acceptances()), since);
        const f = trendFormat as { format: TrendFormat; path?: string };
        const text = await renderTrend(trend, f.format);
        out(text, f.path);
        return 0;
      }
      case 'prune': {
        const all = await store.runs();
        const plan = planPrune(all, acceptedByTenant(await store.acceptances()), { ...(keepRuns !== undefined ? { keepRuns } : {}), ...(maxAgeDays !== undefined ? { maxAgeDays } : {}) });
        if (plan.remove.length) await store.rewrite(plan.remove, plan.replace);
        cliIo().stderr.write(`history prune: removed ${plan.remove.length} of ${all.length} run(s)\n`);
        return 0;
      }
      case 'metrics': {
        const { metricsText } = await import('../history/metrics.js');
        out(metricsText(await store.runs()), flags.output);
        return 0;
      }
    }
  } finally {
    await store.close();
  }
}

async function readReports(files: string[]): Promise<AuditReport[]> {
  const { readReportFile } = await import('./render-file.js');
  return files.flatMap((file) => {
    const saved = readReportFile(file);
    return saved.kind === 'multi' ? saved.report.tenants : [saved.report];
  });
}

async function add(store: HistoryStore, reports: AuditReport[]): Promise<number> {
  const res = await recordReports(store, reports);
  const added = res.filter((r) => r.added).length;
  cliIo().stderr.write(`history add: ${added} run(s) recorded, ${res.length - added} already there\n`);
  return 0;
}

const statusLine = (r: RunRecord) =>
  r.failed
    ? `FAILED (exit ${r.exitCode}): ${r.failed}`
    : `exit ${r.exitCode}  level ${r.rollup?.level ?? 0}${r.rollup?.highest ? ` (${r.rollup.highest})` : ''}  failing ${Object.values(r.rollup?.findings.fail ?? {}).reduce((a, b) => a + b, 0)}  +${r.rollup?.new ?? 0} new −${r.rollup?.fixed ?? 0} fixed`;

async function list(store: HistoryStore, flags: HistoryFlags, since: string | undefined): Promise<number> {
  const runs = await store.runs({ ...(flags.tenant?.length ? { tenants: flags.tenant } : {}), ...(since ? { since } : {}) });
  const accepted = new Set([...acceptedByTenant(await store.acceptances()).values()].map((a) => a.runId));
  if (flags.format === 'json') {
    const rows = runs.map(({ states: _s, ...r }) => ({ ...r, accepted: accepted.has(r.runId) }));
    cliIo().stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const lines = runs.map((r) => `${r.runId}  ${r.tenant.id} (${r.tenant.env})  ${r.at.slice(0, 16).replace('T', ' ')}  ${statusLine(r)}${accepted.has(r.runId) ? '  [accepted]' : ''}`);
  cliIo().stdout.write(`${lines.length ? lines.join('\n') : `no runs in ${store.description}`}\n`);
  return 0;
}

async function latestOf(store: HistoryStore, tenant: string): Promise<RunRecord> {
  const r = await store.latest(tenant);
  if (!r) throw new UsageError(`history: no run of ${tenant} in ${store.description}`);
  return r;
}

async function accept(store: HistoryStore, flags: HistoryFlags): Promise<number> {
  const t: unknown = flags.tenant;
  const tenant = (Array.isArray(t) ? t[0] : t) as string;
  const runs = await store.runs({ tenants: [tenant] });
  if (!runs.length) throw new UsageError(`history accept: no run of ${tenant} in ${store.description}`);
  const run = flags.run ? runs.find((r) => r.runId === flags.run) : await latestOf(store, tenant);
  if (!run) throw new UsageError(`history accept: ${tenant} has no run ${flags.run}`);
  if (run.failed) throw new UsageError(`history accept: run ${run.runId} is a failed run; accept a run that read the tenant`);
  await store.accept({ v: 1, tenant, runId: run.runId, by: flags.by as string, reason: flags.reason as string, at: new Date().toISOString() });
  cliIo().stderr.write(`history accept: ${tenant} is now compared with run ${run.runId} (${run.at.slice(0, 10)})\n`);
  return 0;
}

async function resolveRun(store: HistoryStore, ref: string, tenants: string[]): Promise<RunRecord> {
  if (ref === 'latest' || ref === 'accepted') {
    const tenant = tenants[0];
    if (!tenant) throw new UsageError(`history diff ${ref}: which tenant? add --tenant <alias>`);
    if (ref === 'latest') return latestOf(store, tenant);
    const a = acceptedByTenant(await store.acceptances()).get(tenant);
    if (!a) throw new UsageError(`history diff accepted: ${tenant} has no accepted baseline (history accept)`);
    const run = (await store.runs({ tenants: [tenant] })).find((r) => r.runId === a.runId);
    if (!run) throw new UsageError(`history diff accepted: the accepted run ${a.runId} is not in the store`);
    return run;
  }
  const run = (await store.runs()).find((r) => r.runId === ref);
  if (!run) throw new UsageError(`history diff: no run ${ref} (history list shows the run ids)`);
  return run;
}

const label = (s: State) => {
  const k = parseStateKey(s[0]);
  return `${k.ruleId}${k.resource ? ` (${k.resource.type} ${k.resource.id})` : ''}${k.field ? ` ${k.field}` : ''}: ${s[1]} [${s[2]}]${s[3] ? ' waived' : ''}`;
};

async function diff(store: HistoryStore, aRef: string, bRef: string, flags: HistoryFlags): Promise<number> {
  const a = await resolveRun(store, aRef, flags.tenant ?? []);
  const b = await resolveRun(store, bRef, flags.tenant ?? []);
  if (a.tenant.id !== b.tenant.id) throw new UsageError(`history diff: ${a.runId} is of ${a.tenant.id}, ${b.runId} of ${b.tenant.id}; compare runs of one tenant`);
  const runs = await store.runs({ tenants: [a.tenant.id] });
  const d: RunDiff = diffStates(a.runId, statesOfRun(runs, a.runId), b.runId, statesOfRun(runs, b.runId));
  if (flags.format === 'json') {
    cliIo().stdout.write(`${JSON.stringify({ ...d, new: d.new.map((s) => ({ key: s[0], status: s[1], severity: s[2] })), fixed: d.fixed.map((s) => ({ key: s[0], status: s[1], severity: s[2] })), changed: d.changed.map((c) => ({ key: c.after[0], before: { status: c.before[1], severity: c.before[2] }, after: { status: c.after[1], severity: c.after[2] } })) }, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `${a.tenant.id}: ${a.runId} (${a.at.slice(0, 10)}) → ${b.runId} (${b.at.slice(0, 10)})`,
    `${d.new.length} new, ${d.fixed.length} fixed, ${d.changed.length} changed, ${d.unchanged} unchanged`,
    ...(a.tool.rules !== b.tool.rules ? ['the rule set changed between these runs: a new failing finding may be a new rule'] : []),
    ...(a.config !== b.config ? ['the configuration (waivers, attestations, gate) changed between these runs'] : []),
    ...d.new.map((s) => `  new    ${label(s)}`),
    ...d.fixed.map((s) => `  fixed  ${label(s)}`),
    ...d.changed.map((c) => `  changed ${label(c.after)} (was ${c.before[1]} [${c.before[2]}])`),
  ];
  cliIo().stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
