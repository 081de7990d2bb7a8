/**
 * The Management API emulator, exercised with plain `fetch` against 127.0.0.1 only.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RESOURCE_KEYS, RESOURCES, type ResourceKey } from '../../src/snapshot/resources.js';
import { redact } from '../../src/snapshot/redact.js';
import { collect as collectLive } from '../../src/sources/management-api/collect.js';
import { ALL_READ_SCOPES, loadFixture, startEmulator, type Emulator, type EmulatorOptions } from './server.js';
import type { TenantFixture } from './fixture.js';
import { REPO_ROOT } from '../support/tenant.js';

const ROOT = REPO_ROOT;
const fixture = (name: string): TenantFixture => loadFixture(join(ROOT, 'fixtures', 'tenants', `${name}.json`));

const GO_LIVE = fixture('go-live-ready-b2c');
const BRAND_NEW = fixture('brand-new');
const B2B = fixture('b2b-organizations');
const LARGE = fixture('large');

const started: Emulator[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((e) => e.close()));
});

const STATIC = 'static-test-token';

async function emulator(options: Partial<EmulatorOptions> & { fixture: TenantFixture }): Promise<Emulator> {
  const e = await startEmulator({ tokens: { [STATIC]: [...ALL_READ_SCOPES] }, ...options });
  started.push(e);
  return e;
}

interface Res {
  status: number;
  body: any;
  headers: Headers;
}

async function get(e: Emulator, path: string, token: string | null = STATIC): Promise<Res> {
  const res = await fetch(`${e.url}/api/v2${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

async function token(e: Emulator, body: Record<string, string>, json = false): Promise<Res> {
  const res = await fetch(`${e.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded' },
    body: json ? JSON.stringify(body) : new URLSearchParams(body).toString(),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

const creds = (e: Emulator, over: Record<string, string> = {}) => ({
  grant_type: 'client_credentials',
  client_id: 'emulator-client',
  client_secret: 'emulator-secret',
  audience: e.audience,
  ...over,
});

describe('token endpoint', () => {
  it('issues a bearer token (form-urlencoded, as the SDK sends it) that the API accepts', async () => {
    const e = await emulator({ fixture: GO_LIVE });
    expect(e.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(e.audience).toBe('https://acme-prod.us.auth0.com/api/v2/');
    const t = await token(e, creds(e));
    expect(t.status).toBe(200);
    expect(t.body).toMatchObject({ token_type: 'Bearer', expires_in: 86400 });
    expect(typeof t.body.access_token).toBe('string');
    expect(t.body.scope.split(' ')).toEqual(expect.arrayContaining(['read:clients', 'read:connections_options']));
    const settings = await get(e, '/tenants/settings', t.body.access_token);
    expect(settings.status).toBe(200);
    expect(settings.body.friendly_name).toBe('Acme');
  });

  it('accepts a JSON body and HTTP Basic client authentication', async () => {
    const e = await emulator({ fixture: GO_LIVE });
    expect((await token(e, creds(e), true)).status).toBe(200);
    const res = await fetch(`${e.url}/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from('emulator-client:emulator-secret').toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', audience: e.audience }).toString(),
    });
    expect(res.status).toBe(200);
  });

  it('refuses another audience with 403 and wrong credentials with 401', async () => {
    const e = await emulator({ fixture: GO_LIVE, clientId: 'cid', clientSecret: 'shh' });
    const aud = await token(e, creds(e, { client_id: 'cid', client_secret: 'shh', audience: 'https://login.acme.example/api/v2/' }));
    expect(aud.status).toBe(403);
    expect(aud.body).toEqual({
      error: 'access_denied',
      error_description: 'Service not enabled within domain: https://login.acme.example/api/v2/',
    });
    const bad = await token(e, creds(e, { client_id: 'cid', client_secret: 'wrong' }));
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual({ error: 'access_denied', error_description: 'Unauthorized' });
    const grant = await token(e, creds(e, { client_id: 'cid', client_secret: 'shh', grant_type: 'password' }));
    expect(grant.status).toBe(403);
    expect(grant.body.error).toBe('unsupported_grant_type');
  });

  it('grants the configured scopes, and expired tokens answer 401', async () => {
    let now = Date.UTC(2026, 0, 1);
    const e = await emulator({ fixture: GO_LIVE, scopes: ['read:clients'], tokenExpiresIn: 60, now: () => now });
    const t = await token(e, creds(e));
    expect(t.body).toMatchObject({ scope: 'read:clients', expires_in: 60 });
    expect((await get(e, '/clients', t.body.access_token)).status).toBe(200);
    expect((await get(e, '/log-streams', t.body.access_token)).status).toBe(403);
    now += 61_000;
    const expired = await get(e, '/clients', t.body.access_token);
    expect(expired.status).toBe(401);
    expect(expired.body.statusCode).toBe(401);
  });
});

describe('authorization', () => {
  it('answers 401 without a token or with an unknown one', async () => {
    const e = await emulator({ fixture: GO_LIVE });
    for (const t of [null, 'not-a-token']) {
      const res = await get(e, '/clients', t);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Invalid token' });
    }
    expect(e.requests.map((r) => r.authorization)).toEqual([false, true]);
  });

  it('answers 403 insufficient_scope naming the expected scope', async () => {
    const e = await emulator({ fixture: GO_LIVE, tokens: { narrow: ['read:clients', 'read:connections'] } });
    const res = await get(e, '/log-streams', 'narrow');
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'Insufficient scope, expected any of: read:log_streams',
      errorCode: 'insufficient_scope',
    });
    expect((await get(e, '/attack-protection/bot-detection', 'narrow')).body.message).toBe(
      'Insufficient scope, expected any of: read:attack_protection',
    );
    expect((await get(e, '/clients', 'narrow')).status).toBe(200);
  });

  it('leaves out connection options without read:connections_options, and enabled_clients as the OAS does', async () => {
    const e = await emulator({
      fixture: GO_LIVE,
      tokens: { plain: ['read:connections'], full: ['read:connections', 'read:connections_options'] },
    });
    const plain = await get(e, '/connections?take=50', 'plain');
    expect(plain.status).toBe(200);
    expect(plain.body.connections).toHaveLength(2);
    for (const c of plain.body.connections) {
      expect(c).not.toHaveProperty('options');
      expect(c).not.toHaveProperty('enabled_clients');
      expect(c).toHaveProperty('strategy');
    }
    const full = await get(e, '/connections?take=50', 'full');
    expect(full.body.connections[0].options.passwordPolicy).toBe('excellent');
    // The enabled clients come from the dedicated endpoint.
    const id = full.body.connections[0].id;
    const enabled = await get(e, `/connections/${id}/clients`, 'plain');
    expect(enabled.status).toBe(200);
    expect(enabled.body).toEqual({
      clients: GO_LIVE.resources.connections![0]!.enabled_clients!.map((client_id) => ({ client_id })),
    });
    expect((await get(e, '/connections/con_missing/clients', 'plain')).status).toBe(404);
  });

  it('can include enabled_clients in the connection list (legacy payload)', async () => {
    const e = await emulator({ fixture: GO_LIVE, enabledClientsInConnectionList: true });
    const res = await get(e, '/connections?take=10');
    expect(res.body.connections[0].enabled_clients).toHaveLength(3);
  });

  it('hides client key material without read:client_keys', async () => {
    const f: TenantFixture = structuredClone(GO_LIVE);
    (f.resources.clients![1] as Record<string, unknown>).client_secret = 'FIXTURE-SECRET-client';
    const e = await emulator({ fixture: f, tokens: { keys: ['read:clients', 'read:client_keys'] } });
    const without = await get(e, '/clients?page=0&per_page=10');
    expect(JSON.stringify(without.body)).not.toContain('FIXTURE-SECRET-');
    const withKeys = await get(e, '/clients?page=0&per_page=10', 'keys');
    expect(JSON.stringify(withKeys.body)).toContain('FIXTURE-SECRET-client');
  });
});

describe('not configured, and not on the plan', () => {
  it('answers 404 for a missing email provider, theme, page template and email template', async () => {
    const e = await emulator({ fixture: BRAND_NEW });
    const cases: [string, string][] = [
      ['/emails/provider', 'inexistent_email_provider'],
      ['/emails/provider?fields=name,enabled&include_fields=true', 'inexistent_email_provider'],
      ['/branding/themes/default', 'inexistent_theme'],
      ['/branding/templates/universal-login', 'inexistent_template'],
      ['/email-templates/verify_email', 'inexistent_email_template'],
      ['/email-templates/user_invitation', 'inexistent_email_template'],
    ];
    for (const [path, errorCode] of cases) {
      const res = await get(e, path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).toMatchObject({ statusCode: 404, error: 'Not Found', errorCode });
      expect(typeof res.body.message).toBe('string');
    }
    expect((await get(e, '/email-templates/not_a_template')).status).toBe(400);
    expect((await get(e, '/nope')).status).toBe(404);
    // Non-customised prompt text is {}.
    const text = await get(e, '/prompts/login/custom-text/en');
    expect(text).toMatchObject({ status: 200, body: {} });
    expect((await get(e, '/prompts/not-a-prompt/custom-text/en')).status).toBe(404);
  });

  it('serves configured singletons as they are', async () => {
    const e = await emulator({ fixture: GO_LIVE });
    // The OAS: without `fields`, only `name` and `enabled`.
    expect((await get(e, '/emails/provider')).body).toEqual({ name: 'sendgrid', enabled: true });
    expect((await get(e, '/emails/provider?fields=name,enabled,default_from_address,settings,credentials&include_fields=true')).body).toEqual(
      GO_LIVE.resources.emailProvider,
    );
    expect((await get(e, '/emails/provider?fields=name,enabled&include_fields=true')).body).toEqual({
      name: 'sendgrid',
      enabled: true,
    });
    expect((await get(e, '/email-templates/reset_email')).body.resultUrl).toMatch(/^https:/);
    expect((await get(e, '/prompts/login/custom-text/fr')).body.login.title).toBe('Bienvenue chez Acme');
    expect((await get(e, '/guardian/policies')).body).toEqual(['all-applications']);
    expect((await get(e, '/guardian/factors/phone/selected-provider')).body).toEqual({ provider: 'twilio' });
    expect((await get(e, '/branding/themes/default')).body.themeId).toBeTruthy();
    expect((await get(e, '/custom-domains')).body[0].status).toBe('ready');
    expect((await get(e, '/custom-domains?take=1')).body).toMatchObject({ custom_domains: [{ domain: 'login.acme.example' }] });
  });

  it('answers plan-gated resources with 403 (not insufficient_scope), and 402 for the page template', async () => {
    const f: TenantFixture = { ...structuredClone(B2B), planGated: ['botDetection', 'brandingTemplate', 'logStreams'] };
    const e = await emulator({ fixture: f });
    const bot = await get(e, '/attack-protection/bot-detection');
    expect(bot.status).toBe(403);
    expect(bot.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'Please upgrade your subscription to use bot detection',
      errorCode: 'operation_not_supported',
    });
    const streams = await get(e, '/log-streams');
    expect(streams.status).toBe(403);
    expect(streams.body.errorCode).not.toBe('insufficient_scope');
    const template = await get(e, '/branding/templates/universal-login');
    expect(template.status).toBe(402);
    expect(template.body).toMatchObject({ statusCode: 402, error: 'Payment Required' });
    // A missing scope still wins over the plan.
    const narrow = await emulator({ fixture: f, tokens: { t: ['read:clients'] } });
    expect((await get(narrow, '/attack-protection/bot-detection', 't')).body.errorCode).toBe('insufficient_scope');
  });
});

describe('pagination', () => {
  it('pages clients by offset like the API (page, per_page, include_totals, last short page)', async () => {
    const e = await emulator({ fixture: LARGE });
    const sizes: number[] = [];
    let last: any;
    for (let page = 0; ; page++) {
      const res = await get(e, `/clients?page=${page}&per_page=100&include_totals=true`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ start: page * 100, limit: 100, total: 420 });
      expect(Object.keys(res.body).sort()).toEqual(['clients', 'limit', 'start', 'total']);
      if (res.body.clients.length === 0) break;
      sizes.push(res.body.clients.length);
      last = res.body;
    }
    expect(sizes).toEqual([100, 100, 100, 100, 20]);
    expect(last.clients.at(-1).name).toBe('Legacy Partner Portal');
    expect(last.clients.at(-1).callbacks).toContain('http://localhost:3000/callback');

    const bare = await get(e, '/clients?page=1&per_page=2');
    expect(Array.isArray(bare.body)).toBe(true);
    expect(bare.body).toHaveLength(2);
    expect((await get(e, '/clients?include_totals=true')).body.clients).toHaveLength(50); // default per_page
    const tooBig = await get(e, '/clients?per_page=101');
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.errorCode).toBe('invalid_query_string');
    expect((await get(e, '/clients?is_global=true')).body).toMatchObject([{ name: 'All Applications', global: true }]);
    expect((await get(e, '/clients?is_global=false&per_page=100&page=4&include_totals=true')).body.total).toBe(419);
    expect((await get(e, '/clients?fields=client_id,name&per_page=1')).body[0]).toEqual({
      client_id: LARGE.resources.clients![0]!.client_id,
      name: 'All Applications',
    });
  });

  it('pages connections by checkpoint until next is absent', async () => {
    const e = await emulator({ fixture: LARGE });
    const sizes: number[] = [];
    let from: string | undefined;
    let page: any;
    do {
      const res = await get(e, `/connections?take=100&include_totals=true${from ? `&from=${encodeURIComponent(from)}` : ''}`);
      expect(res.status).toBe(200);
      page = res.body;
      expect(page).not.toHaveProperty('total'); // include_totals is ignored with checkpoint paging
      sizes.push(page.connections.length);
      from = page.next;
    } while (from);
    expect(sizes).toEqual([100, 100, 60]);
    expect(Object.keys(page)).toEqual(['connections']);
    expect(page.connections.at(-1)).toMatchObject({ name: 'github-devkeys-legacy', options: { client_id: '' } });
    expect(page.connections.find((c: any) => c.name === 'legacy-import-users').options.brute_force_protection).toBe(false);

    const filtered = await get(e, '/connections?take=100&strategy=github&strategy=apple');
    expect(filtered.body.connections.map((c: any) => c.name).sort()).toEqual(['apple', 'github-devkeys-legacy']);
    expect((await get(e, '/connections?take=10&from=bogus')).status).toBe(400);
    expect((await get(e, '/connections?take=101')).status).toBe(400);
    const offset = await get(e, '/connections?page=2&per_page=100&include_totals=true');
    expect(offset.body).toMatchObject({ start: 200, limit: 100, total: 260 });
    expect(offset.body.connections).toHaveLength(60);

    // The enabled clients of the main database connection, 315 of them, by checkpoint too.
    const main = LARGE.resources.connections![0]!;
    const ids: string[] = [];
    let next: string | undefined;
    do {
      const res = await get(e, `/connections/${main.id}/clients?take=100${next ? `&from=${next}` : ''}`);
      ids.push(...res.body.clients.map((c: any) => c.client_id));
      next = res.body.next;
    } while (next);
    expect(ids).toEqual(main.enabled_clients);
  });

  it('pages organizations (checkpoint and offset), actions and bindings', async () => {
    const e = await emulator({ fixture: LARGE });
    const first = await get(e, '/organizations?take=50');
    expect(first.body.organizations).toHaveLength(50);
    const second = await get(e, `/organizations?take=50&from=${first.body.next}`);
    expect(second.body.organizations).toHaveLength(10);
    expect(second.body.next).toBeUndefined();
    expect((await get(e, '/organizations?page=1&per_page=50&include_totals=true')).body).toMatchObject({
      start: 50,
      limit: 50,
      total: 60,
    });

    const actions = await get(e, '/actions/actions?page=2');
    expect(actions.body).toMatchObject({ total: 300, page: 2, per_page: 20 });
    expect(actions.body.actions).toHaveLength(20);
    expect((await get(e, '/actions/actions?per_page=100&page=2')).body.actions).toHaveLength(100);
    expect((await get(e, '/actions/actions?per_page=100&page=3')).body.actions).toHaveLength(0);
    expect((await get(e, '/actions/actions?triggerId=post-login&per_page=100')).body.total).toBe(3);

    const bindings = await get(e, '/actions/triggers/post-login/bindings?page=0&per_page=50');
    expect(bindings.body).toMatchObject({ total: 3, page: 0, per_page: 50 });
    expect(bindings.body.bindings.map((b: any) => b.display_name)).toEqual([
      'Add customer claims',
      'Add organization claims',
      'Deny blocked regions',
    ]);
    expect((await get(e, '/actions/triggers/pre-user-registration/bindings')).body).toMatchObject({ bindings: [], total: 0 });
    expect((await get(e, '/actions/triggers/nope/bindings')).status).toBe(400);
  });
});

describe('rate limiting', () => {
  it('spends the burst, answers 429 with headers, and recovers after the reset (fake clock)', async () => {
    let now = Date.UTC(2026, 5, 1, 12, 0, 0, 250);
    const e = await emulator({ fixture: GO_LIVE, rateLimit: { perSecond: 2, burst: 3 }, now: () => now });
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await get(e, '/tenants/settings');
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-limit')).toBe('3');
      remaining.push(res.headers.get('x-ratelimit-remaining')!);
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await get(e, '/clients');
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'Global limit has been reached',
      errorCode: 'too_many_requests',
    });
    expect(limited.headers.get('x-ratelimit-limit')).toBe('3');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('retry-after')).toBe('1');
    const reset = Number(limited.headers.get('x-ratelimit-reset'));
    expect(reset).toBe(Math.ceil((now + 500) / 1000)); // one token every 500 ms
    now = reset * 1000;
    const recovered = await get(e, '/clients');
    expect(recovered.status).toBe(200);
    expect(e.requests.map((r) => r.status)).toEqual([200, 200, 200, 429, 200]);
  });

  it('refills in real time too', async () => {
    // Slow enough that a loaded machine does not refill a token between the first three requests.
    const e = await emulator({ fixture: GO_LIVE, rateLimit: { perSecond: 4, burst: 2 } });
    expect((await get(e, '/prompts')).status).toBe(200);
    expect((await get(e, '/prompts')).status).toBe(200);
    expect((await get(e, '/prompts')).status).toBe(429);
    await new Promise((r) => setTimeout(r, 300));
    expect((await get(e, '/prompts')).status).toBe(200);
  });

  it('sends generous rate-limit headers when no limit is configured', async () => {
    const e = await emulator({ fixture: GO_LIVE });
    const res = await get(e, '/prompts');
    expect(Number(res.headers.get('x-ratelimit-limit'))).toBeGreaterThanOrEqual(1000);
    expect(Number(res.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(0);
    expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
  });
});

describe('read-only and recording', () => {
  it('answers every non-GET request with 405 and records it', async () => {
    const e = await emulator({ fixture: GO_LIVE });
    for (const method of ['POST', 'PATCH', 'PUT', 'DELETE']) {
      const res = await fetch(`${e.url}/api/v2/clients`, {
        method,
        headers: { authorization: `Bearer ${STATIC}`, 'content-type': 'application/json' },
        ...(method === 'DELETE' ? {} : { body: '{}' }),
      });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET');
      expect(await res.json()).toMatchObject({ statusCode: 405, error: 'Method Not Allowed' });
    }
    const writes = e.requests.filter((r) => r.path.startsWith('/api/v2/') && r.method !== 'GET');
    expect(writes.map((r) => [r.method, r.status])).toEqual([
      ['POST', 405],
      ['PATCH', 405],
      ['PUT', 405],
      ['DELETE', 405],
    ]);
  });

  it('records method, path, query (repeated parameters as arrays), status and the authorization flag', async () => {
    const e = await emulator({ fixture: GO_LIVE });
    await token(e, creds(e));
    await get(e, '/connections?take=5&strategy=auth0&strategy=google-oauth2');
    await get(e, '/log-streams', null);
    expect(e.requests.map(({ at: _at, ...r }) => r)).toEqual([
      { method: 'POST', path: '/oauth/token', query: {}, status: 200, authorization: false },
      {
        method: 'GET',
        path: '/api/v2/connections',
        query: { take: '5', strategy: ['auth0', 'google-oauth2'] },
        status: 200,
        authorization: true,
      },
      { method: 'GET', path: '/api/v2/log-streams', query: {}, status: 401, authorization: false },
    ]);
  });
});

describe('round trip', () => {
  /** Read every resource back through the emulator, following pagination. */
  async function collect(e: Emulator, f: TenantFixture): Promise<Record<string, unknown>> {
    const all = async (path: string, key: string) => {
      const out: unknown[] = [];
      let next: string | undefined;
      do {
        const res = await get(e, `${path}${path.includes('?') ? '&' : '?'}take=100${next ? `&from=${next}` : ''}`);
        out.push(...res.body[key]);
        next = res.body.next;
      } while (next);
      return out;
    };
    const offset = async (path: string, key: string) => {
      const out: unknown[] = [];
      for (let page = 0; ; page++) {
        const res = await get(e, `${path}?page=${page}&per_page=100&include_totals=true`);
        out.push(...res.body[key]);
        if (out.length >= res.body.total) return out;
      }
    };
    const texts: Record<string, Record<string, unknown>> = {};
    for (const [prompt, langs] of Object.entries(f.resources.promptsCustomText ?? {})) {
      texts[prompt] = {};
      for (const lang of Object.keys(langs)) texts[prompt]![lang] = (await get(e, `/prompts/${prompt}/custom-text/${lang}`)).body;
    }
    const templates: Record<string, unknown> = {};
    for (const name of Object.keys(f.resources.emailTemplates ?? {})) {
      const res = await get(e, `/email-templates/${name}`);
      templates[name] = res.status === 404 ? null : res.body;
    }
    const orNull = async (path: string) => {
      const res = await get(e, path);
      return res.status === 404 ? null : res.body;
    };
    return {
      tenantSettings: (await get(e, '/tenants/settings')).body,
      customDomains: (await get(e, '/custom-domains')).body,
      prompts: (await get(e, '/prompts')).body,
      promptsCustomText: texts,
      branding: (await get(e, '/branding')).body,
      brandingTheme: await orNull('/branding/themes/default'),
      brandingTemplate: await orNull('/branding/templates/universal-login'),
      emailProvider: await orNull('/emails/provider?fields=name,enabled,default_from_address,settings,credentials&include_fields=true'),
      emailTemplates: templates,
      bruteForceProtection: (await get(e, '/attack-protection/brute-force-protection')).body,
      suspiciousIpThrottling: (await get(e, '/attack-protection/suspicious-ip-throttling')).body,
      breachedPasswordDetection: (await get(e, '/attack-protection/breached-password-detection')).body,
      botDetection: (await get(e, '/attack-protection/bot-detection')).body,
      guardianFactors: (await get(e, '/guardian/factors')).body,
      guardianPolicies: (await get(e, '/guardian/policies')).body,
      guardianPhoneProvider: (await get(e, '/guardian/factors/phone/selected-provider')).body,
      logStreams: (await get(e, '/log-streams')).body,
      clients: await offset('/clients', 'clients'),
      connections: await all('/connections', 'connections'),
      actions: await offset('/actions/actions', 'actions'),
      postLoginBindings: (await get(e, '/actions/triggers/post-login/bindings?per_page=100')).body.bindings,
      organizations: await all('/organizations', 'organizations'),
      ...(await later(e, f, all, offset)),
    };
  }

  /** The resources added with the second registry: per-parent lists keyed by the parent's id. */
  async function later(
    e: Emulator,
    f: TenantFixture,
    all: (path: string, key: string) => Promise<unknown[]>,
    offset: (path: string, key: string) => Promise<unknown[]>,
  ): Promise<Record<string, unknown>> {
    const orgs = f.resources.organizations ?? [];
    const perOrg = async (fn: (id: string) => Promise<unknown>) =>
      Object.fromEntries(await Promise.all(orgs.map(async (o) => [o.id, await fn(o.id)] as const)));
    const ids = async (connection: string) => (await all(`/connections/${connection}/clients`, 'clients')).map((x: any) => x.client_id);
    const readers: Record<string, () => Promise<unknown>> = {
      connectionClients: async () =>
        Object.fromEntries(await Promise.all((f.resources.connections ?? []).map(async (c) => [c.id, await ids(c.id)] as const))),
      resourceServers: () => offset('/resource-servers', 'resource_servers'),
      clientGrants: () => all('/client-grants', 'client_grants'),
      roles: () => offset('/roles', 'roles'),
      rolePermissions: async () =>
        Object.fromEntries(
          await Promise.all((f.resources.roles ?? []).map(async (x) => [x.id, await offset(`/roles/${x.id}/permissions`, 'permissions')] as const)),
        ),
      rules: () => offset('/rules', 'rules'),
      hooks: () => offset('/hooks', 'hooks'),
      organizationConnections: () => perOrg((id) => offset(`/organizations/${id}/enabled_connections`, 'enabled_connections')),
      organizationMembers: () =>
        perOrg(async (id) => {
          const res = await get(e, `/organizations/${id}/members?take=50&fields=user_id&include_fields=true`);
          return { count: res.body.members.length, more: !!res.body.next };
        }),
      organizationDiscoveryDomains: () => perOrg((id) => all(`/organizations/${id}/discovery-domains`, 'domains')),
      scimConfigurations: () => all('/connections-scim-configurations', 'scim_configurations'),
      selfServiceProfiles: () => offset('/self-service-profiles', 'self_service_profiles'),
      forms: () => offset('/forms', 'forms'),
      signingKeys: async () => (await get(e, '/keys/signing')).body,
      networkAcls: () => offset('/network-acls', 'network_acls'),
      eventStreams: () => all('/event-streams', 'eventStreams'),
      phoneProviders: async () => (await get(e, '/branding/phone/providers')).body.providers,
    };
    // Plan-gated resources answer 403 and hold no data; the log and user searches are checked
    // through the real collector below.
    const out: Record<string, unknown> = {};
    for (const [key, read] of Object.entries(readers)) if (!f.planGated?.includes(key as never)) out[key] = await read();
    return out;
  }

  it.each(['brand-new', 'go-live-ready-b2c', 'b2b-organizations', 'large'])('serves %s exactly as the fixture holds it', async (name) => {
    const f = fixture(name);
    const e = await emulator({ fixture: f, enabledClientsInConnectionList: true });
    const { logEvents: _l, usersSample: _u, ...expected } = f.resources;
    const got = await collect(e, f);
    if (f.planGated?.includes('botDetection')) delete got.botDetection;
    expect(got).toEqual(expected);
  });
});

