#!/usr/bin/env node
/**
 * `npm run bench`: the live collector against a synthetic large tenant served by the emulator at
 * 15 requests/s with bursts of 50, with and without 5% injected 5xx; then offline evaluation of
 * the same snapshot. Builds first (`npm run build`). Numbers go to stdout, one JSON line per
 * scenario, and with `--json <file>` to that file.
 *
 *   npm run bench                      # full: 5,000 clients, 1,000 connections, … (~4 min)
 *   npm run bench -- --scale 0.2       # a smaller tenant, same shape (quick check)
 *   npm run bench -- --only clean      # one scenario (clean | faults)
 *   npm run bench -- --json out.json   # also write the numbers as JSON
 *
 * The auditor runs in a child process (its own RSS, its own event loop); the emulator in this one.
 */
import { execFileSync, fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
    const { domain } = JSON.parse(process.env.BENCH_INFO);
    let first429 = null;
    let requestsSeen = 0;
    const { snapshot, stats } = await collect({
      credentials: { domain, clientId: 'bench-client', clientSecret: 'bench-secret' },
      resources: resourcesFor(selectRules({})),
      apiBaseUrl: new URL(arg),
      onEvent: (e) => {
        if (e.type === 'request') requestsSeen++;
        if (e.type === 'response' && e.status === 429 && first429 === null) first429 = requestsSeen;
      },
    });
    const wallMs = performance.now() - t0;
    writeFileSync(out, JSON.stringify(snapshot));
    const notOk = Object.entries(snapshot.resources).filter(([, v]) => !v.ok).map(([k, v]) => `${k}: ${v.detail}`);
    process.send({ wallMs, stats, notOk, first429, maxRssMb: process.resourceUsage().maxRSS / 1024 });
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

function runChild(args, env) {
  return new Promise((resolve, reject) => {
    const p = fork(fileURLToPath(import.meta.url), ['--child', ...args], { env: { ...process.env, ...env } });
    let msg;
    p.on('message', (m) => (msg = m));
    p.on('exit', (code) => (code === 0 && msg ? resolve(msg) : reject(new Error(`child exited ${code}`))));
  });
}

// ---------------------------------------------------------------------------------------------
// Parent.

async function main() {
  const { values } = parseArgs({
    options: { child: { type: 'boolean' }, scale: { type: 'string', default: '1' }, only: { type: 'string' }, 'no-build': { type: 'boolean' }, json: { type: 'string' } },
    allowPositionals: true,
    strict: false,
  });
  const positionals = process.argv.slice(3);
  if (values.child) return child(positionals[0], positionals[1], positionals[2]);
  if (!values['no-build']) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });

  const { startEmulator } = await import(dist('test/emulator/server.js'));
  const { resourcesFor, selectRules } = await import(dist('src/run.js'));
  const { EMAIL_TEMPLATE_NAMES } = await import(dist('src/snapshot/resources.js'));
  const scale = Number(values.scale);
  const fixture = syntheticTenant(scale);
  const keys = resourcesFor(selectRules({}));
  const min = minimumRequests(fixture, keys, EMAIL_TEMPLATE_NAMES);
  const floorS = Math.max(0, min.total - BURST) / RATE;
  const counts = Object.fromEntries(['clients', 'connections', 'actions', 'organizations', 'resourceServers'].map((k) => [k, fixture.resources[k].length]));
  console.log(`tenant: ${JSON.stringify(counts)}; ${keys.length} resources; minimum ${min.total} API requests (+1 token POST); floor ${floorS.toFixed(1)} s at ${RATE}/s after a burst of ${BURST}`);

  const dir = mkdtempSync(join(tmpdir(), 'a0r-bench-'));
  const results = { scale, counts, resources: keys.length, minimumRequests: min.total, minimumPerResource: min.per, floorS, runs: {} };
  try {
    const scenarios = [
      ['clean', {}],
      ['faults', { errorRate: 0.05, seed: 1 }],
    ].filter(([name]) => !values.only || values.only === name);
    for (const [name, faults] of scenarios) {
      const em = await startEmulator({ fixture, clientId: 'bench-client', clientSecret: 'bench-secret', rateLimit: { perSecond: RATE, burst: BURST }, faults });
      const snapFile = join(dir, `${name}.json`);
      try {
        const live = await runChild(['live', em.url, snapFile], { BENCH_INFO: JSON.stringify({ domain: fixture.domain }) });
        const api = em.requests.filter((r) => r.path.startsWith('/api/v2'));
        const byUrl = new Map();
        for (const r of api) if (r.status === 200) byUrl.set(`${r.path}?${JSON.stringify(r.query)}`, (byUrl.get(`${r.path}?${JSON.stringify(r.query)}`) ?? 0) + 1);
        const duplicates = [...byUrl.values()].filter((v) => v > 1).length;
        const r429 = api.filter((r) => r.status === 429);
        const after = r429.filter((r) => api.indexOf(r) >= BURST).length;
        const run = {
          apiRequests: api.length,
          successful: api.filter((r) => r.status === 200 || r.status === 404).length,
          injected5xx: em.faults.errors,
          r429: r429.length,
          r429AfterBurst: after,
          duplicates,
          wallS: live.wallMs / 1000,
          wallOverFloor: live.wallMs / 1000 / floorS,
          peakRssMb: live.maxRssMb,
          notOk: live.notOk,
        };
        results.runs[name] = run;
        console.log(`${name}: ${JSON.stringify(run)}`);
        if (name === 'clean' || !results.offline) {
          const off = await runChild(['offline', snapFile]);
          results.offline = off;
          console.log(`offline: ${JSON.stringify(off)}`);
        }
      } finally {
        await em.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (values.json) {
    writeFileSync(values.json, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`wrote ${values.json}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
