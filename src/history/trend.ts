/**
 * `history trend`: readiness over time for one tenant or the fleet, from the run records alone.
 * Per run: the highest milestone satisfied (milestones in plan order, satisfied in a row), failing
 * findings by severity, new vs fixed against the previous run, unknowns; failed runs are gaps;
 * where the rule set or the configuration changed is marked, so a new rule is not read as a
 * regression. Per tenant: its open blockers and since when, and its latest run against its
 * accepted baseline. Charts are vega-lite specs rendered to SVG by vega in Node (no browser).
 */
import { loadCatalog } from '../catalog/index.js';
import type { PlanId } from '../catalog/schema.js';
import { SEVERITIES } from '../engine/status.js';
import { parseStateKey } from '../report/finding-key.js';
import { TOOL } from '../version.js';
import { baselineOf, diffStates, replay, type Baseline } from './history.js';
import { isFailing, type Acceptance, type RunRecord, type State } from './record.js';

export const TREND_FORMATS = ['html', 'markdown', 'json', 'csv', 'console'] as const;
export type TrendFormat = (typeof TREND_FORMATS)[number];

export interface TrendPoint {
  runId: string;
  tenant: string;
  at: string;
  exitCode: number;
  /** A run that could not read the tenant: a gap. */
  failed?: string;
  level?: number;
  milestone?: string;
  blocker?: number;
  warning?: number;
  advice?: number;
  new?: number;
  fixed?: number;
  unknowns?: number;
  /** The tenant's first run: everything failing is "new" against nothing; not drawn as new. */
  first?: boolean;
  /** The rule set (tool) or the configuration differs from the tenant's previous run. */
  rulesChanged?: boolean;
  configChanged?: boolean;
}

export interface OpenBlocker {
  ruleId: string;
  resource?: string;
  since: string;
  runs: number;
}

export interface TenantTrend {
  id: string;
  env: string;
  domain: string;
  runs: number;
  failedRuns: number;
  latest?: { runId: string; at: string; level: number; milestone?: string; failing: number };
  baseline?: { runId: string; kind: Baseline['kind']; at: string; by?: string; reason?: string };
  /** Latest run against the baseline. */
  sinceBaseline?: { new: number; fixed: number; changed: number };
  openBlockers: OpenBlocker[];
  oldestOpenSince?: string;
}

export interface Trend {
  tool: string;
  since?: string;
  generatedAt: string;
  /** Milestone titles by level, per plan (level 0: none satisfied). */
  levels: Record<string, string[]>;
  tenants: TenantTrend[];
  points: TrendPoint[];
}

const levelCache = new Map<PlanId, string[]>();
function levelsOf(plan: PlanId): string[] {
  let l = levelCache.get(plan);
  if (!l) levelCache.set(plan, (l = ['none', ...loadCatalog().plans[plan].milestones.map((m) => m.title)]));
  return l;
}

