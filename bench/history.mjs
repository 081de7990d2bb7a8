#!/usr/bin/env node
/**
 * The run history's numbers (run by `npm run bench`, or alone: `node bench/history.mjs` after
 * `npm run build`). One JSON line each, then a Markdown table:
 *
 * - recording the large tenant's run (5,000 clients, ~80,000 findings) into the directory store:
 *   the first run (states in full) and a nightly run after it (states as the change), time and
 *   how much the store grew;
 * - 3 tenants × 365 nightly runs: `history trend` (HTML) and `history list` through the CLI,
 *   from the directory store and from PostgreSQL;
 * - 24 concurrent `history add` processes (a fleet of shards) into PostgreSQL: runs lost or doubled.
 *
 * PostgreSQL parts need the server binaries (/usr/lib/postgresql/15/bin or PG_BIN); without them
 * they are reported as skipped.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { syntheticTenant } from './run.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dist = (p) => pathToFileURL(join(ROOT, 'dist', p)).href;
const BIN = join(ROOT, 'bin', 'auth0-readiness.js');
const run = promisify(execFile);

const dirSize = (d) => readdirSync(d).reduce((a, f) => a + statSync(join(d, f)).size, 0);
const ms = (t0) => Math.round(performance.now() - t0);

async function cli(args, env = {}) {
  const t0 = performance.now();
  const { stdout } = await run(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, ...env }, maxBuffer: 256 * 1024 * 1024, timeout: 120_000 });
  return { ms: ms(t0), stdout };
}

/** The fastest of three runs of a command (wall time on a shared machine is mostly waiting). */
async function best(args) {
  let out;
  for (let i = 0; i < 3; i++) {
    const r = await cli(args);
    if (!out || r.ms < out.ms) out = r;
  }
  return out;
}

