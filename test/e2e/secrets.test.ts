/**
 * Secrets never leave, and the audit never writes. A fixture tenant gets a distinct secret string
 * in every secret-bearing field (client secrets — served because the audit app here was wrongly
 * granted read:client_keys — connection options, database scripts, email-provider credentials,
 * log-stream sinks, Action secrets and code literals, user metadata) plus the audit's own client
 * secret and a static token. The built CLI then writes every report format, a snapshot and trace
 * logs, with every opt-in on; none of them may contain any planted string, and the emulator must
 * have seen nothing but GETs and the token POST.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../support/cli.js';
import { ALL_READ_SCOPES, startEmulator, type Emulator } from '../emulator/server.js';
import { readFixture } from '../support/tenant.js';
import { createDatabase, PG_SKIP_REASON, startPostgres, type PgServer } from '../support/pg-server.js';
import pg from 'pg';


const SECRETS: Record<string, string> = {};
const plant = (where: string): string => (SECRETS[where] = `Zq${where.replace(/[^a-z0-9]/gi, '')}X9v${Object.keys(SECRETS).length}kP4wL7`);

const AUDIT_SECRET = plant('audit client secret');
const AUDIT_TOKEN = plant('audit static token');
const CREDS = { AUTH0_CLIENT_ID: 'secrets-client', AUTH0_CLIENT_SECRET: AUDIT_SECRET };

type Run = CliRun;
const cli = (args: string[], env: Record<string, string>): Promise<Run> => runCli(args, { env });

function plantedTenant() {
  const f = readFixture('go-live-ready-b2c');
  const r = f.resources as Record<string, unknown> & typeof f.resources;
  r.clients = (r.clients ?? []).map((c, i) => ({ ...c, client_secret: plant(`client secret ${i}`) }));
  r.connections = (r.connections ?? []).map((c, i) => ({
    ...c,
    options: {
      ...(c.options ?? {}),
      client_secret: plant(`connection client_secret ${i}`),
      configuration: { API_KEY: plant(`connection configuration ${i}`) },
      ...(c.strategy === 'auth0'
        ? { enabledDatabaseCustomization: true, customScripts: { login: `function login(email, password, callback) {\n  const apiKey = "${plant(`custom script literal ${i}`)}";\n  callback(null);\n}` } }
        : {}),
    },
  }));
  r.emailProvider = { name: 'sendgrid', enabled: true, default_from_address: 'no-reply@acme.example', credentials: { api_key: plant('email provider api_key') }, settings: {} };
  r.logStreams = (r.logStreams ?? []).map((s, i) => ({ ...s, sink: { ...((s as { sink?: object }).sink ?? {}), datadogApiKey: plant(`log stream sink ${i}`), httpAuthorization: plant(`log stream http ${i}`) } }));
  r.actions = [
    ...(r.actions ?? []).map((a, i) => ({ ...a, secrets: [{ name: 'CRM_KEY', value: plant(`action secret value ${i}`) }] })),
    { id: 'act_planted', name: 'Sync CRM', runtime: 'node22', supported_triggers: [{ id: 'post-login', version: 'v3' }], code: `const CRM_API_KEY = "${plant('action code literal')}";\nexports.onExecutePostLogin = async () => {};` },
  ];
  f.users = (f.users ?? []).map((u, i) => ({ ...u, user_metadata: { ...(u.user_metadata ?? {}), api_token: plant(`user metadata ${i}`) } }));
  return f;
}

describe('secrets never leave; the audit never writes', () => {
  const fixture = plantedTenant();
  const dir = mkdtempSync(join(tmpdir(), 'a0r-secrets-'));
  const runs: Run[] = [];
  let em: Emulator;
  // The run history: a directory store, and a PostgreSQL store when the server binaries are here.
  const historyDir = mkdtempSync(join(tmpdir(), 'a0r-secrets-history-'));
  let pgServer: PgServer | undefined;
  let pgUrl: string | undefined;

  beforeAll(async () => {
    const scopes = [...ALL_READ_SCOPES, 'read:client_keys', 'read:client_credentials'];
    em = await startEmulator({ fixture, clientId: CREDS.AUTH0_CLIENT_ID, clientSecret: AUDIT_SECRET, scopes, tokens: { [AUDIT_TOKEN]: scopes } });
    if (!PG_SKIP_REASON) {
      pgServer = await startPostgres();
      pgUrl = await createDatabase(pgServer, 'secrets');
    }
    const common = ['--domain', fixture.domain, '--api-base-url', em.url, '--with-logs', '--with-users', '--with-forms', '--log-level', 'trace'];
    const formats = ['json', 'junit', 'sarif', 'markdown', 'html'].flatMap((f) => ['--format', `${f}:${join(dir, `report.${f}`)}`]);
    runs.push(
      ...(await Promise.all([
        cli(['audit', ...common, '--format', 'console', '--verbose', ...formats, '--fail-on', 'none', '--history', historyDir], CREDS),
        cli(['snapshot', ...common, '--out', join(dir, 'tenant.snapshot.json')], CREDS),
        cli(['audit', ...common, '--format', 'json', '--fail-on', 'none', ...(pgUrl ? ['--history', pgUrl] : [])], { AUTH0_ACCESS_TOKEN: AUDIT_TOKEN }),
      ])),
    );
  }, 120_000);
  afterAll(async () => {
    await em.close();
    await pgServer?.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(historyDir, { recursive: true, force: true });
  });

  /** Everything the history stores hold, as text. */
  async function storeContents(): Promise<[string, string][]> {
    const out: [string, string][] = readdirSync(historyDir).map((f) => [`history ${f}`, readFileSync(join(historyDir, f), 'utf8')]);
    if (pgUrl) {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      try {
        for (const t of ['readiness_runs', 'readiness_acceptances', 'readiness_schema_migrations']) out.push([`postgres ${t}`, JSON.stringify((await c.query(`SELECT * FROM ${t}`)).rows)]);
      } finally {
        await c.end();
      }
    }
    return out;
  }

  it('the history stores got the run, without a secret, a message or a value', async () => {
    const contents = await storeContents();
    expect(contents.find(([n]) => n === 'history runs.jsonl')?.[1]).toMatch(/"runId"/);
    if (pgUrl) expect(contents.find(([n]) => n === 'postgres readiness_runs')?.[1]).toMatch(/"runId"/);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { findings: { message: string }[] };
    const leaks: string[] = [];
    for (const [name, text] of contents) {
      for (const [where, secret] of Object.entries(SECRETS)) if (text.includes(secret) || text.includes(secret.slice(-10))) leaks.push(`${where} in ${name}`);
      // No finding message (they can quote configuration).
      for (const f of report.findings) if (f.message.length > 25 && text.includes(f.message)) leaks.push(`message "${f.message.slice(0, 40)}" in ${name}`);
      if (pgServer && text.includes(pgServer.password)) leaks.push(`the PostgreSQL password in ${name}`);
    }
    expect(leaks).toEqual([]);
    // The password of the store URL is never printed either.
    if (pgServer) for (const r of runs) expect(`${r.stdout}${r.stderr}`).not.toContain(pgServer.password);
  });

  it('every run succeeded and wrote every file', () => {
    for (const r of runs) expect(r.code, r.stderr.slice(-2000)).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['report.html', 'report.json', 'report.junit', 'report.markdown', 'report.sarif', 'tenant.snapshot.json']);
    // The trace logs are really there (a test of nothing would pass too).
    expect(runs[0]?.stderr.length).toBeGreaterThan(100);
    // The planted Action literal is still reported, by its redaction marker.
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toContain('act_planted');
  });

  it('no planted secret in any report, the snapshot, stdout or the debug logs', () => {
    const outputs: [string, string][] = [
      ...readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')] as [string, string]),
      ...runs.flatMap((r, i) => [[`run ${i} stdout`, r.stdout], [`run ${i} stderr`, r.stderr]] as [string, string][]),
    ];
    expect(Object.keys(SECRETS).length).toBeGreaterThan(15);
    const leaks: string[] = [];
    for (const [name, text] of outputs) {
      for (const [where, secret] of Object.entries(SECRETS)) {
        // The whole secret, or a distinctive tail of it (a partial mask is a leak too).
        if (text.includes(secret) || text.includes(secret.slice(-10))) leaks.push(`${where} in ${name}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('the emulator saw no request but GETs and the token POST, across every format, the snapshot and every opt-in', () => {
    const others = em.requests.filter((r) => r.method !== 'GET' && !(r.method === 'POST' && r.path === '/oauth/token'));
    expect(others).toEqual([]);
    expect(em.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(2); // the two client-credentials runs
    const paths = new Set(em.requests.map((r) => r.path));
    for (const p of ['/api/v2/logs', '/api/v2/users', '/api/v2/forms', '/api/v2/clients']) expect(paths.has(p), p).toBe(true);
  });
});
