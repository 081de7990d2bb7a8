/**
 * The tenant's context on the command line: --env, --subscription, --add-on and their config keys
 * reach the report's "Judged as" line and the verdicts; bad values are exit 2 with one line.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { AuditReportSchema } from '../../src/report/schema.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const cli = (args: string[]) => runCli(args, { cwd: ROOT });
const BRAND_NEW = ['--from', 'fixtures/deploy-cli/brand-new/yaml/tenant.yaml', '--deploy-config', 'fixtures/deploy-cli/brand-new/config.json', '-q'];
const dir = mkdtempSync(join(tmpdir(), 'a0r-context-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the context on the command line', { timeout: 60_000 }, () => {
  it('the console says what it judged as on its first lines, production by default', async () => {
    const run = await cli([...BRAND_NEW]);
    const lines = run.stdout.split('\n');
    expect(lines[1]).toMatch(/^✘ Gate failed/);
    expect(lines[2]).toMatch(/^Judged as: B2C plan, production \(default\), subscription not declared; in use: .*social login/);
    expect(run.stdout.split('Fix first')[0]).not.toMatch(/production-only checks/);
  });

  it('--env dev: Milestone 1 is not failed by production-only checks, and the report names them', async () => {
    const run = await cli([...BRAND_NEW, '--env', 'dev', '--format', 'json']);
    const r = AuditReportSchema.parse(JSON.parse(run.stdout));
    expect(r.context).toMatchObject({ environment: 'dev', environmentSource: 'flag' });
    expect(r.context?.productionOnly).toEqual(expect.arrayContaining(['custom-domain-ready', 'tenant-support-email']));
    const m1 = r.milestones.find((m) => m.id === 'b2c.p1.m1-authentication');
    expect(m1?.judged).toBe('before-go-live');
    expect(m1?.reasons.join('\n')).not.toMatch(/custom-domains|error-page fails/);
    const lead = r.fixFirst?.items[0];
    expect(lead?.ruleId).not.toMatch(/^(custom-domain|tenant-support|log-stream|email-provider)/);
    const md = await cli([...BRAND_NEW, '--env', 'dev', '--format', 'markdown']);
    expect(md.stdout).toMatch(/Judged as: B2C plan, development, subscription not declared/);
    expect(md.stdout).toMatch(/production-only checks \(judged at Go-Live/);
  });

  it('--subscription and --add-on decide plan-gated checks; the config says the same', async () => {
    const pro = AuditReportSchema.parse(JSON.parse((await cli([...BRAND_NEW, '--subscription', 'professional', '--format', 'json'])).stdout));
    expect(pro.context?.subscription).toMatchObject({ tier: 'professional', source: 'declared', addOns: [] });
    const par = pro.findings.filter((f) => f.ruleId === 'app-pushed-authorization-requests');
    expect(par.map((f) => f.status)).toEqual(['n/a']);
    const hri = AuditReportSchema.parse(JSON.parse((await cli([...BRAND_NEW, '--subscription', 'enterprise', '--add-on', 'highly-regulated-identity', '--format', 'json'])).stdout));
    expect(hri.findings.filter((f) => f.ruleId === 'app-pushed-authorization-requests').some((f) => f.status === 'fail')).toBe(true);
    const config = join(dir, 'context.yaml');
    writeFileSync(config, 'subscription: enterprise\naddOns: [highly-regulated-identity]\nenv: qa\n');
    const fromConfig = AuditReportSchema.parse(JSON.parse((await cli([...BRAND_NEW, '--config', config, '--format', 'json'])).stdout));
    expect(fromConfig.context).toMatchObject({ environment: 'qa', environmentSource: 'config', subscription: { tier: 'enterprise', addOns: ['highly-regulated-identity'] } });
  });

  it('bad values are exit 2 with one line', async () => {
    const sub = await cli([...BRAND_NEW, '--subscription', 'platinum']);
    expect(sub.code).toBe(2);
    expect(sub.stderr).toMatch(/--subscription.*platinum.*(free|Allowed)/s);
    const addOn = await cli([...BRAND_NEW, '--add-on', 'everything']);
    expect(addOn.code).toBe(2);
    expect(addOn.stderr).toMatch(/Allowed choices are attack-protection/);
    const config = join(dir, 'bad.yaml');
    writeFileSync(config, 'subscription: gold\n');
    const bad = await cli([...BRAND_NEW, '--config', config]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/subscription/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
