/**
 * End to end, many tenants: three emulators (acme dev, QA and prod, derived from the go-live-ready
 * fixture with deliberate differences), the built CLI with `audit --all`, `diff` and `--baseline`.
 */
import { existsSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../support/cli.js';
import { MultiReportSchema, type MultiReport } from '../../src/multi/report.js';
import { AuditReportSchema } from '../../src/report/schema.js';
import { toSnapshotFile } from '../../src/snapshot/file.js';
import type { Emulator } from '../emulator/server.js';
import { snapshotOf } from '../support/tenant.js';
import { ACME_ENV, acmeDev, acmeProd, startAcmeFleet } from '../multi/acme.js';

const ENV = ACME_ENV;

type Run = CliRun;
function cli(args: string[], cwd: string, env: Record<string, string> = ENV): Promise<Run> {
  return runCli(args, { cwd, env });
}

describe('audit --all over dev, QA and prod emulators', () => {
  let ems: Emulator[] = [];
  let dir: string;
  let report: MultiReport;
  let run: Run;
  beforeAll(async () => {
    const fleet = await startAcmeFleet();
    ems = fleet.ems;
    dir = mkdtempSync(join(tmpdir(), 'multi-e2e-'));
    const config = {
      failOn: 'blocker',
      tenants: fleet.tenants,
      attestations: fleet.attestations,
    };
    writeFileSync(join(dir, 'auth0-readiness.config.json'), JSON.stringify(config, null, 2));
    run = await cli(['audit', '--all', '--format', 'json', '--format', 'markdown:report.md', '--format', 'html:report.html', '--format', 'console:report.txt'], dir);
    report = MultiReportSchema.parse(JSON.parse(run.stdout));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(ems.map((e) => e.close()));
  });

  it('reads every tenant and reports one section per tenant, with its alias and env', () => {
    expect(run.stderr).toBe('');
    expect(report.errors).toEqual([]);
    expect(report.tenants.map((t) => [t.tenant.alias, t.tenant.environment, t.tenant.domain])).toEqual([
      ['dev', 'dev', 'acme-dev.us.auth0.com'],
      ['qa', 'qa', 'acme-qa.us.auth0.com'],
      ['prod', 'prod', 'acme-prod.us.auth0.com'],
    ]);
    for (const t of report.tenants) AuditReportSchema.parse(t);
    // Each tenant was read through its own emulator with its own credentials.
    for (const em of ems) expect(em.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(1);
  });

  it('builds the tenant × milestone matrix', () => {
    expect(report.matrix.rows.map((r) => r.alias)).toEqual(['dev', 'qa', 'prod']);
    const goLive = 'b2c.p1.m3-go-live';
    expect(report.matrix.milestones.map((m) => m.id)).toContain(goLive);
    const row = (a: string) => report.matrix.rows.find((r) => r.alias === a)!;
    for (const r of report.matrix.rows) expect(Object.keys(r.statuses).sort()).toEqual(report.matrix.milestones.map((m) => m.id).sort());
    // The matrix is each tenant's own milestone status.
    for (const t of report.tenants) for (const m of t.milestones) expect(row(t.tenant.alias!).statuses[m.id]).toBe(m.status);
    // prod, the go-live-ready fixture, is satisfied (prodcheck is not attested: at most with risks or unknown, never worse than dev).
    expect(row('dev').statuses[goLive]).not.toBe('satisfied');
  });

  it('runs the cross-tenant checks with the deliberate differences', () => {
    const by = (id: string) => report.crossTenant.filter((f) => f.ruleId === id);
    expect(by('X-01').map((f) => f.status)).toEqual(['pass']);
    expect(by('X-02')).toEqual([expect.objectContaining({ status: 'fail', message: expect.stringContaining('only in prod: Acme Mobile') })]);
    expect(by('X-03').map((f) => f.status)).toEqual(['pass']);
    expect(by('X-04')).toEqual([expect.objectContaining({ status: 'fail', severity: 'warning' })]);
    // dev has no custom domain (not on its plan); qa and prod have their own.
    expect(by('X-05')).toEqual([expect.objectContaining({ status: 'unknown', resource: expect.objectContaining({ id: 'dev' }) })]);
    expect(by('X-06')).toEqual([expect.objectContaining({ status: 'fail', resource: expect.objectContaining({ id: 'dev' }), value: ['customDomains'] })]);
    expect(by('X-07').map((f) => f.status)).toEqual(['pass', 'pass', 'pass']);
    const x08 = Object.fromEntries(by('X-08').map((f) => [f.resource?.id, [f.status, f.severity]]));
    expect(x08).toEqual({ dev: ['fail', 'warning'], qa: ['pass', 'warning'], prod: ['pass', 'blocker'] });
  });

  it('includes the QA → prod drift report', () => {
    expect(report.drift?.drift).toBe(true);
    const paths = report.drift!.entries.map((e) => e.path);
    expect(paths).toEqual(['clients/Acme Mobile', 'connections/acme-customers/disable_signup']);
  });

  it('renders the matrix in console, Markdown and HTML', () => {
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(md).toContain('## Tenant × milestone');
    expect(md).toMatch(/\| Milestone \| dev \(dev\) \| qa \(qa\) \| prod \(prod\) \|/);
    expect(md).toContain('| X-02 | fail | warning |');
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<h2>Tenant × milestone</h2>');
    expect(html).toContain('X-04 drift: qa → prod');
    const txt = readFileSync(join(dir, 'report.txt'), 'utf8');
    expect(txt).toContain('Tenant × milestone');
    expect(txt).toContain('== prod (prod) ==');
  });

  it('the gate counts failing cross-tenant findings at or above --fail-on', async () => {
    // dev is on a plan without custom domains: the custom-domain check is production-only, so on dev
    // it is a warning and what it could not judge does not fail a gate on blockers. The config fails
    // on blockers: X-08 on dev is softened to a warning, X-02 and X-04 are warnings.
    expect(report.gate).toMatchObject({ passed: true, failOn: 'blocker' });
    expect(run.code).toBe(0);
    const accepted = await cli(['audit', '--all', '--format', 'json', '--allow-unknown'], dir);
    expect(MultiReportSchema.parse(JSON.parse(accepted.stdout)).gate).toMatchObject({ passed: true, failOn: 'blocker' });
    expect(accepted.code).toBe(0);
    const strict = await cli(['audit', '--all', '--format', 'json', '--fail-on', 'warning'], dir);
    expect(strict.code).toBe(1);
    expect(MultiReportSchema.parse(JSON.parse(strict.stdout)).gate.reasons.join('\n')).toMatch(/failing cross-tenant finding\(s\) at warning or above \(X-02, X-04, X-08\)/);
    const advice = await cli(['audit', '--tenant', 'qa', '--tenant', 'prod', '--format', 'json', '--fail-on', 'none'], dir);
    const r = MultiReportSchema.parse(JSON.parse(advice.stdout));
    expect(r.tenants.map((t) => t.tenant.alias)).toEqual(['qa', 'prod']);
    expect(advice.code).toBe(0);
  });

  it('a fleet judges framework profiles and organisation policies on every tenant; CSV lists every tenant\'s requirements', async () => {
    const policy = join(dir, 'org.yaml');
    writeFileSync(policy, readFileSync(new URL('../../examples/policies/callbacks-on-company-domains.yaml', import.meta.url), 'utf8'));
    const fleet = await cli(['audit', '--all', '--framework', 'asvs-5.0-L1', '--require-framework', 'asvs-5.0-L1', '--policy', 'org.yaml', '--format', 'json', '--format', 'csv:fleet.csv', '--fail-on', 'none'], dir);
    const r = MultiReportSchema.parse(JSON.parse(fleet.stdout));
    for (const t of r.tenants) {
      expect(t.frameworks?.map((f) => f.id)).toEqual(['asvs-5.0-L1']);
      expect(t.findings.some((f) => f.ruleId === 'org/callbacks-on-company-domains')).toBe(true);
    }
    // Each tenant's gate requires the profile; a tenant failing an automated requirement fails the fleet.
    const failing = r.tenants.filter((t) => t.frameworks![0]!.summary.fail + t.frameworks![0]!.summary.unknown > 0);
    expect(failing.length).toBeGreaterThan(0);
    for (const t of failing) expect(t.gate.details).toContainEqual(expect.objectContaining({ id: 'framework-not-met', framework: 'asvs-5.0-L1' }));
    expect(r.gate.passed).toBe(false);
    expect(fleet.code).toBe(1);
    const csv = readFileSync(join(dir, 'fleet.csv'), 'utf8').split('\r\n').filter(Boolean);
    expect(csv).toHaveLength(1 + 3 * 28);
    expect(new Set(csv.slice(1).map((l) => l.split(',')[0]))).toEqual(new Set(['dev', 'qa', 'prod']));
  });

  it('diff between two configured aliases: exit 1 and the same drift, as text, JSON and Markdown', async () => {
    const text = await cli(['diff', 'qa', 'prod'], dir);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('Drift qa (acme-qa.us.auth0.com) → prod (acme-prod.us.auth0.com): 2 difference(s)');
    const json = await cli(['diff', 'qa', 'prod', '--format', 'json'], dir);
    expect(JSON.parse(json.stdout).entries).toHaveLength(2);
    const md = await cli(['diff', 'qa', 'prod', '--format', 'markdown'], dir);
    expect(md.stdout).toContain('| clients | Acme Mobile |');
  });

  it('diff: an alias against a saved snapshot of the same tenant is exit 0; drift.ignore applies; bad input is exit 2', async () => {
    writeFileSync(join(dir, 'prod.snapshot.json'), JSON.stringify(toSnapshotFile(snapshotOf(acmeProd()), { name: 'test', version: '0' })));
    const same = await cli(['diff', 'prod', 'prod.snapshot.json'], dir);
    expect(same.stdout).toContain('no drift');
    expect(same.code).toBe(0);
    const cfg = JSON.parse(readFileSync(join(dir, 'auth0-readiness.config.json'), 'utf8'));
    writeFileSync(join(dir, 'ignore.json'), JSON.stringify({ ...cfg, drift: { ignore: ['clients/Acme Mobile', 'connections/*/disable_signup'] } }));
    const ignored = await cli(['diff', 'qa', 'prod', '-c', 'ignore.json', '--format', 'json'], dir);
    expect(ignored.code).toBe(0);
    expect(JSON.parse(ignored.stdout)).toMatchObject({ drift: false, ignored: 2 });
    const bad = await cli(['diff', 'qa', 'nope'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('neither a configured tenant alias');
  });

  it('--baseline with --fail-on-regression: exit 0 against itself, exit 1 when a tenant got worse', async () => {
    writeFileSync(join(dir, 'baseline.json'), run.stdout);
    const same = await cli(['audit', '--all', '--format', 'json', '--baseline', 'baseline.json', '--fail-on-regression'], dir);
    const r = MultiReportSchema.parse(JSON.parse(same.stdout));
    expect(r.tenants.every((t) => t.baseline && !t.baseline.regressed)).toBe(true);
    expect(same.code).toBe(0);
    // A baseline in which prod's failing findings all passed: the current run is worse.
    const better = JSON.parse(run.stdout) as MultiReport;
    const prod = better.tenants.find((t) => t.tenant.alias === 'qa')!;
    const failing = prod.findings.filter((f) => f.status === 'fail');
    expect(failing.length).toBeGreaterThan(0);
    for (const f of failing) f.status = 'pass';
    writeFileSync(join(dir, 'better.json'), JSON.stringify(better));
    const worse = await cli(['audit', '--all', '--format', 'json', '--baseline', 'better.json', '--fail-on-regression'], dir);
    expect(worse.code).toBe(1);
    const w = MultiReportSchema.parse(JSON.parse(worse.stdout));
    expect(w.gate.reasons.join('\n')).toMatch(/^qa: \d+ regression\(s\) since the baseline/);
  });

  it('a missing credentials variable is exit 2 before any request', async () => {
    const before = ems.map((e) => e.requests.length);
    const r = await cli(['audit', '--all'], dir, { ...ENV, QA_SECRET: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('tenant qa: no credentials: set QA_ID / QA_SECRET');
    expect(ems.map((e) => e.requests.length)).toEqual(before);
  });
});

describe('single tenant --baseline (offline)', () => {
  it('adds the comparison to the JSON report and gates on regressions only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baseline-e2e-'));
    writeFileSync(join(dir, 'prod.json'), JSON.stringify(toSnapshotFile(snapshotOf(acmeProd()), { name: 'test', version: '0' })));
    const first = await cli(['audit', '--from', 'prod.json', '--format', 'json', '--fail-on', 'none'], dir, {});
    const plain = AuditReportSchema.parse(JSON.parse(first.stdout));
    expect(plain.baseline).toBeUndefined();
    writeFileSync(join(dir, 'base.json'), first.stdout);
    const again = await cli(['audit', '--from', 'prod.json', '--format', 'json', '--baseline', 'base.json', '--fail-on-regression'], dir, {});
    expect(again.code).toBe(0);
    const r = AuditReportSchema.parse(JSON.parse(again.stdout));
    expect(r.baseline).toMatchObject({ regressed: false, counts: { new: 0, fixed: 0, changed: 0 } });
    const text = await cli(['audit', '--from', 'prod.json', '--baseline', 'base.json'], dir, {});
    expect(text.stdout).toContain('Since the baseline of');
    const usage = await cli(['audit', '--from', 'prod.json', '--fail-on-regression'], dir, {});
    expect(usage.code).toBe(2);
  });
  it('refuses a baseline of another tenant (exit 2) unless --baseline-any-tenant', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baseline-other-'));
    writeFileSync(join(dir, 'prod.json'), JSON.stringify(toSnapshotFile(snapshotOf(acmeProd()), { name: 'test', version: '0' })));
    writeFileSync(join(dir, 'dev.json'), JSON.stringify(toSnapshotFile(snapshotOf(acmeDev()), { name: 'test', version: '0' })));
    const devReport = await cli(['audit', '--from', 'dev.json', '--format', 'json', '--fail-on', 'none'], dir, {});
    writeFileSync(join(dir, 'dev-report.json'), devReport.stdout);
    const refused = await cli(['audit', '--from', 'prod.json', '--format', 'json:out.json', '--baseline', 'dev-report.json'], dir, {});
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--baseline dev-report.json: a report of acme-dev.us.auth0.com, not of acme-prod.us.auth0.com; pass --baseline-any-tenant');
    expect(existsSync(join(dir, 'out.json'))).toBe(false);
    const anyway = await cli(['audit', '--from', 'prod.json', '--format', 'json', '--fail-on', 'none', '--baseline', 'dev-report.json', '--baseline-any-tenant'], dir, {});
    expect(anyway.code).toBe(0);
    expect(AuditReportSchema.parse(JSON.parse(anyway.stdout)).baseline).toBeDefined();
  });
  it('validates reading flags with --from as it does live', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'from-flags-'));
    writeFileSync(join(dir, 'prod.json'), JSON.stringify(toSnapshotFile(snapshotOf(acmeProd()), { name: 'test', version: '0' })));
    for (const bad of [['--timeout', 'soon'], ['--concurrency', '0'], ['--rate-reserve', '150']]) {
      const r = await cli(['audit', '--from', 'prod.json', ...bad], dir, {});
      expect(r.code, bad.join(' ')).toBe(2);
      expect(r.stderr, bad.join(' ')).toContain(bad[0]);
    }
  });
});