describe('APIs, grants, roles, legacy code', () => {
  it('pages resource servers by offset (include_totals, bare array, identifiers filter)', async () => {
    const e = await emulator({ fixture: LARGE });
    const first = await get(e, '/resource-servers?page=0&per_page=100&include_totals=true');
    expect(Object.keys(first.body).sort()).toEqual(['limit', 'resource_servers', 'start', 'total']);
    expect(first.body).toMatchObject({ start: 0, limit: 100, total: 101 });
    expect(first.body.resource_servers[0]).toMatchObject({ name: 'Auth0 Management API', is_system: true });
    const last = await get(e, '/resource-servers?page=1&per_page=100&include_totals=true');
    expect(last.body.resource_servers).toMatchObject([{ name: 'Legacy Partner Reports API', signing_alg: 'HS256' }]);
    expect(Array.isArray((await get(e, '/resource-servers?per_page=2')).body)).toBe(true);
    expect((await get(e, '/resource-servers?include_totals=true')).body.resource_servers).toHaveLength(50);
    expect((await get(e, '/resource-servers?per_page=0')).status).toBe(400); // the OAS minimum is 1
    const one = await get(e, `/resource-servers?identifiers=${encodeURIComponent('https://legacy-reports.megacorp.example/')}`);
    expect(one.body.map((a: any) => a.name)).toEqual(['Legacy Partner Reports API']);
  });

  it('pages client grants by checkpoint (include_totals ignored) and by offset, with filters', async () => {
    const e = await emulator({ fixture: LARGE });
    const total = LARGE.resources.clientGrants!.length;
    const sizes: number[] = [];
    let from: string | undefined;
    do {
      const res = await get(e, `/client-grants?include_totals=true&take=100${from ? `&from=${from}` : ''}`);
      expect(res.body).not.toHaveProperty('total');
      sizes.push(res.body.client_grants.length);
      from = res.body.next;
    } while (from);
    expect(sizes).toEqual([100, total - 100]);
    expect((await get(e, '/client-grants?page=1&per_page=100&include_totals=true')).body).toMatchObject({ start: 100, limit: 100, total });
    const g = LARGE.resources.clientGrants![0]!;
    const byClient = await get(e, `/client-grants?client_id=${g.client_id}`);
    expect(byClient.body.every((x: any) => x.client_id === g.client_id)).toBe(true);
    const byAudience = await get(e, `/client-grants?per_page=100&audience=${encodeURIComponent(g.audience)}`);
    expect(byAudience.body.map((x: any) => x.id)).toContain(g.id);
    expect((await get(e, '/client-grants?subject_type=robot')).status).toBe(400);
    const b2b = await emulator({ fixture: B2B });
    expect((await get(b2b, '/client-grants?allow_any_organization=true')).body).toMatchObject([{ organization_usage: 'allow' }]);
  });

  it('pages roles and their permissions; an unknown role is 404', async () => {
    const e = await emulator({ fixture: LARGE });
    const roles = await get(e, '/roles?per_page=100&include_totals=true');
    expect(roles.body).toMatchObject({ start: 0, limit: 100, total: 41 });
    const admin = roles.body.roles.find((x: any) => x.name === 'Platform Administrator');
    const p0 = await get(e, `/roles/${admin.id}/permissions?page=0&per_page=100&include_totals=true`);
    expect(p0.body).toMatchObject({ start: 0, limit: 100, total: 150 });
    expect(p0.body.permissions[0]).toEqual({
      permission_name: 'read:records',
      description: expect.any(String),
      resource_server_name: 'Service 001 API',
      resource_server_identifier: 'https://api.megacorp.example/service-001',
    });
    expect((await get(e, `/roles/${admin.id}/permissions?page=1&per_page=100&include_totals=true`)).body.permissions).toHaveLength(50);
    const missing = await get(e, '/roles/rol_doesnotexist0000/permissions');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ statusCode: 404, error: 'Not Found', errorCode: 'inexistent_role' });
    expect((await get(e, '/roles?name_filter=platform')).body.map((x: any) => x.name)).toEqual(['Platform Administrator']);
  });

  it('lists rules and hooks with the enabled, fields and triggerId filters', async () => {
    const e = await emulator({ fixture: B2B });
    const rules = await get(e, '/rules?include_totals=true');
    expect(rules.body).toMatchObject({ start: 0, total: 1, rules: [{ enabled: false, stage: 'login_success' }] });
    expect((await get(e, '/rules?enabled=true')).body).toEqual([]);
    expect((await get(e, '/rules?fields=name,enabled&include_fields=true')).body).toEqual([
      { name: 'Add partner tier (migrated to Actions)', enabled: false },
    ]);
    expect((await get(e, '/hooks?include_totals=true')).body).toEqual({ start: 0, limit: 50, total: 0, hooks: [] });
    expect((await get(e, '/hooks?triggerId=post-login')).status).toBe(400);
    const f: TenantFixture = structuredClone(B2B);
    f.resources.hooks = [
      { id: '01', name: 'legacy-ccx', enabled: true, triggerId: 'credentials-exchange', script: 'module.exports = () => {}' },
      { id: '02', name: 'legacy-pre-reg', enabled: false, triggerId: 'pre-user-registration', script: 'module.exports = () => {}' },
    ];
    const h = await emulator({ fixture: f });
    expect((await get(h, '/hooks?triggerId=credentials-exchange')).body.map((x: any) => x.id)).toEqual(['01']);
    expect((await get(h, '/hooks?enabled=false')).body.map((x: any) => x.id)).toEqual(['02']);
  });

  it('serves signing keys, forms, network ACLs, event streams, SCIM configurations and self-service profiles', async () => {
    const e = await emulator({ fixture: B2B });
    const keys = await get(e, '/keys/signing');
    expect(keys.body.map((k: any) => [k.current, k.next])).toEqual([[true, false], [false, true]]);
    expect(keys.body[0].cert).toMatch(/^-----BEGIN CERTIFICATE-----\r\n/);
    expect((await get(e, '/forms?include_totals=true')).body).toMatchObject({ start: 0, total: 1, forms: [{ name: 'Partner profile completion' }] });
    expect((await get(e, '/forms?page=1001')).status).toBe(400); // the OAS maximum page is 1000
    expect((await get(e, '/forms?hydrate=flow_count&hydrate=links')).status).toBe(200);
    expect((await get(e, '/forms?hydrate=everything')).status).toBe(400);
    expect((await get(e, '/network-acls?include_totals=true')).body).toEqual({ start: 0, limit: 50, total: 0, network_acls: [] });
    const streams = await get(e, '/event-streams?take=10');
    expect(Object.keys(streams.body)).toEqual(['eventStreams']); // the OAS's camelCase key
    expect(streams.body.eventStreams[0]).toMatchObject({ status: 'disabled', destination: { type: 'webhook' } });
    const scim = await get(e, '/connections-scim-configurations');
    expect(scim.body).toEqual({ scim_configurations: B2B.resources.scimConfigurations });
    const saml = B2B.resources.connections!.find((c) => c.strategy === 'samlp')!.id;
    const okta = B2B.resources.connections!.find((c) => c.strategy === 'okta')!.id;
    expect((await get(e, `/connections/${saml}/scim-configuration`)).body).toEqual(B2B.resources.scimConfigurations![0]);
    expect((await get(e, `/connections/${okta}/scim-configuration`)).status).toBe(404);
    expect((await get(e, '/connections/con_missing/scim-configuration')).body.errorCode).toBe('inexistent_connection');
    const ssp = await get(e, '/self-service-profiles?page=0&per_page=50&include_totals=true');
    expect(ssp.body).toMatchObject({ start: 0, limit: 50, total: 1, self_service_profiles: [{ allowed_strategies: ['samlp', 'oidc', 'okta', 'waad'] }] });
    const acl = await get(await emulator({ fixture: GO_LIVE }), '/network-acls?page=0&per_page=50&include_totals=true');
    expect(acl.body.network_acls[0].rule).toEqual({ action: { block: true }, match: { geo_country_codes: ['CU', 'IR', 'KP', 'SY'] }, scope: 'authentication' });
  });

  it('enforces each resource scope (403 insufficient_scope) before plan gating (403 of another kind)', async () => {
    const e = await emulator({ fixture: BRAND_NEW, tokens: { none: ['read:clients'], [STATIC]: [...ALL_READ_SCOPES] } });
    const cases: [string, string][] = [
      ['/resource-servers', 'read:resource_servers'],
      ['/client-grants', 'read:client_grants'],
      ['/roles', 'read:roles'],
      ['/roles/rol_x/permissions', 'read:roles'],
      ['/rules', 'read:rules'],
      ['/hooks', 'read:hooks'],
      ['/organizations/org_x/enabled_connections', 'read:organization_connections'],
      ['/organizations/org_x/members', 'read:organization_members'],
      ['/organizations/org_x/discovery-domains', 'read:organization_discovery_domains'],
      ['/connections-scim-configurations', 'read:scim_config'],
      ['/self-service-profiles', 'read:self_service_profiles'],
      ['/forms', 'read:forms'],
      ['/keys/signing', 'read:signing_keys'],
      ['/network-acls', 'read:network_acls'],
      ['/event-streams', 'read:event_streams'],
      ['/logs', 'read:logs'],
      ['/users', 'read:users'],
      ['/connections/con_x/clients', 'read:connections'],
    ];
    for (const [path, scope] of cases) {
      const res = await get(e, path, 'none');
      expect(res.status, path).toBe(403);
      expect(res.body, path).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        message: `Insufficient scope, expected any of: ${scope}`,
        errorCode: 'insufficient_scope',
      });
    }
    // Network ACLs and self-service SSO are Enterprise features: brand-new is not on that plan.
    const acl = await get(e, '/network-acls');
    expect(acl.status).toBe(403);
    expect(acl.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'Tenant ACL Management is not enabled for this tenant.',
      errorCode: 'operation_not_supported',
    });
    const ssp = await get(e, '/self-service-profiles');
    expect(ssp.status).toBe(403);
    expect(ssp.body.errorCode).not.toBe('insufficient_scope');
    expect((await get(await emulator({ fixture: GO_LIVE }), '/self-service-profiles')).status).toBe(200);
  });
});

