/**
 * Docs safe to paste (issue 12): every YAML block of docs/*.md and README.md parses, pins every
 * action to a full commit SHA (first-party too, as GitHub's hardening guide recommends), uses
 * codeql-action v4 or later, names no Node release past end of life, never `npx`-installs the
 * unpublished package name, saves baselines only from runs that exited 0 or 1, and gives a
 * Kubernetes container that installs at run time a writable HOME.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isPair, isScalar, parseAllDocuments, visit, type Document } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** The oldest Node major still supported upstream (Node 20 reached end of life in April 2026). */
const MIN_NODE = 22;
/** This project's own action, in the form the docs use until it has a published home. */
const SELF = '<your-org>/auth0-readiness@<40-hex-commit-sha>';
const SHA = /^[\w.-]+\/[\w.-]+(?:\/[\w./-]+)?@[0-9a-f]{40}$/;

export interface Block { file: string; lang: string; line: number; text: string }

/** Fenced code blocks, with the fence's indentation removed (blocks nested in list items). */
export function codeBlocks(file: string, md: string): Block[] {
  const out: Block[] = [];
  const re = /^([ \t]*)```([\w-]*)[^\n]*\n([\s\S]*?)^\1```[ \t]*$/gm;
  for (let m = re.exec(md); m; m = re.exec(md)) {
    const indent = (m[1] as string).length;
    const text = (m[3] as string).split('\n').map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length))).join('\n');
    out.push({ file, lang: (m[2] as string).toLowerCase(), line: md.slice(0, m.index).split('\n').length + 1, text });
  }
  return out;
}

const majorOf = (v: unknown): number | undefined => {
  const m = /^(?:v)?(\d+)/.exec(String(v).trim());
  return m ? Number(m[1]) : undefined;
};

