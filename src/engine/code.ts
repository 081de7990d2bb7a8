/**
 * Static checks on code held in the tenant (Actions, custom database scripts, Rules, Hooks),
 * with a real JavaScript parser (acorn), never regular expressions on source text. Every hit
 * carries its line and column. Pure: rules call these on snapshot data.
 *
 * What this can and cannot see: calls through aliases (`const m = api.multifactor; m.enable()`)
 * are followed one level; dynamically built names are not. Treat results as evidence.
 */
import { createRequire } from 'node:module';
import type { Node } from 'acorn';
import type * as Acorn from 'acorn';
import type * as AcornWalk from 'acorn-walk';

// The parser loads on first use: `rules`, `explain` and audits without code to read never pay for it.
const requireCjs = createRequire(import.meta.url);
let acornModule: typeof Acorn | undefined;
let walkModule: typeof AcornWalk | undefined;
const parse: typeof Acorn.parse = (input, options) => (acornModule ??= requireCjs('acorn') as typeof Acorn).parse(input, options);
const walker = (): typeof AcornWalk => (walkModule ??= requireCjs('acorn-walk') as typeof AcornWalk);
const simple: typeof AcornWalk.simple = (node, visitors, base, state) => walker().simple(node, visitors, base, state);
const ancestor: typeof AcornWalk.ancestor = (node, visitors, base, state) => walker().ancestor(node, visitors, base, state);

export interface Location {
  line: number;
  column: number;
}

export interface ParsedCode {
  ok: true;
  ast: Node;
}
export interface ParseFailure {
  ok: false;
  error: string;
  location?: Location;
}

/** Parse as a module first (Actions use `exports.` and may use `import`), then as a script. */
export function parseCode(code: string): ParsedCode | ParseFailure {
  let lastError: unknown;
  for (const sourceType of ['module', 'script'] as const) {
    try {
      const ast = parse(code, {
        ecmaVersion: 'latest',
        sourceType,
        locations: true,
        allowReturnOutsideFunction: true,
        allowAwaitOutsideFunction: true,
        allowHashBang: true,
      });
      return { ok: true, ast };
    } catch (e) {
      lastError = e;
    }
  }
  const loc = (lastError as { loc?: { line: number; column: number } } | undefined)?.loc;
  return {
    ok: false,
    error: lastError instanceof Error ? lastError.message : String(lastError),
    ...(loc ? { location: { line: loc.line, column: loc.column + 1 } } : {}),
  };
}

interface AnyNode extends Node {
  [key: string]: unknown;
}

const at = (n: Node): Location => ({ line: n.loc?.start.line ?? 0, column: (n.loc?.start.column ?? 0) + 1 });

/** `a.b.c` for a member-expression chain of identifiers (computed string keys included), else undefined. */
export function memberPath(n: unknown): string | undefined {
  const node = n as AnyNode | undefined;
  if (!node) return undefined;
  if (node.type === 'Identifier') return node.name as string;
  if (node.type === 'ThisExpression') return 'this';
  if (node.type === 'MemberExpression') {
    const obj = memberPath(node.object);
    const prop = node.property as AnyNode;
    const key = node.computed ? (prop.type === 'Literal' && typeof prop.value === 'string' ? prop.value : undefined) : (prop.name as string);
    return obj && key ? `${obj}.${key}` : undefined;
  }
  if (node.type === 'ChainExpression') return memberPath(node.expression);
  if (node.type === 'AwaitExpression') return memberPath(node.argument);
  return undefined;
}

export interface CallSite extends Location {
  /** The callee as written, aliases resolved one level: `api.multifactor.enable`. */
  callee: string;
  /** Arguments that are string literals, by position. */
  stringArgs: (string | undefined)[];
}

/** The member path an expression reads, looking through `x || {}` / `x ?? {}` defaults. */
function sourcePath(n: unknown): string | undefined {
  const node = n as AnyNode | undefined;
  if (node?.type === 'LogicalExpression' && (node.operator === '||' || node.operator === '??')) return memberPath(node.left);
  return memberPath(node);
}

/** The key of an object-pattern property when it is a fixed name (`a`, `'a'`, `['a']`). */
function patternKey(prop: AnyNode): string | undefined {
  const key = prop.key as AnyNode;
  if (!prop.computed && key.type === 'Identifier') return key.name as string;
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  return undefined;
}

