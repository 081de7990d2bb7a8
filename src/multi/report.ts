/**
 * The multi-tenant report (`audit --all` / `--tenant`): one AuditReport per tenant, the tenant ×
 * milestone matrix, the cross-tenant findings (X-01 … X-08) and the QA → prod drift report.
 * A single-tenant run keeps the plain AuditReport shape.
 */
import { z } from 'zod';
import { atLeast, ENVIRONMENTS, MILESTONE_STATUSES, type MilestoneStatus, type Severity } from '../engine/status.js';
import { renderConsole } from '../report/console.js';
import { escapeHtml, renderHtml } from '../report/html.js';
import { mdText, renderMarkdown } from '../report/markdown.js';
import { sarifLog, sarifRun } from '../report/sarif.js';
import { renderCsvOf } from '../report/csv.js';
import { AuditReportSchema, FindingSchema, GateSchema, SCHEMA_VERSION, VerdictSchema, type Gate, type GateReason, type ReportFinding, type Verdict } from '../report/schema.js';
import { gateReasonText } from '../report/reasons.js';
import { headline, verdictOf, type Headline } from '../report/verdict.js';
import { phaseTitle, reliesOnLines } from '../report/common.js';
import { TOOL } from '../version.js';
import { renderDriftMarkdown, renderDriftText, type DriftReport } from './drift.js';
import { factsFor, type TenantRun } from './cross-tenant.js';
import { TenantFactsSchema } from './facts.js';

export const MatrixSchema = z.object({
  milestones: z.array(z.object({ id: z.string(), title: z.string(), phase: z.string() })),
  rows: z.array(
    z.object({
      alias: z.string(),
      env: z.enum(ENVIRONMENTS),
      domain: z.string(),
      gate: z.boolean().optional(),
      /** milestone id → status; `error` when the tenant could not be read. */
      statuses: z.record(z.string(), z.union([z.enum(MILESTONE_STATUSES), z.literal('error')])),
    }),
  ),
});
export type Matrix = z.infer<typeof MatrixSchema>;

export const MultiReportSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  kind: z.literal('multi'),
  tool: z.object({ name: z.string(), version: z.string() }),
  generatedAt: z.string(),
  /** The fleet's headline: exit 3 when a tenant could not be read, whatever the gate says. */
  verdict: VerdictSchema.optional(),
  gate: GateSchema,
  tenants: z.array(AuditReportSchema),
  /** Tenants that could not be read, with the reason. */
  errors: z.array(z.object({ alias: z.string(), env: z.enum(ENVIRONMENTS), domain: z.string(), error: z.string() })),
  matrix: MatrixSchema,
  crossTenant: z.array(FindingSchema),
  /** X-04: drift between the qa and the prod tenant (absent without both). */
  drift: z.looseObject({ kind: z.literal('drift'), drift: z.boolean(), entries: z.array(z.looseObject({ path: z.string(), kind: z.string() })) }).optional(),
  /**
   * alias → what the cross-tenant checks read from that tenant (see facts.ts), so `merge` can
   * combine reports of separate runs into the report one `--all` run would have produced.
   */
  facts: z.record(z.string(), TenantFactsSchema).optional(),
  /**
   * Set by `audit --all --shard i/n`: this report covers only `tenants` of the shard; `of` is every
   * selected alias in config order. Cross-tenant checks are left to `merge`.
   */
  shard: z.object({ index: z.number().int().min(1), count: z.number().int().min(1), of: z.array(z.string()) }).optional(),
});
export type MultiReport = z.infer<typeof MultiReportSchema>;

export function buildMatrix(runs: readonly TenantRun[]): Matrix {
  const ref = runs.find((r) => r.report)?.report;
  const milestones = (ref?.milestones ?? []).map((m) => ({ id: m.id, title: m.title, phase: m.phase }));
  return {
    milestones,
    rows: runs.map((r) => ({
      alias: r.alias,
      env: r.env,
      domain: r.domain,
      ...(r.report ? { gate: r.report.gate.passed } : {}),
      statuses: Object.fromEntries(milestones.map((m) => [m.id, r.report?.milestones.find((x) => x.id === m.id)?.status ?? ('error' as const)])),
    })),
  };
}

