/**
 * The small subset of the Lucene query syntax the emulator understands in `GET /logs?q=` and
 * `GET /users?q=` (Auth0's log search and user search v3 both take Lucene query strings):
 *
 *   type:"s"                      field equals a value (quoted or bare)
 *   type:("s" OR "ss")            any of several values
 *   date:[2026-11-15T00:00:00Z TO *]   ranges, inclusive `[ ]` or exclusive `{ }`, `*` open
 *   client_name:Acme*             a trailing or leading `*` wildcard; `field:*` means "has the field"
 *   a AND b, a OR b, NOT a, ( … )
 *
 * Field names may be dotted paths (`identities.connection`, `app_metadata.plan`); an array
 * matches when any of its elements does; booleans and numbers compare as their text
 * (`email_verified:false`). Values compare exactly (case-sensitive), dates by instant.
 * Anything else, including two terms side by side without an operator (whose meaning
 * differs between Lucene's default OR and Auth0's documentation), is a `LuceneSyntaxError`: the
 * emulator answers 400 rather than guess.
 */

export class LuceneSyntaxError extends Error {}

type Value = { text: string; quoted: boolean };

export type LuceneNode =
  | { kind: 'and' | 'or'; left: LuceneNode; right: LuceneNode }
  | { kind: 'not'; node: LuceneNode }
  | { kind: 'term'; field: string; values: Value[] }
  | { kind: 'range'; field: string; from: string | null; to: string | null; incFrom: boolean; incTo: boolean };

type Token =
  | { t: 'word'; v: string }
  | { t: 'quoted'; v: string }
  | { t: '(' | ')' | '[' | ']' | '{' | '}' | ':' };

function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if ('()[]{}:'.includes(c)) {
      out.push({ t: c as '(' });
      i++;
    } else if (c === '"') {
      let v = '';
      i++;
      while (i < q.length && q[i] !== '"') {
        if (q[i] === '\\' && i + 1 < q.length) i++;
        v += q[i];
        i++;
      }
      if (i >= q.length) throw new LuceneSyntaxError('unterminated quoted value');
      i++;
      out.push({ t: 'quoted', v });
    } else {
      let v = '';
      while (i < q.length && !/[\s()[\]{}"]/.test(q[i] as string) && !(q[i] === ':' && !isTimeColon(q, i, v))) {
        if (q[i] === '\\' && i + 1 < q.length) i++;
        v += q[i];
        i++;
      }
      out.push({ t: 'word', v });
    }
  }
  return out;
}

