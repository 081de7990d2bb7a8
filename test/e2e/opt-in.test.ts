/** Opt-in checks through the built CLI: logs, users and forms are read only when asked. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { AuditReportSchema, type AuditReport } from '../../src/report/schema.js';
import { startEmulator, type Emulator } from '../emulator/server.js';
import { readFixture } from '../support/tenant.js';

const CREDS = { AUTH0_CLIENT_ID: 'opt-client', AUTH0_CLIENT_SECRET: 'opt-secret' };
const cli = (args: string[]) => runCli(args, { env: CREDS });

describe('opt-in checks', () => {
  let em: Emulator;
  const fixture = readFixture('brand-new');
  const base = () => ['--domain', fixture.domain, '--api-base-url', em.url, '--format', 'json', '--fail-on', 'none', '-q'];
  beforeAll(async () => {
    em = await startEmulator({ fixture, clientId: CREDS.AUTH0_CLIENT_ID, clientSecret: CREDS.AUTH0_CLIENT_SECRET });
  });
  afterAll(() => em.close());

  it('without flags, never reads logs or users', async () => {
    const run = await cli(base());
    expect(run.code).toBe(0);
    expect(em.requests.filter((r) => r.path === '/api/v2/logs' || r.path === '/api/v2/users')).toEqual([]);
    const report = AuditReportSchema.parse(JSON.parse(run.stdout));
    expect(report.findings.some((f) => f.ruleId === 'canonical-domain-logins')).toBe(false);
  });

  it('--with-logs searches the logs and reports logins on the canonical domain', async () => {
    const b2b = readFixture('b2b-organizations');
    const other = await startEmulator({ fixture: b2b, clientId: CREDS.AUTH0_CLIENT_ID, clientSecret: CREDS.AUTH0_CLIENT_SECRET });
    try {
      const run = await cli(['--domain', b2b.domain, '--api-base-url', other.url, '--plan', 'b2b', '--format', 'json', '--fail-on', 'none', '-q', '--with-logs', '7']);
      const report: AuditReport = AuditReportSchema.parse(JSON.parse(run.stdout));
      expect(other.requests.some((r) => r.path === '/api/v2/logs')).toBe(true);
      // b2b-organizations has a ready custom domain, 2 logins on the canonical domain and a deprecation notice in the window.
      expect(report.findings.some((f) => f.ruleId === 'canonical-domain-logins' && f.status === 'fail')).toBe(true);
      expect(report.findings.some((f) => f.ruleId === 'log-deprecations' && f.status === 'fail')).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('--with-users reads a sample of users, with only the fields the checks need', async () => {
    const report = AuditReportSchema.parse(JSON.parse((await cli([...base(), '--with-users'])).stdout));
    const users = em.requests.filter((r) => r.path === '/api/v2/users');
    expect(users.length).toBeGreaterThan(0);
    for (const r of users) expect(String(r.query.fields)).not.toMatch(/email(?!_verified)|name/);
    // brand-new has 2 users, one unverified: above the 10% default.
    expect(report.findings.some((f) => f.ruleId === 'user-email-verification' && f.status === 'fail')).toBe(true);
  });

  it('--with-logs takes 1 to 30 days', async () => {
    expect((await cli([...base(), '--with-logs', '90'])).code).toBe(2);
  });
});
