/**
 * Checks across tenants (X-01 … X-08): pure functions over the set of per-tenant
 * snapshots and reports of one multi-tenant run. Each returns report findings (ruleId `X-0n`,
 * resource `{type: 'tenant', id: alias}` when it is about one tenant).
 */
import type { Environment, Severity } from '../engine/status.js';
import type { AuditReport, ReportFinding } from '../report/schema.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { diffNormalised, type DriftReport } from './drift.js';
import { factsOf, NAMED_SECTIONS, PLAN_GATED, type TenantFacts } from './facts.js';

export interface TenantRun {
  alias: string;
  env: Environment;
  domain: string;
  /** Absent when the tenant could not be read. */
  snapshot?: Snapshot;
  /** What the cross-tenant checks read; derived from `snapshot` when absent (a merged report has only these). */
  facts?: TenantFacts;
  report?: AuditReport;
  error?: string;
}

export const CROSS_TENANT_CHECKS: Record<string, { title: string; severity: Severity; topic: string }> = {
  'X-01': { title: 'Separate dev, QA and prod tenants, each reachable', severity: 'blocker', topic: 'sdlc-support' },
  'X-02': { title: 'QA has the same clients, connections and actions as prod', severity: 'warning', topic: 'deployment-automation' },
  'X-03': { title: 'Tenant names follow <co>-dev, -qa, -prod', severity: 'advice', topic: 'sdlc-support' },
  'X-04': { title: 'No configuration drift between QA and prod', severity: 'warning', topic: 'deployment-automation' },
  'X-05': { title: 'Every tenant has its own ready custom domain', severity: 'advice', topic: 'custom-domains' },
  'X-06': { title: 'Non-prod tenants are associated with the subscription', severity: 'advice', topic: 'tenant-association' },
  'X-07': { title: 'Prod-only checks softened on non-prod tenants', severity: 'advice', topic: 'sdlc-support' },
  'X-08': { title: 'Environment tag matches the configured env', severity: 'blocker', topic: 'sdlc-support' },
};

type Status = 'pass' | 'fail' | 'unknown' | 'n/a';

function finding(id: string, status: Status, message: string, opts: { tenant?: TenantRun; severity?: Severity; value?: unknown } = {}): ReportFinding {
  const c = CROSS_TENANT_CHECKS[id] as { title: string; severity: Severity };
  return {
    ruleId: id,
    title: c.title,
    topicIds: [],
    severity: opts.severity ?? c.severity,
    status,
    messageId: `${id.toLowerCase()}.${status}`,
    message,
    ...(opts.tenant ? { resource: { type: 'tenant', id: opts.tenant.alias, name: opts.tenant.domain } } : {}),
    ...(opts.value !== undefined ? { value: opts.value } : {}),
  };
}

const QA_ENVS = new Set(['qa']);
const first = (runs: readonly TenantRun[], env: Environment) => runs.find((r) => r.env === env);
const label = (r: TenantRun) => `${r.alias} (${r.domain})`;

export function x01(runs: readonly TenantRun[]): ReportFinding[] {
  const out: ReportFinding[] = [];
  const missing = (['dev', 'qa', 'prod'] as const).filter((e) => !runs.some((r) => r.env === e || (e === 'qa' && QA_ENVS.has(r.env))));
  if (missing.length) out.push(finding('X-01', 'fail', `no ${missing.join(', ')} tenant in the config tenants list`, { value: missing }));
  const byDomain = new Map<string, string[]>();
  for (const r of runs) byDomain.set(r.domain, [...(byDomain.get(r.domain) ?? []), r.alias]);
  for (const [domain, aliases] of byDomain) if (aliases.length > 1) out.push(finding('X-01', 'fail', `${aliases.join(', ')} share one tenant (${domain}): environments need separate tenants`));
  for (const r of runs) if (r.error) out.push(finding('X-01', 'fail', `${label(r)} could not be read: ${r.error}`, { tenant: r }));
  if (!out.length) out.push(finding('X-01', 'pass', `separate dev, QA and prod tenants, all reachable: ${runs.map(label).join(', ')}`));
  return out;
}

const factsCache = new WeakMap<TenantRun, TenantFacts>();
/** The run's facts: given (from a report), or computed once from its snapshot. */
export function factsFor(r: TenantRun | undefined): TenantFacts | undefined {
  if (!r) return undefined;
  if (r.facts) return r.facts;
  if (!r.snapshot) return undefined;
  let f = factsCache.get(r);
  if (!f) factsCache.set(r, (f = factsOf(r.snapshot)));
  return f;
}

const names = (f: TenantFacts, key: (typeof NAMED_SECTIONS)[number]): Set<string> | undefined => {
  const d = f.names[key];
  return d ? new Set(d) : undefined;
};

