/** Generated docs match the code, and coverage is complete (issue 3 "Done when"). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { CATALOG_CHECKS, CHECKMATE, DASHBOARD, EXCLUSIONS } from '../src/coverage.js';
import { renderCliReference } from '../src/cli/reference.js';
import { renderRulesDoc, renderScopesTable, replaceBlock } from '../src/report/rules-doc.js';
import { renderReachTable } from '../src/sources/deploy-cli/sections.js';

const read = (p: string) => readFileSync(new URL(`../${p}`, import.meta.url), 'utf8');

describe('generated docs are current (npm run docs)', () => {
  it('docs/rules.md', () => {
    expect(read('docs/rules.md')).toBe(renderRulesDoc(rules));
  });
  it('docs/cli.md (every command and flag, from the command tree)', () => {
    expect(read('docs/cli.md')).toBe(renderCliReference());
  });
  it('README scopes table (the rules table is docs/rules.md)', () => {
    const readme = read('README.md');
    expect(readme).toBe(replaceBlock(readme, 'scopes', renderScopesTable(rules)));
  });
  it('docs/offline.md reach table (what a Deploy CLI export can never hold, from sections.ts)', () => {
    const offline = read('docs/offline.md');
    expect(offline).toBe(replaceBlock(offline, 'reach', renderReachTable()));
    expect(offline).toContain('`sandbox_versions_available`');
  });
});

describe('coverage', () => {
  const excluded = (anchor: string, id: string) => EXCLUSIONS.some((e) => e.anchor === anchor && e.id === id);
  it('every catalog §2.2 check has a rule or a stated exclusion', () => {
    const missing = CATALOG_CHECKS.filter((c) => !rules.some((r) => r.checks.includes(c)) && !excluded('catalog', c));
    expect(missing).toEqual([]);
  });
  it('every CheckMate check has a rule or a stated exclusion', () => {
    const missing = Object.values(CHECKMATE).filter((c) => !rules.some((r) => r.checkmate?.includes(c)) && !excluded('checkmate', c));
    expect(missing).toEqual([]);
  });
  it('every Dashboard readiness item has a rule or a stated exclusion', () => {
    const missing = Object.keys(DASHBOARD).filter((d) => !rules.some((r) => r.dashboard?.includes(d)) && !excluded('dashboard', d));
    expect(missing).toEqual([]);
  });
  it('rules only name known checks, CheckMate functions and Dashboard items', () => {
    for (const r of rules) {
      for (const c of r.checks) expect(CATALOG_CHECKS as readonly string[], `${r.id}: ${c}`).toContain(c);
      for (const c of r.checkmate ?? []) expect(Object.values(CHECKMATE), `${r.id}: ${c}`).toContain(c);
      for (const d of r.dashboard ?? []) expect(Object.keys(DASHBOARD), `${r.id}: ${d}`).toContain(d);
    }
  });
  it('exclusions are not also covered', () => {
    for (const e of EXCLUSIONS) {
      const covered = rules.some((r) => (e.anchor === 'catalog' ? r.checks : e.anchor === 'checkmate' ? (r.checkmate ?? []) : (r.dashboard ?? [])).includes(e.id));
      expect(covered, `${e.anchor} ${e.id}`).toBe(false);
    }
  });
});
