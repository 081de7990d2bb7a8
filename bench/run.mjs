#!/usr/bin/env node
/**
 * `npm run bench`: the live collector against a synthetic large tenant served by the emulator at
 * 15 requests/s with bursts of 50, under each rate-limit scenario of issue 13 (both readings of
 * `x-ratelimit-reset`, the tenant's own application taking 5 req/s, a hidden per-minute bucket),
 * with `--rate-reserve 0`, and with 5% injected 5xx; then offline evaluation of one snapshot.
 * Builds first (`npm run build`). One JSON line per scenario, then a Markdown table; with
 * `--json <file>` also to that file. docs/benchmarks.md has the numbers.
 *
 *   npm run bench                        # scale 0.3 (1,500 clients, 300 connections, …), ~5 min
 *   npm run bench -- --scale 1           # the full 5,000-client tenant (~20 min; per-minute alone ~6 min)
 *   npm run bench -- --only per-minute   # some scenarios, comma-separated (see SCENARIOS)
 *   npm run bench -- --parallel          # all scenarios at once: quick, but on a busy machine CPU, not the
 *                                        # rate limit, binds (wall / floor is then meaningless)
 *   npm run bench -- --json out.json     # also write the numbers as JSON
 *   npm run bench -- --only history      # only the run history's numbers (bench/history.mjs); --no-history skips them
 *   npm run bench -- --only frameworks   # only what framework views and policies cost (bench/frameworks.mjs)
 *
 * The auditor runs in a child process (its own RSS, its own event loop); the emulators in this one.
 * Each scenario has its own emulator (its own rate limit) and is killed past 3 × its floor.
 */
import { execFileSync, fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dist = (p) => pathToFileURL(join(ROOT, 'dist', p)).href;
const RATE = 15;
const BURST = 50;
const PAGE = 100;

// ---------------------------------------------------------------------------------------------
// The synthetic tenant: the bundled `large` fixture, scaled up deterministically.

const id = (prefix, s, n = 16) => `${prefix}${createHash('sha256').update(s).digest('base64url').replace(/[-_]/g, 'x').slice(0, n)}`;

function scaleTo(items, n, make) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(make(structuredClone(items[i % items.length]), i));
  return out;
}

export function syntheticTenant(scale = 1) {
  const base = JSON.parse(readFileSync(join(ROOT, 'fixtures/tenants/large.json'), 'utf8'));
  const r = base.resources;
  const n = (x) => Math.max(1, Math.round(x * scale));
  const clients = scaleTo(r.clients, n(5000), (c, i) => ({ ...c, client_id: id('', `client:${i}`, 32), name: `${c.name} #${i}` }));
  const connections = scaleTo(r.connections, n(1000), (c, i) => ({ ...c, id: id('con_', `con:${i}`), name: `${c.name}-${i}` }));
  const connectionClients = Object.fromEntries(
    connections.map((c, i) => [c.id, Array.from({ length: (i * 7) % 13 }, (_, j) => clients[(i * 31 + j) % clients.length].client_id)]),
  );
  const actions = scaleTo(r.actions, n(300), (a, i) => ({ ...a, id: id('act_', `act:${i}`), name: `${a.name} ${i}` }));
  const organizations = scaleTo(r.organizations, n(200), (o, i) => ({ ...o, id: id('org_', `org:${i}`), name: `${o.name}-${i}` }));
  const srcOrg = Object.keys(r.organizationConnections);
  const pick = (map, i) => structuredClone(map[srcOrg[i % srcOrg.length]] ?? []);
  const organizationConnections = Object.fromEntries(organizations.map((o, i) => [o.id, pick(r.organizationConnections, i)]));
  const organizationMembers = Object.fromEntries(organizations.map((o, i) => [o.id, { count: i % 5 === 0 ? 0 : 20, more: false }]));
  const organizationDiscoveryDomains = Object.fromEntries(organizations.map((o, i) => [o.id, pick(r.organizationDiscoveryDomains, i)]));
  const resourceServers = scaleTo(r.resourceServers, n(100), (s, i) => (i === 0 ? s : { ...s, id: id('', `rs:${i}`, 24), identifier: `https://api.bench.example/s${i}`, name: `API ${i}` }));
  return {
    ...base,
    description: `Synthetic large tenant for the benchmark (scale ${scale})`,
    memberTotals: undefined,
    resources: { ...r, clients, connections, connectionClients, actions, organizations, organizationConnections, organizationMembers, organizationDiscoveryDomains, resourceServers },
  };
}

