/**
 * One verdict in every format, on the built CLI: the first verdict line of console, Markdown and
 * HTML agrees with the exit code; no grouped failure line is a rule's title (the passing
 * condition); a fleet run that could not read a tenant exits 3 and no format says "passed"; a
 * rule turned off and each attestation are on the first screen of the Markdown; a finding about
 * a whole section points at that section's line.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { AuditReportSchema, type AuditReport } from '../../src/report/schema.js';
import { MultiReportSchema } from '../../src/multi/report.js';
import type { Emulator } from '../emulator/server.js';
import { ACME_ENV, startAcmeFleet } from '../multi/acme.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXPORTS = join(ROOT, 'fixtures/deploy-cli');

/** A copy of a fixture export in a temporary folder, as `tenant/`. */
function workspace(name: string): string {
  const ws = mkdtempSync(join(tmpdir(), 'verdict-'));
  cpSync(join(EXPORTS, name), join(ws, 'tenant'), { recursive: true });
  return ws;
}

const formats = ['--format', 'console', '--format', 'json:r.json', '--format', 'markdown:r.md', '--format', 'html:r.html'];
const FROM = ['--from', 'tenant/yaml/tenant.yaml', '--deploy-config', 'tenant/config.json'];

/** The first verdict line of each format. */
function firstVerdicts(ws: string, stdout: string) {
  const md = readFileSync(join(ws, 'r.md'), 'utf8');
  const html = readFileSync(join(ws, 'r.html'), 'utf8');
  const gateBox = /<section class="gate [^"]*"[^>]*><h2[^>]*>(.*?)<\/h2><p class="readiness">(.*?)<\/p>/.exec(html);
  return {
    console: stdout.split('\n')[1] ?? '',
    markdown: md.split('\n').find((l) => l.startsWith('**')) ?? '',
    html: gateBox ? `${gateBox[1]?.replace(/<[^>]+>/g, '')} ${gateBox[2]}` : '',
    json: AuditReportSchema.parse(JSON.parse(readFileSync(join(ws, 'r.json'), 'utf8'))),
  };
}

describe('a passing --require run', () => {
  it('says it is ready in console, Markdown and HTML, and exits 0', async () => {
    const ws = workspace('go-live-ready-b2c');
    // The attestations Go-Live needs: the first run names them ("Attest for").
    const first = await runCli(['audit', ...FROM, '--require', 'go-live', '--allow-unknown', '--format', 'json'], { cwd: ws });
    const attest = (JSON.parse(first.stdout) as AuditReport).fixFirst?.attest ?? [];
    expect(attest.map((a) => a.id)).toEqual(expect.arrayContaining(['b2c.p1.operations.notifications', 'prodcheck', 'env-tag']));
    const lines = ['attestations:', ...attest.flatMap((a) => [`  - topic: ${a.id}`, '    status: done', '    owner: platform-team', `    date: "${new Date().toISOString().slice(0, 10)}"`, `    evidence: https://wiki.example/${a.id}`])];
    writeFileSync(join(ws, 'auth0-readiness.config.yaml'), `${lines.join('\n')}\n`);
    const r = await runCli(['audit', ...FROM, '--require', 'go-live', '--allow-unknown', ...formats], { cwd: ws });
    expect(r.code).toBe(0);
    const v = firstVerdicts(ws, r.stdout);
    expect(v.json.verdict).toMatchObject({ outcome: 'passed', exitCode: 0, target: { id: 'b2c.p1.m3-go-live', ready: true } });
    for (const line of [v.console, v.markdown, v.html]) {
      expect(line).toMatch(/Gate passed/);
      expect(line).toMatch(/ready for Phase 1 · Milestone 3: Go-Live/i);
      expect(line).not.toMatch(/not ready|failed/i);
    }
    // Each attestation the pass rests on, on the first screen of the Markdown.
    const firstScreen = readFileSync(join(ws, 'r.md'), 'utf8').split('\n').slice(0, 30).join('\n');
    for (const a of attest) expect(firstScreen).toContain(a.id);
  }, 60_000);

  it('a failing one says so in every format, and exits 1', async () => {
    const ws = workspace('brand-new');
    const r = await runCli(['audit', ...FROM, '--require', 'go-live', ...formats], { cwd: ws });
    expect(r.code).toBe(1);
    const v = firstVerdicts(ws, r.stdout);
    expect(v.json.verdict).toMatchObject({ outcome: 'failed', exitCode: 1 });
    for (const line of [v.console, v.markdown, v.html]) expect(line).toMatch(/Gate failed.*not ready for Phase 1 · Milestone 3: Go-Live/i);
  }, 60_000);
});