describe('organization sub-resources', () => {
  const org = (name: string) => B2B.resources.organizations!.find((o) => o.name === name)!.id;

  it('pages enabled connections by offset; an unknown organization is 404, an over-long id 400', async () => {
    const e = await emulator({ fixture: B2B });
    const res = await get(e, `/organizations/${org('umbrella-corp')}/enabled_connections?page=0&per_page=50&include_totals=true`);
    expect(res.body).toMatchObject({ start: 0, limit: 50, total: 2 });
    expect(res.body.enabled_connections[0]).toEqual({
      connection_id: B2B.resources.connections!.find((c) => c.name === 'umbrella-okta')!.id,
      assign_membership_on_login: true,
      show_as_button: true,
      connection: { name: 'umbrella-okta', strategy: 'okta' },
    });
    expect((await get(e, `/organizations/${org('vandelay-industries')}/enabled_connections`)).body).toEqual([]);
    for (const sub of ['enabled_connections', 'members', 'discovery-domains']) {
      const missing = await get(e, `/organizations/org_doesnotexist0000/${sub}`);
      expect(missing.status, sub).toBe(404);
      expect(missing.body, sub).toMatchObject({ statusCode: 404, errorCode: 'inexistent_organization' });
    }
    expect((await get(e, `/organizations/org_${'x'.repeat(60)}/members`)).status).toBe(400);
  });

  it('synthesises members: checkpoint pages to the true total, offset with totals, fields projection', async () => {
    const e = await emulator({ fixture: B2B });
    const id = org('initech');
    const sizes: number[] = [];
    const seen = new Set<string>();
    let from: string | undefined;
    do {
      const res = await get(e, `/organizations/${id}/members?take=50${from ? `&from=${from}` : ''}`);
      sizes.push(res.body.members.length);
      for (const m of res.body.members) seen.add(m.user_id);
      from = res.body.next;
    } while (from);
    expect(sizes).toEqual([50, 50, 37]);
    expect(seen.size).toBe(137);
    const first = await get(e, `/organizations/${id}/members?take=1`);
    expect(Object.keys(first.body.members[0]).sort()).toEqual(['email', 'name', 'picture', 'user_id']);
    expect(first.body.members[0].user_id).toMatch(/^auth0\|[0-9a-f]{24}$/);
    expect((await get(e, `/organizations/${id}/members?take=1&fields=user_id&include_fields=true`)).body.members[0]).toEqual({
      user_id: first.body.members[0].user_id,
    });
    expect((await get(e, `/organizations/${id}/members?page=2&per_page=50&include_totals=true`)).body).toMatchObject({ start: 100, total: 137 });
    expect((await get(e, `/organizations/${org('umbrella-corp')}/members?take=50`)).body.members).toHaveLength(23);
    expect((await get(e, `/organizations/${org('vandelay-industries')}/members?take=50`)).body).toEqual({ members: [] });
    // Deterministic: the same members on every start.
    const again = await emulator({ fixture: B2B });
    expect((await get(again, `/organizations/${id}/members?take=1`)).body).toEqual(first.body);
  });

  it('pages discovery domains by checkpoint only', async () => {
    const e = await emulator({ fixture: B2B });
    const res = await get(e, `/organizations/${org('initech')}/discovery-domains`);
    expect(res.body).toEqual({ domains: B2B.resources.organizationDiscoveryDomains![org('initech')] });
    expect((await get(e, `/organizations/${org('hooli')}/discovery-domains?take=10`)).body).toEqual({ domains: [] });
    expect((await get(e, `/organizations/${org('hooli')}/discovery-domains?take=101`)).status).toBe(400);
  });
});