export function buildMultiReport(
  runs: readonly TenantRun[],
  cross: { findings: ReportFinding[]; drift?: DriftReport },
  opts: { failOn: Severity | 'none'; now?: Date; shard?: NonNullable<MultiReport['shard']> },
): MultiReport {
  const details: GateReason[] = [];
  for (const r of runs) {
    if (r.error) details.push({ id: 'tenant-unread', tenant: r.alias, error: r.error });
    else if (r.report && !r.report.gate.passed) details.push(...r.report.gate.reasons.map((x) => ({ id: 'tenant-failed' as const, tenant: r.alias, reason: x })));
  }
  const reasons = details.map((d) => gateReasonText(d));
  if (opts.failOn !== 'none') {
    const failing = cross.findings.filter((f) => f.status === 'fail' && atLeast(f.severity, opts.failOn as Severity));
    if (failing.length) reasons.push(`${failing.length} failing cross-tenant finding(s) at ${opts.failOn} or above (${[...new Set(failing.map((f) => f.ruleId))].join(', ')})`);
  }
  const gate: Gate = { failOn: opts.failOn, passed: reasons.length === 0, reasons };
  const tenants = runs.flatMap((r) => (r.report ? [r.report] : []));
  const errors = runs.flatMap((r) => (r.error ? [{ alias: r.alias, env: r.env, domain: r.domain, error: r.error }] : []));
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: 'multi',
    tool: TOOL,
    generatedAt: (opts.now ?? new Date()).toISOString(),
    verdict: computeMultiVerdict({ gate, tenants, errors }),
    gate,
    tenants,
    errors,
    matrix: buildMatrix(runs),
    crossTenant: cross.findings,
    ...(cross.drift ? { drift: cross.drift as unknown as MultiReport["drift"] } : {}),
    facts: Object.fromEntries(runs.flatMap((r) => { const f = factsFor(r); return f ? [[r.alias, f]] : []; })),
    ...(opts.shard ? { shard: opts.shard } : {}),
  };
}

/**
 * The fleet's verdict: a tenant that could not be read makes it `could-not-read` (exit 3) in every
 * mode; else the gate's outcome (with `regressionOnly`, regressions since the baseline only).
 */
export function computeMultiVerdict(r: Pick<MultiReport, 'gate' | 'tenants' | 'errors'>, opts: { regressionOnly?: boolean } = {}): Verdict {
  const regressionOnly = !!opts.regressionOnly;
  const each = r.tenants.map(verdictOf);
  const outcome: Verdict['outcome'] = r.errors.length
    ? 'could-not-read'
    : regressionOnly
      ? r.gate.passed
        ? 'no-regression'
        : 'regressed'
      : !r.gate.passed
        ? 'failed'
        : each.some((v) => v.outcome === 'passed-with-risks')
          ? 'passed-with-risks'
          : 'passed';
  return {
    outcome,
    exitCode: r.errors.length ? 3 : r.gate.passed ? 0 : 1,
    regressionOnly,
    allSatisfied: r.errors.length === 0 && each.every((v) => v.allSatisfied),
    blockers: each.reduce((n, v) => n + v.blockers, 0),
    attestationsMissing: each.reduce((n, v) => n + v.attestationsMissing, 0),
    ...(r.errors.length ? { unread: r.errors.map((e) => e.alias) } : {}),
  };
}

/** The fleet's headline: the gate's words, then how many tenants are ready for their target. */
export function multiHeadline(r: MultiReport): Headline {
  const v = r.verdict ?? computeMultiVerdict(r);
  const h = headline(v);
  const ready = r.tenants.filter((t) => { const tv = verdictOf(t); return !tv.target || tv.target.ready; }).length;
  const readiness = `${ready} of ${r.tenants.length + r.errors.length} tenant(s) ready for their target milestone`;
  return { ...h, readiness, text: `${h.gate} — ${readiness}.` };
}

