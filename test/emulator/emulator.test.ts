/**
 * The Management API emulator, exercised with plain `fetch` against 127.0.0.1 only.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
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
    expect((await get(e, '/emails/provider')).body).toEqual(GO_LIVE.resources.emailProvider);
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
    expect(actions.body).toMatchObject({ total: 50, page: 2, per_page: 20 });
    expect(actions.body.actions).toHaveLength(10);
    expect((await get(e, '/actions/actions?per_page=100')).body.actions).toHaveLength(50);
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
    const e = await emulator({ fixture: GO_LIVE, rateLimit: { perSecond: 50, burst: 2 } });
    expect((await get(e, '/prompts')).status).toBe(200);
    expect((await get(e, '/prompts')).status).toBe(200);
    expect((await get(e, '/prompts')).status).toBe(429);
    await new Promise((r) => setTimeout(r, 60));
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
      emailProvider: await orNull('/emails/provider'),
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
      actions: (await get(e, '/actions/actions?per_page=100')).body.actions,
      postLoginBindings: (await get(e, '/actions/triggers/post-login/bindings?per_page=100')).body.bindings,
      organizations: await all('/organizations', 'organizations'),
    };
  }

  it.each(['brand-new', 'go-live-ready-b2c', 'large'])('serves %s exactly as the fixture holds it', async (name) => {
    const f = fixture(name);
    const e = await emulator({ fixture: f, enabledClientsInConnectionList: true });
    expect(await collect(e, f)).toEqual(f.resources);
  });
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
