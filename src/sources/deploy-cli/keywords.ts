/**
 * Keyword replacement as the Auth0 Deploy CLI does it, and the neutralisation of markers that no
 * mapping resolves, so that a templated export still parses and says which values are unknown.
 *
 * The Deploy CLI replaces keywords in the RAW text of every file before parsing it (tenant.yaml,
 * each JSON file of a directory export, every side file: HTML, code, form bodies):
 * - `@@KEY@@` becomes the JSON encoding of the mapped value, and one pair of quotes around the
 *   marker (`"@@KEY@@"` or `'@@KEY@@'`) is consumed with it: arrays, objects, numbers, booleans
 *   or whole string values;
 * - `##KEY##` becomes the mapped value verbatim, so it can sit inside a larger string.
 * Only keys present in the mappings are replaced. We do it in one pass over the text (the Deploy
 * CLI loops over keys, string form first; the results differ only when a mapped value itself
 * contains a marker) and never interpret `$` in values (String.prototype.replace would).
 *
 * A marker left unresolved (no mapping) is not a crash. Unquoted, it would break parsing
 * (`@@KEY@@` is not valid JSON or a valid YAML plain scalar) or silently become a YAML comment
 * (`key: ##KEY##` parses as `key: null`). Before parsing, each unresolved marker is replaced by a
 * SENTINEL (a private-use code point pair around an index into a registry of markers with their
 * file and line), quoted where it stands outside a string. After parsing, any value that holds a
 * sentinel is known to be templated: the mapper decides what that makes unknown.
 *
 * Unresolved markers are recognised as the Deploy CLI recognises them when it strips them on
 * import: upper-case keys only (`##[A-Z0-9_]+##`, `@@[A-Z0-9_]+@@`), so Auth0's own lower-case
 * template variables such as `@@password@@` are left alone.
 */
import { UsageError } from '../../errors.js';

export type KeywordMappings = Readonly<Record<string, unknown>>;

/** One unresolved marker occurrence. */
export interface MarkerEntry {
  /** The marker as written: `##KEY##` or `@@KEY@@`. */
  marker: string;
  key: string;
  /** Path relative to the export root (what warnings show). */
  file: string;
  /** 1-based line in the file as written. */
  line: number;
  /** Set once a warning has named this occurrence. */
  reported?: boolean;
}

const SENTINEL_OPEN = '\uE000';
const SENTINEL_CLOSE = '\uE001';
const SENTINEL_RE = /\uE000(\d+)\uE001/g;

/** Collects unresolved markers; hands out the sentinel text that stands for each. */
export class MarkerRegistry {
  readonly entries: MarkerEntry[] = [];

  sentinel(marker: string, file: string, line: number): string {
    const key = marker.slice(2, -2);
    this.entries.push({ marker, key, file, line });
    return `${SENTINEL_OPEN}${this.entries.length - 1}${SENTINEL_CLOSE}`;
  }

  /** Markers whose sentinels occur in `s`. */
  markersIn(s: string): MarkerEntry[] {
    const out: MarkerEntry[] = [];
    for (const m of s.matchAll(SENTINEL_RE)) {
      const e = this.entries[Number(m[1])];
      if (e) out.push(e);
    }
    return out;
  }

  /** `s` with every sentinel turned back into the marker it stands for. */
  restore(s: string): string {
    return s.includes(SENTINEL_OPEN) ? s.replace(SENTINEL_RE, (_, i: string) => this.entries[Number(i)]?.marker ?? '') : s;
  }
}

export function hasSentinel(s: string): boolean {
  return s.includes(SENTINEL_OPEN);
}

/** A key the Deploy CLI could have in its mappings (we replace only these shapes). */
const KEY = '[A-Za-z0-9_.-]+';
const SUBSTITUTE_RE = new RegExp(`(['"]?)@@(${KEY})@@\\1|##(${KEY})##`, 'g');
/** Unresolved markers as the Deploy CLI recognises them: upper-case keys only. */
const UNRESOLVED_AT = /##([A-Z0-9_]+)##|@@([A-Z0-9_]+)@@/y;

