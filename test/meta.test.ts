/** The registry, the files, the tests and the catalog agree. */
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { loadCatalog } from '../src/catalog/index.js';
import { RESOURCES } from '../src/snapshot/resources.js';

const rulesDir = new URL('../rules/', import.meta.url);
const files = readdirSync(rulesDir).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.replace(/\.ts$/, ''));
const catalog = loadCatalog();

describe('rule registry', () => {
  it('equals the files on disk, each id equal to its file name', () => {
    expect(rules.map((r) => r.id).sort()).toEqual(files.sort());
  });

  it('has no duplicate ids', () => {
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      it('has a test file', () => expect(existsSync(new URL(`../test/rules/${rule.id}.test.ts`, import.meta.url))).toBe(true));
      it('has docs, rationale and a remediation', () => {
        expect(rule.docs).toMatch(/^https:\/\/auth0\.com\/docs\//);
        expect(rule.rationale.length).toBeGreaterThan(40);
        expect(rule.remediation.length).toBeGreaterThan(40);
        expect(rule.title.length).toBeGreaterThan(5);
      });
      it('names only topics that exist, in both plans where the topic exists in both', () => {
        expect(rule.topics.length).toBeGreaterThan(0);
        for (const t of rule.topics) expect(catalog.topicIds, t).toContain(t);
        for (const t of rule.topics) {
          const twin = t.startsWith('b2c.') ? `b2b.${t.slice(4)}` : `b2c.${t.slice(4)}`;
          if (catalog.topicIds.has(twin)) expect(rule.topics, `${rule.id} maps ${t} but not ${twin}`).toContain(twin);
        }
      });
      it('names catalog checks the topics list', () => {
        expect(rule.checks.length + (rule.checkmate?.length ?? 0) + (rule.dashboard?.length ?? 0)).toBeGreaterThan(0);
        const topicChecks = new Set(rule.topics.flatMap((t) => catalog.plans[t.startsWith('b2c.') ? 'b2c' : 'b2b'].topics.get(t)?.checks ?? []));
        for (const c of rule.checks) expect([...topicChecks].some((x) => x.startsWith(c)), `${c} is not evidence of ${rule.topics.join(', ')}`).toBe(true);
      });
      it('reads only registered resources', () => {
        for (const k of [...rule.needs, ...rule.wants]) expect(Object.keys(RESOURCES)).toContain(k);
      });
    });
  }
});

describe('coverage of the six core topics', () => {
  const core = [
    'p1.architecture.custom-domains',
    'p1.operations.email-provider',
    'p1.authentication.anomaly-detection',
    'p1.branding.universal-login-page',
    'p2.authentication.mfa',
    'p1.operations.logging',
  ];
  for (const suffix of core) {
    for (const plan of ['b2c', 'b2b']) {
      it(`${plan}.${suffix} has rules`, () => {
        expect(rules.some((r) => r.topics.includes(`${plan}.${suffix}`))).toBe(true);
      });
    }
  }
});

describe('README', () => {
  it('docs/rules.md, which the README links, lists every rule', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain('(docs/rules.md)');
    const doc = readFileSync(new URL('../docs/rules.md', import.meta.url), 'utf8');
    for (const r of rules) expect(doc, r.id).toContain(`| \`${r.id}\` |`);
  });
});
