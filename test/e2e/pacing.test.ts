/**
 * `--rate-reserve` / `--max-rps` and the config keys `rateReserve` / `maxRps`, through the built
 * CLI (run `npm run build` first), against the emulator; and the console's one line of usage.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../support/cli.js';
import { AuditReportSchema } from '../../src/report/schema.js';
import { startEmulator, type Emulator } from '../emulator/server.js';
import { readFixture } from '../support/tenant.js';

const CREDS = { AUTH0_CLIENT_ID: 'e2e-client', AUTH0_CLIENT_SECRET: 'e2e-secret' };
const fixture = readFixture('go-live-ready-b2c');

function cli(args: string[], cwd?: string): Promise<CliRun> {
  return runCli(args, { env: CREDS, ...(cwd ? { cwd } : {}) });
}

let em: Emulator | undefined;
let dir: string | undefined;
afterEach(async () => {
  await em?.close();
  em = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const start = () => startEmulator({ fixture, clientId: CREDS.AUTH0_CLIENT_ID, clientSecret: CREDS.AUTH0_CLIENT_SECRET, rateLimit: { perSecond: 50, burst: 20 } });

describe('pacing options', () => {
  it('--rate-reserve and --max-rps reach the transport and the report says so', async () => {
    em = await start();
    const run = await cli(['audit', '--domain', fixture.domain, '--api-base-url', em.url, '--format', 'json', '--fail-on', 'none', '--rate-reserve', '0', '--max-rps', '40']);
    expect(run.stderr).toBe('');
    const report = AuditReportSchema.parse(JSON.parse(run.stdout));
    expect(report.source?.rateLimit).toMatchObject({ limit: 20, reservePercent: 0, reserveTokens: 0, maxRps: 40 });
    // Every attempt, the token request included.
    expect(report.source?.requests).toBe(em.requests.length);
  });

  it('the config file sets them; a flag overrides the file; the console prints one line of usage', async () => {
    em = await start();
    dir = mkdtempSync(join(tmpdir(), 'a0r-pacing-'));
    writeFileSync(join(dir, 'auth0-readiness.config.json'), JSON.stringify({ rateReserve: 30, maxRps: 25 }));
    const json = await cli(['audit', '--domain', fixture.domain, '--api-base-url', em.url, '--format', 'json', '--fail-on', 'none', '--max-rps', '45'], dir);
    expect(json.stderr).toBe('');
    expect(AuditReportSchema.parse(JSON.parse(json.stdout)).source?.rateLimit).toMatchObject({ reservePercent: 30, reserveTokens: 6, maxRps: 45 });
    const text = await cli(['audit', '--domain', fixture.domain, '--api-base-url', em.url, '--fail-on', 'none'], dir);
    expect(text.stdout).toMatch(/^API: \d+ requests, 0 × 429, 0 retried, [\d.]+ s; rate limit 20 used at most \d+% \(mean \d+%\), reserve 30% kept \(lowest remaining \d+\)\.$/m);
  });

  it('bad values are usage errors (exit 2), in flags and in the config file', async () => {
    const bad = await cli(['audit', '--domain', fixture.domain, '--token', 't', '--rate-reserve', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--rate-reserve "lots": give a percentage/);
    expect((await cli(['audit', '--domain', fixture.domain, '--token', 't', '--max-rps', '0'])).code).toBe(2);
    dir = mkdtempSync(join(tmpdir(), 'a0r-pacing-'));
    writeFileSync(join(dir, 'auth0-readiness.config.json'), JSON.stringify({ rateReserve: 150 }));
    const cfg = await cli(['audit', '--domain', fixture.domain, '--token', 't'], dir);
    expect(cfg.code).toBe(2);
    expect(cfg.stderr).toMatch(/rateReserve/);
  });
});
