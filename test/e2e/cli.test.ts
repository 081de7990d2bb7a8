/**
 * End to end: the CLI (in-process through `main(argv, io)`, test/support/cli.ts) against the local
 * Management API emulator serving each fixture tenant over HTTP on 127.0.0.1. The built CLI as a
 * real process is smoke-tested in test/cli/process.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../support/cli.js';
import { rules } from '../../rules/index.js';
import { AuditReportSchema, type AuditReport } from '../../src/report/schema.js';
import { RESOURCES } from '../../src/snapshot/resources.js';
import { startEmulator, type Emulator } from '../emulator/server.js';
import { readFixture } from '../support/tenant.js';

const CREDS = { AUTH0_CLIENT_ID: 'e2e-client', AUTH0_CLIENT_SECRET: 'e2e-secret' };

type Run = CliRun;

function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return runCli(args, { env });
}

async function withEmulator(name: string, opts: Partial<Parameters<typeof startEmulator>[0]> = {}): Promise<Emulator> {
  return startEmulator({ fixture: readFixture(name), clientId: CREDS.AUTH0_CLIENT_ID, clientSecret: CREDS.AUTH0_CLIENT_SECRET, ...opts });
}

async function auditJson(em: Emulator, name: string, extra: string[] = []): Promise<{ run: Run; report: AuditReport }> {
  const fixture = readFixture(name);
  const run = await cli(['audit', '--domain', fixture.domain, '--api-base-url', em.url, '--format', 'json', '--fail-on', 'none', ...extra], CREDS);
  expect(run.stderr).toBe('');
  return { run, report: AuditReportSchema.parse(JSON.parse(run.stdout)) };
}

const status = (r: AuditReport, id: string) => r.topics.find((t) => t.id === id)?.status;
const CORE = {
  customDomains: 'b2c.p1.architecture.custom-domains',
  emailProvider: 'b2c.p1.operations.email-provider',
  logging: 'b2c.p1.operations.logging',
  anomaly: 'b2c.p1.authentication.anomaly-detection',
  branding: 'b2c.p1.branding.universal-login-page',
  mfa: 'b2c.p2.authentication.mfa',
};

describe('brand-new tenant', () => {
  let em: Emulator;
  let report: AuditReport;
  beforeAll(async () => {
    em = await withEmulator('brand-new');
    ({ report } = await auditJson(em, 'brand-new'));
  });
  afterAll(() => em.close());

  it('fails custom domains, email provider and logging; MFA and branding do not pass', () => {
    expect(status(report, CORE.customDomains)).toBe('fail');
    expect(status(report, CORE.emailProvider)).toBe('fail');
    expect(status(report, CORE.logging)).toBe('fail');
    expect(status(report, CORE.mfa)).not.toBe('pass');
    expect(status(report, CORE.branding)).not.toBe('pass');
    expect(report.milestones.find((m) => m.id === 'b2c.p1.m3-go-live')?.status).toBe('not-satisfied');
    expect(report.tenant).toMatchObject({ source: 'management-api', environment: 'prod' });
  });

  it('sent no request but GETs and the token POST', () => {
    const writes = em.requests.filter((r) => r.method !== 'GET' && !(r.method === 'POST' && r.path === '/oauth/token'));
    expect(writes).toEqual([]);
    expect(em.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(1);
  });

  it('--require go-live exits 1 and says why', async () => {
    const fixture = readFixture('brand-new');
    const run = await cli(['--domain', fixture.domain, '--api-base-url', em.url, '--require', 'go-live'], CREDS);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Gate failed');
    expect(run.stdout).toContain('Gate failed (requires Phase 1 · Milestone 3: Go-Live');
    expect(run.stdout).not.toMatch(/\u001b\[/); // no colour when not a TTY
  });
});

describe('go-live-ready B2C tenant', () => {
  let em: Emulator;
  let report: AuditReport;
  beforeAll(async () => {
    em = await withEmulator('go-live-ready-b2c');
    ({ report } = await auditJson(em, 'go-live-ready-b2c'));
  });
  afterAll(() => em.close());

  it('passes the six core topics', () => {
    for (const id of Object.values(CORE)) expect(status(report, id), id).toBe('pass');
  });
  it('reads every resource, and no finding fails at blocker', async () => {
    expect(report.resources.filter((r) => r.status !== 'ok')).toEqual([]);
    expect(report.findings.filter((f) => f.status === 'fail' && f.severity === 'blocker')).toEqual([]);
    const fixture = readFixture('go-live-ready-b2c');
    const run = await cli(['--domain', fixture.domain, '--api-base-url', em.url, '--fail-on', 'blocker'], CREDS);
    expect(run.code).toBe(0);
  });
  it('reads the email provider with its from-address and never its credentials; the from-address check passes (issue 10)', () => {
    const asked = em.requests.filter((r) => r.path === '/api/v2/emails/provider');
    expect(asked.length).toBeGreaterThan(0);
    for (const r of asked) {
      expect(String(r.query.fields).split(',')).toContain('default_from_address');
      expect(String(r.query.fields)).not.toContain('credentials');
    }
    expect(report.findings.filter((f) => f.ruleId === 'email-provider-from-address').map((f) => f.status)).toEqual(['pass']);
    expect(em.requests.filter((r) => r.path === '/api/v2/branding/phone/providers').every((r) => r.status === 200)).toBe(true);
  });
  it('still needs the prodcheck attestation to go live (catalog §1.1)', () => {
    expect(report.milestones.find((m) => m.id === 'b2c.p1.m3-go-live')?.reasons).toContain('attestation prodcheck is missing');
  });
  it('never prints a secret of the tenant', async () => {
    const fixture = readFixture('go-live-ready-b2c');
    const json = await cli(['--domain', fixture.domain, '--api-base-url', em.url, '--format', 'json', '--log-level', 'trace'], CREDS);
    const text = await cli(['--domain', fixture.domain, '--api-base-url', em.url, '--verbose', '--log-level', 'trace'], CREDS);
    for (const out of [json.stdout, json.stderr, text.stdout, text.stderr]) {
      expect(out).not.toContain('FIXTURE-SECRET');
      expect(out).not.toContain(CREDS.AUTH0_CLIENT_SECRET);
    }
  });
});

describe('B2B tenant with organizations', () => {
  let em: Emulator;
  afterAll(() => em.close());
  it('audits against the B2B plan', async () => {
    em = await withEmulator('b2b-organizations');
    const { report } = await auditJson(em, 'b2b-organizations', ['--plan', 'b2b']);
    expect(report.plan).toBe('b2b');
    expect(report.topics.every((t) => t.id.startsWith('b2b.'))).toBe(true);
    expect(status(report, 'b2b.p1.provisioning.provision-organization')).not.toBe('n/a');
    expect(status(report, 'b2b.p1.operations.logging')).toBe('at-risk');
    expect(report.findings.some((f) => f.ruleId === 'email-templates-customized' && f.resource?.id === 'user_invitation')).toBe(true);
  });
});

describe('large tenant', () => {
  let em: Emulator;
  afterAll(() => em.close());
  it('reads every page and finds the problem on the last page', async () => {
    em = await withEmulator('large');
    const { report } = await auditJson(em, 'large');
    const fixture = readFixture('large');
    const lastDb = [...(fixture.resources.connections ?? [])].reverse().find((c) => c.strategy === 'auth0' && c.options?.brute_force_protection === false);
    expect(lastDb).toBeDefined();
    const f = report.findings.find((x) => x.ruleId === 'database-brute-force-protection' && x.status === 'fail');
    expect(f?.resource?.name).toBe(lastDb?.name);
    // The two problems planted on the last page of clients and of connections, named by resource.
    const callback = report.findings.find((x) => x.ruleId === 'app-callbacks-secure' && x.status === 'fail');
    expect(callback?.resource?.name).toBe('Legacy Partner Portal');
    expect(callback?.value).toBe('http://localhost:3000/callback');
    const devKeys = report.findings.find((x) => x.ruleId === 'social-own-credentials' && x.status === 'fail');
    expect(devKeys?.resource?.name).toBe('github-devkeys-legacy');
    const clientsPages = em.requests.filter((r) => r.path === '/api/v2/clients').length;
    expect(clientsPages).toBe(Math.ceil((fixture.resources.clients?.length ?? 0) / 100));
  });
});

/** The read scopes of every resource the (non opt-in) rules of these topics need or want. */
function scopesOfTopics(...topics: string[]): string[] {
  const keys = rules.filter((r) => !r.optIn && r.topics.some((t) => topics.includes(t))).flatMap((r) => [...r.needs, ...r.wants]);
  return keys.flatMap((k) => [...RESOURCES[k].scopes]);
}

