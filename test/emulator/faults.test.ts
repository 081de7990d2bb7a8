/** Fault injection in the emulator, and the real transport and collector coping with it. */
import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../src/sources/management-api/collect.js';
import { createTransport } from '../../src/sources/management-api/transport.js';
import { readFixture } from '../support/tenant.js';
import { ALL_READ_SCOPES, startEmulator, type Emulator, type EmulatorOptions } from './server.js';

const STATIC = 'static-token';
const fixture = readFixture('go-live-ready-b2c');
let em: Emulator | undefined;
afterEach(async () => {
  await em?.close();
  em = undefined;
});

async function start(options: Partial<EmulatorOptions>): Promise<Emulator> {
  em = await startEmulator({ fixture, tokens: { [STATIC]: [...ALL_READ_SCOPES] }, ...options });
  return em;
}
const get = (e: Emulator, path: string, signal?: AbortSignal) =>
  fetch(`${e.url}/api/v2${path}`, { headers: { authorization: `Bearer ${STATIC}` }, ...(signal ? { signal } : {}) });

describe('emulator fault injection', () => {
  it('5xx at a rate: reproducible with a seed, and counted', async () => {
    const runs: number[][] = [];
    for (let i = 0; i < 2; i++) {
      const e = await start({ faults: { errorRate: 0.3, seed: 42 } });
      const statuses: number[] = [];
      for (let j = 0; j < 40; j++) statuses.push((await get(e, '/prompts')).status);
      runs.push(statuses);
      expect(e.faults.errors).toBe(statuses.filter((s) => s === 503).length);
      await e.close();
      em = undefined;
    }
    expect(runs[0]).toEqual(runs[1]);
    const errors = runs[0]!.filter((s) => s === 503).length;
    expect(errors).toBeGreaterThan(3);
    expect(errors).toBeLessThan(25);
  });

  it('slow responses', async () => {
    const e = await start({ faults: { latencyMs: 120 } });
    const t0 = Date.now();
    expect((await get(e, '/prompts')).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(100);
  });

  it('hung connections never answer; the client gives up', async () => {
    const e = await start({ faults: { hangRate: 1 } });
    await expect(get(e, '/prompts', AbortSignal.timeout(100))).rejects.toThrow();
    expect(e.faults.hangs).toBe(1);
  });

  it('a 429 storm answers 429 with retry-after, whatever the bucket says', async () => {
    const e = await start({ faults: { storm: { after: 1, count: 2, retryAfterSeconds: 1 } } });
    const s = [];
    for (let j = 0; j < 4; j++) {
      const r = await get(e, '/prompts');
      s.push([r.status, r.headers.get('retry-after')]);
    }
    expect(s).toEqual([[200, null], [429, '1'], [429, '1'], [200, null]]);
    expect(e.faults.storm429s).toBe(2);
  });

  it('a token endpoint that fails once', async () => {
    const e = await start({ faults: { tokenFailures: 1 } });
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: 'emulator-client', client_secret: 'emulator-secret', audience: e.audience });
    const post = () => fetch(`${e.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect((await post()).status).toBe(503);
    expect((await post()).status).toBe(200);
  });
});

describe('the transport and collector against injected faults', () => {
  const keys = ['tenantSettings', 'clients', 'connections', 'connectionClients', 'customDomains', 'logStreams', 'emailTemplates'] as const;

  it('20% 5xx and a token endpoint that fails once: every resource is still read, fast', async () => {
    const e = await start({ faults: { errorRate: 0.2, tokenFailures: 1, seed: 7 } });
    const { snapshot, stats } = await collect({
      credentials: { domain: fixture.domain, clientId: 'emulator-client', clientSecret: 'emulator-secret' },
      resources: keys,
      apiBaseUrl: new URL(e.url),
    });
    for (const k of keys) expect(snapshot.resources[k]?.ok, k).toBe(true);
    expect(e.faults.errors).toBeGreaterThan(0);
    expect(stats.serverErrors).toBe(e.faults.errors + 1);
    expect(e.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(2);
  });

  it('a 429 storm is waited out, and the run completes', async () => {
    const e = await start({ faults: { storm: { after: 2, count: 3, retryAfterSeconds: 1 } } });
    const { snapshot, stats } = await collect({ credentials: { domain: fixture.domain, token: STATIC }, resources: keys, apiBaseUrl: new URL(e.url) });
    for (const k of keys) expect(snapshot.resources[k]?.ok, k).toBe(true);
    expect(stats.rateLimited).toBe(3);
  });

  it('persistent 5xx past the budget: that resource is unknown with its reason, the rest is read', async () => {
    const e = await start({ faults: { errorRate: 1 } });
    const { snapshot } = await collect({ credentials: { domain: fixture.domain, token: STATIC }, resources: ['prompts'], apiBaseUrl: new URL(e.url), retryBudgetMs: 600 });
    expect(snapshot.resources.prompts).toMatchObject({ ok: false, reason: 'error', detail: expect.stringContaining('503') });
  });

  it('a hung connection is abandoned and retried by the transport', async () => {
    const e = await start({ faults: { hangRate: 0.5, seed: 3 } });
    const t = createTransport({ apiBaseUrl: new URL(e.url), attemptTimeoutMs: 100, backoffMs: 1 });
    for (let i = 0; i < 6; i++) {
      const r = await t.fetch(`https://${fixture.domain}/api/v2/prompts`, { headers: { authorization: `Bearer ${STATIC}` } });
      expect(r.status).toBe(200);
    }
    expect(e.faults.hangs).toBeGreaterThan(0);
    expect(t.stats.networkErrors).toBe(e.faults.hangs);
  });

  it('paced under a tight limit (20/s, burst 10): no 429 at all', async () => {
    const e = await start({ rateLimit: { perSecond: 20, burst: 10 } });
    const { snapshot, stats } = await collect({ credentials: { domain: fixture.domain, token: STATIC }, resources: keys, apiBaseUrl: new URL(e.url) });
    for (const k of keys) expect(snapshot.resources[k]?.ok, k).toBe(true);
    expect(stats.rateLimited).toBe(0);
    expect(e.faults.rateLimited).toBe(0);
  });
});