describe('every grouped failure says what is wrong', () => {
  it('no rendered fix-first line is a rule title; grouped lines name the resources', async () => {
    const ws = workspace('brand-new');
    const r = await runCli(['audit', ...FROM, '--verbose', ...formats], { cwd: ws });
    const report = firstVerdicts(ws, r.stdout).json;
    const titles = (report.rules ?? []).map((x) => x.title);
    const grouped = (report.fixFirst?.items ?? []).filter((i) => i.count > 1);
    expect(grouped.length).toBeGreaterThan(0);
    const md = readFileSync(join(ws, 'r.md'), 'utf8');
    const html = readFileSync(join(ws, 'r.html'), 'utf8');
    const consoleItems = r.stdout.split('\n').filter((l) => /^ {0,3}\d+\. [✘▲i] /.test(l));
    const mdItems = md.split('\n').filter((l) => /^\d+\. (❌|⚠️|ℹ️) /.test(l));
    const htmlItems = [...html.matchAll(/<span class="message">(.*?)<\/span>/g)].map((m) => m[1] ?? '');
    expect(consoleItems.length).toBe(report.fixFirst?.items.length);
    for (const line of [...consoleItems, ...mdItems, ...htmlItems]) for (const t of titles) expect(line).not.toContain(t);
    expect(md).toContain('3 email templates are still the Auth0 default (**verify\\_email**, **reset\\_email**, **blocked\\_account**)');
  }, 60_000);
});

describe('locations land where the fix goes', () => {
  it('custom-domain-ready on a YAML export points at the customDomains: line, with the path as given', async () => {
    const ws = workspace('brand-new');
    const r = await runCli(['audit', ...FROM, ...formats], { cwd: ws });
    const report = firstVerdicts(ws, r.stdout).json;
    const yaml = readFileSync(join(ws, 'tenant/yaml/tenant.yaml'), 'utf8').split('\n');
    const line = yaml.findIndex((l) => l.startsWith('customDomains:')) + 1;
    expect(line).toBeGreaterThan(0);
    const f = report.findings.find((x) => x.ruleId === 'custom-domain-ready' && x.status === 'fail');
    expect(f?.location).toMatchObject({ file: 'tenant.yaml', line });
    expect(r.stdout).toContain(`tenant/yaml/tenant.yaml:${line}`);
    expect(readFileSync(join(ws, 'r.md'), 'utf8')).toContain(`\`tenant/yaml/tenant.yaml:${line}\``);
  }, 60_000);
});

describe('a rule turned off', () => {
  it('is said, with the attestations, on the first screen of the Markdown and in the JSON config', async () => {
    const ws = workspace('go-live-ready-b2c');
    writeFileSync(join(ws, 'auth0-readiness.config.yaml'), 'rules:\n  app-callbacks-secure: off\n  database-passkeys: blocker\n');
    const r = await runCli(['audit', ...FROM, '--allow-unknown', ...formats], { cwd: ws });
    const firstScreen = readFileSync(join(ws, 'r.md'), 'utf8').split('\n').slice(0, 30).join('\n');
    expect(firstScreen).toMatch(/Rule turned off: .*\(app-callbacks-secure\)/);
    expect(firstScreen).toMatch(/Severity changed: .*\(database-passkeys\): advice → blocker|Severity changed: .*\(database-passkeys\): warning → blocker/);
    const report = firstVerdicts(ws, r.stdout).json;
    expect(report.effectiveConfig?.rules).toEqual({ 'app-callbacks-secure': 'off', 'database-passkeys': 'blocker' });
    expect(readFileSync(join(ws, 'r.html'), 'utf8')).toContain('This result relies on');
  }, 60_000);
});

describe('a fleet run that could not read a tenant, with a baseline', () => {
  let ems: Emulator[] = [];
  let dir: string;
  beforeAll(async () => {
    const fleet = await startAcmeFleet();
    ems = fleet.ems;
    dir = mkdtempSync(join(tmpdir(), 'verdict-fleet-'));
    writeFileSync(join(dir, 'auth0-readiness.config.json'), JSON.stringify({ failOn: 'blocker', tenants: fleet.tenants, attestations: fleet.attestations }));
    const base = await runCli(['audit', '--all', '--format', 'json:base.json'], { cwd: dir, env: ACME_ENV });
    expect(base.code).toBeLessThan(2);
  }, 90_000);
  afterAll(async () => {
    await Promise.all(ems.map((e) => e.close()));
  });

  it('exits 3 and no format says passed, in regression mode or not', async () => {
    for (const mode of [['--fail-on-regression'], []]) {
      const r = await runCli(
        ['audit', '--all', '--baseline', 'base.json', ...mode, '--format', 'console', '--format', 'json:r.json', '--format', 'markdown:r.md', '--format', 'html:r.html'],
        { cwd: dir, env: { ...ACME_ENV, QA_SECRET: 'wrong-secret' } },
      );
      expect(r.code).toBe(3);
      const json = MultiReportSchema.parse(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')));
      expect(json.verdict).toMatchObject({ outcome: 'could-not-read', exitCode: 3, unread: ['qa'] });
      expect(json.gate.passed).toBe(false);
      const md = readFileSync(join(dir, 'r.md'), 'utf8');
      const html = readFileSync(join(dir, 'r.html'), 'utf8');
      for (const text of [r.stdout, md, html]) {
        expect(text).toContain('Could not read qa: no verdict (exit 3)');
        expect(text).not.toMatch(/Gate: passed|Gate passed|✅ passed/);
      }
      if (mode.length) {
        // Each tenant read is judged on regressions only: "no regression", never "passed" beside standing blockers.
        expect(md).toMatch(/No regression since the baseline/);
      }
    }
  }, 120_000);
});
