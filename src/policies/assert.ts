/**
 * The assertion language of organisation policies (docs/policies.md): tests over a JSON value
 * (one snapshot resource item), parsed once into a compiled form and evaluated in time linear in
 * the value's size. Policies are data from any repository, so nothing here may hang or crash:
 * regular expressions run on RE2 (re2js: linear time, no backtracking), every list and the
 * nesting are bounded, a value of the wrong type fails the test with a reason, never throws.
 *
 * A node is an object whose keys are ANDed:
 *   - `and: [node…]`, `or: [node…]`, `not: node`
 *   - `path: p` — the subject of the node's operators is the value at `p` (default: the root)
 *   - operators on the subject: equals, not_equals, in, not_in, matches, exists, gt, gte, lt, lte,
 *     length (a numeric test), every / some (a node for each element of a list)
 *   - any other key is a field path, its value the test of that field: a scalar (equals) or an
 *     object of operators (`app_type: { in: [spa, native] }`).
 * In `every` / `some`, `path` names the list (relative to the subject) and the other keys test
 * each element (`every: { path: callbacks, matches: '^https://' }`).
 */
import { RE2JS } from 're2js';
import { editDistance } from '../edit-distance.js';
import { redact, REDACTED } from '../snapshot/redact.js';

export const OPERATORS = ['equals', 'not_equals', 'in', 'not_in', 'matches', 'exists', 'gt', 'gte', 'lt', 'lte', 'length', 'every', 'some'] as const;
export const LOGICAL = ['and', 'or', 'not'] as const;
export type Operator = (typeof OPERATORS)[number];

export const LIMITS = {
  /** Nesting of nodes (and/or/not/every/some/field tests) in one assertion. */
  maxDepth: 16,
  /** Nodes and operators in one assertion. */
  maxNodes: 500,
  /** Characters of one `matches` pattern. */
  maxRegexLength: 1000,
  /** Values of one `in` / `not_in` list, branches of one and/or. */
  maxListLength: 500,
  /** Segments of one path. */
  maxPathSegments: 32,
} as const;

/** A problem in an assertion's definition, with where it is (keys from the assertion's root). */
export class AssertionError extends Error {
  constructor(
    message: string,
    readonly at: readonly (string | number)[],
  ) {
    super(message);
    this.name = 'AssertionError';
  }
}

// ---------------------------------------------------------------------------------------------
// Paths

/** One step of a path: a key, an index, or every element (`[*]`). */
export type Segment = { key: string } | { index: number } | { all: true };
export interface Path {
  text: string;
  segments: Segment[];
}

/** `options.mfa.active`, `callbacks[0]`, `identities[*].connection`, `client_metadata["team.owner"]`. */
export function parsePath(text: string): Path {
  const segments: Segment[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`bad path '${text}': ${why}`);
  };
  if (text === '' || text === '.') return { text: '', segments };
  while (i < text.length) {
    const c = text[i];
    if (c === '[') {
      const close = text.indexOf(']', i);
      if (close < 0) fail('unclosed [');
      const inner = text.slice(i + 1, close);
      if (inner === '*') segments.push({ all: true });
      else if (/^\d+$/.test(inner)) segments.push({ index: Number(inner) });
      else if (/^"[^"]*"$|^'[^']*'$/.test(inner)) segments.push({ key: inner.slice(1, -1) });
      else fail(`[${inner}] is not an index, [*] or a quoted key`);
      i = close + 1;
      if (i < text.length && text[i] === '.') {
        i++;
        if (i >= text.length) fail('ends with .');
      }
    } else {
      let j = i;
      while (j < text.length && text[j] !== '.' && text[j] !== '[') j++;
      const key = text.slice(i, j);
      if (!key) fail('empty segment');
      segments.push({ key });
      i = j;
      if (text[i] === '.') {
        i++;
        if (i >= text.length) fail('ends with .');
      }
    }
    if (segments.length > LIMITS.maxPathSegments) fail(`more than ${LIMITS.maxPathSegments} segments`);
  }
  return { text, segments };
}