export function buildTrend(allRuns: readonly RunRecord[], accepted: ReadonlyMap<string, Acceptance>, since?: string, now = new Date()): Trend {
  const tenants = [...new Set(allRuns.map((r) => r.tenant.id))].sort();
  const points: TrendPoint[] = [];
  const out: TenantTrend[] = [];
  const plans = new Set<PlanId>();
  for (const t of tenants) {
    const runs = allRuns.filter((r) => r.tenant.id === t);
    const first = runs[0] as RunRecord;
    const base = baselineOf(runs, accepted.get(t));
    let prev: RunRecord | undefined;
    let latest: { run: RunRecord; states: Map<string, State> } | undefined;
    let baseStates: Map<string, State> | undefined;
    const streak = new Map<string, { at: string; runs: number }>();
    const lastId = runs.filter((r) => !r.failed && r.states).at(-1)?.runId;
    replay(runs, (r, states) => {
      for (const k of [...streak.keys()]) if (!isFailing(states.get(k))) streak.delete(k);
      for (const [k, s] of states) {
        if (!isFailing(s) || s[2] !== 'blocker') continue;
        const cur = streak.get(k);
        if (cur) cur.runs++;
        else streak.set(k, { at: r.at, runs: 1 });
      }
      if (base && r.runId === base.run.runId) baseStates = new Map(states);
      // Copied only for the run that is kept (replay reuses maps).
      if (r.runId === lastId) latest = { run: r, states: new Map(states) };
    });
    for (const r of runs) {
      if (r.plan) plans.add(r.plan);
      if (since && r.at < since) {
        if (!r.failed) prev = r;
        continue;
      }
      const p: TrendPoint = { runId: r.runId, tenant: t, at: r.at, exitCode: r.exitCode };
      if (r.failed || !r.rollup) points.push({ ...p, failed: r.failed ?? 'no states' });
      else {
        const fail = r.rollup.findings.fail ?? {};
        points.push({
          ...p,
          level: r.rollup.level,
          milestone: r.plan ? levelsOf(r.plan)[r.rollup.level] ?? r.rollup.highest ?? 'none' : r.rollup.highest ?? 'none',
          blocker: fail.blocker ?? 0,
          warning: fail.warning ?? 0,
          advice: fail.advice ?? 0,
          new: r.rollup.new,
          fixed: r.rollup.fixed,
          unknowns: r.rollup.unknowns,
          ...(r.parent ? {} : { first: true }),
          ...(prev && prev.tool.rules !== r.tool.rules ? { rulesChanged: true } : {}),
          ...(prev && prev.config !== r.config ? { configChanged: true } : {}),
        });
        prev = r;
      }
    }
    const openBlockers = [...streak.entries()]
      .map(([k, v]) => {
        const key = parseStateKey(k);
        return { ruleId: key.ruleId, ...(key.resource ? { resource: `${key.resource.type} ${key.resource.id}` } : {}), since: v.at, runs: v.runs };
      })
      .sort((a, b) => a.since.localeCompare(b.since) || a.ruleId.localeCompare(b.ruleId));
    const l = latest as { run: RunRecord; states: Map<string, State> } | undefined;
    const d = l && base && baseStates ? diffStates(base.run.runId, baseStates, l.run.runId, l.states) : undefined;
    out.push({
      id: t,
      env: first.tenant.env,
      domain: first.tenant.domain,
      runs: runs.length,
      failedRuns: runs.filter((r) => r.failed).length,
      ...(l
        ? {
            latest: {
              runId: l.run.runId,
              at: l.run.at,
              level: l.run.rollup?.level ?? 0,
              ...(l.run.plan ? { milestone: levelsOf(l.run.plan)[l.run.rollup?.level ?? 0] } : {}),
              failing: Object.values(l.run.rollup?.findings.fail ?? {}).reduce((a, b) => a + b, 0),
            },
          }
        : {}),
      ...(base
        ? { baseline: { runId: base.run.runId, kind: base.kind, at: base.run.at, ...(base.acceptance ? { by: base.acceptance.by, reason: base.acceptance.reason } : {}) } }
        : {}),
      ...(d ? { sinceBaseline: { new: d.new.length, fixed: d.fixed.length, changed: d.changed.length } } : {}),
      openBlockers,
      ...(openBlockers[0] ? { oldestOpenSince: openBlockers[0].since } : {}),
    });
  }
  return {
    tool: `${TOOL.name} ${TOOL.version}`,
    ...(since ? { since } : {}),
    generatedAt: now.toISOString(),
    levels: Object.fromEntries([...(plans.size ? plans : new Set<PlanId>(['b2c']))].map((p) => [p, levelsOf(p)])),
    tenants: out,
    points,
  };
}

// ---------------------------------------------------------------------------------------------
// Rendering.

const day = (iso: string) => iso.slice(0, 10);
const h = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const SEVERITY_COLORS = { blocker: '#c0392b', warning: '#e67e22', advice: '#7f8c8d' };

type VlSpec = Record<string, unknown>;

