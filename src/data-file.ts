/**
 * Read a YAML or JSON data file the user (or any repository) supplies — a framework file, a policy
 * file — with the bounds every input has (size, nesting depth, alias expansions), and a way to
 * name the line of any path in it, so each problem is reported as `file:line: …` (exit 2).
 */
import { readFileSync, statSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { ConfigError } from './errors.js';
import { depthOf } from './sources/deploy-cli/files.js';

export interface DataFile {
  /** The path as the user gave it (messages show it). */
  shown: string;
  value: unknown;
  /** The 1-based line of the node at `path` (or of its nearest ancestor present); undefined if none. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
  /** `file:line` for `path`. */
  at(path: readonly PropertyKey[]): string;
}

export interface DataFileLimits {
  maxBytes: number;
  maxDepth: number;
  maxAliases?: number;
  /** What the file is, for messages: `framework file`, `policy file`. */
  kind: string;
}

export function readDataFile(path: string, shown: string, limits: DataFileLimits): DataFile {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new ConfigError(`${shown}: not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`${shown}: no such ${limits.kind}`);
  }
  if (size > limits.maxBytes) throw new ConfigError(`${shown}: ${size} bytes is too large for a ${limits.kind} (max ${limits.maxBytes})`);
  const bytes = readFileSync(path);
  if (bytes.includes(0)) throw new ConfigError(`${shown}: binary data, not YAML or JSON`);
  let text: string;
  try {
    // A byte that is not UTF-8 would turn into U+FFFD, silently: a pattern with it never matches.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new ConfigError(`${shown}: not UTF-8 text: save the ${limits.kind} as UTF-8`);
  }
  return parseDataText(text, shown, limits);
}

export function parseDataText(text: string, shown: string, limits: DataFileLimits): DataFile {
  const counter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false, strict: true });
  } catch (e) {
    throw new ConfigError(`${shown}: not valid YAML: ${e instanceof Error ? firstLine(e.message) : String(e)}`);
  }
  const err = doc.errors[0];
  if (err) {
    const line = counter.linePos(err.pos[0]).line;
    if (/call stack/i.test(err.message)) throw new ConfigError(`${shown}:${line}: nested too deeply (more than ${limits.maxDepth} levels): refused`);
    throw new ConfigError(`${shown}:${line}: not valid YAML: ${firstLine(err.message)}`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: limits.maxAliases ?? 100 });
  } catch (e) {
    if (e instanceof RangeError) throw new ConfigError(`${shown}: nested too deeply (more than ${limits.maxDepth} levels): refused`);
    throw new ConfigError(`${shown}: ${e instanceof ReferenceError || /alias/i.test(String(e)) ? `more than ${limits.maxAliases ?? 100} YAML alias expansions: refused` : e instanceof Error ? firstLine(e.message) : String(e)}`);
  }
  if (value === null || value === undefined) throw new ConfigError(`${shown}: the ${limits.kind} is empty`);
  if (depthOf(value, limits.maxDepth + 1) > limits.maxDepth) throw new ConfigError(`${shown}: nested more than ${limits.maxDepth} levels deep: refused`);
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    let node: unknown = doc.contents;
    let line: number | undefined = rangeLine(node, counter);
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key || String((p.key as { value?: unknown } | null)?.value) === String(key));
        if (!pair) break;
        line = rangeLine(pair.key, counter) ?? line;
        node = pair.value;
        // A scalar value's own line is the key's; a collection's is where its first item starts.
        if (isMap(node) || isSeq(node)) line = rangeLine(pair.key, counter) ?? line;
      } else if (isSeq(node) && typeof key === 'number') {
        const item = node.items[key];
        if (item === undefined) break;
        node = item;
        line = rangeLine(item, counter) ?? line;
      } else break;
    }
    return line;
  };
  return {
    shown,
    value,
    lineOf,
    at: (path) => {
      const line = lineOf(path);
      return line ? `${shown}:${line}` : shown;
    },
  };
}

function rangeLine(node: unknown, counter: LineCounter): number | undefined {
  const range = (node as Node | null)?.range;
  return range ? counter.linePos(range[0]).line : undefined;
}

function firstLine(s: string): string {
  return (s.split('\n')[0] ?? s).replace(/ at line \d+, column \d+:?$/, '').trim();
}
