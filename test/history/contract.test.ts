/**
 * One contract, two stores: the directory store and the PostgreSQL store (a real server the
 * suite starts and stops: test/support/pg-server.ts) must behave the same.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedByTenant, baselineOf, planPrune, recordReports, regressionsAgainst, statesOfRun } from '../../src/history/history.js';
import { failedRecordOf, statesOf } from '../../src/history/record.js';
import { openStore, type HistoryStore } from '../../src/history/store.js';
import { breachedOff, nightly } from './reports.js';
import { createDatabase, PG_SKIP_REASON, startPostgres, type PgServer } from '../support/pg-server.js';

const BREACHED = 'attack-protection-breached-password';

interface Backend {
  name: string;
  available: boolean;
  /** A fresh, empty store spec. */
  fresh(label: string): Promise<string>;
  /** Everything the store holds, as text (to look for what must never be there). */
  dump(spec: string): Promise<string>;
}

let server: PgServer | undefined;
let dirRoot = '';
let n = 0;

const backends: Backend[] = [
  {
    name: 'directory',
    available: true,
    fresh: async (label) => join(dirRoot, `${label}-${n++}`),
    dump: async (spec) => readdirSync(spec).map((f) => readFileSync(join(spec, f), 'utf8')).join('\n'),
  },
  {
    name: 'postgresql',
    available: !PG_SKIP_REASON,
    fresh: async (label) => createDatabase(server as PgServer, `${label.replace(/[^a-z0-9]/g, '_')}_${n++}`),
    dump: async (spec) => {
      const c = new pg.Client({ connectionString: spec });
      await c.connect();
      try {
        const tables = (await c.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'")).rows.map((r) => r.t);
        const parts: string[] = [];
        for (const t of tables) parts.push(JSON.stringify((await c.query(`SELECT * FROM "${t}"`)).rows));
        return parts.join('\n');
      } finally {
        await c.end();
      }
    },
  },
];

beforeAll(async () => {
  dirRoot = mkdtempSync(join(tmpdir(), 'a0r-history-'));
  if (!PG_SKIP_REASON) server = await startPostgres();
}, 120_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dirRoot, { recursive: true, force: true });
});