/** The fewest requests a complete read of this tenant can take, from the registry and the fetchers. */
export function minimumRequests(fixture, keys, emailTemplateNames) {
  const r = fixture.resources;
  const pages = (n) => Math.max(1, Math.ceil(n / PAGE));
  const len = (k) => (Array.isArray(r[k]) ? r[k].length : 0);
  const per = {};
  for (const k of keys) {
    switch (k) {
      case 'emailTemplates': per[k] = emailTemplateNames.length; break;
      case 'promptsCustomText': per[k] = 3 * Math.max(1, r.tenantSettings?.enabled_locales?.length ?? 0); break;
      case 'clients': case 'connections': case 'actions': case 'postLoginBindings': case 'organizations': case 'resourceServers':
      case 'clientGrants': case 'roles': case 'rules': case 'hooks': case 'scimConfigurations': case 'selfServiceProfiles':
      case 'forms': case 'networkAcls': case 'eventStreams':
        per[k] = pages(len(k)); break;
      case 'connectionClients': per[k] = (r.connections ?? []).reduce((s, c) => s + pages((r.connectionClients?.[c.id] ?? []).length), 0); break;
      case 'rolePermissions': per[k] = (r.roles ?? []).reduce((s, x) => s + pages((r.rolePermissions?.[x.id] ?? []).length), 0); break;
      case 'organizationConnections': case 'organizationDiscoveryDomains':
        per[k] = (r.organizations ?? []).reduce((s, o) => s + pages((r[k]?.[o.id] ?? []).length), 0); break;
      case 'organizationMembers': per[k] = (r.organizations ?? []).length; break;
      case 'logEvents': per[k] = 3; break;
      case 'usersSample': per[k] = 2; break;
      default: per[k] = 1;
    }
  }
  return { total: Object.values(per).reduce((a, b) => a + b, 0), per };
}

// ---------------------------------------------------------------------------------------------
// Child: the auditor.

async function child(mode, arg, out) {
  const t0 = performance.now();
  if (mode === 'live') {
    const { collect } = await import(dist('src/sources/management-api/collect.js'));
    const { resourcesFor, selectRules } = await import(dist('src/run.js'));
    const { domain, pacing } = JSON.parse(process.env.BENCH_INFO);
    let first429 = null;
    let requestsSeen = 0;
    const { snapshot, stats, usage } = await collect({
      credentials: { domain, clientId: 'bench-client', clientSecret: 'bench-secret' },
      resources: resourcesFor(selectRules({})),
      apiBaseUrl: new URL(arg),
      ...pacing,
      onEvent: (e) => {
        if (e.type === 'request') requestsSeen++;
        if (e.type === 'response' && e.status === 429 && first429 === null) first429 = requestsSeen;
      },
    });
    const wallMs = performance.now() - t0;
    writeFileSync(out, JSON.stringify(snapshot));
    const notOk = Object.entries(snapshot.resources).filter(([, v]) => !v.ok).map(([k, v]) => `${k}: ${v.detail}`);
    process.send({ wallMs, stats, usage, notOk, first429, maxRssMb: process.resourceUsage().maxRSS / 1024 });
  } else {
    const { audit } = await import(dist('src/run.js'));
    const text = readFileSync(arg, 'utf8');
    const rssBefore = process.memoryUsage().rss;
    const t1 = performance.now();
    const snapshot = JSON.parse(text);
    const report = await audit({ source: { kind: 'snapshot', snapshot } });
    const evalMs = performance.now() - t1;
    process.send({ evalMs, findings: report.findings.length, maxRssMb: process.resourceUsage().maxRSS / 1024, rssBeforeMb: rssBefore / 2 ** 20, snapshotMb: text.length / 2 ** 20 });
  }
}

