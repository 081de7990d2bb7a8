/**
 * Bounded, contained file access for one Deploy CLI export, with keyword replacement applied to
 * the raw text of every file before it is parsed (see keywords.ts).
 *
 * Bounds: a file larger than 64 MB is refused before it is read; YAML with more than 10 000
 * alias expansions or nesting deeper than 200 levels is refused (nesting is measured on the raw
 * text first, so a hostile file is refused before a parser recurses into it); no path resolves
 * outside the export root, and a symbolic link is followed only when its target is inside the
 * root too. Bad input is a ConfigError naming the file and line (`tenant.yaml:12: …`).
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, posix, resolve, sep } from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError } from '../../errors.js';
import {
  MarkerRegistry,
  neutralizeJson,
  neutralizeText,
  neutralizeYaml,
  substitute,
  type KeywordMappings,
  type Neutralized,
} from './keywords.js';

export const MAX_FILE_BYTES = 64 * 1024 * 1024;
export const MAX_YAML_ALIASES = 10_000;
export const MAX_DEPTH = 200;

export type EntryKind = 'file' | 'dir';

export class ExportFiles {
  readonly rootAbs: string;
  private readonly rootReal: string;
  private readonly outside = new Set<string>();

  /**
   * @param root the export root on disk (the YAML file's folder, or the export folder)
   * @param display how the root is shown in error messages (the path as the user gave it)
   */
  constructor(
    root: string,
    private readonly display: string,
    private readonly mappings: KeywordMappings,
    readonly markers: MarkerRegistry,
    readonly warnings: string[],
  ) {
    this.rootAbs = resolve(root);
    this.rootReal = realpathSync(this.rootAbs);
  }

  /** The path to show for `rel` in a ConfigError. */
  shown(rel: string): string {
    return this.display === '' || this.display === '.' ? rel : join(this.display, rel);
  }

  /** What `rel` is, if it exists inside the root (symlinks followed only within the root). */
  kind(rel: string): EntryKind | undefined {
    const abs = this.inside(rel);
    if (!abs) return undefined;
    let real: string;
    try {
      lstatSync(abs);
      real = realpathSync(abs);
    } catch {
      return undefined;
    }
    if (real !== this.rootReal && !real.startsWith(this.rootReal + sep)) {
      if (!this.outside.has(rel)) {
        this.outside.add(rel);
        this.warnings.push(`${rel}: a symbolic link that points outside the export: not read`);
      }
      return undefined;
    }
    try {
      const st = statSync(real);
      return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : undefined;
    } catch {
      return undefined;
    }
  }

  /** Entries of a folder, sorted by name: files with one of `exts` (lower-case, with dot) and sub-folders. */
  list(relDir: string, exts: readonly string[]): { files: string[]; dirs: string[] } {
    const files: string[] = [];
    const dirs: string[] = [];
    if (this.kind(relDir) !== 'dir') return { files, dirs };
    const abs = this.inside(relDir) as string;
    let names: string[];
    try {
      names = readdirSync(abs).sort();
    } catch {
      return { files, dirs };
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const rel = posix.join(relDir, name);
      const k = this.kind(rel);
      if (k === 'dir') dirs.push(rel);
      else if (k === 'file' && exts.some((e) => name.toLowerCase().endsWith(e))) files.push(rel);
    }
    return { files, dirs };
  }

  /** Does `rel` exist inside the root (a file or a folder)? */
  exists(rel: string): boolean {
    return this.kind(rel) !== undefined;
  }

  /** The raw text of a file inside the root: size-checked, BOM removed. */
  readRaw(rel: string): string {
    const abs = this.inside(rel);
    if (!abs || this.kind(rel) !== 'file') throw new ConfigError(`${this.shown(rel)}: no such file in the export`);
    const size = statSync(abs).size;
    if (size > MAX_FILE_BYTES) {
      throw new ConfigError(`${this.shown(rel)}: ${size} bytes is larger than a Deploy CLI file may be (${MAX_FILE_BYTES} bytes): refused`);
    }
    const text = readFileSync(abs, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  /** A side file (HTML, code, liquid) with keywords replaced; unresolved markers become sentinels. */
  readSide(rel: string): string {
    const sub = substitute(this.readRaw(rel), this.mappings);
    return neutralizeText(sub.text, (m, line0) => this.markers.sentinel(m, rel, sub.origLine(line0)));
  }

  readJson(rel: string): unknown {
    const sub = substitute(this.readRaw(rel), this.mappings);
    const n = neutralizeJson(sub.text, (m, line0) => this.markers.sentinel(m, rel, sub.origLine(line0)));
    this.checkDepth(rel, n);
    if (n.text.trim() === '') throw new ConfigError(`${this.shown(rel)}:1: not valid JSON: the file is empty`);
    try {
      return JSON.parse(n.text) as unknown;
    } catch {
      const loc = locateJsonError(n.text);
      const line = sub.origLine(lineOf(n.text, loc.offset) - 1);
      throw new ConfigError(`${this.shown(rel)}:${line}: not valid JSON: ${loc.message}`);
    }
  }

  readYaml(rel: string): unknown {
    const sub = substitute(this.readRaw(rel), this.mappings);
    const n = neutralizeYaml(sub.text, (m, line0) => this.markers.sentinel(m, rel, sub.origLine(line0)));
    this.checkDepth(rel, n);
    let doc;
    try {
      doc = parseDocument(n.text, { merge: true, prettyErrors: true, uniqueKeys: true });
    } catch (e) {
      throw this.yamlFailure(rel, e);
    }
    const err = doc.errors[0];
    if (err) {
      const line = err.linePos?.[0].line ?? lineOf(n.text, err.pos[0]);
      const where = line ? `:${sub.origLine(line - 1)}` : '';
      if (/call stack/i.test(err.message)) throw new ConfigError(`${this.shown(rel)}${where}: YAML nested too deeply (more than ${MAX_DEPTH} levels): refused`);
      throw new ConfigError(`${this.shown(rel)}${where}: not valid YAML: ${firstLine(err.message)}`);
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (e) {
      throw this.yamlFailure(rel, e);
    }
    const depth = depthOf(value, MAX_DEPTH + 1);
    if (depth > MAX_DEPTH) throw new ConfigError(`${this.shown(rel)}: YAML nested more than ${MAX_DEPTH} levels deep: refused`);
    return value;
  }

  private yamlFailure(rel: string, e: unknown): ConfigError {
    if (e instanceof ReferenceError || (e instanceof Error && /alias/i.test(e.message))) {
      return new ConfigError(`${this.shown(rel)}: more than ${MAX_YAML_ALIASES} YAML alias expansions (a resource-exhaustion pattern): refused`);
    }
    if (e instanceof RangeError) return new ConfigError(`${this.shown(rel)}: YAML nested too deeply (more than ${MAX_DEPTH} levels): refused`);
    return new ConfigError(`${this.shown(rel)}: not valid YAML: ${e instanceof Error ? firstLine(e.message) : String(e)}`);
  }

  private checkDepth(rel: string, n: Neutralized): void {
    if (n.depth > MAX_DEPTH) throw new ConfigError(`${this.shown(rel)}: nested more than ${MAX_DEPTH} levels deep: refused`);
  }

  /** The absolute path of `rel` if it stays inside the root lexically; undefined otherwise. */
  private inside(rel: string): string | undefined {
    const norm = posix.normalize(rel.replace(/\\/g, '/'));
    if (isAbsolute(norm) || norm === '..' || norm.startsWith('../')) {
      if (!this.outside.has(rel)) {
        this.outside.add(rel);
        this.warnings.push(`${rel}: the path leads outside the export: not read`);
      }
      return undefined;
    }
    return norm === '.' ? this.rootAbs : join(this.rootAbs, norm);
  }
}

function firstLine(s: string): string {
  return (s.split('\n')[0] ?? s).replace(/ at line \d+, column \d+:?$/, '').trim();
}

function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** Depth of nested arrays/objects, iteratively, stopping early once past `limit`. */
export function depthOf(value: unknown, limit: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    const depth = d + 1;
    if (depth > max) max = depth;
    if (max > limit) return max;
    for (const x of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) {
      if (x !== null && typeof x === 'object') stack.push([x, depth]);
    }
  }
  return max;
}

class JsonLoc {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

/**
 * Where JSON.parse failed and why: V8's messages often carry no position. A small validator
 * finds the first offending offset (nesting is already bounded by the caller).
 */
export function locateJsonError(s: string): JsonLoc {
  let i = 0;
  const ws = () => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
  };
  const fail = (message: string): never => {
    throw new JsonLoc(i, message);
  };
  const what = () => (i >= s.length ? 'end of file' : JSON.stringify(s[i]));
  const str = () => {
    i++;
    while (i < s.length) {
      const c = s[i] as string;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c < ' ') fail('a control character (such as a line break) inside a string');
      i++;
    }
    fail('unterminated string');
  };
  const value = (): void => {
    ws();
    const c = s[i];
    if (c === '{') {
      i++;
      ws();
      if (s[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (s[i] !== '"') fail(`expected a property name in double quotes, found ${what()}`);
        str();
        ws();
        if (s[i] !== ':') fail(`expected ':' after a property name, found ${what()}`);
        i++;
        value();
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === '}') {
          i++;
          return;
        }
        fail(`expected ',' or '}' after a property value, found ${what()}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (s[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ']') {
          i++;
          return;
        }
        fail(`expected ',' or ']' after an array element, found ${what()}`);
      }
    }
    if (c === '"') return str();
    const lit = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
    lit.lastIndex = i;
    const m = lit.exec(s);
    if (m && m[0].length) {
      i += m[0].length;
      return;
    }
    fail(`unexpected ${what()}`);
  };
  try {
    value();
    ws();
    if (i < s.length) fail(`unexpected ${what()} after the end of the JSON value`);
  } catch (e) {
    if (e instanceof JsonLoc) return e;
    throw e;
  }
  return new JsonLoc(0, 'not valid JSON');
}
