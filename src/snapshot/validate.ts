/**
 * Tolerant reading, precise errors: every problem with its path.
 *
 * - `tolerantParse` validates data against a resource schema, tolerating what the Management API
 *   can plausibly return: a `null` where the schema expects an optional value is read as absent,
 *   and a `null` inside a list is dropped (extra fields already pass: the schemas are loose). Only
 *   nulls the schema rejects are touched; a `null` the schema allows stays.
 * - Whatever is still invalid is genuinely invalid and is reported with its path and what was
 *   expected: `resources.clients.data[3].allowed_logout_urls[0]: expected string, got number`,
 *   never zod's bare "Invalid input" (`formatIssue`).
 */
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** `['clients', 3, 'allowed_logout_urls', 0]` → `clients[3].allowed_logout_urls[0]` (after `root`). */
export function formatPath(path: Path, root = ''): string {
  let out = root;
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else {
      const k = String(p);
      out += /^[A-Za-z_$][\w$-]*$/.test(k) ? `${out ? '.' : ''}${k}` : `[${JSON.stringify(k)}]`;
    }
  }
  return out || '(root)';
}

/** What a value is, in an error message: `null`, `a number`, `an array`, `nothing`, … */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'an array';
  switch (typeof v) {
    case 'string':
      return `a string (${JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}…` : v)})`;
    case 'number':
      return `a number (${v})`;
    case 'boolean':
      return `${v}`;
    case 'object':
      return 'an object';
    default:
      return typeof v;
  }
}

function valueAt(data: unknown, path: Path): unknown {
  let v = data;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/**
 * The issue to report and its full path: for a union error, the branch that got furthest (the
 * deepest path), so the message names the real problem instead of zod's bare "Invalid input".
 */
function resolve(issue: Issue): { leaf: Issue; path: PropertyKey[] } {
  if (issue.code !== 'invalid_union' || !issue.errors.length) return { leaf: issue, path: [...issue.path] };
  let best: { leaf: Issue; path: PropertyKey[] } | undefined;
  for (const branch of issue.errors) {
    for (const i of branch) {
      const r = resolve(i);
      if (!best || r.path.length > best.path.length) best = r;
    }
  }
  return best ? { leaf: best.leaf, path: [...issue.path, ...best.path] } : { leaf: issue, path: [...issue.path] };
}

/** What was expected, in words. */
function expectation(issue: Issue, got: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}, got ${describeValue(got)}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${describeValue(got)}`;
    case 'invalid_union':
      return `expected one of several shapes, got ${describeValue(got)}`;
    default:
      // zod's own messages for these name the expectation ("Too small: expected string to have >=1 characters").
      return issue.message.replace(/^Invalid input: /, '');
  }
}

/**
 * One line for one zod issue: `<root><path>: <expectation>`. `data` is what was parsed (to say
 * what was found); `root` prefixes the path (`resources.clients.data`).
 */
export function formatIssue(issue: Issue, data: unknown, root = ''): string {
  const { path, expected } = explainIssue(issue, data);
  return `${formatPath(path, root)}: ${expected}`;
}

/** The full path of an issue (a union's deepest branch) and what was expected there, in words. */
export function explainIssue(issue: Issue, data: unknown): { path: PropertyKey[]; expected: string } {
  const { leaf, path } = resolve(issue);
  return { path, expected: expectation(leaf, valueAt(data, path)) };
}

export type TolerantResult<T> = { ok: true; data: T; dropped: string[] } | { ok: false; error: string; issues: string[] };

/**
 * Parse `data` with `schema`, reading a rejected `null` as absent (a property) or dropping it (a
 * list item). `dropped` lists the paths read so; `error` is the first genuine problem, formatted.
 * The input is never modified.
 */
export function tolerantParse<S extends z.ZodType>(schema: S, data: unknown, root = ''): TolerantResult<z.output<S>> {
  let current = data;
  let copied = false;
  const dropped: string[] = [];
  const nulled = new Map<string, true>();
  for (let round = 0; round < 64; round++) {
    const r = schema.safeParse(current);
    if (r.success) return { ok: true, data: r.data, dropped };
    const nulls: Path[] = [];
    for (const issue of r.error.issues) {
      const { path } = resolve(issue);
      if (path.length && valueAt(current, path) === null) nulls.push(path);
    }
    if (!nulls.length) {
      // A null read as absent where a value is required: report the null, not the absence.
      const issues = r.error.issues.map((i) => {
        const { leaf, path } = resolve(i);
        const key = formatPath(path, root);
        return nulled.has(key) && leaf.code === 'invalid_type' ? `${key}: expected ${leaf.expected}, got null` : formatIssue(i, current, root);
      });
      return { ok: false, error: issues[0] ?? `${root || '(root)'}: invalid`, issues };
    }
    if (!copied) {
      current = structuredClone(current);
      copied = true;
    }
    // Last path first (descending, element by element), so removing a list item never shifts
    // the index of another null still to remove.
    nulls.sort((a, b) => {
      for (let i = 0; i < Math.min(a.length, b.length); i++) {
        const x = a[i];
        const y = b[i];
        if (x === y) continue;
        if (typeof x === 'number' && typeof y === 'number') return y - x;
        return String(y).localeCompare(String(x));
      }
      return b.length - a.length;
    });
    for (const path of nulls) {
      const parent = valueAt(current, path.slice(0, -1));
      const last = path[path.length - 1] as PropertyKey;
      const key = formatPath(path, root);
      if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
      else if (parent && typeof parent === 'object') {
        delete (parent as Record<PropertyKey, unknown>)[last];
        nulled.set(key, true);
      }
      dropped.push(key);
    }
  }
  return { ok: false, error: `${root || '(root)'}: too many null values to read`, issues: [] };
}