export async function historyBench() {
  const [{ audit }, { snapshotOf }, { openStore }, { recordReports }, pgs] = await Promise.all([
    import(dist('src/run.js')),
    import(dist('test/support/tenant.js')),
    import(dist('src/history/store.js')),
    import(dist('src/history/history.js')),
    import(dist('test/support/pg-server.js')),
  ]);
  const work = mkdtempSync(join(tmpdir(), 'a0r-bench-history-'));
  const results = {};
  const line = (k, v) => {
    results[k] = v;
    console.log(JSON.stringify({ [k]: v }));
  };
  let server;
  try {
    // 1. The large tenant.
    const large = syntheticTenant(1);
    const night = (n) => new Date(Date.parse('2026-01-01T02:00:00Z') + n * 86_400_000);
    const big = [];
    for (let n = 0; n < 3; n++) {
      const snap = snapshotOf(large);
      // Night 2: one client's callbacks changed (a small, real change).
      if (n === 2) snap.resources.clients.data[0].callbacks = ['http://insecure.example/cb'];
      const r = await audit({ source: { kind: 'snapshot', snapshot: snap }, env: 'prod', now: () => night(n) });
      r.tenant.alias = 'large';
      big.push(r);
    }
    const dir = join(work, 'large');
    const store = await openStore(dir);
    const sizes = [];
    const times = [];
    const cpuTimes = [];
    for (const r of big) {
      const before = dirSize(dir);
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      await recordReports(store, [r]);
      const c = process.cpuUsage(c0);
      times.push(ms(t0));
      cpuTimes.push(Math.round((c.user + c.system) / 1000));
      sizes.push(dirSize(dir) - before);
    }
    await store.close();
    line('recordLarge', { findings: big[0].findings.length, firstRunMs: times[0], firstRunKB: +(sizes[0] / 1024).toFixed(1), nightlyMs: Math.max(times[1], times[2]), nightlyCpuMs: Math.max(cpuTimes[1], cpuTimes[2]), nightlyKB: +(Math.max(sizes[1], sizes[2]) / 1024).toFixed(1) });

    // 2. 3 tenants × 365 nights, from a few variants of the bundled tenants.
    const { readFileSync } = await import('node:fs');
    const fixture = (name) => JSON.parse(readFileSync(join(ROOT, 'fixtures/tenants', `${name}.json`), 'utf8'));
    const variants = {};
    for (const [tenant, name] of [['dev', 'brand-new'], ['qa', 'go-live-ready-b2c'], ['prod', 'go-live-ready-b2c']]) {
      const ok = snapshotOf(fixture(name));
      const off = snapshotOf(fixture(name));
      const bpd = off.resources.breachedPasswordDetection;
      if (bpd?.ok) bpd.data = { ...bpd.data, enabled: false };
      variants[tenant] = [await audit({ source: { kind: 'snapshot', snapshot: ok }, env: 'prod' }), await audit({ source: { kind: 'snapshot', snapshot: off }, env: 'prod' })];
    }
    const reports = [];
    for (const tenant of ['dev', 'qa', 'prod']) {
      for (let n = 0; n < 365; n++) {
        const r = structuredClone(variants[tenant][n % 30 < 5 ? 1 : 0]);
        r.tenant.alias = tenant;
        r.generatedAt = night(n).toISOString();
        r.collectedAt = r.generatedAt;
        reports.push(r);
      }
    }
    const fleetDir = join(work, 'fleet');
    let t0 = performance.now();
    const fleet = await openStore(fleetDir);
    await recordReports(fleet, reports);
    await fleet.close();
    const importMs = ms(t0);
    const html = join(work, 'trend.html');
    const trendDir = await best(['history', 'trend', '--history', fleetDir, '--format', `html:${html}`]);
    const listDir = await best(['history', 'list', '--history', fleetDir]);
    const help = await best(['--help']);
    line('machine', { loadAverage1m: +loadavg()[0].toFixed(1), cpus: cpus().length, helpMs: help.ms });
    line('fleetDirectory', { runs: reports.length, importMs, storeKB: +(dirSize(fleetDir) / 1024).toFixed(1), trendHtmlMs: trendDir.ms, trendHtmlKB: +(statSync(html).size / 1024).toFixed(1), listMs: listDir.ms, listLines: listDir.stdout.trim().split('\n').length });

    if (!pgs.PG_AVAILABLE) {
      line('postgres', { skipped: pgs.PG_SKIP_REASON });
      return results;
    }
    server = await pgs.startPostgres();
    const url = await pgs.createDatabase(server, 'fleet');
    t0 = performance.now();
    const pgStore = await openStore(url);
    await recordReports(pgStore, reports);
    await pgStore.close();
    const pgImportMs = ms(t0);
    const trendPg = await best(['history', 'trend', '--history', url, '--format', `html:${html}`]);
    const listPg = await best(['history', 'list', '--history', url]);
    line('fleetPostgres', { runs: reports.length, importMs: pgImportMs, trendHtmlMs: trendPg.ms, listMs: listPg.ms, listLines: listPg.stdout.trim().split('\n').length });

    // 3. 24 shards at once, each `history add` of its own report (and again: a retried job).
    const shards = join(work, 'shards');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(shards);
    const files = Array.from({ length: 24 }, (_, i) => {
      const r = structuredClone(variants.qa[0]);
      r.tenant.alias = `shard${i}`;
      r.generatedAt = night(400).toISOString();
      const f = join(shards, `shard${i}.json`);
      writeFileSync(f, JSON.stringify(r));
      return f;
    });
    const shardUrl = await pgs.createDatabase(server, 'shards');
    t0 = performance.now();
    await Promise.all(files.flatMap((f) => [cli(['history', 'add', f, '--history', shardUrl]), cli(['history', 'add', f, '--history', shardUrl])]));
    const wall = ms(t0);
    const listed = JSON.parse((await cli(['history', 'list', '--history', shardUrl, '--format', 'json'])).stdout);
    line('concurrentPostgres', { writers: 48, wallMs: wall, runs: listed.length, distinct: new Set(listed.map((r) => r.runId)).size, expected: 24 });
    return results;
  } finally {
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

export function historyTable(r) {
  const rows = [
    ['(the machine: load average, cores; `--help` as a yardstick)', `${r.machine.loadAverage1m}, ${r.machine.cpus}; ${r.machine.helpMs} ms`, ''],
    ['record the large run, first (states in full)', `${r.recordLarge.firstRunMs} ms, +${r.recordLarge.firstRunKB} KB`, '—'],
    ['record the large run, nightly (states as the change)', `${r.recordLarge.nightlyMs} ms (CPU ${r.recordLarge.nightlyCpuMs} ms), +${r.recordLarge.nightlyKB} KB`, '< 500 ms, ≤ 100 KB'],
    ['trend HTML, 3 × 365 runs, directory', `${r.fleetDirectory.trendHtmlMs} ms`, '< 3 s'],
    ['history list, 3 × 365 runs, directory', `${r.fleetDirectory.listMs} ms`, '< 500 ms'],
    ...(r.fleetPostgres
      ? [
          ['trend HTML, 3 × 365 runs, PostgreSQL', `${r.fleetPostgres.trendHtmlMs} ms`, '< 3 s'],
          ['history list, 3 × 365 runs, PostgreSQL', `${r.fleetPostgres.listMs} ms`, '< 500 ms'],
          ['24 shards × 2 concurrent history add, PostgreSQL', `${r.concurrentPostgres.runs} runs, ${r.concurrentPostgres.distinct} distinct (of 24)`, '24, 24'],
        ]
      : [['PostgreSQL', r.postgres?.skipped ?? 'skipped', '']]),
  ];
  return ['| history | measured | target |', '| --- | --- | --- |', ...rows.map((x) => `| ${x.join(' | ')} |`)].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  historyBench()
    .then((r) => console.log(`\n${historyTable(r)}`))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