for (const b of backends) {
  describe.skipIf(!b.available)(`history store contract: ${b.name}${b.available ? '' : ` (skipped: ${PG_SKIP_REASON})`}`, { timeout: 60_000 }, () => {
    let store: HistoryStore;
    let spec = '';
    const open = async (label: string) => {
      spec = await b.fresh(label);
      store = await openStore(spec);
      return store;
    };
    const close = () => store.close();

    it('records a run once: the same report twice, or again from another writer, changes nothing', async () => {
      await open('idempotent');
      try {
        const r0 = await nightly(0, 'prod');
        const first = await recordReports(store, [r0]);
        expect(first.map((x) => x.added)).toEqual([true]);
        const again = await recordReports(store, [r0]);
        expect(again.map((x) => x.added)).toEqual([false]);
        const other = await openStore(spec);
        try {
          expect((await recordReports(other, [r0]))[0]?.added).toBe(false);
        } finally {
          await other.close();
        }
        const runs = await store.runs();
        expect(runs).toHaveLength(1);
        expect(runs[0]?.runId).toBe(first[0]?.record.runId);
        expect(runs[0]?.runId).toMatch(/^20261101T020000Z-prod-[0-9a-f]{10}$/);
      } finally {
        await close();
      }
    });

    it('keeps one state per finding key; a later run is a change from its parent and replays to the same states', async () => {
      await open('states');
      try {
        const reports = [await nightly(0, 'prod'), await nightly(1, 'prod', breachedOff), await nightly(2, 'prod')];
        await recordReports(store, reports);
        const runs = await store.runs({ tenants: ['prod'] });
        expect(runs.map((r) => r.at)).toEqual(reports.map((r) => r.generatedAt));
        expect(runs[0]?.states && 'full' in runs[0].states).toBe(true);
        expect(runs[1]?.parent).toBe(runs[0]?.runId);
        for (const [i, r] of runs.entries()) {
          const want = new Map(statesOf(reports[i]!).map((s) => [s[0], s]));
          expect(statesOfRun(runs, r.runId)).toEqual(want);
        }
        // The night the regression came: 1 new; the night after it was fixed: 1 fixed, same key.
        expect(runs[1]?.rollup).toMatchObject({ new: 1, fixed: 0 });
        expect(runs[2]?.rollup).toMatchObject({ new: 0, fixed: 1 });
        const d1 = runs[1]?.states && 'set' in runs[1].states ? runs[1].states : undefined;
        expect(d1?.set.map((s) => s[0])).toEqual([expect.stringMatching(new RegExp(`^${BREACHED}\\|`))]);
        const failing = (i: number) => Object.values(runs[i]?.rollup?.findings.fail ?? {}).reduce((a, x) => a + x, 0);
        expect(failing(1)).toBe(failing(0) + 1);
        expect(failing(2)).toBe(failing(0));
      } finally {
        await close();
      }
    });

    it('filters by tenant and time, and keeps runs of several tenants apart', async () => {
      await open('filter');
      try {
        await recordReports(store, [await nightly(0, 'dev'), await nightly(0, 'prod'), await nightly(1, 'prod'), await nightly(2, 'dev')]);
        expect((await store.runs({ tenants: ['prod'] })).map((r) => r.tenant.id)).toEqual(['prod', 'prod']);
        expect((await store.runs({ since: '2026-11-02T00:00:00.000Z' })).map((r) => `${r.tenant.id}@${r.at.slice(0, 10)}`)).toEqual(['prod@2026-11-02', 'dev@2026-11-03']);
        expect((await store.latest('dev'))?.at).toBe('2026-11-03T02:00:00.000Z');
        expect(await store.latest('nobody')).toBeUndefined();
      } finally {
        await close();
      }
    });

    it('a failed run is a gap with no states, never a baseline or the latest', async () => {
      await open('failed');
      try {
        await recordReports(store, [await nightly(0, 'prod')]);
        const failed = failedRecordOf({ id: 'prod', alias: 'prod', domain: 'acme-prod.example', env: 'prod' }, 3, 'the Management API rejected the token (HTTP 401)', new Date('2026-11-02T02:00:00Z'));
        expect(await store.add([failed])).toEqual([failed.runId]);
        expect(await store.add([failed])).toEqual([]);
        const runs = await store.runs();
        expect(runs.map((r) => !!r.failed)).toEqual([false, true]);
        expect(runs[1]?.states).toBeUndefined();
        expect((await store.latest('prod'))?.failed).toBeUndefined();
      } finally {
        await close();
      }
    });

    it('acceptances: the last one of a tenant is its baseline; until then the first run is', async () => {
      await open('accept');
      try {
        const recs = await recordReports(store, [await nightly(0, 'prod'), await nightly(1, 'prod', breachedOff), await nightly(2, 'prod', breachedOff)]);
        let runs = await store.runs({ tenants: ['prod'] });
        const current = new Map(statesOf(await nightly(3, 'prod', breachedOff)).map((s) => [s[0], s]));
        const first = baselineOf(runs, acceptedByTenant(await store.acceptances()).get('prod'));
        expect(first?.kind).toBe('first');
        const regs = regressionsAgainst(runs, first!, current, '2026-11-04T02:00:00.000Z');
        expect(regs.map((r) => [r.ruleId, r.since.slice(0, 10), r.nights])).toEqual([[BREACHED, '2026-11-02', 3]]);
        await store.accept({ v: 1, tenant: 'prod', runId: recs[2]!.record.runId, by: 'alice', reason: 'moving to a custom breach check', at: '2026-11-04T09:00:00.000Z' });
        runs = await store.runs({ tenants: ['prod'] });
        const acc = baselineOf(runs, acceptedByTenant(await store.acceptances()).get('prod'));
        expect(acc).toMatchObject({ kind: 'accepted', acceptance: { by: 'alice' } });
        expect(regressionsAgainst(runs, acc!, current, '2026-11-04T02:00:00.000Z')).toEqual([]);
      } finally {
        await close();
      }
    });

    it('prune keeps the newest N per tenant and the accepted baseline, and the rest still replays', async () => {
      await open('prune');
      try {
        const reports = [];
        for (let i = 0; i < 6; i++) reports.push(await nightly(i, 'prod', ...(i % 2 ? [breachedOff] : [])));
        reports.push(await nightly(0, 'dev'));
        const recs = await recordReports(store, reports);
        await store.accept({ v: 1, tenant: 'prod', runId: recs[1]!.record.runId, by: 'bob', reason: 'known', at: '2026-11-03T00:00:00.000Z' });
        const before = await store.runs();
        const plan = planPrune(before, acceptedByTenant(await store.acceptances()), { keepRuns: 2 });
        await store.rewrite(plan.remove, plan.replace);
        const after = await store.runs();
        expect(after.filter((r) => r.tenant.id === 'prod').map((r) => r.at.slice(0, 10))).toEqual(['2026-11-02', '2026-11-05', '2026-11-06']);
        expect(after.filter((r) => r.tenant.id === 'dev')).toHaveLength(1);
        for (const r of after) {
          const i = reports.findIndex((x) => x.generatedAt === r.at && (x.tenant.alias ?? '') === r.tenant.id);
          expect(statesOfRun(after.filter((x) => x.tenant.id === r.tenant.id), r.runId)).toEqual(new Map(statesOf(reports[i]!).map((s) => [s[0], s])));
        }
      } finally {
        await close();
      }
    });

    it('24 concurrent writers lose no run and duplicate none', async () => {
      const s = await b.fresh('concurrent');
      const reports = await Promise.all(Array.from({ length: 24 }, (_, i) => nightly(i % 3, `shard${i}`)));
      await Promise.all(
        reports.map(async (r) => {
          const w = await openStore(s);
          try {
            // Each writer records its run twice, as a retried CI job would.
            await recordReports(w, [r]);
            await recordReports(w, [r]);
          } finally {
            await w.close();
          }
        }),
      );
      const check = await openStore(s);
      try {
        const runs = await check.runs();
        expect(runs).toHaveLength(24);
        expect(new Set(runs.map((r) => r.runId)).size).toBe(24);
      } finally {
        await check.close();
      }
    });

    it('no finding message or value reaches the store', async () => {
      await open('secrets');
      try {
        const r = await nightly(0, 'prod');
        const planted = 'Zq-planted-value-X9v';
        r.findings = r.findings.map((f, i) => (i < 5 ? { ...f, message: `${f.message} ${planted}`, value: { secret: planted } } : f));
        await recordReports(store, [r]);
        const raw = await b.dump(spec);
        expect(raw.length).toBeGreaterThan(100);
        expect(raw).not.toContain(planted);
        expect(raw).not.toContain(r.findings[0]!.message.slice(0, 30));
        if (server) expect(raw).not.toContain(server.password);
      } finally {
        await close();
      }
    });
  });
}

describe.skipIf(!!PG_SKIP_REASON)('the PostgreSQL store: schema and errors', { timeout: 60_000 }, () => {
  it('migrates once, versioned, however many open it at once', async () => {
    const spec = await createDatabase(server as PgServer, `migrate_${n++}`);
    const stores = await Promise.all(Array.from({ length: 6 }, () => openStore(spec)));
    await Promise.all(stores.map((s) => s.close()));
    const c = new pg.Client({ connectionString: spec });
    await c.connect();
    try {
      const { rows } = await c.query<{ version: number }>('SELECT version FROM readiness_schema_migrations ORDER BY version');
      const { MIGRATIONS } = await import('../../src/history/postgres-store.js');
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    } finally {
      await c.end();
    }
  });

  it('a wrong password: exit 3, one line, the password never in it', async () => {
    const bad = (server as PgServer).url.replace(encodeURIComponent((server as PgServer).password), 'Wr0ngPassw0rd-xyz');
    const e = await openStore(bad).then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toMatchObject({ exitCode: 3 });
    const msg = (e as Error).message;
    expect(msg.split('\n')).toHaveLength(1);
    expect(msg).not.toContain('Wr0ngPassw0rd-xyz');
    expect(msg).toContain('***');
  });
});