describe('log search', () => {
  const AS_OF = Date.parse('2026-11-22T00:00:00.000Z');
  const q = (query: string) => encodeURIComponent(query);

  it('filters the fixture logs with q: types, OR lists, hostname, date ranges, AND, NOT', async () => {
    const e = await emulator({ fixture: BRAND_NEW, now: () => AS_OF });
    const count = async (query: string) => (await get(e, `/logs?per_page=100&include_totals=true&q=${q(query)}`)).body.total;
    expect(await count('type:"s"')).toBe(3);
    expect(await count('type:s')).toBe(3);
    expect(await count('type:("s" OR "ss")')).toBe(4);
    expect(await count('type:("s" OR "ss" OR "f" OR "fp" OR "fu") AND hostname:"acme-dev.us.auth0.com"')).toBe(5);
    expect(await count('hostname:"login.acme.example"')).toBe(0);
    expect(await count('type:"s" AND connection:"google-oauth2"')).toBe(1);
    expect(await count('type:"s" AND NOT connection:"google-oauth2"')).toBe(2);
    expect(await count('(type:"s" OR type:"ss") AND date:[2026-11-21T15:00:00.000Z TO *]')).toBe(2);
    expect(await count('date:[* TO 2026-11-21T09:02:41.512Z]')).toBe(2);
    expect(await count('date:{* TO 2026-11-21T09:02:41.512Z}')).toBe(1);
    expect(await count('client_name:Default*')).toBe(6);
    expect(await count('user_name:*')).toBe(6);
  });

  it('answers like the API: {start, limit, length, total, logs}, newest first, sort, fields, search alias', async () => {
    const e = await emulator({ fixture: BRAND_NEW, now: () => AS_OF });
    const res = await get(e, `/logs?per_page=2&page=1&include_totals=true&q=${q('type:"s"')}`);
    expect(Object.keys(res.body).sort()).toEqual(['length', 'limit', 'logs', 'start', 'total']);
    expect(res.body).toMatchObject({ start: 2, limit: 2, length: 1, total: 3 });
    const all = (await get(e, '/logs?per_page=100')).body;
    expect(all.map((l: any) => l.date)).toEqual([...all.map((l: any) => l.date)].sort().reverse());
    const asc = (await get(e, '/logs?per_page=100&sort=date:1')).body;
    expect(asc.map((l: any) => l.log_id)).toEqual([...all.map((l: any) => l.log_id)].reverse());
    expect((await get(e, '/logs?per_page=1&fields=type,date&include_fields=true')).body).toEqual([{ type: 's', date: '2026-11-21T16:10:03.648Z' }]);
    // The OAS names the parameter `search`; the collector sends `q`. Both work.
    expect((await get(e, `/logs?include_totals=true&search=${q('type:"fp"')}`)).body.total).toBe(1);
    expect((await get(e, '/logs?sort=date')).status).toBe(400);
    expect((await get(e, '/logs?per_page=101')).status).toBe(400);
    expect((await get(e, '/logs?page=10&per_page=100')).status).toBe(400); // only the first 1000 results
  });

  it('rejects what it does not understand with 400 rather than guess', async () => {
    const e = await emulator({ fixture: BRAND_NEW, now: () => AS_OF });
    for (const bad of ['type:"s" hostname:"x"', 'type:', '"s"', 'type:("s" OR', 'date:[2026-01-01 2026-02-01]', 'type:"s" AND']) {
      const res = await get(e, `/logs?q=${q(bad)}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.errorCode, bad).toBe('invalid_query_string');
    }
  });

  it('moves log dates with the clock, so a 7-day window keeps finding them', async () => {
    const later = AS_OF + 30 * 86_400_000;
    const e = await emulator({ fixture: B2B, now: () => later });
    const logs = (await get(e, '/logs?per_page=100')).body;
    const original = [...B2B.logs!].sort((a, b) => b.date.localeCompare(a.date));
    expect(logs.map((l: any) => Date.parse(l.date) - 30 * 86_400_000)).toEqual(original.map((l) => Date.parse(l.date)));
    const since = new Date(later - 7 * 86_400_000).toISOString();
    const res = await get(e, `/logs?include_totals=true&q=${q(`(type:"depnote") AND date:[${since} TO *]`)}`);
    expect(res.body.total).toBe(1);
    const old = await get(e, `/logs?include_totals=true&q=${q(`(type:("api_limit" OR "api_limit_warning")) AND date:[${since} TO *]`)}`);
    expect(old.body.total).toBe(0); // 12 days before asOf: outside the window
  });

  it('reads from a checkpoint log id (q ignored)', async () => {
    const e = await emulator({ fixture: BRAND_NEW, now: () => AS_OF });
    const byDate = [...BRAND_NEW.logs!].sort((a, b) => a.date.localeCompare(b.date));
    const res = await get(e, `/logs?from=${byDate[1]!.log_id}&take=2&q=${q('type:"nothing"')}`);
    expect(res.body.map((l: any) => l.log_id)).toEqual([byDate[2]!.log_id, byDate[3]!.log_id]);
  });
});

describe('user search', () => {
  it('searches users with q, search_engine v3, fields and include_totals', async () => {
    const e = await emulator({ fixture: B2B });
    const unverified = await get(e, `/users?q=${encodeURIComponent('email_verified:false')}&per_page=1&include_totals=true&search_engine=v3&fields=user_id&include_fields=true`);
    expect(unverified.body).toEqual({ start: 0, limit: 1, length: 1, total: 1, users: [{ user_id: B2B.users!.find((u) => !u.email_verified)!.user_id }] });
    const sample = await get(e, '/users?per_page=50&include_totals=true&search_engine=v3&fields=user_id,identities,user_metadata,app_metadata&include_fields=true');
    expect(sample.body.total).toBe(6);
    expect(Object.keys(sample.body.users[0]).sort()).toEqual(['app_metadata', 'identities', 'user_id', 'user_metadata']);
    const linked = await get(e, `/users?q=${encodeURIComponent('identities.connection:"umbrella-okta"')}&search_engine=v3`);
    expect(linked.body.map((u: any) => u.identities.length)).toEqual([2]);
    expect((await get(e, '/users?search_engine=v4')).status).toBe(400);
    expect((await get(e, '/users?per_page=100&page=10')).status).toBe(400);
    expect((await get(await emulator({ fixture: LARGE }), '/users?include_totals=true')).body).toEqual({ start: 0, limit: 50, length: 0, total: 0, users: [] });
  });
});

describe('the collector through the emulator', () => {
  /** What the collector makes of a fixture resource: the schema's parse, redacted. */
  const expected = (f: TenantFixture, key: ResourceKey): unknown => {
    let v: unknown = f.resources[key];
    if (key === 'connections') v = (v as Record<string, unknown>[]).map(({ enabled_clients: _e, ...c }) => c);
    // The collector asks the email provider for everything but its credentials.
    if (key === 'emailProvider' && v) v = Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'credentials'));
    return redact(RESOURCES[key].schema.parse(v));
  };

  it.each(['brand-new', 'go-live-ready-b2c', 'b2b-organizations', 'large'])(
    'reads every resource of %s back as the fixture holds it (logs and users as of asOf)',
    async (name) => {
      const f = fixture(name);
      const at = Date.parse(f.asOf ?? '2026-11-22T00:00:00.000Z');
      const e = await emulator({ fixture: f, now: () => at });
      const { snapshot } = await collectLive({
        credentials: { domain: f.domain, token: STATIC },
        resources: RESOURCE_KEYS,
        apiBaseUrl: new URL(e.url),
        now: () => new Date(at),
      });
      for (const key of RESOURCE_KEYS) {
        const r = snapshot.resources[key];
        if (f.planGated?.includes(key)) {
          expect(r, key).toMatchObject({ ok: false, reason: 'unavailable-on-plan' });
          continue;
        }
        expect(r?.ok, `${key}: ${r && !r.ok ? r.detail : ''}`).toBe(true);
        if (!r?.ok || f.resources[key] === undefined) continue;
        if (key === 'promptsCustomText') {
          // The collector reads three prompts in the enabled locales; the fixture may hold more.
          const held = f.resources.promptsCustomText ?? {};
          for (const [prompt, langs] of Object.entries(r.data as Record<string, Record<string, unknown>>)) {
            for (const [lang, text] of Object.entries(langs)) expect(text, `${prompt}/${lang}`).toEqual(held[prompt]?.[lang] ?? {});
          }
          continue;
        }
        expect(r.data, key).toEqual(expected(f, key));
      }
      expect(e.requests.filter((x) => x.method !== 'GET')).toEqual([]);
      expect(e.requests.filter((x) => x.status !== 200 && x.status !== 404 && !(x.status === 403 && f.planGated?.length))).toEqual([]);
    },
    30_000,
  );
});

describe('cli', () => {
  const cli = join(ROOT, 'dist', 'test', 'emulator', 'cli.js');
  it.skipIf(!existsSync(cli))('prints "listening on <url>" and serves until SIGTERM', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [cli, '--fixture', join(ROOT, 'fixtures/tenants/brand-new.json'), '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
          if (m?.[1]) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`cli exited with ${code}`)));
        setTimeout(() => reject(new Error('cli did not start')), 3000).unref();
      });
      const res = await fetch(`${url}/api/v2/prompts`);
      expect(res.status).toBe(401);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    expect(child.exitCode).toBe(0);
  });

  it.skipIf(!existsSync(cli))('exits 2 without --fixture', async () => {
    const code = await new Promise<number | null>((resolve) => {
      execFile(process.execPath, [cli], (err) => resolve(err ? ((err as { code?: number }).code ?? 1) : 0));
    });
    expect(code).toBe(2);
  });
});
