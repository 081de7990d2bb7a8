/** `snapshot --out` then `audit --from`: same verdicts, no network, no secrets on disk. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { AuditReportSchema } from '../../src/report/schema.js';
import { startEmulator, type Emulator } from '../emulator/server.js';
import { readFixture } from '../support/tenant.js';

const CREDS = { AUTH0_CLIENT_ID: 'snap-client', AUTH0_CLIENT_SECRET: 'snap-secret-value-123' };
const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, { env });

describe('snapshots', () => {
  const dir = mkdtempSync(join(tmpdir(), 'a0r-snap-'));
  const file = join(dir, 'tenant.snapshot.json');
  let em: Emulator;
  const fixture = readFixture('go-live-ready-b2c');
  // An Action with a hard-coded secret: it must be flagged, and must not reach the file.
  fixture.resources.actions = [
    ...(fixture.resources.actions ?? []),
    { id: 'act_secret', name: 'Sync CRM', runtime: 'node22', code: 'const CRM_API_KEY = "FIXTURE-SECRET-crm-9f8A7b6C5d";\nexports.onExecutePostLogin = async () => {};' },
  ];
  beforeAll(async () => {
    em = await startEmulator({ fixture, clientId: CREDS.AUTH0_CLIENT_ID, clientSecret: CREDS.AUTH0_CLIENT_SECRET });
  });
  afterAll(() => em.close());

  it('writes a versioned, redacted snapshot with each resource status', async () => {
    const run = await cli(['snapshot', '--domain', fixture.domain, '--api-base-url', em.url, '--out', file], CREDS);
    expect(run.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('FIXTURE-SECRET');
    expect(text).not.toContain(CREDS.AUTH0_CLIENT_SECRET);
    const snap = JSON.parse(text) as { kind: string; schemaVersion: number; resources: Record<string, { ok: boolean }> };
    expect(snap.kind).toBe('auth0-readiness-snapshot');
    expect(snap.schemaVersion).toBe(1);
    expect(snap.resources.logStreams?.ok).toBe(true);
    expect(text).toContain('[REDACTED:');
  });

  it('audit --from gives the same topic and milestone statuses as the live audit', async () => {
    const live = AuditReportSchema.parse(JSON.parse((await cli(['--domain', fixture.domain, '--api-base-url', em.url, '--format', 'json', '--fail-on', 'none'], CREDS)).stdout));
    const before = em.requests.length;
    const offline = AuditReportSchema.parse(JSON.parse((await cli(['--from', file, '--format', 'json', '--fail-on', 'none'])).stdout));
    expect(em.requests.length).toBe(before); // no network
    expect(offline.tenant).toMatchObject({ source: 'snapshot', path: file, domain: fixture.domain });
    expect(offline.topics.map((t) => [t.id, t.status])).toEqual(live.topics.map((t) => [t.id, t.status]));
    expect(offline.milestones.map((m) => [m.id, m.status])).toEqual(live.milestones.map((m) => [m.id, m.status]));
  });

  it('bad snapshots: one line, exit 2, nothing written', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"kind": "auth0-readiness-snapshot", "schemaVersion": 1,\n "tenant": ');
    let run = await cli(['--from', bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad\.json: not valid JSON/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    writeFileSync(bad, JSON.stringify({ kind: 'auth0-readiness-snapshot', schemaVersion: 1, tool: { name: 'x', version: '1' }, tenant: { domain: 'x' }, source: { kind: 'management-api' }, collectedAt: 'now', resources: { clients: { ok: true, data: 'nope' } } }));
    run = await cli(['--from', bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('resources.clients');
    writeFileSync(bad, JSON.stringify({ hello: 'world' }));
    expect((await cli(['--from', bad])).stderr).toContain('not an auth0-readiness snapshot');
    expect((await cli(['--from', join(dir, 'missing.json')])).code).toBe(2);
    expect((await cli(['--from', file, '--domain', 'x.auth0.com'])).code).toBe(2);
  });
});
