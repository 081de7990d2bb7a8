/**
 * Organisation policy files (docs/policies.md): read, bounded (size, nesting, aliases), parsed
 * with line numbers and compiled into rules. A policy may come from any repository, so every
 * problem — malformed YAML, an unknown key, resource, operator or topic, a pattern RE2 cannot
 * run, an id outside `org/` or taken twice — is a ConfigError (exit 2) naming `file:line`, and
 * nothing is skipped silently.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import type { z } from 'zod';
import { loadCatalog } from '../catalog/index.js';
import { editDistance } from '../edit-distance.js';
import { ConfigError } from '../errors.js';
import { RESOURCES, isResourceKey } from '../snapshot/resources.js';
import { explainIssue } from '../snapshot/validate.js';
import { parseDataText, readDataFile, type DataFile } from '../data-file.js';
import { CheckDefinitionError, compileCheck, type CompiledCheck } from './compile.js';
import { PolicyDef, PolicyFile, POLICY_ID, type PolicyTest } from './schema.js';

export const MAX_POLICY_FILE_BYTES = 1024 * 1024;
/** Nesting of a policy file's YAML, at most. */
export const MAX_POLICY_DEPTH = 64;
const MAX_ALIASES = 100;

export interface PolicyTestCase extends PolicyTest {
  line?: number;
}

/** A loaded organisation policy: its rule, and its inline tests. */
export interface Policy {
  rule: CompiledCheck;
  tests: PolicyTestCase[];
}

type At = readonly (string | number)[];

const here = (file: string, line: number | undefined) => `${file}${line ? `:${line}` : ''}`;

function zodProblem(error: z.ZodError, raw: unknown, prefix: At): { at: At; message: string } {
  const issue = error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const known = issue.path.length === 0 && prefix.length === 2 ? Object.keys(PolicyDef.shape) : [];
    const near = known.map((k) => ({ k, d: editDistance(key, k) })).filter((x) => x.d <= 2).sort((a, b) => a.d - b.d)[0];
    return { at: [...prefix, ...(issue.path as (string | number)[]), key], message: `unknown key '${key}'${near ? ` (did you mean ${near.k}?)` : ''}${known.length ? `; keys: ${known.join(', ')}` : ''}` };
  }
  const { path, expected } = issue.code === 'invalid_union' || issue.message === 'Invalid input' ? explainIssue(issue, raw) : { path: issue.path, expected: issue.message };
  const where = path.map(String).join('.');
  return { at: [...prefix, ...(path as (string | number)[])], message: `${where ? `${where}: ` : ''}${expected}` };
}

/** Catalog topic ids: a full id, or a plan-less suffix naming the topic in both plans. */
export function resolveTopics(topics: readonly string[]): { ids: string[]; unknown?: string } {
  const all = loadCatalog().topicIds;
  const ids: string[] = [];
  for (const t of topics) {
    if (all.has(t)) ids.push(t);
    else {
      const both = [`b2c.${t}`, `b2b.${t}`].filter((x) => all.has(x));
      if (!both.length) {
        const near = [...all].map((x) => ({ x, d: Math.min(editDistance(t, x), editDistance(t, x.replace(/^b2[bc]\./, ''))) })).filter((y) => y.d <= 3).sort((a, b) => a.d - b.d)[0];
        return { ids, unknown: `unknown topic '${t}'${near ? ` (did you mean ${near.x}?)` : ''}; auth0-readiness catalog lists them` };
      }
      ids.push(...both);
    }
  }
  return { ids: [...new Set(ids)] };
}

/** Parse policy text (YAML or JSON) into policies. `shown` names the file in errors. */
export function parsePolicies(text: string, shown: string, opts: { builtinIds?: ReadonlySet<string>; seen?: Map<string, string> } = {}): Policy[] {
  if (text.includes('\u0000')) throw new ConfigError(`${shown}: binary data, not YAML`);
  return policiesOf(parseDataText(text, shown, LIMITS), opts);
}

const LIMITS = { maxBytes: MAX_POLICY_FILE_BYTES, maxDepth: MAX_POLICY_DEPTH, maxAliases: MAX_ALIASES, kind: 'policy file' } as const;

