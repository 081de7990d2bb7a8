/**
 * Rule metadata rendered for people: `auth0-readiness rules`, `explain <rule-id>`, docs/rules.md
 * and the README's generated tables. All pure functions of the registry, the catalog and the
 * resource registry: the docs cannot drift from the code (a test compares them).
 */
import { loadCatalog } from '../catalog/index.js';
import { CATALOG_CHECKS, CHECKMATE, DASHBOARD, EXCLUSIONS } from '../coverage.js';
import type { AnyRule } from '../engine/define-rule.js';
import { availability, FEATURES, IN_USE_TEXT } from '../engine/context.js';
import { SCOPE_RESOURCES } from '../engine/scope-resources.js';
import { RESOURCE_META as RESOURCES, type ResourceKey } from '../snapshot/resource-meta.js';

const RESOURCE_KEYS = Object.keys(RESOURCES) as ResourceKey[];

export interface RuleSummary {
  id: string;
  title: string;
  severity: string;
  prodOnly: boolean;
  optIn?: string;
  topics: string[];
  checks: string[];
  checkmate: string[];
  dashboard: string[];
  resources: string[];
  scopes: string[];
  docs: string;
}

export function scopesOf(rule: AnyRule): string[] {
  return [...new Set([...rule.needs, ...rule.wants].flatMap((k: ResourceKey) => [...RESOURCES[k].scopes]))].sort();
}

export function summarize(rule: AnyRule): RuleSummary {
  return {
    id: rule.id,
    title: rule.title,
    severity: rule.severity,
    prodOnly: !!rule.prodOnly,
    ...(rule.optIn ? { optIn: rule.optIn } : {}),
    topics: [...rule.topics],
    checks: [...rule.checks],
    checkmate: [...(rule.checkmate ?? [])],
    dashboard: [...(rule.dashboard ?? [])],
    resources: [...rule.needs, ...rule.wants],
    scopes: scopesOf(rule),
    docs: rule.docs,
  };
}

const shortTopics = (topics: readonly string[]) => [...new Set(topics.map((t) => t.split('.').slice(1).join('.')))].join(', ');
const sev = (r: AnyRule) => `${r.severity}${r.prodOnly ? ' (prod)' : ''}`;

export function renderRulesText(rules: readonly AnyRule[]): string {
  const rows = [...rules].sort((a, b) => a.id.localeCompare(b.id));
  const w = Math.max(...rows.map((r) => r.id.length));
  return `${rows
    .map((r) => `${r.id.padEnd(w)}  ${sev(r).padEnd(16)} ${r.checks.join(',').padEnd(14)} ${r.title}${r.optIn ? ` [--with-${r.optIn}]` : ''}`)
    .join('\n')}\n`;
}

export function renderExplain(rule: AnyRule): string {
  const out = [
    `${rule.id}: ${rule.title}`,
    '',
    `Severity:     ${sev(rule)}${rule.optIn ? `; runs only with --with-${rule.optIn}` : ''}`,
    `Catalog:      ${rule.checks.join(', ') || '—'}`,
    ...(rule.checkmate?.length ? [`CheckMate:    ${rule.checkmate.join(', ')}`] : []),
    ...(rule.dashboard?.length ? [`Dashboard:    ${rule.dashboard.map((d) => DASHBOARD[d]?.title ?? d).join('; ')}`] : []),
    `Topics:       ${rule.topics.join(', ')}`,
    `Reads:        ${[...rule.needs, ...rule.wants].map((k) => `${RESOURCES[k].title} (${RESOURCES[k].paths.join(', ')})`).join('; ') || '—'}`,
    `Scopes:       ${scopesOf(rule).join(' ') || '—'}`,
    '',
    'Why it matters',
    `  ${rule.rationale}`,
    '',
    'How to fix',
    `  ${rule.remediation}`,
    '',
    `Docs: ${rule.docs}`,
  ];
  return `${out.join('\n')}\n`;
}