export function x02(runs: readonly TenantRun[]): ReportFinding[] {
  const qa = first(runs, 'qa');
  const prod = first(runs, 'prod');
  const qf = factsFor(qa);
  const pf = factsFor(prod);
  if (!qa || !prod || !qf || !pf) return [finding('X-02', qa && prod ? 'unknown' : 'n/a', qa && prod ? 'QA or prod could not be read' : 'needs a qa and a prod tenant')];
  const out: ReportFinding[] = [];
  for (const key of NAMED_SECTIONS) {
    const a = names(qf, key);
    const b = names(pf, key);
    if (!a || !b) {
      out.push(finding('X-02', 'unknown', `${key}: not read on ${!a ? qa.alias : prod.alias}`));
      continue;
    }
    const onlyQa = [...a].filter((n) => !b.has(n)).sort();
    const onlyProd = [...b].filter((n) => !a.has(n)).sort();
    if (onlyQa.length || onlyProd.length) {
      const parts = [onlyProd.length ? `only in ${prod.alias}: ${onlyProd.join(', ')}` : '', onlyQa.length ? `only in ${qa.alias}: ${onlyQa.join(', ')}` : ''].filter(Boolean);
      out.push(finding('X-02', 'fail', `${key} differ between ${qa.alias} and ${prod.alias}: ${parts.join('; ')}`, { value: { section: key, onlyInQa: onlyQa, onlyInProd: onlyProd } }));
    }
  }
  if (!out.length) out.push(finding('X-02', 'pass', `${qa.alias} has the same clients, connections and actions as ${prod.alias}`));
  return out;
}

const NAME = /^(.+)-(dev|qa|uat|staging|stage|prod|production|sandbox\d*)$/;
const SUFFIX_ENV: Record<string, Environment> = { dev: 'dev', qa: 'qa', uat: 'qa', staging: 'qa', stage: 'qa', prod: 'prod', production: 'prod' };

export function x03(runs: readonly TenantRun[]): ReportFinding[] {
  const out: ReportFinding[] = [];
  const companies = new Set<string>();
  for (const r of runs) {
    const name = r.domain.split('.')[0] ?? r.domain;
    const m = NAME.exec(name);
    if (!m) {
      out.push(finding('X-03', 'fail', `${label(r)}: tenant name ${name} does not follow <co>-dev, <co>-qa, <co>-prod (or -sandboxN)`, { tenant: r }));
      continue;
    }
    companies.add(m[1] as string);
    const suffixEnv = SUFFIX_ENV[m[2] as string];
    if (suffixEnv && suffixEnv !== r.env) out.push(finding('X-03', 'fail', `${label(r)}: the name says ${m[2]} but the config says env ${r.env}`, { tenant: r }));
  }
  if (companies.size > 1) out.push(finding('X-03', 'fail', `tenant names use different prefixes: ${[...companies].sort().join(', ')}`));
  if (!out.length) out.push(finding('X-03', 'pass', `tenant names follow <co>-<env>: ${runs.map((r) => r.domain.split('.')[0]).join(', ')}`));
  return out;
}

/** X-04: drift between the qa and prod tenants (returns the drift report too). */
export function x04(runs: readonly TenantRun[], ignore: readonly string[] = []): { findings: ReportFinding[]; drift?: DriftReport } {
  const qa = first(runs, 'qa');
  const prod = first(runs, 'prod');
  const qf = factsFor(qa);
  const pf = factsFor(prod);
  if (!qa || !prod || !qf || !pf) return { findings: [finding('X-04', qa && prod ? 'unknown' : 'n/a', qa && prod ? 'QA or prod could not be read' : 'needs a qa and a prod tenant')] };
  const drift = diffNormalised(
    { side: { label: qa.alias, domain: qa.domain, source: qf.source }, normalised: qf.normalised, unread: qf.unread },
    { side: { label: prod.alias, domain: prod.domain, source: pf.source }, normalised: pf.normalised, unread: pf.unread },
    { ignore },
  );
  const sections = [...new Set(drift.entries.map((e) => e.section))];
  return {
    drift,
    findings: [
      drift.drift
        ? finding('X-04', 'fail', `${drift.entries.length} difference(s) between ${qa.alias} and ${prod.alias} after normalisation, in ${sections.join(', ')} (see the drift section)`, { value: { differences: drift.entries.length, sections } })
        : finding('X-04', 'pass', `${qa.alias} and ${prod.alias} are equal after normalisation${drift.notCompared.length ? ` (${drift.notCompared.length} resource(s) not compared)` : ''}`),
    ],
  };
}