/** vega-lite → vega → SVG, in Node. */
async function svgOf(spec: VlSpec): Promise<string> {
  const [{ compile }, vega] = await Promise.all([import('vega-lite'), import('vega')]);
  // Warnings go nowhere: stderr belongs to the command's one-line messages.
  const quiet = { level: () => quiet, error: (...a: unknown[]) => { throw new Error(a.map(String).join(' ')); }, warn: () => quiet, info: () => quiet, debug: () => quiet };
  const compiled = compile(spec as unknown as Parameters<typeof compile>[0], { logger: quiet as unknown as NonNullable<Parameters<typeof compile>[1]>['logger'] }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

const MARKER_KINDS = ['rule set changed', 'configuration changed', 'run failed (not read)'];
const MARKER_COLOR = { field: 'what', type: 'nominal', title: 'marker', scale: { domain: MARKER_KINDS, range: ['#2980b9', '#8e44ad', '#e74c3c'] } };

/** Where the rule set or the configuration changed, and failed runs: one row each. */
function markerRows(points: TrendPoint[]): { kind: 'marker'; at: string; tenant: string; what: string }[] {
  return points.flatMap((p) => [
    ...(p.rulesChanged ? [{ kind: 'marker' as const, at: p.at, tenant: p.tenant, what: MARKER_KINDS[0] as string }] : []),
    ...(p.configChanged ? [{ kind: 'marker' as const, at: p.at, tenant: p.tenant, what: MARKER_KINDS[1] as string }] : []),
    ...(p.failed ? [{ kind: 'marker' as const, at: p.at, tenant: p.tenant, what: MARKER_KINDS[2] as string }] : []),
  ]);
}

function markerLayers(points: TrendPoint[]): VlSpec[] {
  const marks = markerRows(points);
  if (!marks.length) return [];
  return [{ data: { values: marks }, mark: { type: 'rule', strokeDash: [4, 3], strokeWidth: 1.5 }, encoding: { x: { field: 'at', type: 'temporal' }, stroke: MARKER_COLOR } }];
}

const WIDTH = 820;

export async function trendCharts(t: Trend): Promise<{ id: string; title: string; svg: string }[]> {
  const ok = t.points.filter((p) => !p.failed);
  const fleet = t.tenants.length > 1;
  const plan = Object.keys(t.levels)[0] as string;
  const titles = t.levels[plan] as string[];
  const charts: { id: string; title: string; spec: VlSpec }[] = [];
  if (fleet) {
    charts.push({
      id: 'milestones',
      title: 'Highest milestone satisfied, per tenant and day',
      spec: {
        width: WIDTH,
        height: { step: 28 },
        data: { values: ok },
        mark: { type: 'rect' },
        encoding: {
          x: { field: 'at', type: 'ordinal', timeUnit: 'yearmonthdate', title: 'day', axis: { labelOverlap: true, format: '%b %d' } },
          y: { field: 'tenant', type: 'nominal', title: null },
          color: { field: 'level', type: 'ordinal', title: 'milestone', scale: { scheme: 'greens', domain: titles.map((_, i) => i) }, legend: { labelExpr: `[${titles.map((x) => JSON.stringify(x)).join(',')}][datum.value]` } },
          tooltip: [{ field: 'tenant' }, { field: 'at', type: 'temporal' }, { field: 'milestone' }],
        },
      },
    });
  } else {
    charts.push({
      id: 'milestones',
      title: 'Highest milestone satisfied',
      spec: {
        width: WIDTH,
        height: 180,
        layer: [
          {
            data: { values: ok },
            mark: { type: 'line', interpolate: 'step-after', point: ok.length <= 60 },
            encoding: {
              x: { field: 'at', type: 'temporal', title: null },
              y: { field: 'level', type: 'quantitative', title: null, scale: { domain: [0, titles.length - 1] }, axis: { values: titles.map((_, i) => i), labelExpr: `[${titles.map((x) => JSON.stringify(x)).join(',')}][datum.value]` } },
            },
          },
          ...markerLayers(t.points),
        ],
      },
    });
  }
  const severities = ok.flatMap((p) => SEVERITIES.map((sev) => ({ kind: 'count', at: p.at, tenant: p.tenant, severity: sev, count: p[sev] ?? 0 })));
  const severityLayers: VlSpec[] = [
    {
      transform: [{ filter: "datum.kind === 'count'" }],
      mark: { type: 'area', interpolate: 'step-after' },
      encoding: {
        x: { field: 'at', type: 'temporal', title: null },
        y: { field: 'count', type: 'quantitative', title: 'failing', stack: 'zero' },
        color: { field: 'severity', type: 'nominal', scale: { domain: [...SEVERITIES], range: SEVERITIES.map((x) => SEVERITY_COLORS[x]) } },
      },
    },
  ];
  const marks = markerRows(t.points);
  if (marks.length) {
    severityLayers.push({
      transform: [{ filter: "datum.kind === 'marker'" }],
      mark: { type: 'rule', strokeDash: [4, 3], strokeWidth: 1.5 },
      encoding: { x: { field: 'at', type: 'temporal' }, strokeOpacity: { value: 0.9 }, stroke: MARKER_COLOR },
    });
  }
  charts.push({
    id: 'failing',
    title: fleet ? 'Failing findings by severity, per tenant' : 'Failing findings by severity',
    spec: fleet
      ? {
          data: { values: [...severities, ...marks] },
          facet: { row: { field: 'tenant', type: 'nominal', title: null } },
          spec: { width: WIDTH - 60, height: 90, layer: severityLayers },
        }
      : { width: WIDTH, height: 200, data: { values: [...severities, ...marks] }, layer: severityLayers },
  });
  const changes = ok.filter((p) => !p.first).flatMap((p) => [
    { at: p.at, tenant: p.tenant, kind: 'new', count: p.new ?? 0 },
    { at: p.at, tenant: p.tenant, kind: 'fixed', count: -(p.fixed ?? 0) },
  ]);
  charts.push({
    id: 'changes',
    title: 'New (up) vs fixed (down) failing findings per run',
    spec: {
      width: WIDTH,
      height: 160,
      data: { values: changes },
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'at', type: 'temporal', timeUnit: 'yearmonthdate', title: null },
        y: { aggregate: 'sum', field: 'count', type: 'quantitative', title: 'findings' },
        color: { field: 'kind', type: 'nominal', scale: { domain: ['new', 'fixed'], range: ['#c0392b', '#27ae60'] } },
      },
    },
  });
  charts.push({
    id: 'unknowns',
    title: 'Checks that could not be judged (unknown)',
    spec: {
      width: WIDTH,
      height: 140,
      data: { values: ok },
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: { field: 'at', type: 'temporal', title: null },
        y: { field: 'unknowns', type: 'quantitative', title: 'unknown' },
        color: { field: 'tenant', type: 'nominal' },
      },
    },
  });
  return Promise.all(charts.map(async (c) => ({ id: c.id, title: c.title, svg: await svgOf({ $schema: 'https://vega.github.io/schema/vega-lite/v6.json', config: { font: 'system-ui, -apple-system, Segoe UI, sans-serif', background: 'white' }, ...c.spec }) })));
}

