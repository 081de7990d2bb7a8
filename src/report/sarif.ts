/**
 * The SARIF 2.1.0 report, for code scanning (GitHub `upload-sarif`, GitLab, Azure DevOps, IDEs).
 *
 * - One `reportingDescriptor` per rule with results in this run, its help taken from the report's
 *   `rules` (rationale, remediation, docs link): nothing about rules without results.
 * - One `result` per failing finding (level by severity: blocker → error, warning → warning,
 *   advice → note) and per finding that could not be evaluated (kind `review`; SARIF §3.27.10
 *   requires level `none` for any kind but `fail`). Passing, n/a and waived findings are left out.
 * - Locations: the Auth0 resource as a logical location (`clients/<id>`, `connections/<id>`, …)
 *   and a physical location with a region, as GitHub code scanning requires (every result: an
 *   `artifactLocation.uri`, relative or `file:`, and `region.startLine`): with a Deploy CLI export
 *   the file and line of the offending value (`tenant.yaml:42`, `clients/App.json:7`); with a live
 *   audit or a snapshot, a repository-relative pseudo path `auth0/<tenant>/<type plural>/<id>`
 *   that names the resource, at line 1.
 * - `partialFingerprints` from tenant + rule + resource (+ field): stable across runs, so an alert
 *   stays one alert until it is fixed.
 * - Run properties: tenant, plan, gate, summary; resources that could not be read are
 *   tool execution notifications.
 *
 * A multi-tenant report gives one run per tenant (each its own `automationDetails.id`, so code
 * scanning keeps their alerts apart). A pure function of the report.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { Log, Notification, ReportingDescriptor, Result, Run } from 'sarif';
import type { Severity } from '../engine/status.js';
import type { AuditReport, ReportFinding, ReportRule } from './schema.js';
import { headline, verdictOf } from './verdict.js';
import { exportRoot, ORG_PREFIX, orgPolicyGroups } from './common.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { blocker: 'error', warning: 'warning', advice: 'note' };
/** GitHub code scanning's severity for non-security results. */
const PROBLEM_SEVERITY: Record<Severity, 'error' | 'warning' | 'recommendation'> = { blocker: 'error', warning: 'warning', advice: 'recommendation' };

/** Resource types that name one thing per tenant, or are already plural: not pluralised. */
const UNCOUNTED = new Set(['tenant', 'branding', 'prompts', 'email-provider', 'attack-protection', 'custom-text', 'tenant-settings']);

/** `client` → `clients`, `mfa-policy` → `mfa-policies`, `tenant` → `tenant`. */
export function pluralType(type: string): string {
  if (UNCOUNTED.has(type) || type.endsWith('s')) return type;
  if (/[^aeiou]y$/.test(type)) return `${type.slice(0, -1)}ies`;
  return `${type}s`;
}

/** The resource as a path: `clients/<id>`; a finding about no one resource is about the tenant. */
export function resourcePath(f: Pick<ReportFinding, 'resource'>): string {
  return f.resource ? `${pluralType(f.resource.type)}/${f.resource.id}` : 'tenant';
}

const pascal = (id: string): string =>
  id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

type Meta = ReportRule;