function runChild(args, env, timeoutMs = 15 * 60_000) {
  return new Promise((resolve, reject) => {
    const p = fork(fileURLToPath(import.meta.url), ['--child', ...args], { env: { ...process.env, ...env } });
    let msg;
    // Every scenario is bounded: a child past its time is killed and reported as timed out.
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('message', (m) => (msg = m));
    p.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0 && msg) resolve(msg);
      else reject(new Error(signal === 'SIGKILL' ? `timed out after ${Math.round(timeoutMs / 1000)} s` : `child exited ${code}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Parent.

/**
 * The scenarios of issue 13 (each a Management API double with other rate-limit behaviour), the
 * pacer with `--rate-reserve 0` (the speed before the reserve), and 5% injected 5xx.
 * `perMinute` is hidden from the headers; `productionRps` is the tenant's own application.
 */
const SCENARIOS = {
  'reset-full': { label: 'x-ratelimit-reset = time the bucket is full', rateLimit: { reset: 'full' } },
  'reset-next-second': { label: 'x-ratelimit-reset = the next second', rateLimit: { reset: 'next-second' } },
  production: { label: "the tenant's own app taking 5 of the 15 req/s, reset = next second", rateLimit: { reset: 'next-second', productionRps: 5 } },
  'per-minute': { label: 'a hidden per-minute bucket (300/min) beside the per-second one', rateLimit: { reset: 'full', perMinute: 300 } },
  'reserve-0': { label: '--rate-reserve 0 (reset = full): the speed before the reserve', rateLimit: { reset: 'full' }, pacing: { reservePercent: 0 } },
  faults: { label: '5% injected 503s (reset = full)', rateLimit: { reset: 'full' }, faults: { errorRate: 0.05, seed: 1 } },
};

/**
 * The floor: the fewest seconds any client could take for `n` requests with the capacity left to
 * it: every bucket spent down to the reserve (the visible one; a hidden one cannot be seen, so all
 * of it), then each bucket's refill net of the tenant's own traffic; the binding bucket decides.
 */
export function floorSeconds(n, { reservePercent = 20, rateLimit = {} } = {}) {
  const prod = rateLimit.productionRps ?? 0;
  const visible = (n - (BURST - Math.ceil((BURST * reservePercent) / 100))) / (RATE - prod);
  const hidden = rateLimit.perMinute ? (n - rateLimit.perMinute) / (rateLimit.perMinute / 60 - prod) : 0;
  return Math.max(0, visible, hidden);
}

async function main() {
  const { values } = parseArgs({
    options: {
      child: { type: 'boolean' },
      scale: { type: 'string', default: '0.3' },
      only: { type: 'string' },
      parallel: { type: 'boolean' },
      'no-build': { type: 'boolean' },
      'no-offline': { type: 'boolean' },
      'no-history': { type: 'boolean' },
      json: { type: 'string' },
    },
    allowPositionals: true,
    strict: false,
  });
  const positionals = process.argv.slice(3);
  if (values.child) return child(positionals[0], positionals[1], positionals[2]);
  if (!values['no-build']) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  // The run history (bench/history.mjs): recording, trend and list, concurrent writers.
  const history = async () => {
    const { historyBench, historyTable } = await import('./history.mjs');
    const r = await historyBench();
    console.log(`\n${historyTable(r)}`);
    return r;
  };
  if (values.only === 'history') {
    const r = await history();
    if (values.json) writeFileSync(values.json, `${JSON.stringify({ history: r }, null, 2)}\n`);
    return;
  }
  // Framework views and organisation policies (bench/frameworks.mjs): their cost on the large tenant.
  const frameworks = async () => {
    const { frameworksBench, frameworksTable } = await import('./frameworks.mjs');
    const r = await frameworksBench();
    console.log(`\n${frameworksTable(r)}`);
    return r;
  };
  if (values.only === 'frameworks') {
    const r = await frameworks();
    if (values.json) writeFileSync(values.json, `${JSON.stringify({ frameworks: r }, null, 2)}\n`);
    return;
  }

  const { startEmulator } = await import(dist('test/emulator/server.js'));
  const { resourcesFor, selectRules } = await import(dist('src/run.js'));
  const { EMAIL_TEMPLATE_NAMES } = await import(dist('src/snapshot/resources.js'));
  const scale = Number(values.scale);
  const fixture = syntheticTenant(scale);
  const keys = resourcesFor(selectRules({}));
  const min = minimumRequests(fixture, keys, EMAIL_TEMPLATE_NAMES);
  const counts = Object.fromEntries(['clients', 'connections', 'actions', 'organizations', 'resourceServers'].map((k) => [k, fixture.resources[k].length]));
  const names = values.only ? values.only.split(',') : Object.keys(SCENARIOS);
  for (const n of names) if (!SCENARIOS[n]) throw new Error(`--only ${n}: no such scenario (${Object.keys(SCENARIOS).join(', ')})`);
  console.log(`tenant (scale ${scale}): ${JSON.stringify(counts)}; ${keys.length} resources; minimum ${min.total} API requests (+1 token POST); ${RATE}/s, burst ${BURST}; ${names.length} scenario(s), ${values.parallel ? 'concurrently (each its own emulator and rate limit)' : 'one after the other'}`);

  const dir = mkdtempSync(join(tmpdir(), 'a0r-bench-'));
  const results = { scale, counts, resources: keys.length, minimumRequests: min.total, minimumPerResource: min.per, concurrent: !!values.parallel, runs: {} };
  const runOne = async (name) => {
    const sc = SCENARIOS[name];
    const reservePercent = sc.pacing?.reservePercent ?? 20;
    const floorS = floorSeconds(min.total, { reservePercent, rateLimit: sc.rateLimit });
    const em = await startEmulator({ fixture, clientId: 'bench-client', clientSecret: 'bench-secret', rateLimit: { perSecond: RATE, burst: BURST, ...sc.rateLimit }, faults: sc.faults ?? {} });
    const snapFile = join(dir, `${name}.json`);
    try {
      const live = await runChild(['live', em.url, snapFile], { BENCH_INFO: JSON.stringify({ domain: fixture.domain, pacing: sc.pacing ?? {} }) }, Math.max(60, floorS * 3) * 1000);
      const api = em.requests.filter((r) => r.path.startsWith('/api/v2'));
      const byUrl = new Map();
      for (const r of api) {
        if (r.status !== 200) continue;
        const k = `${r.path}?${JSON.stringify(r.query)}`;
        byUrl.set(k, (byUrl.get(k) ?? 0) + 1);
      }
      const rl = em.rateLimit;
      const warnings = rl.events.filter((e) => e.type === 'api_limit_warning');
      const run = {
        label: sc.label,
        apiRequests: api.length,
        minimum: min.total,
        injected5xx: em.faults.errors,
        r429: api.filter((r) => r.status === 429).length,
        apiLimitWarnings: warnings.length,
        warningsByBucket: Object.fromEntries(['second', 'minute'].map((b) => [b, warnings.filter((w) => w.bucket === b).length])),
        warningsAt: warnings.map((w) => ({ bucket: w.bucket, by: w.by, s: Math.round((w.at - em.requests[0].at) / 100) / 10 })),
        productionRefused: rl.productionRefused,
        productionServed: rl.productionServed,
        duplicates: [...byUrl.values()].filter((v) => v > 1).length,
        // The collection itself (token request included), without the child's start-up.
        wallS: live.usage.durationMs / 1000,
        floorS,
        wallOverFloor: live.usage.durationMs / 1000 / floorS,
        // The child's whole run, module loading included (what the bench measured before issue 13).
        childWallS: live.wallMs / 1000,
        peakRssMb: live.maxRssMb,
        notOk: live.notOk,
        source: live.usage,
      };
      results.runs[name] = run;
      console.log(`${name}: ${JSON.stringify(run)}`);
    } catch (e) {
      results.runs[name] = { label: sc.label, error: String(e?.message ?? e) };
      console.log(`${name}: FAILED: ${e?.message ?? e}`);
    } finally {
      await em.close();
    }
  };
  try {
    if (values.parallel) await Promise.all(names.map(runOne));
    else for (const n of names) await runOne(n);
    const snap = names.map((n) => join(dir, `${n}.json`)).find((f) => existsSync(f));
    if (!values['no-offline'] && snap) {
      const off = await runChild(['offline', snap]);
      results.offline = off;
      console.log(`offline: ${JSON.stringify(off)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('\n| scenario | wall / floor | 429s | api_limit_warning | production requests refused | duplicate fetches | requests / minimum |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const n of names) {
    const r = results.runs[n];
    if (r.error) console.log(`| ${r.label} | ${r.error} | | | | | |`);
    else console.log(`| ${r.label} | ${r.wallOverFloor.toFixed(2)} (${r.wallS.toFixed(1)} s / ${r.floorS.toFixed(1)} s) | ${r.r429} | ${r.apiLimitWarnings}${r.warningsByBucket.minute ? ` (${r.warningsByBucket.minute} of the hidden bucket)` : ''} | ${r.productionRps ?? (SCENARIOS[n].rateLimit.productionRps ? r.productionRefused : '—')} | ${r.duplicates} | ${r.apiRequests} / ${r.minimum} |`);
  }
  // The CLI's cold start (issue 11: --help, rules, explain, catalog under 300 ms median).
  if (!values.only) {
    const cold = execFileSync(process.execPath, [join(ROOT, 'bench', 'cold-start.mjs')], { encoding: 'utf8' });
    process.stdout.write(cold);
    results.coldStart = cold.trim().split('\n').map((l) => JSON.parse(l));
  }
  if (!values.only && !values['no-history']) results.history = await history();
  if (!values.only) results.frameworks = await frameworks();
  if (values.json) {
    writeFileSync(values.json, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`wrote ${values.json}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