const CSV_FIELDS = ['runId', 'tenant', 'at', 'exitCode', 'failed', 'level', 'milestone', 'blocker', 'warning', 'advice', 'new', 'fixed', 'unknowns', 'rulesChanged', 'configChanged'] as const;
const csvCell = (v: unknown) => {
  const s = v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

function tenantLines(t: TenantTrend): string[] {
  return [
    `${t.id} (${t.env}, ${t.domain}): ${t.runs} run(s)${t.failedRuns ? `, ${t.failedRuns} failed` : ''}`,
    ...(t.latest ? [`  latest ${day(t.latest.at)}: ${t.latest.milestone ?? `level ${t.latest.level}`}, ${t.latest.failing} failing`] : []),
    ...(t.baseline ? [`  baseline: ${t.baseline.kind === 'accepted' ? `accepted ${day(t.baseline.at)} by ${t.baseline.by}` : `first run ${day(t.baseline.at)}`}${t.sinceBaseline ? ` — since: ${t.sinceBaseline.new} new, ${t.sinceBaseline.fixed} fixed, ${t.sinceBaseline.changed} changed` : ''}`] : []),
    `  open blockers: ${t.openBlockers.length}${t.oldestOpenSince ? `, oldest open since ${day(t.oldestOpenSince)}` : ''}`,
  ];
}

const mdCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export async function renderTrend(t: Trend, format: TrendFormat): Promise<string> {
  switch (format) {
    case 'json':
      return `${JSON.stringify(t, null, 2)}\n`;
    case 'csv':
      return `${[CSV_FIELDS.join(','), ...t.points.map((p) => CSV_FIELDS.map((f) => csvCell(p[f])).join(','))].join('\n')}\n`;
    case 'console': {
      const lines = [`Readiness trend — ${t.tenants.length} tenant(s), ${t.points.length} run(s)${t.since ? ` since ${day(t.since)}` : ''}`];
      for (const x of t.tenants) lines.push('', ...tenantLines(x), ...x.openBlockers.slice(0, 5).map((b) => `    ${b.ruleId}${b.resource ? ` (${b.resource})` : ''}: since ${day(b.since)}, ${b.runs} run(s)`));
      const marks = t.points.filter((p) => p.rulesChanged || p.configChanged);
      if (marks.length) lines.push('', ...marks.map((p) => `${day(p.at)} ${p.tenant}: ${[p.rulesChanged ? 'rule set changed' : '', p.configChanged ? 'configuration changed' : ''].filter(Boolean).join(', ')}`));
      return `${lines.join('\n')}\n`;
    }
    case 'markdown': {
      const lines = [
        `# Readiness trend`,
        '',
        `${t.tenants.length} tenant(s), ${t.points.length} run(s)${t.since ? ` since ${day(t.since)}` : ''}.`,
        '',
        '| tenant | runs | latest | milestone | failing | open blockers | oldest open since | baseline | since baseline |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        ...t.tenants.map(
          (x) =>
            `| ${mdCell(x.id)} (${x.env}) | ${x.runs}${x.failedRuns ? ` (${x.failedRuns} failed)` : ''} | ${x.latest ? day(x.latest.at) : '—'} | ${mdCell(x.latest?.milestone ?? '—')} | ${x.latest?.failing ?? '—'} | ${x.openBlockers.length} | ${x.oldestOpenSince ? day(x.oldestOpenSince) : '—'} | ${x.baseline ? `${x.baseline.kind} ${day(x.baseline.at)}` : '—'} | ${x.sinceBaseline ? `${x.sinceBaseline.new} new, ${x.sinceBaseline.fixed} fixed` : '—'} |`,
        ),
        '',
        '## Runs',
        '',
        '| run | tenant | day | milestone | blocker | warning | advice | new | fixed | unknown | note |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        ...t.points.map((p) =>
          p.failed
            ? `| ${p.runId} | ${mdCell(p.tenant)} | ${day(p.at)} | — | | | | | | | failed (exit ${p.exitCode}) |`
            : `| ${p.runId} | ${mdCell(p.tenant)} | ${day(p.at)} | ${mdCell(p.milestone ?? '')} | ${p.blocker} | ${p.warning} | ${p.advice} | ${p.new} | ${p.fixed} | ${p.unknowns} | ${[p.rulesChanged ? 'rule set changed' : '', p.configChanged ? 'configuration changed' : ''].filter(Boolean).join(', ')} |`,
        ),
      ];
      return `${lines.join('\n')}\n`;
    }
    case 'html':
      return renderHtml(t, await trendCharts(t));
  }
}

