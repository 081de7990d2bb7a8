#!/usr/bin/env node
/**
 * Cold start of the built CLI: the median wall time of `--help`, `rules`, `explain`, `catalog`
 * (commands that never read a tenant) over N runs each, beside a bare `node -e 0`, and the CPU
 * time (user + system) of the same commands (from separate runs that report their own usage), which
 * a busy machine inflates less than wall time.
 *
 *   node bench/cold-start.mjs              # 15 runs per command
 *   node bench/cold-start.mjs --runs 30 --json out.json
 *
 * Run from `npm run bench` after the build. The target (issue 11): every command < 300 ms median.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' }, json: { type: 'string' } } });
const RUNS = Math.max(3, Number(values.runs));
const BIN = fileURLToPath(new URL('../bin/auth0-readiness.js', import.meta.url));

const commands = [
  ['node -e 0', ['-e', '0']],
  ['--help', [BIN, '--help']],
  ['rules', [BIN, 'rules']],
  ['explain custom-domain-ready', [BIN, 'explain', 'custom-domain-ready']],
  ['catalog', [BIN, 'catalog']],
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// /usr/bin/time is not everywhere: measure CPU from the child's own resource usage instead.
const cpuProbe = 'process.on("exit",()=>{const u=process.resourceUsage();process.stderr.write("\\nCPU_US "+(u.userCPUTime+u.systemCPUTime)+"\\n")})';

const rows = [];
for (const [name, args] of commands) {
  const wall = [];
  const cpu = [];
  for (let i = 0; i < RUNS + 1; i++) {
    // Wall time of the command as a user runs it (the first run warms the file cache).
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${name}: exit ${r.status}: ${r.stderr}`);
    if (i > 0) wall.push(ms);
    // CPU time, from a second run that reports its own resource usage on exit.
    const p = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(cpuProbe)}`, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const m = /CPU_US (\d+)/.exec(p.stderr);
    if (i > 0 && m) cpu.push(Number(m[1]) / 1000);
  }
  rows.push({ command: name, runs: RUNS, medianWallMs: Math.round(median(wall)), minWallMs: Math.round(Math.min(...wall)), medianCpuMs: Math.round(median(cpu)) });
}
for (const r of rows) console.log(JSON.stringify({ scenario: 'cold-start', ...r }));
if (values.json) writeFileSync(values.json, `${JSON.stringify(rows, null, 2)}\n`);
