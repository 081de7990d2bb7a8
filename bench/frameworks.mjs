#!/usr/bin/env node
/**
 * What framework views and organisation policies cost (run by `npm run bench`, or alone:
 * `npm run bench -- --only frameworks`, after `npm run build`). On the synthetic large tenant
 * (5,000 clients, 1,000 connections, …; bench/run.mjs), offline, in this process:
 *
 * - the audit alone, with every shipped framework profile (6), and with the three example policies
 *   (one a `matches` over every client's callbacks) — the median of 7 interleaved runs each;
 * - a policy whose pattern backtracks catastrophically in a backtracking engine (`(a+)+$`) over
 *   5,000 clients each with a 5,000-character hostile callback: RE2 runs it in linear time.
 *
 * One JSON line each, then a Markdown table (docs/benchmarks.md has the numbers).
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { syntheticTenant } from './run.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dist = (p) => pathToFileURL(join(ROOT, 'dist', p)).href;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function frameworksBench() {
  const [{ audit }, { snapshotOf }, { rules }, { resolveFramework, shippedFrameworks }, { loadPolicyFile, parsePolicies }] = await Promise.all([
    import(dist('src/run.js')),
    import(dist('test/support/tenant.js')),
    import(dist('rules/index.js')),
    import(dist('src/frameworks/load.js')),
    import(dist('src/policies/load.js')),
  ]);
  const large = syntheticTenant(1);
  const snapshot = snapshotOf(large);
  const now = () => new Date('2026-12-01T00:00:00Z');
  const builtinIds = new Set(rules.map((r) => r.id));
  const profiles = shippedFrameworks(rules).flatMap((f) => f.file.profiles.map((p) => resolveFramework(p.id, { cwd: ROOT, rules })));
  const examples = ['callbacks-on-company-domains', 'application-owner', 'database-connections-hardened'].flatMap((n) => loadPolicyFile(`examples/policies/${n}.yaml`, ROOT, { builtinIds }).map((p) => p.rule));
  const results = { clients: large.resources.clients.length, connections: large.resources.connections.length, profiles: profiles.length, requirements: profiles.reduce((a, p) => a + p.requirements.length, 0), policies: examples.length, cpus: cpus().length, load: Number(loadavg()[0].toFixed(1)) };
  const line = (k, v) => {
    results[k] = v;
    console.log(JSON.stringify({ [k]: v }));
  };
  // Interleaved (base, frameworks, policies, base, …) so drift in the machine's load hits all three alike.
  const variants = { auditMs: {}, withFrameworksMs: { frameworks: profiles }, withPoliciesMs: { rules: [...rules, ...examples] } };
  const times = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  const last = {};
  for (let i = 0; i < 7; i++) {
    for (const [k, opts] of Object.entries(variants)) {
      const t0 = performance.now();
      last[k] = await audit({ source: { kind: 'snapshot', snapshot }, now, ...opts });
      times[k].push(performance.now() - t0);
    }
  }
  for (const k of Object.keys(variants)) line(k, Math.round(median(times[k])));
  line('frameworkRequirementsJudged', last.withFrameworksMs.frameworks.reduce((a, f) => a + f.requirements.length, 0));
  line('policyFindings', last.withPoliciesMs.findings.filter((f) => f.ruleId.startsWith('org/')).length);

  // A hostile pattern and hostile data: linear in RE2, exponential in a backtracking engine.
  const [hostile] = parsePolicies(
    "policies:\n  - id: org/hostile\n    title: Hostile pattern\n    severity: advice\n    resource: clients\n    assert:\n      every: { path: callbacks, matches: '^(a+)+$' }\n",
    'hostile.yaml',
    { builtinIds },
  );
  // Twice the input length, twice the time (linear), where a backtracking engine would never return.
  for (const len of [5000, 10000]) {
    const evil = snapshotOf(large);
    for (const c of evil.resources.clients.data) c.callbacks = [`${'a'.repeat(len)}!`];
    const t0 = performance.now();
    const r = await audit({ source: { kind: 'snapshot', snapshot: evil }, now, rules: [hostile.rule] });
    line(`hostilePattern${len}Ms`, Math.round(performance.now() - t0));
    if (r.findings.length !== evil.resources.clients.data.length) throw new Error('the hostile policy did not judge every client');
  }
  return results;
}

export function frameworksTable(r) {
  return [
    `Frameworks and policies on the synthetic tenant (${r.clients} clients, ${r.connections} connections; ${r.cpus} CPUs, load ${r.load}), offline, median of 7 interleaved runs:`,
    '',
    '| run | ms |',
    '| --- | --- |',
    `| audit | ${r.auditMs} |`,
    `| + ${r.profiles} framework profiles (${r.frameworkRequirementsJudged} requirements) | ${r.withFrameworksMs} |`,
    `| + ${r.policies} example policies (${r.policyFindings} findings) | ${r.withPoliciesMs} |`,
    `| \`^(a+)+$\` over ${r.clients} hostile 5,001-character callbacks (RE2) | ${r.hostilePattern5000Ms} |`,
    `| the same, 10,001-character callbacks | ${r.hostilePattern10000Ms} |`,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await frameworksBench();
  console.log(`\n${frameworksTable(r)}`);
}
