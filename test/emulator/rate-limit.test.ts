/**
 * The emulator's rate-limit knobs (both readings of `x-ratelimit-reset`, a hidden per-minute
 * bucket, a simulated tenant application, `api_limit_warning`) and the real transport and
 * collector against each scenario of issue 13. Small buckets and a virtual clock keep it fast;
 * one end-to-end run uses the real clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { audit } from '../../src/run.js';
import { createTransport } from '../../src/sources/management-api/transport.js';
import { AuditReportSchema } from '../../src/report/schema.js';
import { readFixture } from '../support/tenant.js';
import { ALL_READ_SCOPES, startEmulator, type Emulator, type EmulatorOptions, type RateLimitOptions } from './server.js';

const STATIC = 'static-token';
const fixture = readFixture('go-live-ready-b2c');
let em: Emulator | undefined;
afterEach(async () => {
  await em?.close();
  em = undefined;
});

function clock(start = 1_700_000_000_250) {
  let t = start;
  return {
    now: () => t,
    // A virtual clock that still lets real I/O (the emulator's answers) through between waits.
    sleep: async (ms: number) => {
      t += ms;
      await new Promise((r) => setImmediate(r));
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

async function start(options: Partial<EmulatorOptions>): Promise<Emulator> {
  em = await startEmulator({ fixture, tokens: { [STATIC]: [...ALL_READ_SCOPES] }, ...options });
  return em;
}
const get = (e: Emulator) => fetch(`${e.url}/api/v2/prompts`, { headers: { authorization: `Bearer ${STATIC}` } });

describe('emulator rate-limit knobs', () => {
  it('x-ratelimit-reset: the time the bucket is full (default), or the next second', async () => {
    const c = clock();
    const full = await start({ now: c.now, rateLimit: { perSecond: 2, burst: 10 } });
    for (let i = 0; i < 4; i++) await get(full);
    // 4 tokens short at 2/s: full in 2 s.
    expect(Number((await get(full)).headers.get('x-ratelimit-reset'))).toBe(Math.ceil((c.now() + 2500) / 1000));
    await full.close();
    const next = await start({ now: c.now, rateLimit: { perSecond: 2, burst: 10, reset: 'next-second' } });
    for (let i = 0; i < 4; i++) await get(next);
    expect(Number((await get(next)).headers.get('x-ratelimit-reset'))).toBe(Math.floor(c.now() / 1000) + 1);
  });

  it('a hidden per-minute bucket refuses while the headers still show tokens, and says when to retry', async () => {
    const c = clock();
    const e = await start({ now: c.now, rateLimit: { perSecond: 10, burst: 50, perMinute: 5 } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await get(e)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const r = await get(e);
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(40);
    // 5/min: the next token in 12 s.
    expect(r.headers.get('retry-after')).toBe('12');
    expect(e.rateLimit.hiddenRefusals).toBe(2);
    expect(e.rateLimit.events).toEqual([expect.objectContaining({ type: 'api_limit_warning', bucket: 'minute', by: 'audit' })]);
    c.advance(12_000);
    expect((await get(e)).status).toBe(200);
  });

  it("a simulated tenant application takes its share; each refused request and each warning is logged", async () => {
    const c = clock();
    const e = await start({ now: c.now, rateLimit: { perSecond: 2, burst: 10, productionRps: 5 } });
    // 2.6 s: the app sent 14 requests (t = 0, 0.2, …, 2.6) against 10 + 5.2 tokens: under 20% at 2.4 s, none refused yet.
    c.advance(2600);
    expect(e.rateLimit).toMatchObject({ productionServed: 14, productionRefused: 0, warnings: 1 });
    expect(e.rateLimit.events[0]).toMatchObject({ type: 'api_limit_warning', bucket: 'second', by: 'production' });
    c.advance(1400);
    const { productionRefused, events } = e.rateLimit;
    expect(productionRefused).toBeGreaterThan(0);
    expect(events.filter((x) => x.type === 'production_refused')).toHaveLength(productionRefused);
    expect((await get(e)).status).toBe(429);
  });

  it('api_limit_warning once per fall under 20%, again only after the bucket recovers', async () => {
    const c = clock();
    const e = await start({ now: c.now, rateLimit: { perSecond: 10, burst: 10 } });
    for (let i = 0; i < 9; i++) await get(e);
    expect(e.rateLimit.warnings).toBe(1);
    c.advance(1000);
    for (let i = 0; i < 9; i++) await get(e);
    expect(e.rateLimit.warnings).toBe(2);
  });
});

/** The transport alone against the emulator, on a virtual clock: `total` requests, `workers` at once. */
async function run(rateLimit: RateLimitOptions, total: number, transport: { reservePercent?: number } = {}, workers = 4) {
  const c = clock();
  const e = await start({ now: c.now, rateLimit });
  const t = createTransport({ apiBaseUrl: new URL(e.url), now: c.now, sleep: c.sleep, ...transport });
  const t0 = c.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < total) {
        next++;
        const r = await t.fetch(`https://${fixture.domain}/api/v2/prompts`, { headers: { authorization: `Bearer ${STATIC}` } });
        expect(r.status).toBe(200);
      }
    }),
  );
  return { seconds: (c.now() - t0) / 1000, e, t, limiter: e.rateLimit };
}

