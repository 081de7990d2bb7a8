/**
 * The transport's pacer and retries, on an injected clock against a fake fetch that models the
 * server's token bucket exactly as the emulator does (headers with 1-second reset granularity).
 */
import { describe, expect, it } from 'vitest';
import { createTransport, Pacer } from '../../src/sources/management-api/transport.js';

const URL_ = 'https://t.us.auth0.com/api/v2/clients';

/** A virtual clock: `sleep` advances it; the fake server reads it. */
function clock(start = 1_700_000_000_000) {
  let t = start;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

interface FakeServerOptions {
  perSecond: number;
  burst: number;
  latencyMs?: number;
  /** `full`: `x-ratelimit-reset` is when the bucket is full again (the emulator's default); `next-second`: the next whole second. */
  reset?: 'full' | 'next-second';
  /** A hidden bucket (not in the headers), e.g. a per-minute allowance: capacity and refill per second. */
  hidden?: { capacity: number; perSecond: number };
  /** The tenant's own application: this many requests per second, evenly spaced. */
  productionRps?: number;
}

/**
 * A server token bucket like Auth0's (and the emulator's): limit, remaining, reset (epoch s),
 * optionally a hidden second bucket and the tenant's own traffic. Records every audit request
 * with the tokens left after it, the tenant's refused requests, and each time a bucket falls
 * under 20% (what Auth0 logs as `api_limit_warning`).
 */
function bucketServer(c: ReturnType<typeof clock>, perSecondOrOpts: number | FakeServerOptions, burstArg = 50, latencyArg = 5) {
  const o: FakeServerOptions = typeof perSecondOrOpts === 'number' ? { perSecond: perSecondOrOpts, burst: burstArg, latencyMs: latencyArg } : perSecondOrOpts;
  const { perSecond, burst } = o;
  const latencyMs = o.latencyMs ?? 5;
  let tokens = burst;
  let hidden = o.hidden?.capacity ?? 0;
  let last = c.now();
  let nextProduction = c.now();
  const log: { at: number; status: number; tokensAfter: number }[] = [];
  const stats = { warnings: 0, productionRefused: 0, productionServed: 0 };
  let warned = { visible: false, hidden: false };
  const check = () => {
    const v = tokens < 0.2 * burst;
    if (v && !warned.visible) stats.warnings++;
    const h = o.hidden ? hidden < 0.2 * o.hidden.capacity : false;
    if (h && !warned.hidden) stats.warnings++;
    warned = { visible: v, hidden: h };
  };
  const refill = (to: number) => {
    tokens = Math.min(burst, tokens + ((to - last) / 1000) * perSecond);
    if (o.hidden) hidden = Math.min(o.hidden.capacity, hidden + ((to - last) / 1000) * o.hidden.perSecond);
    last = to;
  };
  const take = (): boolean => {
    const ok = tokens >= 1 && (!o.hidden || hidden >= 1);
    if (ok) {
      tokens -= 1;
      if (o.hidden) hidden -= 1;
    }
    check();
    return ok;
  };
  const advance = (to: number) => {
    // The tenant's own requests up to `to`, in time order with the refill.
    while (o.productionRps && nextProduction <= to) {
      refill(nextProduction);
      if (take()) stats.productionServed++;
      else stats.productionRefused++;
      nextProduction += 1000 / o.productionRps;
    }
    refill(to);
  };
  const fetchImpl = (async () => {
    const t = c.now();
    advance(t);
    const allowed = take();
    const headers: Record<string, string> = { 'x-ratelimit-limit': String(burst), 'x-ratelimit-remaining': String(Math.floor(tokens)) };
    if (o.reset === 'next-second') headers['x-ratelimit-reset'] = String(Math.floor(t / 1000) + 1);
    else if (allowed) headers['x-ratelimit-reset'] = String(Math.ceil((t + ((burst - tokens) / perSecond) * 1000) / 1000));
    else headers['x-ratelimit-reset'] = String(Math.ceil((t + ((1 - tokens) / perSecond) * 1000) / 1000));
    if (!allowed) {
      const ms = tokens < 1 ? ((1 - tokens) / perSecond) * 1000 : ((1 - hidden) / (o.hidden?.perSecond ?? 1)) * 1000;
      headers['retry-after'] = String(Math.max(1, Math.ceil(ms / 1000)));
    }
    log.push({ at: t, status: allowed ? 200 : 429, tokensAfter: tokens });
    c.advance(latencyMs);
    return new Response(allowed ? '[]' : '{}', { status: allowed ? 200 : 429, headers });
  }) as typeof fetch;
  return { fetchImpl, log, stats };
}

/** Run `total` requests through the transport with `workers` in flight at once. */
async function drive(t: ReturnType<typeof createTransport>, total: number, workers = 1) {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < total) {
        next++;
        await t.fetch(URL_);
      }
    }),
  );
}