function descriptor(meta: Meta, report: AuditReport): ReportingDescriptor {
  const planTopics = new Set(report.topics.map((t) => t.id));
  const topics = meta.topics.filter((t) => planTopics.has(t));
  const prod = meta.prodOnly ? ' (full severity on production tenants only)' : '';
  const text: string[] = [];
  const md: string[] = [];
  if (meta.rationale) {
    text.push(meta.rationale);
    md.push(`**Why.** ${meta.rationale}`);
  }
  if (meta.remediation) {
    text.push(`Remediation: ${meta.remediation}`);
    md.push(`**Remediation.** ${meta.remediation}`);
  }
  text.push(`Severity: ${meta.severity}${prod}. Topics: ${topics.join(', ') || 'none in this plan'}.`);
  md.push(`**Severity:** ${meta.severity}${prod}. **Topics:** ${topics.map((t) => `\`${t}\``).join(', ') || 'none in this plan'}.`);
  if (meta.checks?.length) {
    text.push(`Catalog checks: ${meta.checks.join(', ')}.`);
    md.push(`**Catalog checks:** ${meta.checks.join(', ')}.`);
  }
  if (meta.docs) {
    text.push(`Auth0 docs: ${meta.docs}`);
    md.push(`[Auth0 documentation](${meta.docs})`);
  }
  return {
    id: meta.id,
    name: pascal(meta.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.rationale ?? meta.title },
    ...(meta.docs ? { helpUri: meta.docs } : {}),
    help: { text: text.join('\n\n'), markdown: md.join('\n\n') },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: {
      tags: ['auth0', 'readiness', meta.severity, ...(meta.prodOnly ? ['production'] : []), ...(meta.id.startsWith(ORG_PREFIX) ? ['organisation-policy'] : []), ...(meta.checks ?? [])],
      severity: meta.severity,
      'problem.severity': PROBLEM_SEVERITY[meta.severity],
      precision: 'very-high',
      topics,
      ...(meta.checks?.length ? { checks: [...meta.checks] } : {}),
      ...(meta.checkmate?.length ? { checkmate: [...meta.checkmate] } : {}),
      ...(meta.dashboard?.length ? { dashboard: [...meta.dashboard] } : {}),
    },
  };
}

/** A file of the export as a URI code scanning accepts: relative to the checkout, or `file:` when absolute. */
function fileUri(root: string, file: string): string {
  const joined = posix.normalize(posix.join(root, file));
  const encoded = joined.split('/').map(encodeURIComponent).join('/');
  if (joined.startsWith('/')) return `file://${encoded}`;
  if (/^[A-Za-z]:\//.test(joined)) return `file:///${joined.slice(0, 2)}${joined.slice(2).split('/').map(encodeURIComponent).join('/')}`;
  return encoded.replace(/^\.\//, '');
}

/** One SARIF run for one tenant's report. */
export function sarifRun(report: AuditReport): Run {
  const known = new Map((report.rules ?? []).map((r) => [r.id, r]));
  // The framework requirements each rule is evidence for (`asvs-5.0:6.2.1`), as tags: code
  // scanning filters alerts by them.
  const requirementTags = new Map<string, string[]>();
  for (const fr of report.frameworks ?? []) {
    for (const r of fr.requirements) {
      for (const e of r.evidence) {
        if (e.kind !== 'rule') continue;
        const tag = `${fr.framework}:${r.id}`;
        const list = requirementTags.get(e.id) ?? [];
        if (!list.includes(tag)) list.push(tag);
        requirementTags.set(e.id, list);
      }
    }
  }
  const flagged = report.findings.filter((f) => f.status === 'fail' || f.status === 'unknown' || f.status === 'error');

  // One descriptor per rule with results in this run, in id order; a rule the report does not
  // describe (a report saved before it carried `rules`) is described from its findings.
  const ruleIds = [...new Set(flagged.map((f) => f.ruleId))].sort();
  const descriptors = ruleIds.map((id) => {
    const rule = known.get(id);
    if (rule) return descriptor(rule, report);
    const first = report.findings.find((f) => f.ruleId === id);
    return descriptor({ id, title: first?.title ?? id, severity: first?.severity ?? 'warning', topics: first?.topicIds ?? [] }, report);
  });
  const indexOf = new Map(ruleIds.map((id, i) => [id, i]));
  for (const d of descriptors) {
    const tags = requirementTags.get(d.id);
    if (tags?.length && d.properties) d.properties['tags'] = [...((d.properties['tags'] as string[] | undefined) ?? []), ...tags];
  }

  const domain = report.tenant.domain;
  const root = exportRoot(report);
  const seen = new Map<string, number>();
  const results: Result[] = flagged.map((f) => {
    const path = resourcePath(f);
    const where = f.resource ? ` (${f.resource.type} ${f.resource.name ?? f.resource.id})` : '';
    const key = [domain, f.ruleId, path, f.field ?? ''].join('\u0000');
    // Two findings of one rule on one resource and field (rare): the second gets its own alert.
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    const review = f.status !== 'fail';
    return {
      ruleId: f.ruleId,
      ruleIndex: indexOf.get(f.ruleId) ?? -1,
      kind: review ? 'review' : 'fail',
      level: review ? 'none' : LEVEL[f.severity],
      message: { text: `${f.message}${where}` },
      locations: [
        {
          physicalLocation:
            f.location && root !== undefined
              ? {
                  artifactLocation: { uri: fileUri(root, f.location.file) },
                  region: { startLine: f.location.line, ...(f.location.column ? { startColumn: f.location.column } : {}) },
                }
              : {
                  artifactLocation: { uri: ['auth0', domain, ...path.split('/')].map(encodeURIComponent).join('/') },
                  region: { startLine: 1 },
                },
          logicalLocations: [
            { name: f.resource?.name ?? f.resource?.id ?? domain, fullyQualifiedName: path, kind: 'resource' },
          ],
        },
      ],
      partialFingerprints: { 'auth0ReadinessFinding/v1': sha256(n > 1 ? `${key}\u0000${n}` : key) },
      properties: {
        ...(requirementTags.get(f.ruleId)?.length ? { tags: requirementTags.get(f.ruleId) } : {}),
        severity: f.severity,
        status: f.status,
        topics: f.topicIds,
        messageId: f.messageId,
        ...(f.resource ? { resource: f.resource } : {}),
        ...(f.field !== undefined ? { field: f.field } : {}),
        ...(f.value !== undefined ? { value: f.value } : {}),
        ...(f.missing ? { missing: f.missing } : {}),
      },
    };
  });

  // What the source can never hold is not "could not read": the report lists it under needsLiveAudit.
  const notifications: Notification[] = report.resources
    .filter((r) => r.status !== 'ok' && r.status !== 'out-of-reach')
    .map((r) => ({
      descriptor: { id: 'resource-unreadable', index: 0 },
      level: 'warning',
      message: { text: `Could not read ${r.title} (${r.key}): ${r.status}${r.reason ? ` — ${r.reason}` : ''}` },
      properties: { resource: r.key, status: r.status, ...(r.scopes ? { scopes: r.scopes } : {}) },
    }));

  const run: Run = {
    tool: {
      driver: {
        name: report.tool.name,
        version: report.tool.version,
        semanticVersion: report.tool.version,
        rules: descriptors,
        notifications: [
          {
            id: 'resource-unreadable',
            name: 'ResourceUnreadable',
            shortDescription: { text: 'A tenant resource could not be read' },
            fullDescription: { text: 'The rules that need it report "not evaluated": grant the missing scope or retry, then audit again.' },
            help: { text: 'The rules that need this resource report "not evaluated": grant the missing scope or retry, then audit again.' },
            defaultConfiguration: { level: 'warning' },
          },
        ],
      },
    },
    automationDetails: { id: `${report.tool.name}/${report.plan}/${report.tenant.alias ?? domain}/` },
    invocations: [
      {
        executionSuccessful: true,
        endTimeUtc: report.generatedAt,
        toolExecutionNotifications: notifications,
      },
    ],
    columnKind: 'unicodeCodePoints',
    results,
    properties: {
      tenant: report.tenant,
      plan: report.plan,
      generatedAt: report.generatedAt,
      collectedAt: report.collectedAt,
      verdict: { ...verdictOf(report), headline: headline(verdictOf(report)).text },
      ...(report.reliesOn?.length ? { reliesOn: report.reliesOn } : {}),
      gate: report.gate,
      summary: report.summary,
      milestones: report.milestones.map((m) => ({ id: m.id, title: m.title, status: m.status })),
      ...(report.frameworks?.length
        ? {
            frameworks: report.frameworks.map((fr) => ({
              id: fr.id,
              name: fr.name,
              version: fr.version,
              coverage: fr.coverage,
              summary: fr.summary,
              failing: fr.requirements.filter((r) => r.status === 'fail').map((r) => r.id),
              unknown: fr.requirements.filter((r) => r.status === 'unknown').map((r) => r.id),
            })),
          }
        : {}),
      ...orgPolicyProperty(report),
    },
  };
  return run;
}

/** The "Organisation policy" section: each policy outside the plan's topics with its status and counts (passing ones too). */
function orgPolicyProperty(report: AuditReport): { organisationPolicy?: { id: string; title: string; severity: Severity; status: string; counts: Record<string, number> }[] } {
  const groups = orgPolicyGroups(report);
  return groups.length ? { organisationPolicy: groups.map((g) => ({ id: g.id, title: g.title, severity: g.severity, status: g.status, counts: g.counts })) } : {};
}

/** A SARIF log of runs (one per tenant). */
export function sarifLog(runs: Run[]): Log {
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs };
}

export function renderSarif(report: AuditReport): string {
  return `${JSON.stringify(sarifLog([sarifRun(report)]), null, 2)}\n`;
}
