/**
 * The history store contract, shared by the directory store (the embedded default) and the
 * PostgreSQL store. Both keep the same records: runs (src/history/record.ts) and acceptances.
 * `--history <store>`: a directory path, or a `postgres://` / `postgresql://` URL. A URL's
 * password is never printed: `describeStore` masks it, and errors go through `scrub`.
 */
import { UsageError } from '../errors.js';
import type { Acceptance, RunRecord } from './record.js';

export interface RunFilter {
  tenants?: readonly string[];
  /** Runs at or after this ISO time. */
  since?: string;
}

export interface HistoryStore {
  /** What the store is, for messages: a path, or a URL without its password. */
  readonly description: string;
  /** Record runs; a run id already present is skipped. Returns the ids newly added. */
  add(runs: readonly RunRecord[]): Promise<string[]>;
  /** Runs, oldest first (by run id). */
  runs(filter?: RunFilter): Promise<RunRecord[]>;
  /** The latest run of one tenant that has states (not a failed run). */
  latest(tenant: string): Promise<RunRecord | undefined>;
  accept(a: Acceptance): Promise<void>;
  /** Every acceptance, oldest first; the last one of a tenant is its baseline. */
  acceptances(): Promise<Acceptance[]>;
  /** Remove runs and replace others (a run whose parent was removed becomes full). */
  rewrite(remove: readonly string[], replace: readonly RunRecord[]): Promise<void>;
  close(): Promise<void>;
}

export const isPostgresUrl = (s: string) => /^postgres(ql)?:\/\//i.test(s);

/** A store for messages: a URL's password masked. */
export function describeStore(spec: string): string {
  if (!isPostgresUrl(spec)) return spec;
  try {
    const u = new URL(spec);
    if (u.password) u.password = '***';
    u.searchParams.delete('password');
    return u.toString();
  } catch {
    return 'postgres://(invalid URL)';
  }
}

/** A message with every secret of the store spec (a URL password) removed. */
export function scrub(message: string, spec: string): string {
  if (!isPostgresUrl(spec)) return message;
  const secrets: string[] = [];
  try {
    const u = new URL(spec);
    if (u.password) secrets.push(u.password, decodeURIComponent(u.password));
    const p = u.searchParams.get('password');
    if (p) secrets.push(p);
  } catch {
    /* an unparsable URL is refused before it is used */
  }
  let out = message.split(spec).join(describeStore(spec));
  for (const s of secrets) if (s) out = out.split(s).join('***');
  return out;
}

export async function openStore(spec: string): Promise<HistoryStore> {
  if (!spec.trim()) throw new UsageError('--history: empty store; give a directory or a postgres:// URL');
  if (isPostgresUrl(spec)) {
    let u: URL;
    try {
      u = new URL(spec);
    } catch {
      throw new UsageError(`--history ${describeStore(spec)}: not a valid PostgreSQL URL (postgres://user:password@host:port/database)`);
    }
    if (!u.hostname && !u.searchParams.get('host')) throw new UsageError(`--history ${describeStore(spec)}: the URL names no host`);
    const { PostgresStore } = await import('./postgres-store.js');
    return PostgresStore.open(spec);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) throw new UsageError(`--history ${describeStore(spec)}: unknown store; give a directory or a postgres:// URL`);
  const { DirectoryStore } = await import('./dir-store.js');
  return DirectoryStore.open(spec);
}
