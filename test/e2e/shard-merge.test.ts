/**
 * End to end, a fleet split across workers: `audit --all --shard i/n` against the dev, QA and prod
 * emulators (the multi-tenant e2e fixtures), then `merge` of the shard reports must equal one
 * `audit --all` over the same tenants, minus timestamps — matrix, cross-tenant checks and drift.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../support/cli.js';
import { mergeReports, readMergeInput } from '../../src/multi/merge.js';
import { MultiReportSchema } from '../../src/multi/report.js';
import type { Emulator } from '../emulator/server.js';
import { ACME_ENV, startAcmeFleet } from '../multi/acme.js';

const ENV = ACME_ENV;

type Run = CliRun;
function cli(args: string[], cwd: string, env: Record<string, string> = ENV): Promise<Run> {
  return runCli(args, { cwd, env });
}

/** The report without its timestamps (each run reads the tenants at its own time). */
function untimed(text: string): unknown {
  // Timestamps, and what each live read measured of the rate limit (durations, learned refill):
  // properties of one run, not of the tenants.
  const measured = (k: string, v: unknown) => k === 'source' && typeof v === 'object' && v !== null && 'requests' in v;
  return JSON.parse(text, (k, v: unknown) => (k === 'generatedAt' || k === 'collectedAt' || measured(k, v) ? undefined : v));
}

describe('audit --all --shard i/n, then merge', () => {
  let ems: Emulator[] = [];
  let dir: string;
  let all: Run;
  beforeAll(async () => {
    const fleet = await startAcmeFleet();
    ems = fleet.ems;
    dir = mkdtempSync(join(tmpdir(), 'shard-e2e-'));
    const config = {
      failOn: 'warning',
      tenants: fleet.tenants,
      attestations: fleet.attestations,
      drift: { ignore: ['connections/*/disable_signup'] },
    };
    writeFileSync(join(dir, 'auth0-readiness.config.json'), JSON.stringify(config, null, 2));
    all = await cli(['audit', '--all', '--format', 'json'], dir);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(ems.map((e) => e.close()));
  });

  it('--all fails the gate on the cross-tenant warnings (the baseline for the comparison)', () => {
    expect(all.stderr).toBe('');
    expect(all.code).toBe(1);
    const r = MultiReportSchema.parse(JSON.parse(all.stdout));
    expect(r.crossTenant.filter((f) => f.status === 'fail').map((f) => f.ruleId)).toEqual(['X-02', 'X-04', 'X-06', 'X-08']);
    // drift.ignore of the config applied: only the missing client is drift.
    expect(r.drift?.entries.map((e) => e.path)).toEqual(['clients/Acme Mobile']);
    expect(Object.keys(r.facts ?? {})).toEqual(['dev', 'qa', 'prod']);
  });

  it('merge of 3 shards equals --all over the same tenants, minus timestamps', async () => {
    const shards = await Promise.all([1, 2, 3].map((i) => cli(['audit', '--all', '--shard', `${i}/3`, '--format', `json:shard-${i}.json`], dir)));
    for (const s of shards) expect(s.stderr).toBe('');
    const read = (i: number) => MultiReportSchema.parse(JSON.parse(readFileSync(join(dir, `shard-${i}.json`), 'utf8')));
    // Each shard read only its own tenant and ran no cross-tenant check.
    expect([1, 2, 3].map((i) => read(i).tenants.map((t) => t.tenant.alias))).toEqual([['dev'], ['qa'], ['prod']]);
    expect([1, 2, 3].map((i) => read(i).crossTenant)).toEqual([[], [], []]);
    expect(read(2).shard).toEqual({ index: 2, count: 3, of: ['dev', 'qa', 'prod'] });
    // Given in any order.
    const merged = await cli(['merge', 'shard-3.json', 'shard-1.json', 'shard-2.json', '--format', 'json'], dir);
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(all.code);
    expect(untimed(merged.stdout)).toEqual(untimed(all.stdout));
  }, 60_000);

  it('merge of 2 uneven shards restores config order; renders Markdown and HTML', async () => {
    await Promise.all([1, 2].map((i) => cli(['audit', '--all', '--shard', `${i}/2`, '--format', `json:two-${i}.json`], dir)));
    expect(MultiReportSchema.parse(JSON.parse(readFileSync(join(dir, 'two-1.json'), 'utf8'))).tenants.map((t) => t.tenant.alias)).toEqual(['dev', 'prod']);
    const merged = await cli(['merge', 'two-2.json', 'two-1.json', '--format', 'json', '--format', 'markdown:fleet.md', '--format', 'html:fleet.html'], dir);
    expect(untimed(merged.stdout)).toEqual(untimed(all.stdout));
    const md = readFileSync(join(dir, 'fleet.md'), 'utf8');
    expect(md).toMatch(/\| Milestone \| dev \(dev\) \| qa \(qa\) \| prod \(prod\) \|/);
    expect(md).toContain('| X-02 | fail | warning |');
    expect(readFileSync(join(dir, 'fleet.html'), 'utf8')).toContain('X-04 drift: qa → prod');
  }, 60_000);

  it('a Kubernetes Indexed Job pod: --shard k8s/3 takes its index from JOB_COMPLETION_INDEX', async () => {
    const pod = await cli(['audit', '--all', '--shard', 'k8s/3', '--format', 'json'], dir, { ...ENV, JOB_COMPLETION_INDEX: '2' });
    const r = MultiReportSchema.parse(JSON.parse(pod.stdout));
    expect(r.shard).toMatchObject({ index: 3, count: 3 });
    expect(r.tenants.map((t) => t.tenant.alias)).toEqual(['prod']);
  }, 60_000);

  it('merge of per-tenant --tenant reports equals --all too', async () => {
    await Promise.all(['dev', 'qa', 'prod'].map((a) => cli(['audit', '--tenant', a, '--format', `json:${a}.json`], dir)));
    const merged = mergeReports(['dev.json', 'qa.json', 'prod.json'].map((f) => readMergeInput(join(dir, f))), { driftIgnore: ['connections/*/disable_signup'] });
    expect(untimed(JSON.stringify(merged))).toEqual(untimed(all.stdout));
  }, 60_000);

  it('refuses a partial or inconsistent set (exit 2, one line)', async () => {
    const merge = (...files: string[]) => () => mergeReports(files.map((f) => readMergeInput(join(dir, f))));
    expect(merge('shard-1.json', 'shard-1.json', 'shard-2.json', 'shard-3.json')).toThrow('merge: tenant dev is in both');
    expect(merge('shard-1.json', 'two-2.json')).toThrow('a shard of a different split');
    expect(merge('shard-1.json', 'qa.json', 'prod.json')).toThrow('is not a shard report but others are');
    writeFileSync(join(dir, 'single.json'), JSON.stringify(JSON.parse(all.stdout).tenants[0]));
    expect(merge('single.json')).toThrow('a single-tenant report');
    const old = JSON.parse(readFileSync(join(dir, 'qa.json'), 'utf8'));
    delete old.facts;
    writeFileSync(join(dir, 'old.json'), JSON.stringify(old));
    expect(merge('old.json')).toThrow('no cross-tenant facts for qa');
    const missing = await cli(['merge', 'shard-1.json', 'shard-3.json'], dir);
    expect([missing.code, missing.stderr]).toEqual([2, 'auth0-readiness: merge: shard(s) 2/3 missing; the fleet report needs every shard\n']);
    const bad = await cli(['audit', '--all', '--shard', '4/3'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^auth0-readiness: --shard 4\/3: give <index>\/<count>/);
  }, 60_000);
});
