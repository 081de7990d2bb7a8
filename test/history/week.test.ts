/**
 * A week of nightly audits of one tenant, replayed against the emulator with the built CLI and a
 * directory history: breached-password detection is turned off on night 2 and keeps failing the
 * nightly gate (known since night 2) until it is accepted on the morning of night 5; the fix on
 * night 6 is "1 fixed" (the pass shares the failure's key), never "1 new + 1 fixed".
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../support/cli.js';
import { ALL_READ_SCOPES, startEmulator } from '../emulator/server.js';
import { readFixture } from '../support/tenant.js';

const CLOCK = fileURLToPath(new URL('./fake-clock.mjs', import.meta.url));
const TOKEN = 'week-token';
const DOMAIN = readFixture('go-live-ready-b2c').domain;
const night = (n: number) => new Date(Date.parse('2026-11-01T02:00:00Z') + n * 86_400_000).toISOString();

let dir = '';
let store = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'a0r-week-'));
  store = join(dir, 'readiness-history');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function audit(n: number, breachedOn: boolean): Promise<CliRun & { report: { gate: { passed: boolean; reasons: string[] }; history?: { runId: string; regressions?: { ruleId: string; since: string; nights: number }[] } } }> {
  const fixture = readFixture('go-live-ready-b2c');
  const r = fixture.resources as Record<string, unknown>;
  r.breachedPasswordDetection = { ...((r.breachedPasswordDetection as object | undefined) ?? {}), enabled: breachedOn };
  const em = await startEmulator({ fixture, tokens: { [TOKEN]: [...ALL_READ_SCOPES] } });
  try {
    const out = join(dir, `night${n}.json`);
    const run = await runCli(
      // An Enterprise tenant: breached-password detection is on its plan, so turning it off is a regression at its own severity.
      ['audit', '--domain', fixture.domain, '--api-base-url', em.url, '--token', TOKEN, '--subscription', 'enterprise', '-q', '--history', store, '--fail-on-regression', '--format', `json:${out}`, '--format', 'console'],
      { nodeArgs: ['--import', CLOCK], env: { FAKE_NOW: night(n) } },
    );
    return { ...run, report: JSON.parse(readFileSync(out, 'utf8')) };
  } finally {
    await em.close();
  }
}

const cli = (args: string[], n: number) => runCli([...args, '--history', store], { nodeArgs: ['--import', CLOCK], env: { FAKE_NOW: night(n) } });

describe('a week of nights', { timeout: 120_000 }, () => {
  it('a regression keeps failing until accepted; the fix is 1 fixed', async () => {
    const n0 = await audit(0, true);
    expect(n0.code, n0.stderr).toBe(0);
    const n1 = await audit(1, true);
    expect(n1.code, n1.stderr).toBe(0);

    const n2 = await audit(2, false);
    expect(n2.code, n2.stdout).toBe(1);
    expect(n2.report.history?.regressions?.map((r) => [r.ruleId, r.since.slice(0, 10), r.nights])).toEqual([['attack-protection-breached-password', '2026-11-03', 1]]);

    const n3 = await audit(3, false);
    expect(n3.code).toBe(1);
    const n4 = await audit(4, false);
    expect(n4.code).toBe(1);
    expect(n4.stdout).toMatch(/attack-protection-breached-password.*known since 2026-11-03, 3 nights/);
    expect(n4.report.gate.reasons.join(' ')).toContain('since the first recorded run');

    // The morning after night 4: the gap is accepted (the latest run becomes the baseline).
    const acc = await cli(['history', 'accept', '--tenant', DOMAIN, '--by', 'alice', '--reason', 'custom breach check replaces it'], 4);
    expect(acc.code, acc.stderr).toBe(0);
    const n5 = await audit(5, false);
    expect(n5.code, n5.stdout).toBe(0);

    const n6 = await audit(6, true);
    expect(n6.code).toBe(0);
    const list = await cli(['history', 'list', '--format', 'json'], 6);
    expect(list.code, list.stderr).toBe(0);
    const runs = JSON.parse(list.stdout) as { runId: string; at: string; exitCode: number; accepted: boolean; rollup: { new: number; fixed: number } }[];
    expect(runs.map((r) => r.at.slice(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6].map((n) => night(n).slice(0, 10)));
    expect(runs.map((r) => r.exitCode)).toEqual([0, 0, 1, 1, 1, 0, 0]);
    expect(runs.map((r) => [r.rollup.new, r.rollup.fixed])).toEqual([
      [runs[0]!.rollup.new, 0],
      [0, 0],
      [1, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 1],
    ]);
    expect(runs.map((r) => r.accepted)).toEqual([false, false, false, false, true, false, false]);

        const diff = await cli(['history', 'diff', 'accepted', 'latest', '--tenant', DOMAIN], 6);
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toMatch(/0 new, 1 fixed, 0 changed/);
    expect(diff.stdout).toMatch(/fixed +attack-protection-breached-password/);
  });
});

describe('a night the tenant could not be read', { timeout: 60_000 }, () => {
  it('exit 3 records a failed run: a gap, neither a baseline nor states', async () => {
    const fixture = readFixture('go-live-ready-b2c');
    const em = await startEmulator({ fixture, tokens: { [TOKEN]: [...ALL_READ_SCOPES] } });
    const gapStore = join(dir, 'gap-history');
    try {
      const args = (token: string) => ['audit', '--domain', fixture.domain, '--api-base-url', em.url, '--token', token, '-q', '--history', gapStore, '--fail-on-regression'];
      const ok = await runCli(args(TOKEN), { nodeArgs: ['--import', CLOCK], env: { FAKE_NOW: night(0) } });
      expect(ok.code, ok.stderr).toBe(0);
      const bad = await runCli(args('revoked-token'), { nodeArgs: ['--import', CLOCK], env: { FAKE_NOW: night(1) } });
      expect(bad.code).toBe(3);
      expect(bad.stderr).not.toContain('revoked-token');
      const list = await runCli(['history', 'list', '--history', gapStore, '--format', 'json']);
      const runs = JSON.parse(list.stdout) as { exitCode: number; failed?: string; states?: unknown; rollup?: unknown }[];
      expect(runs.map((r) => [r.exitCode, !!r.failed, r.rollup === undefined])).toEqual([
        [0, false, false],
        [3, true, true],
      ]);
      expect(runs[1]?.failed).toMatch(/rejected the token/);
      // The next good night compares with the first run, not with the gap.
      const next = await runCli(args(TOKEN), { nodeArgs: ['--import', CLOCK], env: { FAKE_NOW: night(2) } });
      expect(next.code, next.stdout).toBe(0);
    } finally {
      await em.close();
    }
  });
});