/** The values at a path: one (possibly `undefined`: missing) or, through `[*]`, one per element. */
export function resolvePath(root: unknown, path: Path, base = ''): { path: string; value: unknown }[] {
  let cur: { path: string; value: unknown }[] = [{ path: base, value: root }];
  for (const s of path.segments) {
    const next: { path: string; value: unknown }[] = [];
    for (const c of cur) {
      if ('all' in s) {
        if (Array.isArray(c.value)) c.value.forEach((v, n) => next.push({ path: `${c.path}[${n}]`, value: v }));
        else next.push({ path: `${c.path}[*]`, value: undefined });
      } else if ('index' in s) {
        next.push({ path: `${c.path}[${s.index}]`, value: Array.isArray(c.value) ? c.value[s.index] : undefined });
      } else {
        const v = c.value;
        const own = v !== null && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, s.key);
        const seg = /^[A-Za-z_$][\w$-]*$/.test(s.key) ? s.key : `["${s.key}"]`;
        next.push({ path: c.path ? (seg.startsWith('[') ? `${c.path}${seg}` : `${c.path}.${seg}`) : seg, value: own ? (v as Record<string, unknown>)[s.key] : undefined });
      }
    }
    cur = next;
  }
  return cur;
}

// ---------------------------------------------------------------------------------------------
// Compiled form

export type Test =
  | { op: 'equals' | 'not_equals'; value: unknown }
  | { op: 'in' | 'not_in'; values: unknown[] }
  | { op: 'matches'; pattern: string; re: RE2JS }
  | { op: 'exists'; value: boolean }
  | { op: 'gt' | 'gte' | 'lt' | 'lte'; value: number }
  | { op: 'length'; test: Node }
  | { op: 'every' | 'some'; list?: Path; element: Node };

export type Node =
  | { kind: 'and' | 'or'; items: Node[] }
  | { kind: 'not'; item: Node }
  /** Operators on the value at `path` (the subject), ANDed. */
  | { kind: 'field'; path?: Path; tests: Test[]; nested: Node[] };

export interface Assertion {
  root: Node;
  /** The assertion as written, for display. */
  source: unknown;
}

// ---------------------------------------------------------------------------------------------
// Parsing

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isOperator = (k: string): k is Operator => (OPERATORS as readonly string[]).includes(k);

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function nearOperator(k: string): string {
  const all: string[] = [...OPERATORS, ...LOGICAL, 'path'];
  const near = all.map((o) => ({ o, d: editDistance(k, o) })).filter((x) => x.d <= 2).sort((a, b) => a.d - b.d)[0];
  return `${near ? ` (did you mean ${near.o}?)` : ''}; operators: ${[...OPERATORS, ...LOGICAL].join(', ')}`;
}

/** The operator a key is one typo away from (two for long names), if any: `matchs` → matches. */
function typoOfOperator(k: string): string | undefined {
  if (k.length < 4) return undefined;
  const all: string[] = [...OPERATORS, ...LOGICAL];
  if (all.includes(k)) return undefined;
  const max = k.length >= 6 ? 2 : 1;
  return all.map((o) => ({ o, d: editDistance(k, o) })).filter((x) => x.d <= max).sort((a, b) => a.d - b.d)[0]?.o;
}

interface ParseState {
  nodes: number;
}

/**
 * Parse and validate an assertion (a `where` or an `assert`). Throws AssertionError naming where
 * in the assertion the problem is (the loader turns it into `file:line`).
 */
export function parseAssertion(raw: unknown, at: readonly (string | number)[] = []): Assertion {
  const state: ParseState = { nodes: 0 };
  return { root: parseNode(raw, [...at], 0, state), source: raw };
}

function count(state: ParseState, at: (string | number)[]): void {
  if (++state.nodes > LIMITS.maxNodes) throw new AssertionError(`more than ${LIMITS.maxNodes} tests in one assertion`, at);
}

