/**
 * The embedded history store: a directory of append-only JSON-lines files, `runs.jsonl` (one run
 * a line) and `accepted.jsonl` (one acceptance a line), plus `FORMAT`. Writers on one machine take
 * a lock directory (`.lock`, created atomically by mkdir) around check-then-append, so concurrent
 * audits neither lose nor duplicate a run. A line cut short by a crash is ignored on read. Easy to
 * keep as a CI cache, an artifact or a git branch. Only `prune` rewrites the files (atomically).
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { AcceptanceSchema, RunRecordSchema, type Acceptance, type RunRecord } from './record.js';
import type { HistoryStore, RunFilter } from './store.js';

const FORMAT = { format: 'auth0-readiness-history', version: 1 };
const LOCK_WAIT_MS = 30_000;
const LOCK_STALE_MS = 120_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class DirectoryStore implements HistoryStore {
  private constructor(
    private readonly dir: string,
    readonly description: string,
  ) {}

  static open(dir: string): DirectoryStore {
    try {
      mkdirSync(dir, { recursive: true });
      const fmt = join(dir, 'FORMAT');
      if (existsSync(fmt)) {
        const f = JSON.parse(readFileSync(fmt, 'utf8')) as { format?: unknown; version?: unknown };
        if (f.format !== FORMAT.format) throw new ConfigError(`--history ${dir}: not an auth0-readiness history directory (FORMAT)`);
        if (f.version !== FORMAT.version) throw new ConfigError(`--history ${dir}: history format ${String(f.version)}, this version reads ${FORMAT.version}`);
      } else writeFileSync(fmt, `${JSON.stringify(FORMAT)}\n`, { flag: 'wx' });
    } catch (e) {
      if (e instanceof ConfigError) throw e;
      const code = (e as { code?: string }).code;
      if (code === 'EEXIST') return new DirectoryStore(dir, dir);
      throw new ConfigError(`--history ${dir}: cannot use the directory (${code ?? (e instanceof Error ? e.message : String(e))})`);
    }
    return new DirectoryStore(dir, dir);
  }

  private get runsFile() {
    return join(this.dir, 'runs.jsonl');
  }
  private get acceptedFile() {
    return join(this.dir, 'accepted.jsonl');
  }

  private async locked<T>(fn: () => T): Promise<T> {
    const lock = join(this.dir, '.lock');
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (let attempt = 0; ; attempt++) {
      try {
        mkdirSync(lock);
        break;
      } catch (e) {
        if ((e as { code?: string }).code !== 'EEXIST') throw e;
        try {
          if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
        } catch {
          /* released meanwhile */
        }
        if (Date.now() > deadline) throw new ConfigError(`--history ${this.dir}: another writer has held ${lock} for ${LOCK_WAIT_MS / 1000} s`);
        await sleep(Math.min(100, 5 + attempt * 5));
      }
    }
    try {
      return fn();
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }

  private readLines<T>(file: string, parse: (v: unknown) => T): T[] {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as { code?: string }).code === 'ENOENT') return [];
      throw e;
    }
    const lines = text.split('\n');
    // The last element is '' after a complete final line, or a line cut short by a crash.
    lines.pop();
    return lines.flatMap((line, i) => {
      if (!line) return [];
      try {
        return [parse(JSON.parse(line))];
      } catch (e) {
        throw new ConfigError(`--history ${this.dir}: ${file.slice(this.dir.length + 1)} line ${i + 1} is not a valid record (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
      }
    });
  }

  private allRuns(): RunRecord[] {
    const seen = new Set<string>();
    const out = this.readLines(this.runsFile, (v) => RunRecordSchema.parse(v)).filter((r) => !seen.has(r.runId) && seen.add(r.runId));
    return out.sort((a, b) => (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0));
  }

  /** The run ids in the file, read without parsing whole records (a record's runId comes second). */
  private runIds(): Set<string> {
    let text: string;
    try {
      text = readFileSync(this.runsFile, 'utf8');
    } catch (e) {
      if ((e as { code?: string }).code === 'ENOENT') return new Set();
      throw e;
    }
    const ids = new Set<string>();
    for (const m of text.matchAll(/^\{"v":\d+,"runId":"([^"]+)"/gm)) if (m[1]) ids.add(m[1]);
    return ids;
  }

  async add(runs: readonly RunRecord[]): Promise<string[]> {
    if (!runs.length) return [];
    return this.locked(() => {
      const have = this.runIds();
      const fresh = runs.filter((r) => !have.has(r.runId) && have.add(r.runId));
      if (fresh.length) appendFileSync(this.runsFile, fresh.map((r) => `${JSON.stringify(RunRecordSchema.parse(r))}\n`).join(''));
      return fresh.map((r) => r.runId);
    });
  }

  async runs(filter: RunFilter = {}): Promise<RunRecord[]> {
    const tenants = filter.tenants?.length ? new Set(filter.tenants) : undefined;
    return this.allRuns().filter((r) => (!tenants || tenants.has(r.tenant.id)) && (!filter.since || r.at >= filter.since));
  }

  async latest(tenant: string): Promise<RunRecord | undefined> {
    return (await this.runs({ tenants: [tenant] })).filter((r) => !r.failed).at(-1);
  }

  async accept(a: Acceptance): Promise<void> {
    await this.locked(() => appendFileSync(this.acceptedFile, `${JSON.stringify(AcceptanceSchema.parse(a))}\n`));
  }

  async acceptances(): Promise<Acceptance[]> {
    return this.readLines(this.acceptedFile, (v) => AcceptanceSchema.parse(v));
  }

  async rewrite(remove: readonly string[], replace: readonly RunRecord[]): Promise<void> {
    const gone = new Set(remove);
    const by = new Map(replace.map((r) => [r.runId, r]));
    await this.locked(() => {
      const kept = this.allRuns()
        .filter((r) => !gone.has(r.runId))
        .map((r) => by.get(r.runId) ?? r);
      const tmp = `${this.runsFile}.${process.pid}.tmp`;
      writeFileSync(tmp, kept.map((r) => `${JSON.stringify(r)}\n`).join(''));
      renameSync(tmp, this.runsFile);
    });
  }

  async close(): Promise<void> {}
}