describe('pacer', () => {
  it('a sustained sequential run spends the burst down to the 20% reserve, then stays just under the refill rate with no 429', async () => {
    const c = clock();
    const server = bucketServer(c, 15, 50);
    const t = createTransport({ fetchImpl: server.fetchImpl, now: c.now, sleep: c.sleep });
    const start = c.now();
    await drive(t, 500);
    const elapsed = (c.now() - start) / 1000;
    const floor = (500 - 40) / 15;
    expect(server.log.filter((r) => r.status === 429)).toEqual([]);
    expect(t.stats.rateLimited).toBe(0);
    expect(t.stats.requests).toBe(500);
    expect(Math.min(...server.log.map((r) => r.tokensAfter))).toBeGreaterThanOrEqual(10);
    expect(server.stats.warnings).toBe(0);
    expect(elapsed).toBeGreaterThanOrEqual(floor * 0.95);
    expect(elapsed).toBeLessThan(floor * 1.1);
  });

  it('no request is sent that would, by the pacer\'s own observation, take remaining under the reserve', async () => {
    for (const reset of ['full', 'next-second'] as const) {
      const c = clock();
      const server = bucketServer(c, { perSecond: 15, burst: 50, reset, latencyMs: 40 });
      const t = createTransport({ fetchImpl: server.fetchImpl, now: c.now, sleep: c.sleep });
      const seen: number[] = [];
      // At each start the pacer has already taken the request's token from its model.
      const origSend = t.pacer.onSend.bind(t.pacer);
      t.pacer.onSend = () => {
        const seq = origSend();
        seen.push(t.pacer.available());
        return seq;
      };
      await drive(t, 300, 4);
      // The first request is sent before anything is known (Infinity); every later one leaves the reserve.
      expect(seen.filter(Number.isFinite).every((a) => a >= t.pacer.reserveTokens), reset).toBe(true);
      expect(Math.min(...server.log.map((r) => r.tokensAfter)), reset).toBeGreaterThanOrEqual(10);
      expect(server.stats.warnings, reset).toBe(0);
      expect(t.stats.rateLimited, reset).toBe(0);
    }
  });

  it('--rate-reserve 0 reaches the old speed: the whole burst, then the refill rate', async () => {
    const c = clock();
    const server = bucketServer(c, 15, 50);
    const t = createTransport({ fetchImpl: server.fetchImpl, now: c.now, sleep: c.sleep, reservePercent: 0 });
    const start = c.now();
    await drive(t, 500);
    const elapsed = (c.now() - start) / 1000;
    expect(t.stats.rateLimited).toBe(0);
    // The old pacer kept one token: (500 − 49) / 15 s.
    expect(elapsed).toBeLessThan(((500 - 49) / 15) * 1.05);
  });

  it('with 4 requests in flight at a time it still never gets a 429', async () => {
    const c = clock();
    // Latency larger than the send interval: several requests are in flight at once.
    const server = bucketServer(c, 10, 20, 0);
    const t = createTransport({ fetchImpl: server.fetchImpl, now: c.now, sleep: c.sleep });
    const start = c.now();
    await drive(t, 200, 4);
    expect(server.log.filter((r) => r.status === 429)).toEqual([]);
    expect((c.now() - start) / 1000).toBeLessThan(((200 - 16) / 10) * 1.1);
  });

  it('x-ratelimit-reset as "the next second" is not trusted: the refill is learned from remaining, no 429', async () => {
    const c = clock();
    const server = bucketServer(c, { perSecond: 15, burst: 50, reset: 'next-second' });
    const t = createTransport({ fetchImpl: server.fetchImpl, now: c.now, sleep: c.sleep });
    const start = c.now();
    await drive(t, 400);
    const elapsed = (c.now() - start) / 1000;
    expect(t.stats.rateLimited).toBe(0);
    expect(t.pacer.usage().resetTrusted).toBe(false);
    expect(t.pacer.rate * 1000).toBeLessThanOrEqual(15);
    expect(t.pacer.rate * 1000).toBeGreaterThan(12);
    expect(elapsed).toBeLessThan(((400 - 40) / 15) * 1.1);
  });

  it('x-ratelimit-reset as "the bucket is full at" agrees with the observations and is trusted', async () => {
    const c = clock();
    const server = bucketServer(c, { perSecond: 15, burst: 50, reset: 'full' });
    const t = createTransport({ fetchImpl: server.fetchImpl, now: c.now, sleep: c.sleep });
    await drive(t, 200);
    expect(t.pacer.usage().resetTrusted).toBe(true);
    expect(t.pacer.resetRate!.lo * 1000).toBeLessThanOrEqual(15);
    expect(t.pacer.resetRate!.hi * 1000).toBeGreaterThanOrEqual(15);
  });

  it("yields to the tenant's own traffic: 5 of 15 req/s taken by the tenant's app, none of its requests refused", async () => {
    for (const reset of ['full', 'next-second'] as const) {
      const c = clock();
      const server = bucketServer(c, { perSecond: 15, burst: 50, reset, productionRps: 5 });
      const t = createTransport({ fetchImpl: server.fetchImpl, now: c.now, sleep: c.sleep });
      const start = c.now();
      await drive(t, 400, 4);
      const elapsed = (c.now() - start) / 1000;
      expect(server.stats.productionRefused, reset).toBe(0);
      expect(server.stats.warnings, reset).toBe(0);
      expect(t.stats.rateLimited, reset).toBe(0);
      // The capacity left to the audit: 10/s after a burst of 40 minus what the app takes meanwhile.
      expect(elapsed, reset).toBeLessThan(((400 - 40) / 10) * 1.2);
    }
  });

  it('a tenant app that starts mid-run is noticed: remaining falls faster than the audit explains', async () => {
    const c = clock();
    const server = bucketServer(c, { perSecond: 15, burst: 50, reset: 'next-second' });
    const t = createTransport({ fetchImpl: server.fetchImpl, now: c.now, sleep: c.sleep });
    await drive(t, 200);
    // The same server, now with the tenant's app at 6 req/s.
    const busy = bucketServer(c, { perSecond: 15, burst: 50, reset: 'next-second', productionRps: 6 });
    const t2 = createTransport({ fetchImpl: busy.fetchImpl, now: c.now, sleep: c.sleep });
    await drive(t2, 300);
    expect(busy.stats.productionRefused).toBe(0);
    expect(t2.pacer.rate * 1000).toBeLessThan(10);
  });

  it('a hidden per-minute bucket: a few 429s find it, then AIMD settles under it without stalls', async () => {
    const c = clock();
    // Per second 15 (burst 50) in the headers; 120/min beside it (capacity 120, 2/s), not in the headers.
    const server = bucketServer(c, { perSecond: 15, burst: 50, hidden: { capacity: 120, perSecond: 2 } });
    const t = createTransport({ fetchImpl: server.fetchImpl, now: c.now, sleep: c.sleep });
    const start = c.now();
    await drive(t, 260, 4);
    const elapsed = (c.now() - start) / 1000;
    // Floor: both buckets spent at best (keeping 20% of the visible one): max((N − 40)/15, (N − 120)/2).
    const floor = Math.max((260 - 40) / 15, (260 - 120) / 2);
    expect(t.stats.rateLimited).toBeLessThanOrEqual(5);
    expect(t.pacer.usage().hiddenLimitPerSecond).toBeGreaterThan(1.4);
    expect(t.pacer.usage().hiddenLimitPerSecond).toBeLessThanOrEqual(2.2);
    expect(elapsed).toBeLessThan(floor * 1.2);
  });

  it('--max-rps caps the request starts', async () => {
    const c = clock();
    const server = bucketServer(c, 15, 50);
    const t = createTransport({ fetchImpl: server.fetchImpl, now: c.now, sleep: c.sleep, maxRps: 4 });
    const start = c.now();
    await drive(t, 41, 4);
    const starts = server.log.map((r) => r.at);
    for (let i = 4; i < starts.length; i++) expect(starts[i]! - starts[i - 4]!).toBeGreaterThanOrEqual(999);
    expect((c.now() - start) / 1000).toBeGreaterThanOrEqual(10 - 0.01);
  });

  it('learns the refill from successive remaining values without ever overestimating it', async () => {
    const c = clock();
    const server = bucketServer(c, { perSecond: 15, burst: 50, reset: 'next-second' });
    const t = createTransport({ fetchImpl: server.fetchImpl, now: c.now, sleep: c.sleep });
    const rates: number[] = [];
    for (let i = 0; i < 150; i++) {
      await t.fetch(URL_);
      rates.push(t.pacer.rate * 1000);
    }
    expect(Math.max(...rates)).toBeLessThanOrEqual(15);
    expect(rates.at(-1)).toBeGreaterThan(12);
  });

  it('re-synchronises to the server count, net of requests sent after the answered one', () => {
    const c = clock();
    const p = new Pacer(c.now);
    for (let i = 0; i < 4; i++) p.onSend();
    p.observe(new Headers({ 'x-ratelimit-limit': '50', 'x-ratelimit-remaining': '10' }), 1, c.now(), 200);
    expect(p.tokens).toBe(7);
    // An older answer arriving late does not move the count back up.
    p.observe(new Headers({ 'x-ratelimit-limit': '50', 'x-ratelimit-remaining': '12' }), 1, c.now(), 200);
    expect(p.tokens).toBe(7);
  });

  it('answers out of order: an earlier request still unanswered may be counted after the answered one', () => {
    const c = clock();
    const p = new Pacer(c.now);
    for (let i = 0; i < 4; i++) p.onSend();
    // Request 2 is answered first: 3 and 4 were sent after it, 1 is still out.
    p.observe(new Headers({ 'x-ratelimit-limit': '50', 'x-ratelimit-remaining': '10' }), 2, c.now(), 200);
    expect(p.tokens).toBe(7);
  });

  it('reports what it used: bucket share, reserve, refill', async () => {
    const c = clock();
    const server = bucketServer(c, 15, 50);
    const t = createTransport({ fetchImpl: server.fetchImpl, now: c.now, sleep: c.sleep });
    await drive(t, 200);
    const u = t.pacer.usage();
    expect(u).toMatchObject({ limit: 50, reservePercent: 20, reserveTokens: 10 });
    expect(u.minRemaining).toBeGreaterThanOrEqual(10);
    expect(u.peakShare).toBeLessThanOrEqual(0.8);
    expect(u.meanShare).toBeGreaterThan(0.5);
    expect(u.refillPerSecond).toBeGreaterThan(12);
  });

  it('without x-ratelimit-limit, an empty bucket waits for the reset', async () => {
    const c = clock();
    const waits: number[] = [];
    const t = createTransport({
      now: c.now,
      sleep: async (ms) => {
        waits.push(ms);
        await c.sleep(ms);
      },
      fetchImpl: async () => new Response('[]', { headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil((c.now() + 2000) / 1000)) } }),
    });
    await t.fetch(URL_);
    await t.fetch(URL_);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(1000);
  });

  it('without rate-limit headers nothing is paced', async () => {
    const c = clock();
    const t = createTransport({ now: c.now, sleep: c.sleep, fetchImpl: async () => new Response('[]') });
    for (let i = 0; i < 20; i++) await t.fetch(URL_);
    expect(t.stats.waitedMs).toBe(0);
  });
});

