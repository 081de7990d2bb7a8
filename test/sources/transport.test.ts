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

/** A server token bucket like Auth0's (and the emulator's): limit, remaining, reset (epoch s). */
function bucketServer(c: ReturnType<typeof clock>, perSecond: number, burst: number, latencyMs = 5) {
  let tokens = burst;
  let last = c.now();
  const log: { at: number; status: number }[] = [];
  const fetchImpl = (async () => {
    const t = c.now();
    tokens = Math.min(burst, tokens + ((t - last) / 1000) * perSecond);
    last = t;
    const allowed = tokens >= 1;
    if (allowed) tokens -= 1;
    const headers: Record<string, string> = { 'x-ratelimit-limit': String(burst), 'x-ratelimit-remaining': String(Math.floor(tokens)) };
    if (allowed) headers['x-ratelimit-reset'] = String(Math.ceil((t + ((burst - tokens) / perSecond) * 1000) / 1000));
    else {
      const ms = ((1 - tokens) / perSecond) * 1000;
      headers['x-ratelimit-reset'] = String(Math.ceil((t + ms) / 1000));
      headers['retry-after'] = String(Math.max(1, Math.ceil(ms / 1000)));
    }
    log.push({ at: t, status: allowed ? 200 : 429 });
    c.advance(latencyMs);
    return new Response(allowed ? '[]' : '{}', { status: allowed ? 200 : 429, headers });
  }) as typeof fetch;
  return { fetchImpl, log };
}

describe('pacer', () => {
  it('a sustained sequential run spends the burst, then stays just under the refill rate with no 429', async () => {
    const c = clock();
    const server = bucketServer(c, 15, 50);
    const t = createTransport({ fetchImpl: server.fetchImpl, now: c.now, sleep: c.sleep });
    const start = c.now();
    for (let i = 0; i < 500; i++) await t.fetch(URL_);
    const elapsed = (c.now() - start) / 1000;
    const floor = (500 - 50) / 15;
    expect(server.log.filter((r) => r.status === 429)).toEqual([]);
    expect(t.stats.rateLimited).toBe(0);
    expect(t.stats.requests).toBe(500);
    expect(elapsed).toBeGreaterThanOrEqual(floor * 0.95);
    expect(elapsed).toBeLessThan(floor * 1.1);
  });

  it('with 4 requests in flight at a time it still never gets a 429', async () => {
    const c = clock();
    // Latency larger than the send interval: several requests are in flight at once.
    const server = bucketServer(c, 10, 20, 0);
    const t = createTransport({ fetchImpl: server.fetchImpl, now: c.now, sleep: c.sleep });
    let next = 0;
    const start = c.now();
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < 200) {
          next++;
          await t.fetch(URL_);
        }
      }),
    );
    expect(server.log.filter((r) => r.status === 429)).toEqual([]);
    expect((c.now() - start) / 1000).toBeLessThan(((200 - 20) / 10) * 1.1);
  });

  it('estimates the refill rate from headers without ever overestimating it', () => {
    const c = clock();
    const p = new Pacer(c.now);
    // After a burst of 50 at 15/s: the bucket is full again in 3.33 s; reset is rounded up.
    const reset = Math.ceil((c.now() + 3334) / 1000);
    p.observe(new Headers({ 'x-ratelimit-limit': '50', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }), 0, c.now() - 5, 200);
    expect(p.rate * 1000).toBeLessThanOrEqual(15);
    expect(p.rate * 1000).toBeGreaterThan(10);
    expect(p.limit).toBe(50);
    expect(p.tokens).toBe(0);
  });

  it('re-synchronises to the server count, net of requests in flight', () => {
    const c = clock();
    const p = new Pacer(c.now);
    p.observe(new Headers({ 'x-ratelimit-limit': '50', 'x-ratelimit-remaining': '10' }), 3, c.now(), 200);
    expect(p.tokens).toBe(7);
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
