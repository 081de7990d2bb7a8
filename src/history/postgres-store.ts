/**
 * The PostgreSQL history store, for teams and fleets: the same runs and acceptances as the
 * directory store, through node-postgres. The schema is versioned: MIGRATIONS apply in order, each
 * once, recorded in `readiness_schema_migrations`, under an advisory lock so that many shards
 * starting at once migrate once. A run id is the primary key: recording it twice changes nothing.
 */
import pg, { type PoolClient } from 'pg';
import { SourceError } from '../errors.js';
import { AcceptanceSchema, RunRecordSchema, type Acceptance, type RunRecord } from './record.js';
import { describeStore, scrub, type HistoryStore, type RunFilter } from './store.js';

/** Schema migrations, in order; never edit one that has shipped, add the next. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE readiness_runs (
     run_id text PRIMARY KEY,
     tenant text NOT NULL,
     at text NOT NULL,
     failed boolean NOT NULL,
     record jsonb NOT NULL,
     states jsonb
   );
   CREATE TABLE readiness_acceptances (
     id bigserial PRIMARY KEY,
     tenant text NOT NULL,
     run_id text NOT NULL,
     accepted_by text NOT NULL,
     reason text NOT NULL,
     at text NOT NULL
   );`,
  `CREATE INDEX readiness_runs_tenant ON readiness_runs (tenant, run_id);
   CREATE INDEX readiness_acceptances_tenant ON readiness_acceptances (tenant, id);`,
];

/** An arbitrary constant: the advisory lock that serialises migrations. */
const MIGRATION_LOCK = 0x61307264;

export class PostgresStore implements HistoryStore {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly spec: string,
    readonly description: string,
  ) {}

  static async open(spec: string): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: spec, max: 4, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 1_000 });
    // An idle client's error (the server going away) must not crash the process.
    pool.on('error', () => undefined);
    const store = new PostgresStore(pool, spec, describeStore(spec));
    try {
      await store.migrate();
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw new SourceError(`--history ${store.description}: cannot use the PostgreSQL store (${scrub(e instanceof Error ? e.message : String(e), spec)})`);
    }
    return store;
  }

  private async migrate(): Promise<void> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await c.query('CREATE TABLE IF NOT EXISTS readiness_schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      const { rows } = await c.query<{ v: number | null }>('SELECT max(version) AS v FROM readiness_schema_migrations');
      const have = rows[0]?.v ?? 0;
      if (have > MIGRATIONS.length) throw new Error(`schema version ${have} is newer than this version of auth0-readiness knows (${MIGRATIONS.length})`);
      for (let v = have + 1; v <= MIGRATIONS.length; v++) {
        await c.query(MIGRATIONS[v - 1] as string);
        await c.query('INSERT INTO readiness_schema_migrations (version) VALUES ($1)', [v]);
      }
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }

  private async query<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(text, values);
    } catch (e) {
      throw new SourceError(`--history ${this.description}: ${scrub(e instanceof Error ? e.message : String(e), this.spec)}`);
    }
  }

  /** Run `fn` in one transaction on one connection: committed whole, or rolled back with a scrubbed error. */
  private async transaction<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
    const fail = (e: unknown) => new SourceError(`--history ${this.description}: ${scrub(e instanceof Error ? e.message : String(e), this.spec)}`);
    const c = await this.pool.connect().catch((e: unknown) => {
      throw fail(e);
    });
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw fail(e);
    } finally {
      c.release();
    }
  }

  async add(runs: readonly RunRecord[]): Promise<string[]> {
    if (!runs.length) return [];
    return this.transaction(async (c) => {
      const added: string[] = [];
      for (const r of runs) {
        const { states, ...rest } = r;
        const res = await c.query<{ run_id: string }>(
          'INSERT INTO readiness_runs (run_id, tenant, at, failed, record, states) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (run_id) DO NOTHING RETURNING run_id',
          [r.runId, r.tenant.id, r.at, !!r.failed, JSON.stringify(rest), states ? JSON.stringify(states) : null],
        );
        if (res.rows[0]) added.push(res.rows[0].run_id);
      }
      return added;
    });
  }

  private static toRun(row: { record: unknown; states: unknown }): RunRecord {
    return RunRecordSchema.parse({ ...(row.record as object), ...(row.states ? { states: row.states } : {}) });
  }

  async runs(filter: RunFilter = {}): Promise<RunRecord[]> {
    const where: string[] = [];
    const values: unknown[] = [];
    if (filter.tenants?.length) {
      values.push([...filter.tenants]);
      where.push(`tenant = ANY($${values.length})`);
    }
    if (filter.since) {
      values.push(filter.since);
      where.push(`at >= $${values.length}`);
    }
    const { rows } = await this.query<{ record: unknown; states: unknown }>(
      `SELECT record, states FROM readiness_runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY run_id COLLATE "C"`,
      values,
    );
    return rows.map(PostgresStore.toRun);
  }

  async latest(tenant: string): Promise<RunRecord | undefined> {
    const { rows } = await this.query<{ record: unknown; states: unknown }>(
      'SELECT record, states FROM readiness_runs WHERE tenant = $1 AND NOT failed ORDER BY run_id COLLATE "C" DESC LIMIT 1',
      [tenant],
    );
    return rows[0] ? PostgresStore.toRun(rows[0]) : undefined;
  }

  async accept(a: Acceptance): Promise<void> {
    const v = AcceptanceSchema.parse(a);
    await this.query('INSERT INTO readiness_acceptances (tenant, run_id, accepted_by, reason, at) VALUES ($1, $2, $3, $4, $5)', [v.tenant, v.runId, v.by, v.reason, v.at]);
  }

  async acceptances(): Promise<Acceptance[]> {
    const { rows } = await this.query<{ tenant: string; run_id: string; accepted_by: string; reason: string; at: string }>(
      'SELECT tenant, run_id, accepted_by, reason, at FROM readiness_acceptances ORDER BY id',
    );
    return rows.map((r) => AcceptanceSchema.parse({ v: 1, tenant: r.tenant, runId: r.run_id, by: r.accepted_by, reason: r.reason, at: r.at }));
  }

  async rewrite(remove: readonly string[], replace: readonly RunRecord[]): Promise<void> {
    await this.transaction(async (c) => {
      if (remove.length) await c.query('DELETE FROM readiness_runs WHERE run_id = ANY($1)', [[...remove]]);
      for (const r of replace) {
        const { states, ...rest } = r;
        await c.query('UPDATE readiness_runs SET record = $2, states = $3 WHERE run_id = $1', [r.runId, JSON.stringify(rest), states ? JSON.stringify(states) : null]);
      }
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
