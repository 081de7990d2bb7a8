/** `audit --from` a Deploy CLI export through the built CLI: the pull-request use. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
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
      expect(report.resources.find((r) => r.key === 'signingKeys')).toMatchObject({ status: 'not-in-export' });
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
  it('malformed YAML: exit 2 with the file and line', async () => {
    const run = await cli(['--from', 'fixtures/deploy-cli/cases/malformed-yaml/tenant.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/tenant\.yaml:\d+/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