const MARK: Record<MilestoneStatus | 'error', string> = { satisfied: '✔', 'satisfied-with-risks': '◐', 'not-satisfied': '✘', unknown: '?', error: '✘✘' };
/** Milestones named as in the single-tenant reports: `Phase 1 · Go-Live`. */
const label = (m: { title: string; phase: string }) => `${phaseTitle(m.phase)} · ${m.title}`;
const MD_TONE: Record<Headline['tone'], string> = { good: '✅', risk: '⚠️', bad: '❌', unknown: '❔' };
/** For HTML: glyphs every font has (no emoji font needed), as in the single-tenant report. */
const HTML_MARK: Record<MilestoneStatus | 'error', string> = { satisfied: '✔', 'satisfied-with-risks': '◐', 'not-satisfied': '✘', unknown: '?', error: '✘' };
const MD_MARK: Record<MilestoneStatus | 'error', string> = { satisfied: '✅', 'satisfied-with-risks': '⚠️', 'not-satisfied': '❌', unknown: '❔', error: '💥' };
const shortId = (id: string) => id.split('.').slice(1).join('.');
const failingFirst = (a: ReportFinding, b: ReportFinding) => Number(b.status === 'fail') - Number(a.status === 'fail');

/**
 * What the fleet's verdict relies on beyond the tenants' data, each item once with the tenants it
 * applies to (`(dev, qa, prod)`): rules turned off or re-graded, waivers, attestations, accepted
 * unknowns, checks outside the source's reach — the same items each tenant section lists.
 */
export function fleetReliesOn(r: Pick<MultiReport, 'tenants'>): { label: string; text: string; tenants: string[] }[] {
  const byItem = new Map<string, { label: string; text: string; tenants: string[] }>();
  for (const t of r.tenants) {
    const alias = t.tenant.alias ?? t.tenant.domain;
    for (const line of reliesOnLines(t)) {
      const k = `${line.label}\u0000${line.text}`;
      const had = byItem.get(k);
      if (had) had.tenants.push(alias);
      else byItem.set(k, { ...line, tenants: [alias] });
    }
  }
  return [...byItem.values()];
}

export function renderMultiConsole(r: MultiReport, opts: { color: boolean; verbose: boolean }): string {
  const head = multiHeadline(r);
  const out: string[] = [`auth0-readiness ${r.tool.version}: ${r.tenants.length + r.errors.length} tenant(s)`, `${head.mark} ${head.text}`];
  for (const reason of r.gate.reasons) out.push(`  - ${reason}`);
  const relies = fleetReliesOn(r);
  if (relies.length) {
    out.push('', 'This result relies on:');
    for (const x of relies) out.push(`  • ${x.label}: ${x.text} (${x.tenants.join(', ')})`);
  }
  if (r.shard) out.push(`  shard ${r.shard.index}/${r.shard.count} of ${r.shard.of.length} tenant(s): cross-tenant checks run in \`auth0-readiness merge\` over every shard's JSON report`);
  out.push('', 'Tenant × milestone (✔ satisfied, ◐ with risks, ✘ not satisfied, ? unknown):');
  const width = Math.max(...r.matrix.milestones.map((m) => label(m).length), 10);
  const cells = (row: Matrix['rows'][number]) => r.matrix.milestones.map((m) => `${MARK[row.statuses[m.id] ?? 'error']} ${row.statuses[m.id] ?? 'error'}`);
  const heads = r.matrix.rows.map((row) => `${row.alias} (${row.env})`);
  // Each column as wide as its widest cell, so the matrix aligns whatever the aliases.
  const colWidth = r.matrix.rows.map((row, i) => Math.max((heads[i] ?? '').length, ...cells(row).map((c) => c.length)));
  out.push(`  ${''.padEnd(width)}  ${heads.map((x, i) => x.padEnd(colWidth[i] ?? 0)).join('  ')}`.trimEnd());
  r.matrix.milestones.forEach((m, mi) => {
    out.push(`  ${label(m).padEnd(width)}  ${r.matrix.rows.map((row, i) => (cells(row)[mi] ?? '').padEnd(colWidth[i] ?? 0)).join('  ')}`.trimEnd());
  });
  out.push('', 'Across tenants:');
  for (const f of [...r.crossTenant].sort(failingFirst)) {
    if (!opts.verbose && f.status === 'pass') continue;
    out.push(`  ${f.status === 'pass' ? '✔' : f.status === 'fail' ? '✘' : '?'} ${f.ruleId} [${f.severity}] ${f.message}`);
  }
  if (r.drift) out.push('', renderDriftText(r.drift as unknown as DriftReport).trimEnd());
  for (const e of r.errors) out.push('', `== ${e.alias} (${e.env}, ${e.domain}): could not be read: ${e.error}`);
  for (const t of r.tenants) out.push('', `== ${t.tenant.alias ?? t.tenant.domain} (${t.tenant.environment}) ==`, renderConsole(t, { ...opts, fleet: true }).trimEnd());
  return `${out.join('\n')}\n`;
}