function parseNode(raw: unknown, at: (string | number)[], depth: number, state: ParseState): Node {
  if (depth > LIMITS.maxDepth) throw new AssertionError(`assertion nested more than ${LIMITS.maxDepth} levels deep`, at);
  if (!isPlainObject(raw)) throw new AssertionError(`expected a test (an object such as { path: x, equals: y }), got ${describe(raw)}`, at);
  const keys = Object.keys(raw);
  if (!keys.length) throw new AssertionError('an empty test: say what to check', at);
  count(state, at);
  const items: Node[] = [];
  const tests: Test[] = [];
  const nested: Node[] = [];
  let path: Path | undefined;
  if ('path' in raw) {
    const p = raw.path;
    if (typeof p !== 'string') throw new AssertionError(`path must be a string, got ${describe(p)}`, [...at, 'path']);
    path = pathOf(p, [...at, 'path']);
    const others = keys.filter((k) => k !== 'path');
    if (!others.length) throw new AssertionError(`path ${p} with no operator: say what to check (${OPERATORS.join(', ')})`, at);
    for (const k of others) {
      if (!isOperator(k)) throw new AssertionError(`unknown operator '${k}'${nearOperator(k)}`, [...at, k]);
    }
  }
  for (const k of keys) {
    if (k === 'path') continue;
    const v = raw[k];
    const here = [...at, k];
    if (k === 'and' || k === 'or') {
      if (!Array.isArray(v) || !v.length) throw new AssertionError(`${k} takes a non-empty list of tests, got ${describe(v)}`, here);
      if (v.length > LIMITS.maxListLength) throw new AssertionError(`${k} with more than ${LIMITS.maxListLength} tests`, here);
      items.push({ kind: k, items: v.map((x, i) => parseNode(x, [...here, i], depth + 1, state)) });
    } else if (k === 'not') {
      items.push({ kind: 'not', item: parseNode(v, here, depth + 1, state) });
    } else if (isOperator(k)) {
      tests.push(parseTest(k, v, here, depth, state));
    } else {
      // A field path with its test: a scalar (equals) or an object of operators. A key one typo
      // away from an operator is taken for a mistyped operator (`{ path: 'matchs', … }` tests a
      // field of that name).
      const typo = typoOfOperator(k);
      if (typo) throw new AssertionError(`unknown operator '${k}' (did you mean ${typo}?); operators: ${[...OPERATORS, ...LOGICAL].join(', ')} (to test a field named ${k}, write { path: '${k}', … })`, here);
      const fieldPath = pathOf(k, here);
      if (isPlainObject(v)) {
        const ops = Object.keys(v);
        if (!ops.length) throw new AssertionError(`${k}: an empty test: say what to check`, here);
        for (const o of ops) {
          if (!isOperator(o)) throw new AssertionError(`unknown operator '${o}'${nearOperator(o)}`, [...here, o]);
        }
        count(state, here);
        nested.push({ kind: 'field', path: fieldPath, tests: ops.map((o) => parseTest(o as Operator, v[o], [...here, o], depth + 1, state)), nested: [] });
      } else if (Array.isArray(v)) {
        throw new AssertionError(`${k}: a list is not a test; write { in: [...] } for one of these values, or { equals: [...] } for this exact list`, here);
      } else {
        count(state, here);
        nested.push({ kind: 'field', path: fieldPath, tests: [{ op: 'equals', value: v }], nested: [] });
      }
    }
  }
  const field: Node | undefined = tests.length || nested.length ? { kind: 'field', ...(path ? { path } : {}), tests, nested } : undefined;
  const all = [...(field ? [field] : []), ...items];
  return all.length === 1 ? (all[0] as Node) : { kind: 'and', items: all };
}

function pathOf(text: string, at: (string | number)[]): Path {
  try {
    return parsePath(text);
  } catch (e) {
    throw new AssertionError((e as Error).message, at);
  }
}

