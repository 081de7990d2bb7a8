/**
 * Smoke tests of the built CLI as a real process (bin/auth0-readiness.js, a fresh Node), for what
 * only a process shows: its exit status, its own stdout and stderr, the environment it inherits.
 * The end-to-end tests run the same command tree in-process (`main(argv, io)`, test/support/cli.ts);
 * the last test here checks both give the same result for one audit. Needs `npm run build`.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditReportSchema } from '../../src/report/schema.js';
import { TOOL } from '../../src/version.js';
import { startEmulator, type Emulator } from '../emulator/server.js';
import { runCli, spawnCli } from '../support/cli.js';
import { readFixture } from '../support/tenant.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXPORT = ['--from', 'fixtures/deploy-cli/brand-new/yaml/tenant.yaml', '--deploy-config', 'fixtures/deploy-cli/brand-new/config.json'];

describe('the built CLI as a process', { timeout: 60_000 }, () => {
  let em: Emulator;
  beforeAll(async () => {
    em = await startEmulator({ fixture: readFixture('brand-new'), clientId: 'smoke-client', clientSecret: 'smoke-secret' });
  });
  afterAll(async () => {
    await em.close();
  });

  it('--version: exit 0, the version on stdout', async () => {
    const run = await spawnCli(['--version']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.trim()).toBe(TOOL.version);
  });

  it('a usage error: exit 2, one line on stderr, nothing on stdout', async () => {
    const run = await spawnCli(['audit']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining('--domain')]);
  });

  it('a failed gate: exit 1, the report on stdout', async () => {
    const run = await spawnCli([...EXPORT, '--require', 'go-live', '-q'], { cwd: ROOT });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('deploy-cli');
    expect(run.stderr).toBe('');
  });

  it('credentials from the inherited environment; rejected ones: exit 3, one line', async () => {
    const domain = readFixture('brand-new').domain;
    const ok = await spawnCli(['--domain', domain, '--api-base-url', em.url, '--fail-on', 'none', '-q'], { env: { AUTH0_CLIENT_ID: 'smoke-client', AUTH0_CLIENT_SECRET: 'smoke-secret' } });
    expect(ok.code).toBe(0);
    const bad = await spawnCli(['--domain', domain, '--api-base-url', em.url], { env: { AUTH0_CLIENT_ID: 'smoke-client', AUTH0_CLIENT_SECRET: 'nope' } });
    expect(bad.code).toBe(3);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toEqual([expect.stringContaining('authentication failed')]);
  });

  it('in-process and spawned runs of one audit agree: exit code, report and stderr', async () => {
    const args = [...EXPORT, '--format', 'json', '--fail-on', 'warning'];
    const [spawned, inProcess] = [await spawnCli(args, { cwd: ROOT }), await runCli(args, { cwd: ROOT })];
    expect(inProcess.code).toBe(spawned.code);
    expect(inProcess.stderr).toBe(spawned.stderr);
    const strip = (stdout: string) => {
      const r = AuditReportSchema.parse(JSON.parse(stdout));
      // offline: the only difference between two runs is when they happened
      return { ...r, generatedAt: '', collectedAt: '' } as unknown;
    };
    expect(strip(inProcess.stdout)).toEqual(strip(spawned.stdout));
  });
});