/** Every problem in one Markdown file's recipes; [] when it is safe to paste. */
export function checkMarkdown(file: string, md: string): string[] {
  const problems: string[] = [];
  const pins = new Map<string, string>();
  const where = (b: Block) => `${file}:${b.line}`;
  for (const b of codeBlocks(file, md)) {
    // No npx of the package name anywhere: it is not published under a name this project controls.
    for (const line of b.text.split('\n')) {
      if (/\bnpx\b.*\bauth0-readiness\b/.test(line) && (b.lang === 'yaml' || b.lang === 'yml' || /\bnpx\s+(?:--yes|-y)\b|auth0-readiness@/.test(line))) {
        problems.push(`${where(b)}: npx of the unpublished package: ${line.trim()}`);
      }
      // A report copied to the baseline only after checking the run exited 0 or 1.
      if (/\bcp\b.*(latest\.json|baseline)/.test(line) && !/-le 1\b/.test(line)) problems.push(`${where(b)}: baseline saved without checking exit 0 or 1: ${line.trim()}`);
    }
    if (b.lang === 'dockerfile') {
      for (const m of b.text.matchAll(/^FROM\s+node:(\S+)/gim)) if ((majorOf(m[1]) ?? 0) < MIN_NODE) problems.push(`${where(b)}: FROM node:${m[1]} is past end of life`);
    }
    if (b.lang !== 'yaml' && b.lang !== 'yml') continue;
    const docs = parseAllDocuments(b.text) as Document[];
    const errors = docs.flatMap((d) => d.errors);
    for (const e of errors) problems.push(`${where(b)}: YAML does not parse: ${e.message.split('\n')[0]}`);
    if (errors.length) continue;
    const lines = b.text.split('\n');
    for (const d of docs) {
      visit(d, {
        Pair(_, pair) {
          if (!isPair(pair) || !isScalar(pair.key)) return;
          const key = String(pair.key.value);
          const value = isScalar(pair.value) ? pair.value.value : undefined;
          if (key === 'uses' && typeof value === 'string') {
            if (value.startsWith('./') || value === SELF) return;
            if (!SHA.test(value)) {
              problems.push(`${where(b)}: ${value} is not pinned to a full commit SHA`);
              return;
            }
            const [name, sha] = value.split('@') as [string, string];
            const repo = name.split('/').slice(0, 2).join('/');
            if (pins.has(repo) && pins.get(repo) !== sha) problems.push(`${where(b)}: ${repo} pinned to two different commits`);
            pins.set(repo, sha);
            const raw = lines.find((l) => l.includes(value)) ?? '';
            const tag = /#\s*(v\d+[\w.]*)/.exec(raw)?.[1];
            if (!tag) problems.push(`${where(b)}: ${value} has no "# vN" comment naming the tag of the pinned commit`);
            if (repo === 'github/codeql-action' && (majorOf(tag) ?? 0) < 4) problems.push(`${where(b)}: github/codeql-action must be v4 or later (${tag ?? 'no tag'})`);
          }
          if (key === 'node-version' && value !== undefined && (majorOf(value) ?? 0) < MIN_NODE) problems.push(`${where(b)}: node-version ${value} is past end of life`);
          if (key === 'image' && typeof value === 'string') {
            const m = /^node:(\S+)/.exec(value);
            if (m && (majorOf(m[1]) ?? 0) < MIN_NODE) problems.push(`${where(b)}: image ${value} is past end of life`);
          }
        },
      });
      const js = d.toJS() as unknown;
      problems.push(...checkWorkflow(where(b), js), ...checkContainers(where(b), js));
    }
  }
  if (md.includes(SELF) && !md.replace(/\s+/g, ' ').includes('full SHA of the commit you reviewed')) problems.push(`${file}: uses ${SELF} without saying what to replace it with`);
  return problems;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => !!x && typeof x === 'object' && !Array.isArray(x);

/** A workflow that downloads an artifact as its baseline uploads it only after exit 0 or 1. */
function checkWorkflow(where: string, doc: unknown): string[] {
  if (!isObj(doc) || !isObj(doc.jobs)) return [];
  const steps = Object.values(doc.jobs).flatMap((j) => (isObj(j) && Array.isArray(j.steps) ? (j.steps as Obj[]) : []));
  const downloaded = new Set(steps.filter((s) => /download-artifact/.test(String(s.uses ?? '')) && isObj(s.with) && s.with.name).map((s) => String((s.with as Obj).name)));
  const problems: string[] = [];
  for (const s of steps) {
    if (!/actions\/upload-artifact/.test(String(s.uses ?? '')) || !isObj(s.with)) continue;
    const name = String(s.with.name ?? '');
    const baseline = downloaded.has(name) || /baseline/i.test(String(s.name ?? ''));
    if (baseline && !/exit-code == '0'/.test(String(s.if ?? '')) ) problems.push(`${where}: artifact ${name} becomes a baseline but is uploaded with if: ${String(s.if ?? '(none)')}, not only after exit 0 or 1`);
  }
  return problems;
}

/** A container that installs packages when it runs needs a writable HOME (npm's cache). */
function checkContainers(where: string, doc: unknown): string[] {
  const problems: string[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (!isObj(x)) return;
    if (Array.isArray(x.containers)) {
      for (const c of x.containers as Obj[]) {
        const cmd = JSON.stringify([c.command, c.args]);
        const home = Array.isArray(c.env) && (c.env as Obj[]).some((e) => e.name === 'HOME');
        if (/\bnp[mx]\b/.test(cmd) && !home) problems.push(`${where}: container ${String(c.name)} runs npm/npx with no writable HOME`);
      }
    }
    Object.values(x).forEach(walk);
  };
  walk(doc);
  return problems;
}

const PAGES = [...readdirSync(`${ROOT}docs`).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`), 'README.md'];

describe('docs recipes are safe to paste', () => {
  it.each(PAGES)('%s', (page) => {
    expect(checkMarkdown(page, readFileSync(`${ROOT}${page}`, 'utf8'))).toEqual([]);
  });

  it('the recipes the issue asks for are there (so the checks above have something to check)', () => {
    const blocks = PAGES.flatMap((p) => codeBlocks(p, readFileSync(`${ROOT}${p}`, 'utf8')));
    const yaml = blocks.filter((b) => b.lang === 'yaml');
    const ci = yaml.filter((b) => b.file === 'docs/ci.md').map((b) => b.text).join('\n');
    expect(ci).toContain(`uses: ${SELF}`);
    expect(ci).toMatch(/github\/codeql-action\/upload-sarif@[0-9a-f]{40} # v4/);
    const sched = yaml.filter((b) => b.file === 'docs/scheduling.md').map((b) => b.text);
    expect(sched.some((t) => t.includes('--shard "$SHARD/4"') && t.includes('auth0-readiness merge') && t.includes('download-artifact'))).toBe(true);
    expect(sched.some((t) => t.includes('completionMode: Indexed') && t.includes('--shard k8s/4') && t.includes('auth0-readiness merge'))).toBe(true);
    expect(blocks.some((b) => b.lang === 'dockerfile' && /FROM node:24/.test(b.text))).toBe(true);
    expect(yaml.length).toBeGreaterThanOrEqual(10);
  });

  it('catches the old recipes: npx of the unpublished name, unpinned and v3 actions, Node 20, always() baselines, no HOME', () => {
    const old = [
      '```yaml',
      'jobs:',
      '  audit:',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - uses: actions/setup-node@v4',
      '        with: { node-version: 20 }',
      '      - uses: dawidd6/action-download-artifact@v6',
      '        with: { name: report }',
      '      - run: npx --yes auth0-readiness@0 audit',
      '      - uses: github/codeql-action/upload-sarif@0123456789abcdef0123456789abcdef01234567 # v3.29.0',
      '      - name: Keep the report',
      '        if: always()',
      '        uses: actions/upload-artifact@0123456789abcdef0123456789abcdef01234567 # v4.6.0',
      '        with: { name: report, path: out/ }',
      '```',
      '```yaml',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: audit',
      '          image: node:20-alpine',
      '          args: ["npx --yes auth0-readiness audit --all"]',
      '```',
      '```sh',
      'npx auth0-readiness audit --all; cp out.json latest.json',
      '```',
    ].join('\n');
    const problems = checkMarkdown('old.md', old).join('\n');
    for (const p of [
      'actions/checkout@v4 is not pinned',
      'node-version 20 is past end of life',
      'npx of the unpublished package: - run: npx --yes',
      'github/codeql-action must be v4 or later (v3.29.0)',
      'artifact report becomes a baseline but is uploaded with if: always()',
      'image node:20-alpine is past end of life',
      'container audit runs npm/npx with no writable HOME',
      'baseline saved without checking exit 0 or 1',
    ]) expect(problems).toContain(p);
  });
});