/** Markdown table of read scopes: each scope with what it reads and which rules need it. */
export function renderScopesTable(rules: readonly AnyRule[]): string {
  const byScope = new Map<string, { resources: Set<string>; rules: Set<string>; optIn: Set<string>; scope: boolean }>();
  for (const key of RESOURCE_KEYS) {
    for (const s of RESOURCES[key].scopes) {
      const e = byScope.get(s) ?? { resources: new Set(), rules: new Set(), optIn: new Set(), scope: false };
      if (SCOPE_RESOURCES.includes(key)) e.scope = true;
      e.resources.add(`${RESOURCES[key].title} (\`${RESOURCES[key].paths.join('`, `')}\`)`);
      byScope.set(s, e);
    }
  }
  for (const r of rules) {
    for (const k of [...r.needs, ...r.wants]) {
      for (const s of RESOURCES[k].scopes) {
        byScope.get(s)?.rules.add(r.id);
        if (r.optIn) byScope.get(s)?.optIn.add(r.optIn);
      }
    }
  }
  const lines = ['| Scope | What the audit reads with it | Rules that need it |', '| --- | --- | --- |'];
  for (const [scope, e] of [...byScope].sort(([a], [b]) => a.localeCompare(b))) {
    const optIn = e.optIn.size && [...e.rules].every((id) => rules.find((r) => r.id === id)?.optIn) ? ` (only with ${[...e.optIn].map((o) => `--with-${o}`).join(', ')})` : '';
    lines.push(`| \`${scope}\`${optIn} | ${[...e.resources].join('; ')} | ${e.rules.size ? e.rules.size : e.scope ? 'none (topic scope)' : 'none'} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** The context a rule is judged in: the subscription feature it needs and what must be in use. */
function contextCell(r: AnyRule): string {
  const parts: string[] = [];
  if (r.feature) parts.push(`needs ${FEATURES[r.feature].title} ([${availability(r.feature)}](${FEATURES[r.feature].docs}))`);
  if (r.appliesWhen) parts.push(`applies when ${IN_USE_TEXT[r.appliesWhen].yes}; counts at the first Go-Live when live`);
  if (r.firstGoLive === 'advice') parts.push('advice at the first Go-Live');
  if (r.prodOnly) parts.push('production-only: judged at Go-Live milestones, not Milestones 1–2');
  return parts.join('; ') || '—';
}

export function renderRulesTable(rules: readonly AnyRule[]): string {
  const lines = ['| Rule | Catalog | Topics | Default severity | Context |', '| --- | --- | --- | --- | --- |'];
  for (const r of [...rules].sort((a, b) => a.id.localeCompare(b.id))) {
    lines.push(`| \`${r.id}\` | ${r.checks.join(', ') || '—'} | ${shortTopics(r.topics)} | ${sev(r)}${r.optIn ? `, --with-${r.optIn}` : ''} | ${contextCell(r)} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** docs/rules.md: every rule, then the coverage table against the catalog, CheckMate and the Dashboard. */
export function renderRulesDoc(rules: readonly AnyRule[]): string {
  const sorted = [...rules].sort((a, b) => a.id.localeCompare(b.id));
  const catalog = loadCatalog();
  const out: string[] = [
    '# Rules',
    '',
    '<!-- Generated by `npm run docs` from rule metadata. Do not edit: a test fails when it is stale. -->',
    '',
    `${sorted.length} rules. \`auth0-readiness rules\` lists them; \`auth0-readiness explain <rule-id>\` prints one.`,
    '',
    '## All rules',
    '',
    renderRulesTable(sorted).trimEnd(),
    '',
    '## Coverage',
    '',
    'Every single-tenant check of the catalog (§2.2), every CheckMate check and every Dashboard readiness item, and the rule that covers it.',
    '',
    '### Catalog checks',
    '',
    '| Check | Rules |',
    '| --- | --- |',
  ];
  const excluded = (anchor: string, id: string) => EXCLUSIONS.find((e) => e.anchor === anchor && e.id === id);
  const cell = (ids: string[], anchor: string, id: string) =>
    ids.length ? ids.map((x) => `[\`${x}\`](#${x})`).join(', ') : `not covered — ${excluded(anchor, id)?.reason ?? 'no rule yet'}`;
  for (const c of CATALOG_CHECKS) out.push(`| ${c} | ${cell(sorted.filter((r) => r.checks.includes(c)).map((r) => r.id), 'catalog', c)} |`);
  out.push('', '### CheckMate for Auth0 (v1.8.4, 61 checks)', '', '| # | Check | Rules |', '| --- | --- | --- |');
  for (const [n, name] of Object.entries(CHECKMATE)) {
    out.push(`| ${n} | ${name} | ${cell(sorted.filter((r) => r.checkmate?.includes(name)).map((r) => r.id), 'checkmate', name)} |`);
  }
  out.push('', '### Dashboard "Run Readiness Check"', '', '| Item | Category | Rules |', '| --- | --- | --- |');
  for (const [key, item] of Object.entries(DASHBOARD)) {
    out.push(`| ${item.title} | ${item.category} | ${cell(sorted.filter((r) => r.dashboard?.includes(key)).map((r) => r.id), 'dashboard', key)} |`);
  }
  out.push('', '## Rules', '');
  for (const r of sorted) {
    const topicTitles = r.topics.map((t) => {
      const plan = catalog.plans[t.startsWith('b2b.') ? 'b2b' : 'b2c'];
      return `\`${t}\` (${plan.topics.get(t)?.title ?? '?'})`;
    });
    out.push(
      `### ${r.id}`,
      '',
      `**${r.title}** — ${sev(r)}${r.optIn ? `, runs only with \`--with-${r.optIn}\`` : ''}`,
      '',
      `- Catalog: ${r.checks.join(', ') || '—'}${r.checkmate?.length ? `; CheckMate: ${r.checkmate.join(', ')}` : ''}${r.dashboard?.length ? `; Dashboard: ${r.dashboard.map((d) => DASHBOARD[d]?.title ?? d).join('; ')}` : ''}`,
      `- Topics: ${topicTitles.join(', ')}`,
      `- Context: ${contextCell(r)}`,
      `- Reads: ${[...r.needs, ...r.wants].map((k) => `\`${k}\``).join(', ') || '—'} (scopes: ${scopesOf(r).map((s) => `\`${s}\``).join(', ') || '—'})`,
      '',
      r.rationale,
      '',
      `**Fix:** ${r.remediation}`,
      '',
      `Docs: ${r.docs}`,
      '',
    );
  }
  return `${out.join('\n')}\n`;
}

/** Replace the text between `<!-- name:start -->` and `<!-- name:end -->`. */
export function replaceBlock(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`block ${name} not found`);
  return `${text.slice(0, i + start.length)}\n${body}${text.slice(j)}`;
}