/** The policies of a parsed file, each checked, every problem `file:line`. */
function policiesOf(data: DataFile, opts: { builtinIds?: ReadonlySet<string>; seen?: Map<string, string> }): Policy[] {
  const shown = data.shown;
  const raw = data.value;
  const fail = (at: At, message: string): never => {
    throw new ConfigError(`${here(shown, data.lineOf(at))}: ${message}`);
  };
  const file = PolicyFile.safeParse(raw ?? {});
  if (!file.success) {
    const p = zodProblem(file.error, raw ?? {}, []);
    fail(p.at, p.message);
  }
  const list = (raw as { policies: unknown[] }).policies;
  const out: Policy[] = [];
  list.forEach((entry, i) => {
    const base = ['policies', i] as const;
    const parsed = PolicyDef.safeParse(entry);
    if (!parsed.success) {
      const p = zodProblem(parsed.error, entry, base);
      fail(p.at, `policy ${i + 1}: ${p.message}`);
      return;
    }
    const def = parsed.data;
    const line = data.lineOf(base);
    if (!POLICY_ID.test(def.id)) {
      fail([...base, 'id'], `policy id '${def.id}' must be in the org/ namespace: org/ then lower-case words joined by - (org/callbacks-on-company-domains)`);
    }
    if (opts.builtinIds?.has(def.id)) fail([...base, 'id'], `policy id '${def.id}' is a built-in rule's id`);
    const prior = opts.seen?.get(def.id);
    if (prior) fail([...base, 'id'], `policy id '${def.id}' is already defined at ${prior}`);
    let topics: string[] = [];
    if (def.topics) {
      const r = resolveTopics(def.topics);
      if (r.unknown) fail([...base, 'topics'], r.unknown);
      topics = r.ids;
    }
    let rule: CompiledCheck;
    try {
      rule = compileCheck({ ...def, topics }, { file: shown, ...(line ? { line } : {}) });
    } catch (e) {
      if (e instanceof CheckDefinitionError) return fail([...base, ...e.at], `${def.id}: ${e.message}`);
      throw e;
    }
    const tests: PolicyTestCase[] = (def.tests ?? []).map((t, n) => {
      const tAt = [...base, 'tests', n];
      for (const [key, value] of Object.entries(t.patch)) {
        if (!isResourceKey(key)) {
          const near = Object.keys(RESOURCES).map((k) => ({ k, d: editDistance(key, k, { ignoreCase: true }) })).filter((x) => x.d <= 3).sort((a, b) => a.d - b.d)[0];
          fail([...tAt, 'patch', key], `${def.id}: test '${t.name}': unknown resource '${key}' in patch${near ? ` (did you mean ${near.k}?)` : ''}`);
        }
        const checked = RESOURCES[key as keyof typeof RESOURCES].schema.safeParse(value);
        if (!checked.success) {
          const p = zodProblem(checked.error, value, [...tAt, 'patch', key]);
          fail(p.at, `${def.id}: test '${t.name}': patch.${key}: not a valid ${RESOURCES[key as keyof typeof RESOURCES].title}: ${p.message}`);
        }
      }
      const tl = data.lineOf(tAt);
      return { ...t, ...(tl ? { line: tl } : {}) };
    });
    opts.seen?.set(def.id, here(shown, line));
    out.push({ rule, tests });
  });
  return out;
}

/** How a file is named in messages: relative to the working directory when under it. */
function shownPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

/** Read one policy file (bounded in size), as `parsePolicies`. */
export function loadPolicyFile(path: string, cwd: string, opts: { builtinIds?: ReadonlySet<string>; seen?: Map<string, string> } = {}): Policy[] {
  const abs = resolve(cwd, path);
  const shown = shownPath(abs, cwd);
  const data = readDataFile(abs, shown, LIMITS);
  return policiesOf(data, opts);
}

/**
 * Every policy of these files, each file once (a file named by both `--policy` and the config is
 * read once), ids unique across files and distinct from the built-in rules'.
 */
export function loadPolicies(files: readonly { path: string; base: string }[], cwd: string, builtinIds: ReadonlySet<string>): Policy[] {
  const seen = new Map<string, string>();
  const read = new Set<string>();
  const out: Policy[] = [];
  for (const f of files) {
    const abs = resolve(f.base, f.path);
    if (read.has(abs)) continue;
    read.add(abs);
    out.push(...loadPolicyFile(abs, cwd, { builtinIds, seen }));
  }
  return out;
}