describe('missing scope', () => {
  let em: Emulator;
  afterAll(() => em.close());
  it('makes the topics that need it unknown, names the scope, and judges the rest', async () => {
    // Enough for the custom-domain and email-provider topics (whatever rules they gain), not for logging.
    const base = ['read:tenant_settings', 'read:custom_domains', 'read:email_provider', 'read:connections', 'read:connections_options', 'read:clients'];
    const scopes = [...new Set([...base, ...scopesOfTopics(CORE.customDomains, CORE.emailProvider)])];
    expect(scopes).not.toContain('read:log_streams');
    em = await withEmulator('go-live-ready-b2c', { scopes });
    const { report } = await auditJson(em, 'go-live-ready-b2c');
    expect(status(report, CORE.logging)).toBe('unknown');
    expect(report.resources.find((r) => r.key === 'logStreams')).toMatchObject({ status: 'missing-scope', scopes: ['read:log_streams'] });
    expect(status(report, CORE.customDomains)).toBe('pass');
    expect(status(report, CORE.emailProvider)).toBe('pass');
  });
});

describe('rate limits', () => {
  let em: Emulator;
  afterAll(() => em.close());
  it('paces and retries through a small bucket and still reads everything', async () => {
    em = await withEmulator('go-live-ready-b2c', { rateLimit: { perSecond: 25, burst: 5 } });
    const { report } = await auditJson(em, 'go-live-ready-b2c', ['--log-level', 'error']);
    expect(report.resources.filter((r) => r.status !== 'ok')).toEqual([]);
    for (const id of Object.values(CORE)) expect(status(report, id), id).toBe('pass');
    // The bucket is smaller than the audit: the pacer and the 429 retries carried it through.
    expect(em.requests.filter((r) => r.path.startsWith('/api/v2/')).length).toBeGreaterThan(5);
  });
});