function parseTest(op: Operator, v: unknown, at: (string | number)[], depth: number, state: ParseState): Test {
  count(state, at);
  switch (op) {
    case 'equals':
    case 'not_equals':
      if (v === undefined) throw new AssertionError(`${op} needs a value`, at);
      return { op, value: v };
    case 'in':
    case 'not_in':
      if (!Array.isArray(v)) throw new AssertionError(`${op} takes a list of values, got ${describe(v)}`, at);
      if (v.length > LIMITS.maxListLength) throw new AssertionError(`${op} with more than ${LIMITS.maxListLength} values`, at);
      return { op, values: v };
    case 'matches': {
      if (typeof v !== 'string') throw new AssertionError(`matches takes a regular expression as a string, got ${describe(v)}`, at);
      if (v.length > LIMITS.maxRegexLength) throw new AssertionError(`matches: a pattern of ${v.length} characters is longer than ${LIMITS.maxRegexLength}`, at);
      try {
        return { op, pattern: v, re: RE2JS.compile(v) };
      } catch (e) {
        const why = e instanceof Error ? e.message.replace(/^error parsing regexp: /, '') : String(e);
        throw new AssertionError(`matches: RE2 cannot run the pattern '${v}': ${why} (policies use RE2 syntax: no backreferences or lookaround)`, at);
      }
    }
    case 'exists':
      if (typeof v !== 'boolean') throw new AssertionError(`exists takes true or false, got ${describe(v)}`, at);
      return { op, value: v };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new AssertionError(`${op} takes a number, got ${describe(v)}`, at);
      return { op, value: v };
    case 'length': {
      if (typeof v === 'number') return { op, test: { kind: 'field', tests: [{ op: 'equals', value: v }], nested: [] } };
      if (!isPlainObject(v)) throw new AssertionError(`length takes a number or a numeric test such as { gte: 1 }, got ${describe(v)}`, at);
      const numeric = ['equals', 'not_equals', 'in', 'not_in', 'gt', 'gte', 'lt', 'lte'];
      for (const k of Object.keys(v)) {
        if (!numeric.includes(k)) throw new AssertionError(`length: '${k}' is not a numeric test (${numeric.join(', ')})`, [...at, k]);
      }
      return { op, test: parseNode(v, at, depth + 1, state) };
    }
    case 'every':
    case 'some': {
      if (!isPlainObject(v)) throw new AssertionError(`${op} takes a test for each element, e.g. { path: callbacks, matches: '^https://' }, got ${describe(v)}`, at);
      const { path, ...element } = v;
      let list: Path | undefined;
      if (path !== undefined) {
        if (typeof path !== 'string') throw new AssertionError(`path must be a string, got ${describe(path)}`, [...at, 'path']);
        list = pathOf(path, [...at, 'path']);
      }
      if (!Object.keys(element).length) throw new AssertionError(`${op}: say what each element must satisfy (an operator such as matches, or a field test)`, at);
      return { op, ...(list ? { list } : {}), element: parseNode(element, at, depth + 1, state) };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/** The outcome of a test: whether it held and, for a failure, where and why. */
export interface Outcome {
  ok: boolean;
  /** The path of the value that decided it (from the item's root). */
  path: string;
  /** That value (unredacted: use `shownValue` before printing it). */
  value: unknown;
  reason: string;
}

const pass = (path: string, value: unknown, reason = ''): Outcome => ({ ok: true, path, value, reason });
const fail = (path: string, value: unknown, reason: string): Outcome => ({ ok: false, path, value, reason });

/** Evaluate an assertion against a value (one resource item). Never throws on data. */
export function evaluateAssertion(a: Assertion, value: unknown): Outcome {
  return evalNode(a.root, value, '');
}

function evalNode(n: Node, subject: unknown, base: string): Outcome {
  switch (n.kind) {
    case 'and': {
      let last = pass(base, subject);
      for (const i of n.items) {
        const o = evalNode(i, subject, base);
        if (!o.ok) return o;
        last = o;
      }
      return last;
    }
    case 'or': {
      let first: Outcome | undefined;
      for (const i of n.items) {
        const o = evalNode(i, subject, base);
        if (o.ok) return o;
        first ??= o;
      }
      return fail(first!.path, first!.value, n.items.length === 1 ? first!.reason : `no alternative held (the first: ${first!.reason})`);
    }
    case 'not': {
      const o = evalNode(n.item, subject, base);
      return o.ok ? fail(o.path, o.value, `${o.path || 'the value'} must not satisfy the test${o.reason ? ` (${o.reason})` : ''}`) : pass(o.path, o.value);
    }
    case 'field': {
      const targets = n.path ? resolvePath(subject, n.path, base) : [{ path: base, value: subject }];
      let last = pass(base, subject);
      for (const t of targets) {
        for (const test of n.tests) {
          const o = evalTest(test, t.value, t.path);
          if (!o.ok) return o;
          last = o;
        }
        for (const x of n.nested) {
          const o = evalNode(x, t.value, t.path);
          if (!o.ok) return o;
          last = o;
        }
      }
      return last;
    }
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const label = (path: string): string => path || 'the value';
const short = (v: unknown): string => {
  const s = typeof v === 'string' ? `'${v}'` : JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
};

function evalTest(t: Test, v: unknown, path: string): Outcome {
  const missing = v === undefined;
  switch (t.op) {
    case 'equals':
      if (missing) return fail(path, v, `${label(path)} is missing (expected ${short(t.value)})`);
      return deepEqual(v, t.value) ? pass(path, v) : fail(path, v, `${label(path)} is not ${short(t.value)}`);
    case 'not_equals':
      return !missing && deepEqual(v, t.value) ? fail(path, v, `${label(path)} is ${short(t.value)}`) : pass(path, v);
    case 'in':
      if (missing) return fail(path, v, `${label(path)} is missing (expected one of ${short(t.values)})`);
      return t.values.some((x) => deepEqual(v, x)) ? pass(path, v) : fail(path, v, `${label(path)} is not one of ${short(t.values)}`);
    case 'not_in':
      return !missing && t.values.some((x) => deepEqual(v, x)) ? fail(path, v, `${label(path)} is one of ${short(t.values)}`) : pass(path, v);
    case 'matches':
      if (missing) return fail(path, v, `${label(path)} is missing`);
      if (typeof v !== 'string') return fail(path, v, `${label(path)} is ${describe(v)}, not a string`);
      return t.re.matcher(v).find() ? pass(path, v) : fail(path, v, `${label(path)} does not match ${t.pattern}`);
    case 'exists': {
      const present = v !== undefined && v !== null;
      if (present === t.value) return pass(path, v);
      return fail(path, v, t.value ? `${label(path)} is missing` : `${label(path)} is set`);
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      if (missing) return fail(path, v, `${label(path)} is missing`);
      if (typeof v !== 'number') return fail(path, v, `${label(path)} is ${describe(v)}, not a number`);
      const ok = t.op === 'gt' ? v > t.value : t.op === 'gte' ? v >= t.value : t.op === 'lt' ? v < t.value : v <= t.value;
      const word = { gt: 'more than', gte: 'at least', lt: 'less than', lte: 'at most' }[t.op];
      return ok ? pass(path, v) : fail(path, v, `${label(path)} is ${v}, not ${word} ${t.value}`);
    }
    case 'length': {
      if (missing) return fail(path, v, `${label(path)} is missing`);
      const n = typeof v === 'string' || Array.isArray(v) ? v.length : isPlainObject(v) ? Object.keys(v).length : undefined;
      if (n === undefined) return fail(path, v, `${label(path)} is ${describe(v)}: it has no length`);
      const o = evalNode(t.test, n, `${path}.length`);
      return o.ok ? pass(path, v) : fail(path, v, `length of ${label(path)}: ${o.reason.replace(`${path}.length `, '')}`);
    }
    case 'every':
    case 'some': {
      const lists = t.list ? resolvePath(v, t.list, path) : [{ path, value: v }];
      let last = pass(path, v);
      for (const l of lists) {
        if (l.value === undefined) return fail(l.path, undefined, `${label(l.path)} is missing (not an empty list)`);
        if (!Array.isArray(l.value)) return fail(l.path, l.value, `${label(l.path)} is ${describe(l.value)}, not a list`);
        if (t.op === 'every') {
          for (let i = 0; i < l.value.length; i++) {
            const o = evalNode(t.element, l.value[i], `${l.path}[${i}]`);
            if (!o.ok) return o;
          }
          last = pass(l.path, l.value);
        } else {
          let first: Outcome | undefined;
          let found = false;
          for (let i = 0; i < l.value.length && !found; i++) {
            const o = evalNode(t.element, l.value[i], `${l.path}[${i}]`);
            if (o.ok) {
              found = true;
              last = o;
            } else first ??= o;
          }
          if (!found) {
            return l.value.length
              ? fail(first!.path, first!.value, `no element of ${label(l.path)} satisfies the test (first: ${first!.reason})`)
              : fail(l.path, l.value, `${label(l.path)} is empty`);
          }
        }
      }
      return last;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Display

/**
 * A value as a finding may show it: secrets redacted (the key at the end of its path, or any key
 * inside it, that names a secret — the snapshot's own redaction), at most 200 characters.
 */
export function shownValue(path: string, value: unknown): string {
  if (value === undefined) return 'not set';
  const key = /(?:^|\.)([^.[\]]+)(?:\[\d+\])*$/.exec(path)?.[1] ?? /\["([^"]*)"\](?:\[\d+\])*$/.exec(path)?.[1];
  let v: unknown = key ? (redact({ [key]: value }) as Record<string, unknown>)[key] : redact(value);
  if (path.split(/[.[\]]/).some((seg) => seg && (redact({ [seg]: 'x' }) as Record<string, unknown>)[seg] === REDACTED)) v = REDACTED;
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return s.length > 200 ? `${s.slice(0, 197)}…` : s;
}