export function x05(runs: readonly TenantRun[]): ReportFinding[] {
  const out: ReportFinding[] = [];
  const owners = new Map<string, string[]>();
  for (const r of runs) {
    const f = factsFor(r);
    if (!f) continue;
    const res = f.customDomains;
    if (!res || !res.ok) {
      out.push(finding('X-05', 'unknown', `${label(r)}: custom domains not read${res && !res.ok ? ` (${res.reason})` : ''}`, { tenant: r }));
      continue;
    }
    const ready = res.domains.filter((d) => d.status === 'ready');
    if (!ready.length) out.push(finding('X-05', 'fail', `${label(r)} has no ready custom domain: create one in ${r.env} too`, { tenant: r }));
    for (const d of res.domains) owners.set(d.domain.toLowerCase(), [...(owners.get(d.domain.toLowerCase()) ?? []), r.alias]);
  }
  for (const [domain, aliases] of owners) if (aliases.length > 1) out.push(finding('X-05', 'fail', `custom domain ${domain} is configured on ${aliases.join(' and ')}: each tenant needs its own`, { value: { domain, tenants: aliases } }));
  if (!out.length) out.push(finding('X-05', 'pass', 'every tenant has its own ready custom domain'));
  return out;
}

export function x06(runs: readonly TenantRun[]): ReportFinding[] {
  const prod = first(runs, 'prod');
  const pf = factsFor(prod);
  if (!prod || !pf) return [finding('X-06', 'n/a', 'needs a readable prod tenant to compare with')];
  const out: ReportFinding[] = [];
  for (const r of runs) {
    const f = factsFor(r);
    if (r.env === 'prod' || !f) continue;
    const gated = PLAN_GATED.filter((k) => {
      const mine = f.planGated[k];
      const theirs = pf.planGated[k];
      return mine && !mine.ok && mine.reason === 'unavailable-on-plan' && theirs?.ok;
    });
    if (gated.length) {
      out.push(finding('X-06', 'fail', `${label(r)} gets 403 (not on plan) for ${gated.join(', ')}, which ${prod.alias} has: it may not be associated with the subscription`, { tenant: r, value: gated }));
    }
  }
  if (!out.length) out.push(finding('X-06', 'pass', `no non-prod tenant lacks a plan feature that ${prod.alias} has`));
  return out;
}

export function x07(runs: readonly TenantRun[]): ReportFinding[] {
  return runs.map((r) =>
    finding('X-07', r.report ? 'pass' : 'unknown', r.env === 'prod' ? `${label(r)}: prod, checks marked (prod) at full severity` : `${label(r)}: ${r.env}, checks marked (prod) dropped one severity level`, { tenant: r }),
  );
}

/** Words of the Dashboard environment tag, as the attestation evidence or note may give it. */
const TAG_WORDS: [RegExp, Environment][] = [
  [/\bprod(uction)?\b/i, 'prod'],
  [/\b(staging|qa|uat)\b/i, 'qa'],
  [/\b(dev|development)\b/i, 'dev'],
];

export function x08(runs: readonly TenantRun[]): ReportFinding[] {
  return runs.map((r) => {
    const severity: Severity = r.env === 'prod' ? 'blocker' : 'warning';
    const a = r.report?.attestations.find((x) => x.id === 'env-tag');
    if (!r.report) return finding('X-08', 'unknown', `${label(r)} could not be read`, { tenant: r, severity });
    if (!a) return finding('X-08', 'fail', `${label(r)}: no env-tag attestation; attest the Dashboard environment tag (Settings > General)`, { tenant: r, severity });
    if (a.state !== 'current') return finding('X-08', 'fail', `${label(r)}: the env-tag attestation is ${a.state}`, { tenant: r, severity });
    const said = TAG_WORDS.filter(([re]) => re.test(a.evidence ?? '')).map(([, e]) => e);
    if (!said.length) return finding('X-08', 'unknown', `${label(r)}: the env-tag attestation does not say which tag is set (name Production, Staging or Development in its evidence)`, { tenant: r, severity });
    if (said[0] !== r.env) return finding('X-08', 'fail', `${label(r)}: the environment tag is attested as ${said[0]}, but the config says env ${r.env}`, { tenant: r, severity, value: { attested: said[0], configured: r.env } });
    return finding('X-08', 'pass', `${label(r)}: the environment tag matches env ${r.env}`, { tenant: r, severity });
  });
}

export function crossTenantChecks(runs: readonly TenantRun[], opts: { driftIgnore?: readonly string[] } = {}): { findings: ReportFinding[]; drift?: DriftReport } {
  const d = x04(runs, opts.driftIgnore);
  return {
    findings: [...x01(runs), ...x02(runs), ...x03(runs), ...d.findings, ...x05(runs), ...x06(runs), ...x07(runs), ...x08(runs)],
    ...(d.drift ? { drift: d.drift } : {}),
  };
}