const CSS = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:960px;color:#222;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.meta{color:#666;margin:0 0 16px}table{border-collapse:collapse;width:100%;margin:8px 0}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eee;vertical-align:top}
th{background:#f6f6f6;font-weight:600}figure{margin:12px 0}figure svg{max-width:100%;height:auto}figcaption{font-weight:600;margin-bottom:4px}
.bad{color:#c0392b}.good{color:#27ae60}.muted{color:#777}code{font-size:12px}`;

function renderHtml(t: Trend, charts: { id: string; title: string; svg: string }[]): string {
  const rows = t.tenants
    .map(
      (x) =>
        `<tr><td><strong>${h(x.id)}</strong> <span class="muted">(${h(x.env)}, ${h(x.domain)})</span></td><td>${x.runs}${x.failedRuns ? ` <span class="bad">(${x.failedRuns} failed)</span>` : ''}</td><td>${x.latest ? h(day(x.latest.at)) : '—'}</td><td>${h(x.latest?.milestone ?? '—')}</td><td>${x.latest?.failing ?? '—'}</td><td>${x.openBlockers.length}${x.oldestOpenSince ? ` <span class="bad">oldest open since ${h(day(x.oldestOpenSince))}</span>` : ''}</td><td>${x.baseline ? `${x.baseline.kind === 'accepted' ? `accepted ${h(day(x.baseline.at))} by ${h(x.baseline.by ?? '')}` : `first run ${h(day(x.baseline.at))}`}` : '—'}${x.sinceBaseline ? `<br><span class="bad">${x.sinceBaseline.new} new</span>, <span class="good">${x.sinceBaseline.fixed} fixed</span>, ${x.sinceBaseline.changed} changed` : ''}</td></tr>`,
    )
    .join('');
  const blockers = t.tenants
    .filter((x) => x.openBlockers.length)
    .map(
      (x) =>
        `<h3>${h(x.id)}</h3><table><thead><tr><th>rule</th><th>resource</th><th>open since</th><th>runs</th></tr></thead><tbody>${x.openBlockers
          .slice(0, 25)
          .map((b) => `<tr><td><code>${h(b.ruleId)}</code></td><td>${h(b.resource ?? 'tenant')}</td><td>${h(day(b.since))}</td><td>${b.runs}</td></tr>`)
          .join('')}</tbody></table>${x.openBlockers.length > 25 ? `<p class="muted">… and ${x.openBlockers.length - 25} more</p>` : ''}`,
    )
    .join('');
  const marks = t.points.filter((p) => p.rulesChanged || p.configChanged || p.failed);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Readiness trend — auth0-readiness</title><style>${CSS}</style></head>
<body><main>
<h1>Readiness trend</h1>
<p class="meta">${t.tenants.length} tenant(s), ${t.points.length} run(s)${t.since ? ` since ${h(day(t.since))}` : ''} · generated ${h(t.generatedAt.slice(0, 16).replace('T', ' '))} UTC by ${h(t.tool)}</p>
<h2>Tenants</h2>
<table id="tenants"><thead><tr><th>tenant</th><th>runs</th><th>latest</th><th>highest milestone</th><th>failing</th><th>open blockers</th><th>baseline → latest</th></tr></thead><tbody>${rows}</tbody></table>
${charts.map((c) => `<figure id="chart-${c.id}"><figcaption>${h(c.title)}</figcaption>${c.svg}</figure>`).join('\n')}
<h2>Open blockers</h2>
${blockers || '<p class="good">No open blockers.</p>'}
<h2>Marks on the timeline</h2>
${marks.length ? `<table id="marks"><thead><tr><th>day</th><th>tenant</th><th>what</th></tr></thead><tbody>${marks.map((p) => `<tr><td>${h(day(p.at))}</td><td>${h(p.tenant)}</td><td>${h([p.rulesChanged ? 'rule set changed: a new failing finding may be a new rule' : '', p.configChanged ? 'configuration changed (waivers, attestations, gate)' : '', p.failed ? `run failed (exit ${p.exitCode}): ${p.failed}` : ''].filter(Boolean).join('; '))}</td></tr>`).join('')}</tbody></table>` : '<p class="muted">The rule set and the configuration did not change; every run read its tenant.</p>'}
</main></body></html>
`;
}