function markerAt(s: string, i: number): string | undefined {
  UNRESOLVED_AT.lastIndex = i;
  const m = UNRESOLVED_AT.exec(s);
  return m ? m[0] : undefined;
}

export interface Substituted {
  text: string;
  /** 0-based line of the substituted text → 1-based line of the original text. */
  origLine(line0: number): number;
}

/** Phase A: replace the markers the mappings resolve, exactly where the Deploy CLI would. */
export function substitute(text: string, mappings: KeywordMappings): Substituted {
  const keys = Object.keys(mappings);
  if (!keys.length || (!text.includes('@@') && !text.includes('##'))) return { text, origLine: (l) => l + 1 };
  // Each replacement that inserts k newlines shifts the following lines by k.
  const shifts: { fromLine: number; total: number }[] = [];
  let newLine = 0;
  let last = 0;
  let total = 0;
  const out = text.replace(SUBSTITUTE_RE, (match: string, _q: string, arrKey: string | undefined, strKey: string | undefined, offset: number) => {
    const key = (arrKey ?? strKey) as string;
    if (!Object.hasOwn(mappings, key)) return match;
    const value = mappings[key];
    const replacement = arrKey !== undefined ? (JSON.stringify(value) ?? 'null') : String(value);
    newLine += countNewlines(text, last, offset);
    last = offset + match.length;
    const k = countNewlines(replacement, 0, replacement.length);
    if (k) {
      total += k;
      newLine += k;
      shifts.push({ fromLine: newLine, total });
    }
    return replacement;
  });
  if (!shifts.length) return { text: out, origLine: (l) => l + 1 };
  return {
    text: out,
    origLine: (l) => {
      let shift = 0;
      for (const s of shifts) {
        if (l >= s.fromLine) shift = s.total;
        else break;
      }
      return Math.max(1, l - shift + 1);
    },
  };
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

type Sentinel = (marker: string, line0: number) => string;

/** Side files (HTML, code, liquid): unresolved markers become inline sentinels; nothing is parsed. */
export function neutralizeText(text: string, sentinel: Sentinel): string {
  if (!text.includes('##') && !text.includes('@@')) return text;
  let line = 0;
  let out = '';
  for (let i = 0; i < text.length; ) {
    const m = text.charCodeAt(i) === 35 || text.charCodeAt(i) === 64 ? markerAt(text, i) : undefined;
    if (m) {
      out += sentinel(m, line);
      i += m.length;
      continue;
    }
    if (text.charCodeAt(i) === 10) line++;
    out += text[i];
    i++;
  }
  return out;
}

export interface Neutralized {
  text: string;
  /** Deepest nesting of collections seen (bracket depth for JSON; indentation + flow for YAML). */
  depth: number;
}

/**
 * JSON: a marker inside a string becomes an inline sentinel; one outside a string (`@@KEY@@`
 * where an array was meant, `[##LIST##]`) becomes a quoted sentinel, so the file stays valid.
 * Also measures bracket depth, so deep nesting is refused before JSON.parse sees it.
 */
export function neutralizeJson(text: string, sentinel: Sentinel): Neutralized {
  let out = '';
  let line = 0;
  let inString = false;
  let depth = 0;
  let max = 0;
  const markers = text.includes('##') || text.includes('@@');
  for (let i = 0; i < text.length; ) {
    const c = text[i] as string;
    if (c === '\n') line++;
    if (markers && (c === '#' || c === '@')) {
      const m = markerAt(text, i);
      if (m) {
        const s = sentinel(m, line);
        out += inString ? s : `"${s}"`;
        i += m.length;
        continue;
      }
    }
    if (inString) {
      if (c === '\\') {
        out += text.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') max = Math.max(max, ++depth);
    else if (c === ']' || c === '}') depth--;
    out += c;
    i++;
  }
  return { text: out, depth: max };
}

const BLOCK_SCALAR_END = /(?:^\s*(?:-\s+)*|:\s+|\s-\s+)[|>][1-9+-]{0,2}\s*$/;

/**
 * YAML: a line-oriented scanner that knows enough YAML to place each unresolved marker:
 * - in a comment: left alone;
 * - inside a quoted scalar, a block scalar, or in the middle of a plain scalar not preceded by
 *   a space (`https://##TENANT##.auth0.com`): an inline sentinel;
 * - where it would start a plain scalar (`key: ##KEY##`, `- @@LIST@@`, `[##A##, b]`) or follow
 *   a space inside one (`title: Hello ##NAME##`, which YAML reads as a comment): the whole
 *   plain scalar is re-written as a double-quoted string.
 * It also estimates nesting depth (indentation levels + sequence dashes + flow brackets), so a
 * document nested deeper than the bound is refused before the YAML parser recurses into it.
 */
export function neutralizeYaml(text: string, sentinel: Sentinel): Neutralized {
  const lines = text.split('\n');
  const markers = text.includes('##') || text.includes('@@');
  let quote: '' | '"' | "'" = '';
  let flow = 0;
  let block: { indent: number } | undefined;
  const stack: number[] = [];
  let max = 0;
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li] as string;
    const inline = (s: string) => (markers ? neutralizeText(s, (m) => sentinel(m, li)) : s);
    if (block) {
      const ind = indentOf(line);
      if (line.trim() === '' || ind > block.indent) {
        lines[li] = inline(line);
        continue;
      }
      block = undefined;
    }
    const trimmed = line.trimStart();
    const indent = line.length - trimmed.length;
    if (!quote && flow === 0) {
      if (trimmed === '' || trimmed === '\r') continue;
      if (trimmed.startsWith('#') && !markerAt(trimmed, 0)) continue;
      while (stack.length && (stack[stack.length - 1] as number) >= indent) stack.pop();
      stack.push(indent);
      max = Math.max(max, stack.length + leadingDashes(trimmed));
    }
    if (!markers && !trimmed.includes('[') && !trimmed.includes('{') && !trimmed.includes('"') && !trimmed.includes("'") && quote === '') {
      if (BLOCK_SCALAR_END.test(stripComment(line))) block = { indent };
      continue;
    }
    let res = '';
    let plainStart = -1; // index in `line` where the current plain scalar started
    let plainRes = -1; // the same position in `res`
    let i = 0;
    while (i < line.length) {
      const c = line[i] as string;
      if (quote === '"') {
        if (c === '\\') {
          res += line.slice(i, i + 2);
          i += 2;
          continue;
        }
        if (c === '"') quote = '';
        else if (markers && (c === '#' || c === '@')) {
          const m = markerAt(line, i);
          if (m) {
            res += sentinel(m, li);
            i += m.length;
            continue;
          }
        }
        res += c;
        i++;
        continue;
      }
      if (quote === "'") {
        if (c === "'") {
          if (line[i + 1] === "'") {
            res += "''";
            i += 2;
            continue;
          }
          quote = '';
        } else if (markers && (c === '#' || c === '@')) {
          const m = markerAt(line, i);
          if (m) {
            res += sentinel(m, li);
            i += m.length;
            continue;
          }
        }
        res += c;
        i++;
        continue;
      }
      // Plain context.
      const m = markers && (c === '#' || c === '@') ? markerAt(line, i) : undefined;
      const start = atScalarStart(line, i);
      if (m) {
        const afterSpace = i > 0 && /\s/.test(line[i - 1] as string);
        if (start || (afterSpace && plainStart >= 0 && m.startsWith('#'))) {
          const from = start ? i : plainStart;
          const end = plainEnd(line, from, flow);
          const scalar = line.slice(from, end).trimEnd();
          if (!start) res = res.slice(0, plainRes);
          res += JSON.stringify(inline(scalar));
          i = from + scalar.length;
          plainStart = -1;
          continue;
        }
        res += sentinel(m, li);
        i += m.length;
        continue;
      }
      if (c === '#' && (i === 0 || /\s/.test(line[i - 1] as string))) {
        res += line.slice(i);
        break;
      }
      if (start && (c === '"' || c === "'")) {
        quote = c;
        plainStart = -1;
      } else if (c === '[' || c === '{') {
        if (start || flow > 0) {
          flow++;
          max = Math.max(max, stack.length + flow);
        }
        plainStart = -1;
      } else if ((c === ']' || c === '}') && flow > 0) {
        flow--;
        plainStart = -1;
      } else if (c === ',' && flow > 0) plainStart = -1;
      else if (start && !/\s/.test(c) && !(c === '-' || c === '?' || c === ':')) {
        plainStart = i;
        plainRes = res.length;
      } else if ((c === '-' || c === '?') && start && !/\s/.test(line[i + 1] ?? ' ')) {
        plainStart = i;
        plainRes = res.length;
      } else if (c === ':' && /\s|^$/.test(line[i + 1] ?? '')) plainStart = -1;
      res += c;
      i++;
    }
    lines[li] = res;
    if (!quote && flow === 0 && BLOCK_SCALAR_END.test(stripComment(res))) block = { indent };
  }
  return { text: lines.join('\n'), depth: max };
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function leadingDashes(trimmed: string): number {
  let n = 0;
  let s = trimmed;
  while (/^-(\s|$)/.test(s)) {
    n++;
    s = s.slice(1).trimStart();
  }
  return n;
}

function stripComment(line: string): string {
  // Good enough for block-scalar detection: the indicator sits before any comment.
  const i = line.search(/\s#/);
  return i >= 0 ? line.slice(0, i) : line;
}

/** Is position `i` where a scalar would begin (after indentation, `- `, `? `, `: `, `[`, `{`, `,`)? */
function atScalarStart(line: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (line[j] === ' ' || line[j] === '\t')) j--;
  if (j < 0) return true;
  const ch = line[j];
  if (ch === '[' || ch === '{' || ch === ',') return true;
  if (j === i - 1) return false;
  if (ch === ':') return true;
  if (ch === '-' || ch === '?') return j === 0 || /\s/.test(line[j - 1] as string);
  return false;
}

/** Where the plain scalar starting at `from` ends: at `: `, ` #` (not a marker), or a flow indicator. */
function plainEnd(line: string, from: number, flow: number): number {
  let j = from;
  while (j < line.length) {
    const c = line[j] as string;
    if (c === '#' || c === '@') {
      const m = markerAt(line, j);
      if (m) {
        j += m.length;
        continue;
      }
    }
    if (c === '#' && j > from && /\s/.test(line[j - 1] as string)) return j;
    if (c === ':' && (j + 1 >= line.length || /\s/.test(line[j + 1] as string))) return j;
    if (flow > 0 && (c === ',' || c === ']' || c === '}')) return j;
    if (c === '\r') return j;
    j++;
  }
  return j;
}

/**
 * A `--keyword KEY=VALUE` flag as a mapping entry. VALUE is a string, except that a value
 * starting with `[` or `{` is read as JSON (so `@@KEY@@` can splice an array or object); a value
 * that looks like JSON but does not parse stays a string. A malformed flag is a UsageError (exit 2).
 */
export function parseKeywordFlag(flag: string): [string, unknown] {
  const eq = flag.indexOf('=');
  if (eq <= 0) throw new UsageError(`--keyword ${JSON.stringify(flag)} is not KEY=VALUE`);
  const key = flag.slice(0, eq);
  const raw = flag.slice(eq + 1);
  if (!new RegExp(`^${KEY}$`).test(key)) throw new UsageError(`--keyword key ${JSON.stringify(key)} may only hold letters, digits, _ . -`);
  if (/^\s*[[{]/.test(raw)) {
    try {
      return [key, JSON.parse(raw) as unknown];
    } catch {
      return [key, raw];
    }
  }
  return [key, raw];
}