export function renderMultiMarkdown(r: MultiReport): string {
  const head = multiHeadline(r);
  const out: string[] = ['# Auth0 readiness: tenants', '', `**${MD_TONE[head.tone]} ${mdText(head.text, 400)}**`, ''];
  for (const reason of r.gate.reasons) out.push(`- ${mdText(reason)}`);
  const relies = fleetReliesOn(r);
  if (relies.length) out.push('', '**This result relies on**', '', ...relies.map((x) => `- ${mdText(x.label, 80)}: ${mdText(x.text, 600)} (${x.tenants.map((a) => mdText(a, 80)).join(', ')})`));
  if (r.shard) out.push('', `Shard ${r.shard.index}/${r.shard.count} of ${r.shard.of.length} tenant(s): the cross-tenant checks run in \`auth0-readiness merge\` over every shard's JSON report.`);
  out.push('', '## Tenant × milestone', '', `| Milestone | ${r.matrix.rows.map((row) => `${mdText(row.alias)} (${row.env})`).join(' | ')} |`, `| --- | ${r.matrix.rows.map(() => '---').join(' | ')} |`);
  for (const m of r.matrix.milestones) out.push(`| ${mdText(label(m))} \`${shortId(m.id)}\` | ${r.matrix.rows.map((row) => `${MD_MARK[row.statuses[m.id] ?? 'error']} ${row.statuses[m.id] ?? 'error'}`).join(' | ')} |`);
  out.push('', '## Across tenants', '', '| Check | Status | Severity | Finding |', '| --- | --- | --- | --- |');
  for (const f of [...r.crossTenant].sort(failingFirst)) out.push(`| ${f.ruleId} | ${f.status} | ${f.severity} | ${mdText(f.message)} |`);
  out.push('');
  if (r.drift) out.push(renderDriftMarkdown(r.drift as unknown as DriftReport).replace(/^## /, '## X-04 '));
  for (const e of r.errors) out.push(`## ${mdText(e.alias)} (${e.env})`, '', `Could not be read: ${mdText(e.error)}`, '');
  // Each tenant's own report, headings one level down; bounded so the whole stays a usable size.
  for (const t of r.tenants) out.push(`## ${mdText(t.tenant.alias ?? t.tenant.domain)} (${t.tenant.environment})`, '', renderMarkdown(t, { maxLength: 20_000, fleet: true }).replace(/^(#+) /gm, '#$1 '), '');
  return `${out.join('\n')}\n`;
}

export function renderMultiHtml(r: MultiReport): string {
  const h = escapeHtml;
  const rows = r.matrix.milestones
    .map((m) => `<tr><th scope="row">${h(label(m))} <code>${h(shortId(m.id))}</code></th>${r.matrix.rows.map((row) => { const s = row.statuses[m.id] ?? 'error'; return `<td class="ms-${h(s)}"><span aria-hidden="true">${h(HTML_MARK[s])}</span> ${h(s)}</td>`; }).join('')}</tr>`)
    .join('\n');
  const cross = [...r.crossTenant].sort(failingFirst).map((f) => `<tr class="st-${h(f.status)}"><td>${h(f.ruleId)}</td><td>${h(f.status)}</td><td>${h(f.severity)}</td><td>${h(f.message)}</td></tr>`).join('\n');
  const drift = r.drift
    ? `<section><h2>X-04 drift: ${h((r.drift as unknown as DriftReport).a.label)} → ${h((r.drift as unknown as DriftReport).b.label)}</h2><pre>${h(renderDriftText(r.drift as unknown as DriftReport))}</pre></section>`
    : '';
  // Each tenant's own HTML report, embedded whole (it is self-contained) in a sandboxed iframe.
  const tenants = r.tenants
    .map((t) => `<section><h2>${h(t.tenant.alias ?? t.tenant.domain)} (${h(t.tenant.environment)})</h2><details><summary>Full report</summary><iframe sandbox title="${h(t.tenant.domain)}" srcdoc="${h(renderHtml(t, { fleet: true }))}"></iframe></details></section>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Auth0 readiness: ${r.matrix.rows.length} tenants</title>
<style>body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem}table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}.ms-satisfied{background:#e6f4ea}.ms-not-satisfied,.ms-error{background:#fce8e6}.ms-satisfied-with-risks{background:#fef7e0}.st-fail td:nth-child(2){color:#b3261e;font-weight:600}iframe{width:100%;height:80vh;border:1px solid #ccc}pre{white-space:pre-wrap}</style></head>
<body><h1>Auth0 readiness: tenants</h1>
<p class="verdict v-${multiHeadline(r).tone}"><strong><span aria-hidden="true">${h(multiHeadline(r).mark)}</span> ${h(multiHeadline(r).text)}</strong></p>${r.gate.reasons.length ? `<ul>${r.gate.reasons.map((x) => `<li>${h(x)}</li>`).join('')}</ul>` : ''}
${fleetReliesOn(r).length ? `<section><h2>This result relies on</h2><ul>${fleetReliesOn(r).map((x) => `<li><strong>${h(x.label)}</strong>: ${h(x.text)} (${h(x.tenants.join(', '))})</li>`).join('')}</ul></section>` : ''}
<section><h2>Tenant × milestone</h2><table><thead><tr><th>Milestone</th>${r.matrix.rows.map((row) => `<th scope="col">${h(row.alias)} (${h(row.env)})<br><small>${h(row.domain)}</small></th>`).join('')}</tr></thead><tbody>
${rows}
</tbody></table></section>
<section><h2>Across tenants</h2><table><thead><tr><th>Check</th><th>Status</th><th>Severity</th><th>Finding</th></tr></thead><tbody>
${cross}
</tbody></table></section>
${drift}
${r.errors.map((e) => `<section><h2>${h(e.alias)} (${h(e.env)})</h2><p>Could not be read: ${h(e.error)}</p></section>`).join('\n')}
${tenants}
</body></html>
`;
}

export const MULTI_REPORTERS = {
  console: (r: MultiReport, o: { color: boolean; verbose: boolean }) => renderMultiConsole(r, o),
  json: (r: MultiReport) => `${JSON.stringify(r, null, 2)}\n`,
  markdown: (r: MultiReport) => renderMultiMarkdown(r),
  html: (r: MultiReport) => renderMultiHtml(r),
  /** One SARIF run per tenant read (each with its own automationDetails.id). */
  sarif: (r: MultiReport) => `${JSON.stringify(sarifLog(r.tenants.map(sarifRun)), null, 2)}\n`,
  /** Every tenant's framework requirements, one row each. */
  csv: (r: MultiReport) => renderCsvOf(r.tenants),
} as const;

