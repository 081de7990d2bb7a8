/**
 * End to end, the reports people act on: the built CLI against the local emulator serving the
 * brand-new and go-live-ready fixture tenants. The fix-first list names each distinct failing
 * finding exactly once, blockers of the required milestone first; the console fits a screen
 * (≤ 60 lines) and names milestones and topics by title; `report <report.json>` renders every
 * format byte for byte as the audit wrote it. Run `npm run build` first (`npm test` does).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../support/cli.js';
import { AuditReportSchema, type AuditReport } from '../../src/report/schema.js';
import { startEmulator, type Emulator } from '../emulator/server.js';
import { readFixture } from '../support/tenant.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CREDS = { AUTH0_CLIENT_ID: 'e2e-client', AUTH0_CLIENT_SECRET: 'e2e-secret' };

type Run = CliRun;

function cli(args: string[], env: Record<string, string> = {}, cwd = ROOT): Promise<Run> {
  return runCli(args, { env, cwd });
}

/** Distinct failing findings: one per rule, resource and message. */
function distinctFailing(r: AuditReport): Set<string> {
  return new Set(r.findings.filter((f) => f.status === 'fail').map((f) => `${f.ruleId}|${f.resource ? `${f.resource.type}/${f.resource.id}` : ''}`));
}

/** What the fix-first list names: each item's rule with each resource it counts (all of them, not just the names shown). */
function named(r: AuditReport): string[] {
  const out: string[] = [];
  for (const i of r.fixFirst?.items ?? []) {
    const fs = r.findings.filter((f) => f.status === 'fail' && f.ruleId === i.ruleId && f.messageId === i.messageId && f.severity === i.severity);
    const keys = [...new Set(fs.map((f) => `${f.ruleId}|${f.resource ? `${f.resource.type}/${f.resource.id}` : ''}`))];
    expect(keys.length, `${i.ruleId}: count`).toBe(Math.max(1, i.count));
    out.push(...keys);
  }
  return out;
}

/** Ids that must not stand alone in the default console: `b2c.p1.…` milestone and topic ids. */
const ID = /\b(?:b2c|b2b)\.p\d+(?:\.[a-z0-9-]+)+/;

for (const [name, require] of [
  ['brand-new', 'go-live'],
  ['go-live-ready-b2c', 'go-live'],
] as const) {
  describe(`${name}: fix first, console, report`, () => {
    let em: Emulator;
    let work: string;
    let report: AuditReport;
    let consoleText: string;
    const fixture = readFixture(name);
    const formats = { html: 'r.html', markdown: 'r.md', sarif: 'r.sarif', junit: 'r.xml', console: 'r.txt' } as const;

    beforeAll(async () => {
      em = await startEmulator({ fixture, clientId: CREDS.AUTH0_CLIENT_ID, clientSecret: CREDS.AUTH0_CLIENT_SECRET });
      work = mkdtempSync(join(tmpdir(), 'auth0-readiness-reports-'));
      // The console on stdout (as a user sees it), every other format to a file.
      const files = Object.entries(formats).filter(([f]) => f !== 'console').flatMap(([f, p]) => ['--format', `${f}:${join(work, p)}`]);
      const run = await cli(
        ['audit', '--domain', fixture.domain, '--api-base-url', em.url, '--require', require, '--format', 'console', '--format', `json:${join(work, 'r.json')}`, ...files],
        CREDS,
      );
      expect([0, 1]).toContain(run.code);
      consoleText = run.stdout;
      writeFileSync(join(work, formats.console), consoleText);
      report = AuditReportSchema.parse(JSON.parse(readFileSync(join(work, 'r.json'), 'utf8')));
    }, 60_000);

    afterAll(async () => {
      await em?.close();
      if (work) rmSync(work, { recursive: true, force: true });
    });

    it('the fix-first list names each distinct failing finding exactly once, blockers of the required milestone first', () => {
      const fix = report.fixFirst;
      if (!fix) throw new Error('no fixFirst in the report');
      const list = named(report);
      expect(new Set(list).size).toBe(list.length);
      expect(new Set(list)).toEqual(distinctFailing(report));
      const blocks = fix.items.map((i) => i.blocksTarget);
      const firstOther = blocks.indexOf(false);
      if (firstOther >= 0) expect(blocks.slice(firstOther)).not.toContain(true);
      // A blocker of the target is a blocker on one of the required milestone's failing topics.
      const target = report.milestones.find((m) => m.id === report.gate.require);
      for (const i of fix.items.filter((x) => x.blocksTarget)) {
        expect(i.severity).toBe('blocker');
        expect(i.topics.some((t) => target?.topics.includes(t.id))).toBe(true);
      }
      // Then what touches the target, then by severity.
      const rank = { blocker: 2, warning: 1, advice: 0 } as const;
      const rest = fix.items.filter((i) => !i.blocksTarget).map((i) => Number(i.inTarget) * 10 + rank[i.severity]);
      expect(rest).toEqual([...rest].sort((a, b) => b - a));
      if (name === 'brand-new') expect(fix.items.filter((i) => i.blocksTarget).length).toBeGreaterThan(0);
    });

    it('the console fits a screen and names milestones and topics by title', () => {
      const lines = consoleText.trimEnd().split('\n');
      expect(lines.length).toBeLessThanOrEqual(60);
      for (const l of lines) expect(l, l).not.toMatch(ID);
      expect(consoleText).not.toMatch(/^\s*✔ .*compliant/m);
      expect(consoleText).not.toMatch(/Milestone \d+\s{2,}/);
      // Each item of the list appears once.
      const items = lines.filter((l) => /^ *\d+\. /.test(l));
      expect(new Set(items).size).toBe(items.length);
      // Every milestone is there by its title.
      for (const m of report.milestones) expect(consoleText).toContain(m.title.replace(/^Milestone \d+$/, (t) => `${t} (`));
    });

    it('report <report.json> renders every format byte for byte as the audit wrote it', async () => {
      const runs = await Promise.all(Object.keys(formats).map((format) => cli(['report', join(work, 'r.json'), '--format', format])));
      Object.values(formats).forEach((file, i) => {
        const run = runs[i];
        expect(run?.stderr).toBe('');
        expect(run?.code).toBe(0);
        expect(run?.stdout === readFileSync(join(work, file), 'utf8'), `${file} differs`).toBe(true);
      });
    }, 120_000);
  });
}

describe('report command: bad input', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'auth0-readiness-report-bad-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('exits 2 with one clear line, no stack trace', async () => {
    const cases: [string, string, RegExp][] = [
      ['missing.json', '', /missing\.json: no such file/],
      ['not.json', '{ nope', /not\.json: not valid JSON/],
      ['other.json', '{"hello": 1}', /other\.json: not an auth0-readiness JSON report \(no schemaVersion\)/],
      ['future.json', '{"schemaVersion": 99}', /future\.json: report schemaVersion 99; this version reads 1/],
      ['broken.json', '{"schemaVersion": 1, "tool": {}}', /broken\.json: not an auth0-readiness JSON report \(tool\.name: /],
    ];
    for (const [file, text] of cases) if (text) writeFileSync(join(work, file), text);
    const runs = await Promise.all(cases.map(([file]) => cli(['report', join(work, file)])));
    cases.forEach(([file, , msg], i) => {
      const run = runs[i];
      expect(run?.code, file).toBe(2);
      expect(run?.stderr).toMatch(msg);
      expect(run?.stderr.trim().split('\n')).toHaveLength(1);
      expect(run?.stdout).toBe('');
    });
  }, 120_000);
});
