/** `audit --from` a Deploy CLI export through the built CLI: the pull-request use. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { AuditReportSchema } from '../../src/report/schema.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const cli = (args: string[]) => runCli(args, { cwd: ROOT });

describe('audit --from <Deploy CLI export>', () => {
  for (const format of ['yaml/tenant.yaml', 'directory']) {
    it(`reads the ${format.split('/')[0]} format, says where the report came from, and judges it`, async () => {
      const path = `fixtures/deploy-cli/go-live-ready-b2c/${format}`;
      const run = await cli(['--from', path, '--deploy-config', 'fixtures/deploy-cli/go-live-ready-b2c/config.json', '--format', 'json', '--fail-on', 'none', '-q']);
      expect(run.code).toBe(0);
      const report = AuditReportSchema.parse(JSON.parse(run.stdout));
      expect(report.tenant).toMatchObject({ source: 'deploy-cli', path });
      expect(report.topics.find((t) => t.id === 'b2c.p1.operations.email-provider')?.status).toBe('pass');
      expect(report.resources.find((r) => r.key === 'signingKeys')).toMatchObject({ status: 'out-of-reach' });
      expect(run.stdout).not.toMatch(/FIXTURE-SECRET/);
    });
  }
  it('the brand-new export fails the Go-Live gate in a pull request', async () => {
    const run = await cli(['--from', 'fixtures/deploy-cli/brand-new/yaml/tenant.yaml', '--deploy-config', 'fixtures/deploy-cli/brand-new/config.json', '--require', 'go-live', '-q']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('deploy-cli');
  });
  it('keywords from flags, and a usage error without an export', async () => {
    const ok = await cli(['--from', 'fixtures/deploy-cli/cases/keywords/yaml/tenant.yaml', '--deploy-config', 'fixtures/deploy-cli/cases/keywords/config.json', '--keyword', 'TENANT_NAME=Acme', '--format', 'json', '--fail-on', 'none', '-q']);
    expect(ok.code).toBe(0);
    const bad = await cli(['--domain', 'acme.us.auth0.com', '--token', 't', '--keyword', 'A=b']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--keyword');
  });
  for (const format of ['yaml/tenant.yaml', 'directory']) {
    it(`go-live-ready (${format.split('/')[0]}), with its attestations, passes --require go-live without --allow-unknown or rules off`, async () => {
      const run = await cli([
        '--from', `fixtures/deploy-cli/go-live-ready-b2c/${format}`,
        '--deploy-config', 'fixtures/deploy-cli/go-live-ready-b2c/config.json',
        '--config', 'fixtures/config/go-live-ready-b2c.yaml',
        '--require', 'go-live', '--format', 'json', '-q',
      ]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const report = AuditReportSchema.parse(JSON.parse(run.stdout));
      expect(report.gate).toMatchObject({ passed: true, require: 'b2c.p1.m3-go-live' });
      expect(report.gate.allowUnknown).toBeUndefined();
      expect(['satisfied', 'satisfied-with-risks']).toContain(report.milestones.find((m) => m.id === 'b2c.p1.m3-go-live')?.status);
      // what the export can never show is listed, not hidden: hooks, signing keys, the Management API
      expect(report.needsLiveAudit?.map((l) => l.ruleId)).toEqual(expect.arrayContaining(['legacy-hooks-migrated', 'signing-key-rotation', 'mgmt-api-user-access']));
      // the runtime check reads sandbox_version from the export
      expect(report.findings.find((f) => f.ruleId === 'tenant-node-runtime')).toMatchObject({ status: 'pass' });
    });
  }
  it('go-live-ready without its attestations still fails the gate: attestations are not out of reach', async () => {
    const run = await cli(['--from', 'fixtures/deploy-cli/go-live-ready-b2c/yaml/tenant.yaml', '--deploy-config', 'fixtures/deploy-cli/go-live-ready-b2c/config.json', '--require', 'go-live', '-q']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Needs a live audit');
  });
  describe('bad input: exit 2, one line', () => {
    const oneLine = (run: { code: number; stdout: string; stderr: string }) => {
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      return run.stderr;
    };
    const dir = mkdtempSync(join(tmpdir(), 'a0r-e2e-bad-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    it('a section of the wrong shape', async () => {
      writeFileSync(join(dir, 'tenant.yaml'), 'tenant:\n  friendly_name: Acme\nclients: 42\n');
      expect(oneLine(await cli(['--from', join(dir, 'tenant.yaml'), '-q']))).toMatch(/clients is a number, expected a list/);
    });
    it('a YAML file that is not an export', async () => {
      writeFileSync(join(dir, 'docker-compose.yml'), 'version: "3"\nservices:\n  web:\n    image: nginx\n');
      expect(oneLine(await cli(['--from', join(dir, 'docker-compose.yml'), '-q']))).toMatch(/not a Deploy CLI export/);
    });
    it('--from a path that does not exist: "no such file", even with --deploy-config', async () => {
      const err = oneLine(await cli(['--from', join(dir, 'nope', 'tenant.yaml'), '--deploy-config', 'fixtures/deploy-cli/go-live-ready-b2c/config.json', '-q']));
      expect(err).toMatch(/nope\/tenant\.yaml: no such file/);
      expect(err).not.toMatch(/snapshot/);
    });
  });
  it('malformed YAML: exit 2 with the file and line', async () => {
    const run = await cli(['--from', 'fixtures/deploy-cli/cases/malformed-yaml/tenant.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/tenant\.yaml:\d+/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