describe('retries', () => {
  it('a 429 waits for Retry-After, then every request waits with it, and the rate estimate is capped', async () => {
    const c = clock();
    let n = 0;
    const t = createTransport({
      now: c.now,
      sleep: c.sleep,
      fetchImpl: async () =>
        ++n === 1
          ? new Response('{}', { status: 429, headers: { 'retry-after': '3', 'x-ratelimit-limit': '50', 'x-ratelimit-remaining': '0' } })
          : new Response('[]'),
    });
    const start = c.now();
    expect((await t.fetch(URL_)).status).toBe(200);
    expect(c.now() - start).toBeGreaterThanOrEqual(3000);
    expect(t.stats).toMatchObject({ rateLimited: 1, retries: 1, requests: 2 });
  });

  it('a 429 without Retry-After waits for X-RateLimit-Reset', async () => {
    const c = clock();
    let n = 0;
    const t = createTransport({
      now: c.now,
      sleep: c.sleep,
      fetchImpl: async () =>
        ++n === 1 ? new Response('{}', { status: 429, headers: { 'x-ratelimit-reset': String(Math.ceil(c.now() / 1000) + 2) } }) : new Response('[]'),
    });
    const start = c.now();
    await t.fetch(URL_);
    expect(c.now() - start).toBeGreaterThan(1000);
    expect(c.now() - start).toBeLessThanOrEqual(3000);
  });

  it('5xx and network errors are retried with backoff; the last answer is returned when the budget is spent', async () => {
    const c = clock();
    let n = 0;
    const t = createTransport({
      now: c.now,
      sleep: c.sleep,
      retryBudgetMs: 5000,
      fetchImpl: async () => {
        n++;
        if (n % 2) throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
        return new Response('oops', { status: 502 });
      },
    });
    const res = await t.fetch(URL_);
    expect(res.status).toBe(502);
    // 500 + 1000 + 2000 = 3500 spent; the next wait (4000) would pass the 5000 budget.
    expect(n).toBe(4);
    expect(c.now()).toBeLessThan(1_700_000_000_000 + 5000);
    expect(t.stats).toMatchObject({ serverErrors: 2, networkErrors: 2, retries: 3 });
  });

  it('network errors past the budget throw the last error', async () => {
    const c = clock();
    const t = createTransport({
      now: c.now,
      sleep: c.sleep,
      retryBudgetMs: 1000,
      fetchImpl: async () => {
        throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
      },
    });
    await expect(t.fetch(URL_)).rejects.toThrow('fetch failed');
  });

  it('a hung attempt is abandoned after the attempt timeout and retried (real timers)', async () => {
    let n = 0;
    const t = createTransport({
      attemptTimeoutMs: 50,
      backoffMs: 1,
      fetchImpl: (async (_u: unknown, init?: RequestInit) => {
        if (++n === 1) {
          return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
        }
        return new Response('[]');
      }) as typeof fetch,
    });
    const res = await t.fetch(URL_);
    expect(res.status).toBe(200);
    expect(n).toBe(2);
    expect(t.stats.networkErrors).toBe(1);
  });

  it("an abort by the caller is final, not retried", async () => {
    let n = 0;
    const ctrl = new AbortController();
    const t = createTransport({
      fetchImpl: (async (_u: unknown, init?: RequestInit) => {
        n++;
        return new Promise<Response>((_, reject) => {
          if (init?.signal?.aborted) reject(new Error('aborted'));
          init?.signal?.addEventListener('abort', () => reject(new Error('aborted')));
        });
      }) as typeof fetch,
    });
    const p = t.fetch(URL_, { signal: ctrl.signal });
    setTimeout(() => ctrl.abort(new Error('aborted')), 5);
    await expect(p).rejects.toThrow('aborted');
    expect(n).toBe(1);
  });

  it('the token POST goes through the same retries', async () => {
    const c = clock();
    let n = 0;
    const t = createTransport({
      now: c.now,
      sleep: c.sleep,
      fetchImpl: async () => (++n === 1 ? new Response('{}', { status: 503 }) : new Response('{"access_token":"x"}')),
    });
    const res = await t.fetch('https://t.us.auth0.com/oauth/token', { method: 'POST', body: 'grant_type=client_credentials' });
    expect(res.status).toBe(200);
    expect(n).toBe(2);
  });
});