/**
 * Walk an object pattern destructured from `base`: call `onRead` for each property read and
 * `onAlias` for each local name bound to a path (`const { query: q } = event.request` binds q).
 */
function destructure(pattern: AnyNode, base: string, onRead: (path: string, at: Node) => void, onAlias: (name: string, path: string) => void): void {
  if (pattern.type !== 'ObjectPattern') return;
  for (const prop of pattern.properties as AnyNode[]) {
    if (prop.type !== 'Property') continue;
    const key = patternKey(prop);
    if (!key) continue;
    const path = `${base}.${key}`;
    onRead(path, prop as unknown as Node);
    let value = prop.value as AnyNode;
    if (value.type === 'AssignmentPattern') value = value.left as AnyNode;
    if (value.type === 'Identifier') onAlias(value.name as string, path);
    else destructure(value, path, onRead, onAlias);
  }
}

/**
 * Local names bound to a member path, one level deep: `const m = api.multifactor`,
 * `const { query } = event.request` (query → event.request.query), and destructuring from such a
 * name (`const { code_challenge: c } = q`). Not scope-aware: the last binding of a name wins.
 */
function aliasesOf(parsed: ParsedCode): Map<string, string> {
  const aliases = new Map<string, string>();
  const resolve = (p: string) => resolveAlias(aliases, p);
  simple(parsed.ast, {
    VariableDeclarator(n) {
      const node = n as unknown as AnyNode;
      const id = node.id as AnyNode;
      const path = sourcePath(node.init);
      if (!path) return;
      if (id.type === 'Identifier') {
        if (path.includes('.')) aliases.set(id.name as string, path);
      } else {
        destructure(id, resolve(path), () => {}, (name, p) => aliases.set(name, p));
      }
    },
  });
  return aliases;
}

function resolveAlias(aliases: Map<string, string>, p: string): string {
  const [head, ...rest] = p.split('.');
  const alias = head ? aliases.get(head) : undefined;
  return alias ? [alias, ...rest].join('.') : p;
}

export interface PropertyRead extends Location {
  /** The property read, as a path with aliases resolved one level: `event.request.query.code_challenge`. */
  path: string;
}

/**
 * Every fixed-name property the code reads, however it is written: member access
 * (`event.request.query.code_challenge`, `?.`), computed access with a string key
 * (`q['code_challenge']`), destructuring (`const { code_challenge } = event.request.query`,
 * renamed, defaulted or nested), the `in` operator (`'code_challenge' in q`), and one level of
 * aliasing (`const q = event.request.query; q.code_challenge`). A variable that merely has the
 * same name is not a property read.
 */
