/** The live collector against nock: pagination, scopes, rate limits, read-only. */
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import customDomainReady from '../../rules/custom-domain-ready.js';
import databaseBruteForceProtection from '../../rules/database-brute-force-protection.js';
import logStreamActive from '../../rules/log-stream-active.js';
import { audit } from '../../src/run.js';
import { collect } from '../../src/sources/management-api/collect.js';
import { createTransport, WriteRefusedError } from '../../src/sources/management-api/transport.js';

const DOMAIN = 'nock-tenant.us.auth0.com';
const API = `https://${DOMAIN}`;
const creds = { domain: DOMAIN, token: 'static-token' };

afterEach(() => {
  nock.cleanAll();
});

function record(scope: nock.Scope, log: string[]) {
  scope.on('request', (req: { method: string; path: string }) => log.push(`${req.method} ${req.path.split('?')[0]}`));
  return scope;
}

const client = (i: number, extra: Record<string, unknown> = {}) => ({ client_id: `c${i}`, name: `app ${i}`, app_type: 'spa', ...extra });

describe('collector', () => {
  it('reads every page of an offset list, with the fewest requests', async () => {
    const all = Array.from({ length: 250 }, (_, i) => client(i));
    const log: string[] = [];
    record(
      nock(API)
        .get('/api/v2/clients')
        .query(true)
        .times(3)
        .reply(function (uri) {
          const q = new URL(uri, API).searchParams;
          const page = Number(q.get('page'));
          const per = Number(q.get('per_page'));
          expect(q.get('include_totals')).toBe('true');
          return [200, { start: page * per, limit: per, total: all.length, clients: all.slice(page * per, page * per + per) }];
        }),
      log,
    );
    const { snapshot } = await collect({ credentials: creds, resources: ['clients'] });
    const r = snapshot.resources.clients;
    expect(r?.ok && r.data.map((c) => c.client_id)).toEqual(all.map((c) => c.client_id));
    expect(log).toHaveLength(3);
  });

  it('follows checkpoint pages to the end: a finding on the last page shows up', async () => {
    const conns = Array.from({ length: 230 }, (_, i) => ({ id: `con_${i}`, name: `db-${i}`, strategy: 'auth0', options: { brute_force_protection: i !== 229 } }));
    nock(API)
      .get('/api/v2/connections')
      .query(true)
      .times(3)
      .reply(function (uri) {
        const q = new URL(uri, API).searchParams;
        const from = Number(q.get('from') ?? 0);
        const take = Number(q.get('take'));
        const next = from + take < conns.length ? String(from + take) : undefined;
        return [200, { connections: conns.slice(from, from + take), ...(next ? { next } : {}) }];
      });
    const { snapshot } = await collect({ credentials: creds, resources: ['connections'] });
    const report = await audit({ source: { kind: 'snapshot', snapshot }, rules: [databaseBruteForceProtection] });
    const failing = report.findings.filter((f) => f.status === 'fail');
    expect(failing.map((f) => f.resource?.name)).toEqual(['db-229']);
    expect(report.findings.filter((f) => f.status === 'pass')).toHaveLength(229);
  });

  it('a 403 insufficient_scope leaves its topics unknown, names the scope, and the rest is judged', async () => {
    nock(API)
      .get('/api/v2/log-streams')
      .reply(403, { statusCode: 403, error: 'Forbidden', message: 'Insufficient scope, expected any of: read:log_streams', errorCode: 'insufficient_scope' });
    nock(API).get('/api/v2/custom-domains').reply(200, [{ custom_domain_id: 'cd_1', domain: 'login.acme.example', status: 'ready', type: 'auth0_managed_certs' }]);
    const { snapshot } = await collect({ credentials: creds, resources: ['logStreams', 'customDomains'] });
    expect(snapshot.resources.logStreams).toEqual({ ok: false, reason: 'missing-scope', detail: expect.stringContaining('read:log_streams'), scopes: ['read:log_streams'] });
    const report = await audit({ source: { kind: 'snapshot', snapshot }, rules: [logStreamActive, customDomainReady] });
    const logging = report.topics.find((t) => t.id === 'b2c.p1.operations.logging');
    expect(logging?.status).toBe('unknown');
    expect(logging?.reasons.join()).toContain('read:log_streams');
    expect(report.topics.find((t) => t.id === 'b2c.p1.architecture.custom-domains')?.status).toBe('pass');
    expect(report.resources.find((r) => r.key === 'logStreams')).toMatchObject({ status: 'missing-scope', scopes: ['read:log_streams'] });
  });

  it('a plan-gated 403 is unavailable-on-plan, not missing-scope', async () => {
    nock(API).get('/api/v2/attack-protection/bot-detection').reply(403, { statusCode: 403, error: 'Forbidden', message: 'Feature not enabled for this tenant', errorCode: 'operation_not_supported' });
    const { snapshot } = await collect({ credentials: creds, resources: ['botDetection'] });
    expect(snapshot.resources.botDetection).toMatchObject({ ok: false, reason: 'unavailable-on-plan' });
  });

  it('404 means "not configured" where the API says so', async () => {
    nock(API).get('/api/v2/emails/provider').query(true).reply(404, { statusCode: 404, error: 'Not Found', message: 'email provider not found', errorCode: 'inexistent_email_provider' });
    const { snapshot } = await collect({ credentials: creds, resources: ['emailProvider'] });
    expect(snapshot.resources.emailProvider).toEqual({ ok: true, data: null });
  });

  it('retries a 429 after Retry-After, then succeeds', async () => {
    const log: string[] = [];
    record(nock(API).get('/api/v2/log-streams').reply(429, { statusCode: 429, error: 'Too Many Requests', message: 'Global limit has been reached' }, { 'retry-after': '0', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '0' }), log);
    record(nock(API).get('/api/v2/log-streams').reply(200, [{ id: 'lst_1', name: 's', type: 'http', status: 'active' }]), log);
    const { snapshot, stats } = await collect({ credentials: creds, resources: ['logStreams'] });
    expect(snapshot.resources.logStreams?.ok).toBe(true);
    expect(log).toEqual(['GET /api/v2/log-streams', 'GET /api/v2/log-streams']);
    expect(stats.rateLimited).toBe(1);
  });

  it('requests a token with the canonical audience, then sends only GETs', async () => {
    const log: string[] = [];
    record(
      nock(API)
        .post('/oauth/token', (b: Record<string, string>) => b.grant_type === 'client_credentials' && b.audience === `${API}/api/v2/` && b.client_id === 'cid')
        .reply(200, { access_token: 'tok', token_type: 'Bearer', expires_in: 86400 }),
      log,
    );
    record(nock(API, { reqheaders: { authorization: 'Bearer tok' } }).get('/api/v2/custom-domains').reply(200, []), log);
    record(nock(API, { reqheaders: { authorization: 'Bearer tok' } }).get('/api/v2/prompts').reply(200, { universal_login_experience: 'new' }), log);
    await collect({ credentials: { domain: DOMAIN, clientId: 'cid', clientSecret: 'secret' }, resources: ['customDomains', 'prompts'] });
    expect(log.filter((l) => !l.startsWith('GET ') && l !== 'POST /oauth/token')).toEqual([]);
    expect(log).toContain('POST /oauth/token');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('bad credentials: exit-3 error with one clear line', async () => {
    nock(API).post('/oauth/token').reply(401, { error: 'access_denied', error_description: 'Unauthorized' });
    await expect(collect({ credentials: { domain: DOMAIN, clientId: 'cid', clientSecret: 'wrong' }, resources: ['prompts'] })).rejects.toMatchObject({
      exitCode: 3,
      message: expect.stringContaining('authentication failed'),
    });
  });

  it('--api-base-url sends every request to the other origin, audience unchanged', async () => {
    const other = 'http://127.0.0.1:4999';
    nock(other).post('/oauth/token', (b: Record<string, string>) => b.audience === `${API}/api/v2/`).reply(200, { access_token: 'tok2' });
    nock(other).get('/api/v2/prompts').reply(200, { universal_login_experience: 'new' });
    const { snapshot } = await collect({ credentials: { domain: DOMAIN, clientId: 'cid', clientSecret: 's' }, resources: ['prompts'], apiBaseUrl: new URL(other) });
    expect(snapshot.resources.prompts?.ok).toBe(true);
  });
});

describe('transport', () => {
  it('refuses anything but GET and the token POST', async () => {
    const t = createTransport({ fetchImpl: async () => new Response('{}') });
    await expect(t.fetch(`${API}/api/v2/clients/c1`, { method: 'PATCH' })).rejects.toBeInstanceOf(WriteRefusedError);
    await expect(t.fetch(`${API}/api/v2/clients`, { method: 'POST' })).rejects.toBeInstanceOf(WriteRefusedError);
    await expect(t.fetch(`${API}/api/v2/clients/c1`, { method: 'DELETE' })).rejects.toBeInstanceOf(WriteRefusedError);
    expect((await t.fetch(`${API}/oauth/token`, { method: 'POST' })).status).toBe(200);
  });
  it('retries 5xx with backoff, within the budget', async () => {
    let n = 0;
    const waits: number[] = [];
    const t = createTransport({
      fetchImpl: async () => (++n < 3 ? new Response('oops', { status: 503 }) : new Response('[]')),
      sleep: async (ms) => void waits.push(ms),
    });
    expect((await t.fetch(`${API}/api/v2/log-streams`)).status).toBe(200);
    expect(n).toBe(3);
    expect(waits).toEqual([500, 1000]);
  });
  it('slows down before it is refused when the bucket is empty', async () => {
    const waits: number[] = [];
    let clock = 1_000_000;
    const t = createTransport({
      now: () => clock,
      sleep: async (ms) => { waits.push(ms); clock += ms; },
      fetchImpl: async () => new Response('[]', { headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil((clock + 2000) / 1000)) } }),
    });
    await t.fetch(`${API}/api/v2/log-streams`);
    await t.fetch(`${API}/api/v2/log-streams`);
    expect(waits.length).toBe(1);
    expect(waits[0]).toBeGreaterThan(1000);
  });
});

