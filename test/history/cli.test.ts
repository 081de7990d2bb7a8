/**
 * The `history` commands through the built CLI: recording saved reports (idempotent), list, trend
 * formats, metrics, prune, and flag validation like every other flag (one line, exit 2; a store
 * that cannot be reached: exit 3; a password in the store URL never printed).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { breachedOff, nightly } from './reports.js';

let dir = '';
let store = '';
const files: string[] = [];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'a0r-history-cli-'));
  store = join(dir, 'store');
  for (let n = 0; n < 4; n++) {
    const f = join(dir, `night${n}.json`);
    writeFileSync(f, JSON.stringify(await nightly(n, 'prod', ...(n === 2 ? [breachedOff] : []))));
    files.push(f);
  }
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const oneLine = (stderr: string) => expect(stderr.trim().split('\n')).toHaveLength(1);

describe('history commands', { timeout: 60_000 }, () => {
  it('add records saved reports once: importing the folder twice changes nothing', async () => {
    const a = await runCli(['history', 'add', ...files, '--history', store]);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stderr).toContain('4 run(s) recorded, 0 already there');
    const before = readFileSync(join(store, 'runs.jsonl'), 'utf8');
    const b = await runCli(['history', 'add', ...files.reverse(), '--history', store]);
    expect(b.stderr).toContain('0 run(s) recorded, 4 already there');
    expect(readFileSync(join(store, 'runs.jsonl'), 'utf8')).toBe(before);
    const list = await runCli(['history', 'list', '--history', store, '--format', 'json']);
    const runs = JSON.parse(list.stdout) as { tenant: { id: string }; rollup: { new: number; fixed: number } }[];
    expect(runs.map((r) => [r.rollup.new > 0 && r.rollup.fixed === 0 ? 'new' : r.rollup.fixed ? 'fixed' : '-'])).toEqual([['new'], ['-'], ['new'], ['fixed']]);
    const text = await runCli(['history', 'list', '--history', store, '--tenant', 'prod']);
    expect(text.stdout.trim().split('\n')).toHaveLength(4);
  });

  it('trend in every format; metrics as OpenMetrics', async () => {
    for (const format of ['console', 'markdown', 'json', 'csv']) {
      const r = await runCli(['history', 'trend', '--history', store, '--format', format]);
      expect(r.code, `${format}: ${r.stderr}`).toBe(0);
      expect(r.stdout.length, format).toBeGreaterThan(50);
    }
    const csv = (await runCli(['history', 'trend', '--history', store, '--format', 'csv'])).stdout.trim().split('\n');
    expect(csv).toHaveLength(5);
    expect(csv[3]).toMatch(/,1,0,\d+,,?/); // night 2: one new
    const html = join(dir, 'trend.html');
    const h = await runCli(['history', 'trend', '--history', store, '--format', `html:${html}`]);
    expect(h.code, h.stderr).toBe(0);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>[\s\S]*<svg[\s\S]*<\/html>\n$/);
    const m = await runCli(['history', 'metrics', '--history', store]);
    expect(m.stdout).toMatch(/^# TYPE auth0_readiness_milestone_satisfied gauge$/m);
    expect(m.stdout).toMatch(/^auth0_readiness_milestone_satisfied\{tenant="prod",milestone="b2c\.p1\.[^"]+"\} [01]$/m);
    expect(m.stdout).toMatch(/^auth0_readiness_findings\{tenant="prod",severity="warning",status="fail"\} \d+$/m);
    expect(m.stdout.endsWith('# EOF\n')).toBe(true);
  });

  it('accept, diff and prune (the accepted run is never pruned)', async () => {
    const list = JSON.parse((await runCli(['history', 'list', '--history', store, '--format', 'json'])).stdout) as { runId: string }[];
    const acc = await runCli(['history', 'accept', '--history', store, '--tenant', 'prod', '--run', list[0]!.runId, '--by', 'ops', '--reason', 'go-live state']);
    expect(acc.code, acc.stderr).toBe(0);
    const d = await runCli(['history', 'diff', list[1]!.runId, list[2]!.runId, '--history', store]);
    expect(d.stdout).toMatch(/1 new, 0 fixed/);
    const d2 = await runCli(['history', 'diff', 'accepted', 'latest', '--tenant', 'prod', '--history', store, '--format', 'json']);
    expect(JSON.parse(d2.stdout)).toMatchObject({ a: list[0]!.runId, b: list[3]!.runId, new: [], fixed: [] });
    const p = await runCli(['history', 'prune', '--history', store, '--keep-runs', '1']);
    expect(p.code, p.stderr).toBe(0);
    const after = JSON.parse((await runCli(['history', 'list', '--history', store, '--format', 'json'])).stdout) as { runId: string; accepted: boolean }[];
    expect(after.map((r) => r.runId)).toEqual([list[0]!.runId, list[3]!.runId]);
    expect(after[0]?.accepted).toBe(true);
  });

  it('a Deploy CLI export records its git commit (the folder\'s HEAD), a live or snapshot source none', async () => {
    const F = fileURLToPath(new URL('../../fixtures/deploy-cli/go-live-ready-b2c/', import.meta.url));
    const s = join(dir, 'export-store');
    const r = await runCli(['audit', '--from', join(F, 'directory'), '--deploy-config', join(F, 'config.json'), '--history', s, '-q', '--format', `json:${join(dir, 'export-report.json')}`]);
    expect(r.code, r.stderr).toBeLessThanOrEqual(1);
    let head: string | undefined;
    try {
      head = execFileSync('git', ['-C', F, 'rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      head = undefined; // not a git checkout: no commit to record
    }
    const runs = JSON.parse((await runCli(['history', 'list', '--history', s, '--format', 'json'])).stdout) as { source: { kind: string; commit?: string } }[];
    expect(runs.map((x) => x.source)).toEqual([{ kind: 'export', ...(head ? { commit: head } : {}) }]);
    const listed = JSON.parse((await runCli(['history', 'list', '--history', store, '--format', 'json'])).stdout) as { source: { kind: string; commit?: string } }[];
    expect(listed.every((x) => x.source.commit === undefined)).toBe(true);
  });

  it.each([
    [['history', 'list'], 2, /which store\? --history/],
    [['history', 'list', '--history', 'ftp://example.com/x'], 2, /unknown store/],
    [['history', 'list', '--history', 'postgres://u:p@[bad/x'], 2, /not a valid PostgreSQL URL/],
    [['history', 'trend', '--history', 'STORE', '--format', 'pdf'], 2, /--format pdf: use html:<path>/],
    [['history', 'trend', '--history', 'STORE', '--format', 'html'], 2, /needs a file/],
    [['history', 'prune', '--history', 'STORE'], 2, /--keep-runs N and\/or --max-age-days D/],
    [['history', 'prune', '--history', 'STORE', '--keep-runs', '0'], 2, /--keep-runs 0: a whole number/],
    [['history', 'list', '--history', 'STORE', '--since', '2026-13-40'], 2, /--since 2026-13-40/],
    [['history', 'diff', 'latest', 'accepted', '--history', 'STORE'], 2, /add --tenant/],
    [['history', 'add', 'missing.json', '--history', 'STORE'], 2, /missing\.json/],
    [['audit', '--from', 'x.json', '--fail-on-regression'], 2, /needs --baseline <previous-report.json> or --history <store>/],
  ])('%j: exit %i, one line', async (args, code, message) => {
    const r = await runCli(args.map((a) => (a === 'STORE' ? store : a)), { cwd: dir });
    expect(r.code, r.stderr).toBe(code);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(message);
  });

  it('an unreachable PostgreSQL server: exit 3, one line, the password masked; the audit does not start', async () => {
    const url = 'postgres://auditor:N0tPr1nted-pw@127.0.0.1:1/readiness';
    for (const args of [
      ['history', 'list', '--history', url],
      ['audit', '--from', files[0] as string, '--history', url],
    ]) {
      const r = await runCli(args);
      expect(r.code, r.stderr).toBe(3);
      oneLine(r.stderr);
      expect(r.stderr).toMatch(/cannot use the PostgreSQL store/);
      expect(r.stderr).toContain('postgres://auditor:***@127.0.0.1:1/readiness');
      expect(`${r.stdout}${r.stderr}`).not.toContain('N0tPr1nted-pw');
    }
    // From the environment too.
    const r = await runCli(['history', 'list'], { env: { AUTH0_READINESS_HISTORY: url } });
    expect(r.code).toBe(3);
    expect(r.stderr).not.toContain('N0tPr1nted-pw');
  });
});