export function propertyReads(parsed: ParsedCode): PropertyRead[] {
  const aliases = aliasesOf(parsed);
  const out: PropertyRead[] = [];
  const push = (path: string, n: Node) => out.push({ path: resolveAlias(aliases, path), ...at(n) });
  simple(parsed.ast, {
    MemberExpression(n) {
      const path = memberPath(n);
      if (path) push(path, n);
    },
    VariableDeclarator(n) {
      const node = n as unknown as AnyNode;
      const base = sourcePath(node.init);
      if (base) destructure(node.id as AnyNode, resolveAlias(aliases, base), (p, where) => out.push({ path: p, ...at(where) }), () => {});
    },
    BinaryExpression(n) {
      const node = n as unknown as AnyNode;
      const left = node.left as AnyNode;
      const base = memberPath(node.right);
      if (node.operator === 'in' && left.type === 'Literal' && typeof left.value === 'string' && base) push(`${base}.${left.value}`, n);
    },
  });
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Every call and `new` in the code, with its callee path. */
export function calls(parsed: ParsedCode): CallSite[] {
  const aliases = aliasesOf(parsed);
  const resolve = (p: string): string => resolveAlias(aliases, p);
  const out: CallSite[] = [];
  const visit = (n: Node) => {
    const node = n as AnyNode;
    const path = memberPath(node.callee);
    if (!path) return;
    const args = (node.arguments as AnyNode[]) ?? [];
    out.push({
      callee: resolve(path),
      stringArgs: args.map((a) => (a.type === 'Literal' && typeof a.value === 'string' ? a.value : a.type === 'TemplateLiteral' && (a.expressions as unknown[]).length === 0 ? String(((a.quasis as AnyNode[])[0]?.value as { cooked?: string })?.cooked ?? '') : undefined)),
      ...at(n),
    });
  };
  simple(parsed.ast, { CallExpression: visit, NewExpression: visit });
  return out;
}

/** Calls whose callee path matches (a string is an exact path or a `prefix.*`). */
export function findCalls(parsed: ParsedCode, ...patterns: (string | RegExp)[]): CallSite[] {
  return calls(parsed).filter((c) =>
    patterns.some((p) => (typeof p === 'string' ? (p.endsWith('.*') ? c.callee.startsWith(p.slice(0, -1)) : c.callee === p) : p.test(c.callee))),
  );
}

/** Module names pulled in with `require('x')` or `import … from 'x'`. */
export function imports(parsed: ParsedCode): { module: string; line: number; column: number }[] {
  const out: { module: string; line: number; column: number }[] = [];
  simple(parsed.ast, {
    ImportDeclaration(n) {
      const src = (n as unknown as AnyNode).source as AnyNode;
      if (typeof src.value === 'string') out.push({ module: src.value, ...at(n) });
    },
    CallExpression(n) {
      const node = n as unknown as AnyNode;
      const callee = node.callee as AnyNode;
      const arg = (node.arguments as AnyNode[])[0];
      if (callee.type === 'Identifier' && callee.name === 'require' && arg?.type === 'Literal' && typeof arg.value === 'string') {
        out.push({ module: arg.value, ...at(n) });
      }
    },
  });
  return out;
}

export interface HardcodedSecret extends Location {
  /** The variable or property the literal is assigned to. */
  name: string;
  /** The literal, masked: its first 3 characters and its length. Never the whole value. */
  preview: string;
}

const SECRET_NAME = /(secret|passw(or)?d|pwd|token|api[_-]?key|apikey|private[_-]?key|client[_-]?secret|credential|auth[_-]?key|access[_-]?key|signing[_-]?key|bearer)/i;
/** Values that name a setting, an algorithm or an encoding rather than hold a secret. */
const NOT_A_SECRET_VALUE = /^(true|false|null|undefined|none|bearer|basic|utf-?8|base64|hex|sha(1|256|384|512)|[rhpe]s(256|384|512)|bcrypt|argon2(id|i|d)?|pbkdf2|scrypt|application\/json|[a-z_]+)$/i;
/** The same, for a literal assigned to a secret-named key: words are judged there, only these are not secrets. */
const SETTING_VALUE = /^(true|false|null|undefined|none|bearer|basic|utf-?8|base64|hex|sha(1|256|384|512)|[rhpe]s(256|384|512)|bcrypt|argon2(id|i|d)?|pbkdf2|scrypt|application\/json)$/i;
/** Template markers and placeholders that stand for a secret supplied elsewhere (Deploy CLI `##KEY##` / `@@KEY@@`, `<token>`, `${X}`, `{{x}}`, `YOUR_…`). */
const PLACEHOLDER = /^(##[\w.-]+##|@@[\w.-]+@@|<[^<>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|%[\w.-]+%|(your|my|enter)[ _-].*|.*[ _-]here|x{3,}|\*{3,}|\.{3,})$/i;
/**
 * The last word of a name that only mentions a secret, a setting about it: `token_type`,
 * `passwordPolicy`, `token_endpoint_auth_method`, `secretName`, `passwordError`, `tokenUrl`.
 */
const SETTING_WORD = /^(type|types|method|methods|policy|policies|mode|dialect|format|name|names|field|label|placeholder|hint|message|error|errors|text|title|description|prompt|url|urls|uri|uris|endpoint|path|header|param|length|lifetime|ttl|expires|expiry|expiration|at|id|ids|count|enabled|required|regex|pattern|rule|rules|options|strength|complexity|history|algorithm|alg|encoding|version|scope|scopes|audience|issuer|provider|location|file|env|var|key_name|min|max)$/i;

function lastWord(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').split(/[_\-.\s]+/).filter(Boolean);
  return words[words.length - 1] ?? name;
}

/** A name that says it holds a secret (`password`, `apiKey`, `CLIENT_SECRET`), not a setting about one (`token_type`). */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !SETTING_WORD.test(lastWord(name));
}

function entropy(s: string): number {
  const freq = new Map<string, number>();
  for (const ch of s) freq.set(ch, (freq.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of freq.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** A literal that looks like a credential whatever it is assigned to: long enough, not a word, not a URL without userinfo. */
export function looksLikeSecretValue(v: string): boolean {
  if (v.startsWith('[REDACTED:')) return true; // scrubbed from a saved snapshot: it was one
  if (v.length < 8 || NOT_A_SECRET_VALUE.test(v)) return false;
  if (/^https?:\/\//i.test(v)) return /^https?:\/\/[^/@\s]+:[^/@\s]+@/i.test(v); // credentials in a URL
  if (/\s/.test(v) && v.split(/\s+/).length > 3) return false; // prose
  return entropy(v) >= 2.5;
}

/**
 * A literal assigned to a secret-named key or variable: a secret whatever its alphabet
 * (`password: 'secret'`, `apiKey: 'changeme'`), unless it is empty, a placeholder, a setting
 * value (`'bearer'`, `'sha256'`), a plain URL or prose.
 */
export function isSecretLiteral(v: string): boolean {
  if (v.startsWith('[REDACTED:')) return true;
  const t = v.trim();
  if (!t || SETTING_VALUE.test(t) || PLACEHOLDER.test(t)) return false;
  if (/^https?:\/\//i.test(t)) return /^https?:\/\/[^/@\s]+:[^/@\s]+@/i.test(t);
  if (t.split(/\s+/).length > 3) return false; // prose: a message, not a secret
  return true;
}

/** Masked preview: the first characters (fewer for short values, never more than a quarter) and the length. */
export function mask(v: string): string {
  return `${v.slice(0, Math.min(3, Math.floor(v.length / 4)))}… (${v.length} chars)`;
}

/**
 * String literals assigned to a secret-looking name (`const API_KEY = "…"`, `{ client_secret: "…" }`,
 * `options.password = "…"`), and credentials embedded in URLs anywhere. The value is never
 * returned: only where it is and a masked preview.
 */
export function hardcodedSecrets(parsed: ParsedCode): HardcodedSecret[] {
  const out: HardcodedSecret[] = [];
  const check = (name: string | undefined, value: unknown, node: Node) => {
    const lit = value as AnyNode | undefined;
    if (!lit) return;
    const text =
      lit.type === 'Literal' && typeof lit.value === 'string'
        ? lit.value
        : lit.type === 'TemplateLiteral' && (lit.expressions as unknown[]).length === 0
          ? String(((lit.quasis as AnyNode[])[0]?.value as { cooked?: string })?.cooked ?? '')
          : undefined;
    if (text === undefined) return;
    const urlCreds = /^https?:\/\/[^/@\s]+:[^/@\s]+@/i.test(text);
    if ((name && isSecretName(name) && isSecretLiteral(text)) || urlCreds) {
      out.push({ name: name ?? '(url)', preview: mask(text), ...at(node) });
    }
  };
  ancestor(parsed.ast, {
    VariableDeclarator(n) {
      const node = n as unknown as AnyNode;
      const id = node.id as AnyNode;
      check(id.type === 'Identifier' ? (id.name as string) : undefined, node.init, n);
    },
    AssignmentExpression(n) {
      const node = n as unknown as AnyNode;
      check(memberPath(node.left)?.split('.').pop(), node.right, n);
    },
    Property(n) {
      const node = n as unknown as AnyNode;
      const key = node.key as AnyNode;
      const name = key.type === 'Identifier' ? (key.name as string) : typeof key.value === 'string' ? key.value : undefined;
      check(name, node.value, n);
    },
    Literal(n, _state, ancestors) {
      const node = n as unknown as AnyNode;
      const parent = ancestors[ancestors.length - 2] as AnyNode | undefined;
      // URL credentials in a literal that is not already covered above.
      if (typeof node.value === 'string' && /^https?:\/\/[^/@\s]+:[^/@\s]+@/i.test(node.value)) {
        if (!parent || !['VariableDeclarator', 'AssignmentExpression', 'Property'].includes(parent.type as string)) {
          out.push({ name: '(url)', preview: mask(node.value), ...at(n) });
        }
      }
    },
  });
  return out;
}

/** String and template literals (template expressions elided as `${}`), with their location. */
export function stringLiterals(parsed: ParsedCode): (Location & { text: string })[] {
  const out: (Location & { text: string })[] = [];
  simple(parsed.ast, {
    Literal(n) {
      const v = (n as unknown as AnyNode).value;
      if (typeof v === 'string') out.push({ text: v, ...at(n) });
    },
    TemplateLiteral(n) {
      const quasis = (n as unknown as AnyNode).quasis as AnyNode[];
      out.push({ text: quasis.map((q) => (q.value as { cooked?: string; raw: string }).cooked ?? (q.value as { raw: string }).raw).join('${}'), ...at(n) });
    },
  });
  return out;
}

/**
 * The code that runs: an Action's deployed version when there is one, else its draft.
 * `code` is undefined when the code is not available (an export without the code file, a
 * templated file): callers report that as unknown, never as clean code.
 */
export function runningCode(a: { code?: string | undefined; deployed_version?: { code?: string | undefined } | null | undefined }): {
  code: string | undefined;
  field: string;
} {
  return typeof a.deployed_version?.code === 'string' ? { code: a.deployed_version.code, field: 'deployed_version.code' } : { code: a.code, field: 'code' };
}

/** Parse the code `runningCode` found; unavailable code is a parse failure with that reason. */
export function parseRunningCode(code: string | undefined): ParsedCode | ParseFailure {
  return code === undefined ? { ok: false, error: 'its code is not available (missing from the export, or templated)' } : parseCode(code);
}

export interface ReadingCall extends CallSite {
  /** The call is awaited (`await f(…)`) or chained with `.then`: asynchronous I/O. */
  awaited: boolean;
}

/**
 * Calls whose arguments read a property matching `reads` (a member path such as
 * `event.user.email`, aliases resolved one level), directly or through a local variable whose
 * initialiser reads it (`const url = base + event.user.email; fetch(url)`), at any depth inside
 * the arguments. Each is reported once, as the outermost call doing the reading.
 */
export function callsReading(parsed: ParsedCode, reads: RegExp): ReadingCall[] {
  const aliases = aliasesOf(parsed);
  const resolve = (p: string): string => resolveAlias(aliases, p);
  const readsIn = (root: unknown, tainted: Set<string>): boolean => {
    let hit = false;
    const visitNode = (n: Node) => {
      if (hit) return;
      const node = n as AnyNode;
      if (node.type === 'Identifier' && tainted.has(node.name as string)) hit = true;
      const p = memberPath(node);
      if (p && reads.test(resolve(p))) hit = true;
    };
    simple(root as Node, { MemberExpression: visitNode, Identifier: visitNode });
    return hit;
  };
  // Local names whose initialiser reads the property (one level).
  const tainted = new Set<string>();
  simple(parsed.ast, {
    VariableDeclarator(n) {
      const node = n as unknown as AnyNode;
      const id = node.id as AnyNode;
      if (id.type === 'Identifier' && node.init && readsIn(node.init, new Set())) tainted.add(id.name as string);
    },
  });
  for (const [name, path] of aliases) if (reads.test(path)) tainted.add(name);
  const found: { node: Node; call: ReadingCall }[] = [];
  const visit = (n: Node, _s: unknown, ancestors: Node[]) => {
    const node = n as AnyNode;
    const args = (node.arguments as AnyNode[]) ?? [];
    if (!args.some((a) => readsIn(a, tainted))) return;
    const path = memberPath(node.callee);
    if (!path) return;
    const parent = ancestors[ancestors.length - 2] as AnyNode | undefined;
    const thenChained = parent?.type === 'MemberExpression' && memberPath(parent)?.endsWith('.then') === true;
    found.push({
      node: n,
      call: {
        callee: resolve(path),
        stringArgs: args.map((a) => (a.type === 'Literal' && typeof a.value === 'string' ? a.value : undefined)),
        awaited: parent?.type === 'AwaitExpression' || thenChained,
        ...at(n),
      },
    });
  };
  ancestor(parsed.ast, { CallExpression: visit, NewExpression: visit });
  // The outermost reading call only: `fetch(url + encodeURIComponent(email))` is the fetch.
  const out = found.filter((f) => !found.some((g) => g !== f && g.node.start <= f.node.start && f.node.end <= g.node.end)).map((f) => f.call);
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

const before = (a: Location, b: Location): boolean => a.line < b.line || (a.line === b.line && a.column < b.column);
const startOf = (n: Node): Location => at(n);
const endOf = (n: Node): Location => ({ line: n.loc?.end.line ?? 0, column: (n.loc?.end.column ?? 0) + 1 });
const within = (l: Location, n: Node): boolean => !before(l, startOf(n)) && before(l, endOf(n));

/**
 * Does the code at `l` run only on some executions? True when it sits in a branch (`if`/`else`,
 * `?:`, the right side of `&&`/`||`/`??`, a `switch` case, a `catch`), or when a branch before it
 * in the same function can `return` (an early-exit guard such as `if (cached) return;`).
 */
export function isConditional(parsed: ParsedCode, l: Location): boolean {
  let conditional = false;
  const branches: Node[] = [];
  const guards: Node[] = [];
  const functions: Node[] = [];
  simple(parsed.ast, {
    IfStatement(n) {
      const node = n as unknown as AnyNode;
      branches.push(node.consequent as Node);
      if (node.alternate) branches.push(node.alternate as Node);
    },
    ConditionalExpression(n) {
      const node = n as unknown as AnyNode;
      branches.push(node.consequent as Node, node.alternate as Node);
    },
    LogicalExpression(n) {
      branches.push((n as unknown as AnyNode).right as Node);
    },
    SwitchCase(n) {
      branches.push(n);
    },
    CatchClause(n) {
      branches.push(n);
    },
    ReturnStatement(n) {
      guards.push(n);
    },
    FunctionDeclaration(n) {
      functions.push(n);
    },
    FunctionExpression(n) {
      functions.push(n);
    },
    ArrowFunctionExpression(n) {
      functions.push(n);
    },
  });
  if (branches.some((b) => within(l, b))) conditional = true;
  // The innermost function holding l; an early return in a branch of it, before l, guards l.
  const fn = functions.filter((f) => within(l, f)).sort((a, b) => (before(startOf(a), startOf(b)) ? 1 : -1))[0];
  if (!conditional && fn) {
    conditional = guards.some((r) => {
      if (!within(startOf(r), fn) || !before(endOf(r), l) || !branches.some((b) => within(startOf(r), b))) return false;
      const inner = functions.filter((f) => within(startOf(r), f)).sort((a, b) => (before(startOf(a), startOf(b)) ? 1 : -1))[0];
      return inner === fn;
    });
  }
  return conditional;
}

/**
 * Method calls on objects built with `new <ctor>(…)` and bound to a name
 * (`const m = new ManagementClient(…); await m.users.get(…)` → `m.users.get`), in source order.
 */
export function instanceCalls(parsed: ParsedCode, ctor: RegExp): CallSite[] {
  const names = new Set<string>();
  simple(parsed.ast, {
    VariableDeclarator(n) {
      const node = n as unknown as AnyNode;
      const id = node.id as AnyNode;
      let init = node.init as AnyNode | undefined;
      if (init?.type === 'AwaitExpression') init = init.argument as AnyNode;
      const callee = init?.type === 'NewExpression' ? memberPath(init.callee) : undefined;
      if (id.type === 'Identifier' && callee && ctor.test(callee)) names.add(id.name as string);
    },
    AssignmentExpression(n) {
      const node = n as unknown as AnyNode;
      const left = node.left as AnyNode;
      const right = node.right as AnyNode;
      const callee = right.type === 'NewExpression' ? memberPath(right.callee) : undefined;
      if (left.type === 'Identifier' && callee && ctor.test(callee)) names.add(left.name as string);
    },
  });
  return calls(parsed)
    .filter((c) => names.has(c.callee.split('.')[0] ?? '') && c.callee.includes('.'))
    .sort((a, b) => a.line - b.line || a.column - b.column);
}