describe('what the collector asks for (issue 10)', () => {
  it('asks the email provider for the fields the rules read, never credentials (defect 1)', async () => {
    let query: URLSearchParams | undefined;
    nock(API)
      .get('/api/v2/emails/provider')
      .query(true)
      .reply(function (uri) {
        query = new URL(uri, API).searchParams;
        return [200, { name: 'sendgrid', enabled: true, default_from_address: 'no-reply@acme.example', settings: {} }];
      });
    const { snapshot } = await collect({ credentials: creds, resources: ['emailProvider'] });
    expect(query?.get('fields')?.split(',').sort()).toEqual(['default_from_address', 'enabled', 'name', 'settings']);
    expect(query?.get('include_fields')).toBe('true');
    expect(query?.get('fields')).not.toContain('credentials');
    expect(snapshot.resources.emailProvider).toMatchObject({ ok: true, data: { default_from_address: 'no-reply@acme.example' } });
  });

  it('searches logs without the deprecated include_totals, and derives no total from a page (defect 12)', async () => {
    const queries: URLSearchParams[] = [];
    nock(API)
      .get('/api/v2/logs')
      .query(true)
      .times(3)
      .reply(function (uri) {
        const q = new URL(uri, API).searchParams;
        queries.push(q);
        if (q.has('include_totals')) return [400, { statusCode: 400, error: 'Bad Request', message: 'include_totals is deprecated' }];
        const full = (q.get('q') ?? '').includes('api_limit');
        return [200, Array.from({ length: full ? 10 : 2 }, (_, i) => ({ log_id: `l${i}`, type: full ? 'api_limit' : 'depnote', date: '2026-11-20T00:00:00.000Z' }))];
      });
    const { snapshot } = await collect({ credentials: creds, resources: ['logEvents'], now: () => new Date('2026-11-22T00:00:00.000Z') });
    expect(queries).toHaveLength(3);
    for (const q of queries) expect(q.has('include_totals')).toBe(false);
    const r = snapshot.resources.logEvents;
    expect(r?.ok).toBe(true);
    if (!r?.ok) return;
    expect(r.data.rateLimits).toMatchObject({ count: 10, more: true });
    expect(r.data.rateLimits).not.toHaveProperty('total');
    expect(r.data.deprecations).toMatchObject({ count: 2, more: false });
  });
});
