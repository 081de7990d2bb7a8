/**
 * Smoke tests of the built CLI as a real process (bin/auth0-readiness.js, a fresh Node), for what
 * only a process shows: its exit status, its own stdout and stderr, the environment it inherits.
 * The end-to-end tests run the same command tree in-process (`main(argv, io)`, test/support/cli.ts);
 * the last test here checks both give the same result for one audit. Needs `npm run build`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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

  it('an offline audit never loads the auth0 SDK; a live one does', async () => {
    // A module hook that logs every module the CLI loads (Node's module.register).
    const dir = mkdtempSync(join(tmpdir(), 'a0r-loaded-'));
    try {
      writeFileSync(join(dir, 'hooks.mjs'), "import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  appendFileSync(process.env.LOADED_LOG, `${url}\\n`);\n  return next(url, context);\n}\n");
      writeFileSync(join(dir, 'register.mjs'), "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n");
      const loaded = async (name: string, args: string[], env: Record<string, string> = {}, pkg = 'auth0') => {
        const log = join(dir, `${name}.log`);
        writeFileSync(log, '');
        const run = await spawnCli(args, { cwd: ROOT, env: { ...env, LOADED_LOG: log }, nodeArgs: ['--import', pathToFileURL(join(dir, 'register.mjs')).href] });
        expect(run.stderr).toBe('');
        return readFileSync(log, 'utf8').split('\n').filter((u) => u.includes(`/node_modules/${pkg}/`));
      };
      expect(await loaded('offline', [...EXPORT, '--fail-on', 'none', '-q'])).toEqual([]);
      const domain = readFixture('brand-new').domain;
      const live = await loaded('live', ['--domain', domain, '--api-base-url', em.url, '--fail-on', 'none', '-q'], { AUTH0_CLIENT_ID: 'smoke-client', AUTH0_CLIENT_SECRET: 'smoke-secret' });
      expect(live.length).toBeGreaterThan(0);
      // The cold start stays light: help and the rule list never load the schema library.
      expect(await loaded('help', ['--help'], {}, 'zod')).toEqual([]);
      expect(await loaded('rules', ['rules'], {}, 'zod')).toEqual([]);
      expect((await loaded('offline-zod', [...EXPORT, '--fail-on', 'none', '-q'], {}, 'zod')).length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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

describe('the suite stays fast', () => {
  // Every spawned CLI pays a Node start-up and its module loads: end-to-end tests run the CLI
  // in-process (runCli) and only these files spawn it, for what only a real process shows.
  // The history's week replays nights under a faked clock, preloaded into its own process.
  const SPAWNING = ['test/cli/epipe.test.ts', 'test/cli/process.test.ts', 'test/e2e/network-errors.test.ts', 'test/history/week.test.ts', 'test/package.test.ts'];

  it(`only ${SPAWNING.length} test files spawn the CLI`, () => {
    const walk = (dir: string): string[] =>
      readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : d.name.endsWith('.test.ts') ? [join(dir, d.name)] : []));
    const spawning = walk('test').filter((f) => /spawnCli\(|nodeArgs:|bin\/auth0-readiness\.js/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(spawning.sort()).toEqual([...SPAWNING].sort());
  });
});