describe('bad input', () => {
  it('a missing domain: one line, exit 2', async () => {
    const run = await cli(['audit'], CREDS);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('--domain');
  });
  it('missing credentials: exit 2', async () => {
    const run = await cli(['--domain', 'acme.us.auth0.com']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no credentials/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
  it('a malformed domain or flag: exit 2', async () => {
    expect((await cli(['--domain', 'https://acme.us.auth0.com/'], CREDS)).code).toBe(2);
    expect((await cli(['--domain', 'acme.us.auth0.com', '--plan', 'b3c'], CREDS)).code).toBe(2);
    expect((await cli(['--bogus'], CREDS)).code).toBe(2);
    const req = await cli(['--domain', 'acme.us.auth0.com', '--require', 'launch'], CREDS);
    expect(req.code).toBe(2);
    expect(req.stderr).toContain('no milestone');
  });
  it('wrong credentials: exit 3', async () => {
    const em = await withEmulator('brand-new');
    try {
      const run = await cli(['--domain', readFixture('brand-new').domain, '--api-base-url', em.url], { AUTH0_CLIENT_ID: 'e2e-client', AUTH0_CLIENT_SECRET: 'nope' });
      expect(run.code).toBe(3);
      expect(run.stderr).toContain('authentication failed');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      await em.close();
    }
  });
  it('an unreachable tenant: exit 3', async () => {
    const run = await cli(['--domain', 'acme.us.auth0.com', '--api-base-url', 'http://127.0.0.1:9', '--timeout', '2'], CREDS); // port 9: a port fetch refuses to use
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('cannot get a token from http://127.0.0.1:9');
    expect(run.stderr).toContain('bad port');
  });
  it('--help and --version exit 0', async () => {
    expect((await cli(['--help'])).code).toBe(0);
    expect((await cli(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
  it('catalog prints the tree', async () => {
    const run = await cli(['catalog', '--plan', 'b2b']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('b2b.p1.m3-go-live');
    expect(run.stdout).toContain('b2b.p3.operations.self-service-sso-setup');
  });
});