/** A colon inside a bare ISO timestamp (`2026-11-15T00:00:00Z`) belongs to the value. */
function isTimeColon(q: string, i: number, sofar: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}(:\d{2})?$/.test(sofar) && /\d/.test(q[i + 1] ?? '');
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}

  parse(): LuceneNode {
    if (this.toks.length === 0) throw new LuceneSyntaxError('empty query');
    const n = this.or();
    if (this.i < this.toks.length) {
      throw new LuceneSyntaxError(`unexpected ${describe(this.toks[this.i])}: join terms with AND or OR`);
    }
    return n;
  }

  private peek(): Token | undefined {
    return this.toks[this.i];
  }

  private isKeyword(k: string): boolean {
    const t = this.peek();
    return t?.t === 'word' && t.v === k;
  }

  private expect(t: Token['t']): Token {
    const tok = this.toks[this.i];
    if (tok?.t !== t) throw new LuceneSyntaxError(`expected ${t}, found ${describe(tok)}`);
    this.i++;
    return tok;
  }

  private or(): LuceneNode {
    let left = this.and();
    while (this.isKeyword('OR')) {
      this.i++;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): LuceneNode {
    let left = this.unary();
    while (this.isKeyword('AND')) {
      this.i++;
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): LuceneNode {
    if (this.isKeyword('NOT')) {
      this.i++;
      return { kind: 'not', node: this.unary() };
    }
    const t = this.peek();
    if (t?.t === '(') {
      this.i++;
      const n = this.or();
      this.expect(')');
      return n;
    }
    if (t?.t !== 'word' || ['AND', 'OR', 'TO'].includes(t.v)) throw new LuceneSyntaxError(`unexpected ${describe(t)}`);
    this.i++;
    if (this.peek()?.t !== ':') throw new LuceneSyntaxError(`"${t.v}" has no field: write field:value`);
    this.i++;
    return this.fieldValue(t.v);
  }

  private fieldValue(field: string): LuceneNode {
    const t = this.peek();
    if (t?.t === '(') {
      this.i++;
      const values = [this.value()];
      while (this.isKeyword('OR')) {
        this.i++;
        values.push(this.value());
      }
      this.expect(')');
      return { kind: 'term', field, values };
    }
    if (t?.t === '[' || t?.t === '{') {
      this.i++;
      const from = this.value();
      if (!this.isKeyword('TO')) throw new LuceneSyntaxError('a range needs TO');
      this.i++;
      const to = this.value();
      const close = this.peek();
      if (close?.t !== ']' && close?.t !== '}') throw new LuceneSyntaxError('unterminated range');
      this.i++;
      const open = (v: Value) => (!v.quoted && v.text === '*' ? null : v.text);
      return { kind: 'range', field, from: open(from), to: open(to), incFrom: t.t === '[', incTo: close.t === ']' };
    }
    return { kind: 'term', field, values: [this.value()] };
  }

  private value(): Value {
    const t = this.peek();
    if (t?.t === 'quoted') {
      this.i++;
      return { text: t.v, quoted: true };
    }
    if (t?.t === 'word' && !['AND', 'OR', 'NOT', 'TO'].includes(t.v)) {
      this.i++;
      return { text: t.v, quoted: false };
    }
    throw new LuceneSyntaxError(`expected a value, found ${describe(t)}`);
  }
}

function describe(t: Token | undefined): string {
  if (!t) return 'end of query';
  return t.t === 'word' || t.t === 'quoted' ? `"${t.v}"` : `"${t.t}"`;
}

export function parseLucene(q: string): LuceneNode {
  return new Parser(tokenize(q)).parse();
}

/** Values at a dotted path; arrays are flattened, so any element can match. */
function valuesAt(record: unknown, path: string): unknown[] {
  let cur: unknown[] = [record];
  for (const part of path.split('.')) {
    const next: unknown[] = [];
    for (const c of cur) {
      const items = Array.isArray(c) ? c : [c];
      for (const x of items) {
        if (x && typeof x === 'object' && !Array.isArray(x) && part in x) next.push((x as Record<string, unknown>)[part]);
      }
    }
    cur = next;
  }
  return cur.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => v !== undefined && v !== null);
}

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function matchValue(actual: string, want: Value): boolean {
  if (want.quoted || !want.text.includes('*')) return actual === want.text;
  if (want.text === '*') return true;
  const re = new RegExp(`^${want.text.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(actual);
}

function compare(a: string, b: string): number {
  const da = Date.parse(a);
  const db = Date.parse(b);
  if (/^\d{4}-\d{2}-\d{2}/.test(a) && /^\d{4}-\d{2}-\d{2}/.test(b) && !Number.isNaN(da) && !Number.isNaN(db)) return da - db;
  const na = Number(a);
  const nb = Number(b);
  if (a.trim() !== '' && b.trim() !== '' && !Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function matches(node: LuceneNode, record: unknown): boolean {
  switch (node.kind) {
    case 'and':
      return matches(node.left, record) && matches(node.right, record);
    case 'or':
      return matches(node.left, record) || matches(node.right, record);
    case 'not':
      return !matches(node.node, record);
    case 'term': {
      const actual = valuesAt(record, node.field).map(text).filter((v): v is string => v !== undefined);
      return actual.some((a) => node.values.some((w) => matchValue(a, w)));
    }
    case 'range': {
      const actual = valuesAt(record, node.field).map(text).filter((v): v is string => v !== undefined);
      return actual.some((a) => {
        if (node.from !== null) {
          const c = compare(a, node.from);
          if (c < 0 || (c === 0 && !node.incFrom)) return false;
        }
        if (node.to !== null) {
          const c = compare(a, node.to);
          if (c > 0 || (c === 0 && !node.incTo)) return false;
        }
        return true;
      });
    }
  }
}