describe('the transport against each scenario (10 req/s, burst 20, 150 requests)', () => {
  const base = { perSecond: 10, burst: 20 };
  // Floor: the capacity left after the 20% reserve: the burst down to the reserve, then the refill.
  const floor = (n: number, rate = 10) => (n - 16) / rate;

  it('x-ratelimit-reset = the time the bucket is full: no warning, no 429, near the floor', async () => {
    const { seconds, limiter, t } = await run(base, 150);
    expect(limiter.warnings).toBe(0);
    expect(t.stats.rateLimited).toBe(0);
    expect(seconds).toBeLessThan(floor(150) * 1.2);
  });

  it('x-ratelimit-reset = the next second: no warning, no 429, near the floor', async () => {
    const { seconds, limiter, t } = await run({ ...base, reset: 'next-second' }, 150);
    expect(limiter.warnings).toBe(0);
    expect(t.stats.rateLimited).toBe(0);
    expect(t.pacer.usage().resetTrusted).toBe(false);
    expect(seconds).toBeLessThan(floor(150) * 1.2);
  });

  it("the tenant's app taking 3 of the 10 req/s, reset = the next second: none of its requests refused", async () => {
    const { seconds, limiter, t } = await run({ ...base, reset: 'next-second', productionRps: 3 }, 150);
    expect(limiter.productionRefused).toBe(0);
    expect(limiter.warnings).toBe(0);
    expect(t.stats.rateLimited).toBe(0);
    expect(seconds).toBeLessThan(floor(150, 7) * 1.2);
  });

  it('a hidden per-minute bucket (60/min) beside the per-second one: at most 5 429s, no stalls', async () => {
    const { seconds, limiter, t } = await run({ ...base, perMinute: 60 }, 150);
    // Best case: 60 tokens of the minute bucket, then 1/s (its 20% cannot be kept: it is invisible).
    const best = Math.max(floor(150), 150 - 60);
    expect(t.stats.rateLimited).toBeLessThanOrEqual(5);
    expect(limiter.hiddenRefusals).toBe(t.stats.rateLimited);
    // Touching the hidden bucket is how it is found: one warning for it, none for the visible one.
    expect(limiter.events.filter((x) => x.type === 'api_limit_warning' && x.bucket === 'second')).toEqual([]);
    expect(seconds).toBeLessThan(best * 1.2);
  });

  it('--rate-reserve 0: the whole burst, as before', async () => {
    const { seconds, t } = await run(base, 150, { reservePercent: 0 });
    expect(t.stats.rateLimited).toBe(0);
    expect(seconds).toBeLessThan(((150 - 19) / 10) * 1.05);
  });
});

describe('an audit against the emulator (real clock)', () => {
  it("records what it used in the report's source section, and leaves the tenant's app alone", async () => {
    const e = await start({ rateLimit: { perSecond: 25, burst: 10, reset: 'next-second', productionRps: 5 } });
    const report = await audit({ source: { kind: 'management-api', credentials: { domain: fixture.domain, token: STATIC }, apiBaseUrl: new URL(e.url) } });
    expect(AuditReportSchema.safeParse(report).success).toBe(true);
    expect(e.rateLimit.productionRefused).toBe(0);
    expect(e.rateLimit.warnings).toBe(0);
    const s = report.source!;
    expect(s.kind).toBe('management-api');
    expect(s.requests).toBe(e.requests.filter((r) => r.path.startsWith('/api/v2')).length);
    expect(s.rateLimited).toBe(0);
    expect(s.rateLimit).toMatchObject({ limit: 10, reservePercent: 20, reserveTokens: 2 });
    expect(s.rateLimit.minRemaining).toBeGreaterThanOrEqual(2);
    expect(s.rateLimit.peakShare).toBeLessThanOrEqual(0.8);
  });
});
