/**
 * The gate fails closed (issue 10 §4, DESIGN.md "Exit codes"): the built CLI, as a child process,
 * against the local emulator with static tokens. Run `npm run build` first (`npm test` does).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../support/cli.js';
import { AuditReportSchema } from '../../src/report/schema.js';
import { ALL_READ_SCOPES, startEmulator, type Emulator } from '../emulator/server.js';
import { readFixture } from '../support/tenant.js';


type Run = CliRun;

function cli(args: string[], env: Record<string, string> = {}, cwd?: string): Promise<Run> {
  return runCli(args, { env, ...(cwd ? { cwd } : {}) });
}

const fixture = readFixture('go-live-ready-b2c');
const FULL = 'full-token';
const NO_CLIENTS = 'token-without-clients-and-tenant-settings';
const NONE = 'token-with-no-scope';
let em: Emulator;
let dir: string;
beforeAll(async () => {
  em = await startEmulator({
    fixture,
    tokens: {
      [FULL]: [...ALL_READ_SCOPES],
      [NO_CLIENTS]: ALL_READ_SCOPES.filter((s) => s !== 'read:clients' && s !== 'read:tenant_settings'),
      [NONE]: [],
    },
  });
  dir = mkdtempSync(join(tmpdir(), 'readiness-gate-'));
});
afterAll(async () => {
  await em.close();
  rmSync(dir, { recursive: true, force: true });
});
const live = (token: string, ...extra: string[]) => ['audit', '--domain', fixture.domain, '--api-base-url', em.url, '--token', token, '-q', ...extra];

describe('a token the API rejects', { timeout: 60_000 }, () => {
  it('audit: exit 3, one line saying so, no report', async () => {
    const run = await cli(live('bogus'));
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/rejected the token \(HTTP 401/);
    expect(run.stderr).not.toContain('bogus');
    expect(run.stderr).not.toContain('not a canonical');
  });
  it('a custom domain given as --domain: the failure says to use the canonical *.auth0.com one', async () => {
    const run = await cli(['audit', '--domain', 'login.acme.example', '--api-base-url', em.url, '--token', 'bogus', '-q']);
    expect(run.code).toBe(3);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain("login.acme.example is not a canonical *.auth0.com domain: the Management API answers only on the tenant's canonical domain (e.g. acme.us.auth0.com)");
  });
  it('snapshot: exit 3 and writes nothing', async () => {
    const out = join(dir, 'rejected.json');
    const run = await cli(['snapshot', '--domain', fixture.domain, '--api-base-url', em.url, '--token', 'bogus', '--out', out, '-q']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/rejected the token/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('a resource a blocker-level check needs could not be read', { timeout: 60_000 }, () => {
  it('the gate fails (exit 1), naming both scopes to grant', async () => {
    const run = await cli(live(NO_CLIENTS));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Gate failed');
    expect(run.stdout).toContain('grant read:clients');
    expect(run.stdout).toContain('read:tenant_settings');
    expect(run.stdout).toContain('--allow-unknown');
  });
  it('--allow-unknown accepts it: the gate decides on what was judged (exit 0)', async () => {
    const run = await cli(live(NO_CLIENTS, '--allow-unknown', '--format', 'json'));
    expect(run.code).toBe(0);
    const report = AuditReportSchema.parse(JSON.parse(run.stdout));
    expect(report.gate).toMatchObject({ passed: true, allowUnknown: true });
    expect(report.resources.find((r) => r.key === 'clients')).toMatchObject({ status: 'missing-scope', scopes: ['read:clients'] });
  });
  it('so does allowUnknown: true in the config file', async () => {
    const config = join(dir, 'allow.yaml');
    writeFileSync(config, 'allowUnknown: true\n');
    expect((await cli(live(NO_CLIENTS, '--config', config))).code).toBe(0);
  });
  it('with every scope the same tenant passes the gate (exit 0)', async () => {
    expect((await cli(live(FULL))).code).toBe(0);
  });
  it('an audit that read nothing never passes, even with --allow-unknown and --fail-on none', async () => {
    const run = await cli(live(NONE, '--allow-unknown', '--fail-on', 'none'));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/read none of the \d+ resources/);
  });
});

describe('multi-tenant runs (--all)', { timeout: 60_000 }, () => {
  // Both aliases point at one emulated tenant, so cross-tenant checks fail the gate whatever happens.
  // Both are production: the blocker-level checks that read clients are production-only ones.
  const config = () => {
    const path = join(dir, 'tenants.yaml');
    writeFileSync(
      path,
      [
        'tenants:',
        `  - { alias: prod, env: prod, domain: ${fixture.domain}, apiBaseUrl: "${em.url}", credentials: { tokenEnv: PROD_TOKEN } }`,
        `  - { alias: qa, env: prod, domain: ${fixture.domain}, apiBaseUrl: "${em.url}", credentials: { tokenEnv: QA_TOKEN } }`,
        '',
      ].join('\n'),
    );
    return path;
  };
  const reasonsOf = (run: Run): string[] => JSON.parse(run.stdout).gate.reasons;
  it('a tenant missing a scope fails the gate, by alias, naming the scope', async () => {
    const run = await cli(['audit', '--all', '--config', config(), '-q', '--format', 'json'], { PROD_TOKEN: FULL, QA_TOKEN: NO_CLIENTS });
    expect(run.code).toBe(1);
    expect(reasonsOf(run).some((r) => r.startsWith('qa: ') && r.includes('read:clients'))).toBe(true);
    expect(reasonsOf(run).some((r) => r.startsWith('prod: '))).toBe(false);
  });
  it('--allow-unknown accepts it for every tenant', async () => {
    const run = await cli(['audit', '--all', '--config', config(), '-q', '--allow-unknown', '--format', 'json'], { PROD_TOKEN: FULL, QA_TOKEN: NO_CLIENTS });
    expect(reasonsOf(run).join('\n')).not.toContain('read:clients');
  });
  it('a tenant whose token is rejected makes the run exit 3, after the report', async () => {
    const run = await cli(['audit', '--all', '--config', config(), '-q'], { PROD_TOKEN: FULL, QA_TOKEN: 'bogus' });
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/qa: could not be read \(.*rejected the token/);
  });
});

describe('an offline export that lacks a section (Decision 6: absent is unknown)', { timeout: 60_000 }, () => {
  const from = ['--from', 'fixtures/deploy-cli/brand-new/yaml/tenant.yaml', '--deploy-config', 'fixtures/deploy-cli/brand-new/config.json', '-q', '--format', 'json'];
  it('fails the gate like an unread scope, pointing at --allow-unknown', async () => {
    const run = await cli([...from, '--fail-on', 'blocker']);
    expect(run.code).toBe(1);
    const gate = AuditReportSchema.parse(JSON.parse(run.stdout)).gate;
    expect(gate.reasons.join('\n')).toMatch(/logStreams: not in the export\): export those sections \(or audit the live tenant\); or accept the unknowns with --allow-unknown/);
  });
  it('with --allow-unknown only what the files show decides', async () => {
    const run = await cli([...from, '--allow-unknown']);
    const gate = AuditReportSchema.parse(JSON.parse(run.stdout)).gate;
    expect(gate.reasons.join('\n')).not.toMatch(/could not be|allow-unknown/);
  });
});
