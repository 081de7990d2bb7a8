/**
 * The one HTTP layer under the Management client: every API call and the token request go
 * through this `fetch`. It
 * - refuses anything but GET (and the token POST): the tool is read-only against a tenant;
 * - optionally sends traffic to another origin (`--api-base-url`: emulators, egress proxies);
 * - paces request starts from a model of the server's token bucket (below), so a sustained run
 *   stays just under the refill rate and the tool slows down before it is refused;
 * - retries 429 (after `Retry-After` / `X-RateLimit-Reset`), 5xx, network errors and hung
 *   connections (a per-attempt timeout), within one total time budget per request. The SDK's
 *   own retries are turned off (`maxRetries: 0`): one retry layer.
 *
 * The pacer. Auth0 answers `x-ratelimit-limit` (the bucket size, i.e. the burst),
 * `x-ratelimit-remaining` (whole tokens left after this request) and `x-ratelimit-reset` (epoch
 * seconds, 1-second granularity, when the bucket is full again). We keep a local estimate of the
 * tokens a *new* request may spend:
 * - every response re-synchronises it to `remaining − (other requests still in flight)`: the
 *   server's own count, minus what we already sent that it may not have counted yet;
 * - between responses it refills at an estimated rate. Each response with a deficit
 *   d = limit − remaining gives a rate that cannot be too high: (d − 1) / (resetMs − sentAt)
 *   (remaining is floored, reset is rounded up, and the request was sent before the server
 *   counted it); the estimate is the largest such lower bound seen, and a 429 caps it;
 * - a request starts only when the estimate keeps `reserve` tokens (default 1) back.
 * Because every response re-synchronises to the server's count, an estimate that is too low only
 * makes the sending burstier, not slower on average: tokens the server refilled show up in the
 * next `remaining` and are spent then. An estimate that is too high is bounded by the reserve.
 * Without rate-limit headers nothing is paced. With `remaining` but no `limit` (no rate can be
 * estimated), an empty bucket waits for `x-ratelimit-reset`.
 */

export interface TransportStats {
  /** Attempts sent (retries included). */
  requests: number;
  retries: number;
  /** 429 answers received. */
  rateLimited: number;
  /** Time spent waiting (pacing and retry backoff), summed over requests. */
  waitedMs: number;
  /** 5xx answers received. */
  serverErrors?: number;
  /** Network errors and attempt timeouts. */
  networkErrors?: number;
}

export interface TransportOptions {
  /** Send requests to this origin (and path prefix) instead of `https://<domain>`. */
  apiBaseUrl?: URL;
  /** Total time budget for retries of one request, ms (default 60 000). */
  retryBudgetMs?: number;
  /** Attempts after the first, at most (default 8). */
  maxRetries?: number;
  /** One attempt is abandoned (and retried) after this long without response headers, ms (default 30 000, never more than what is left of the budget). */
  attemptTimeoutMs?: number;
  /** Tokens the pacer leaves in the server's bucket (default 1). */
  reserve?: number;
  /** First backoff after a 5xx or a network error, ms (default 500; doubles, at most 8 000). */
  backoffMs?: number;
  /** Injected for tests. */
  fetchImpl?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  onEvent?: (e: TransportEvent) => void;
}

export type TransportEvent =
  | { type: 'request'; method: string; path: string }
  | { type: 'response'; method: string; path: string; status: number; ms: number }
  | { type: 'retry'; path: string; reason: string; waitMs: number; attempt: number }
  | { type: 'pace'; waitMs: number };

export class WriteRefusedError extends Error {
  constructor(method: string, path: string) {
    super(`refused to send ${method} ${path}: auth0-readiness only reads a tenant`);
    this.name = 'WriteRefusedError';
  }
}

class AttemptTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(ms: number) {
    super(`no response within ${Math.round(ms)} ms`);
    this.name = 'AttemptTimeoutError';
  }
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function rewriteUrl(url: URL, base: URL | undefined): URL {
  if (!base) return url;
  const prefix = base.pathname.replace(/\/+$/, '');
  const out = new URL(base.origin);
  out.pathname = `${prefix}${url.pathname}`;
  out.search = url.search;
  return out;
}

/** Milliseconds to wait as a 429 (or a pacing decision) says, from `Retry-After` or `X-RateLimit-Reset`. */
export function waitFromHeaders(headers: Headers, nowMs: number): number | undefined {
  const ra = headers.get('retry-after');
  if (ra) {
    const secs = Number(ra);
    if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
    const date = Date.parse(ra);
    if (Number.isFinite(date)) return Math.max(0, date - nowMs);
  }
  const reset = Number(headers.get('x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - nowMs);
  return undefined;
}

/** A number header, or undefined when absent or not a finite number. */
function numHeader(headers: Headers, name: string): number | undefined {
  const v = headers.get(name);
  if (v === null || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** Longest single wait the pacer or a 429 may impose, ms: a bogus header cannot stall the run. */
const MAX_WAIT_MS = 60_000;

/**
 * The client-side model of the server's token bucket. Pure state + arithmetic on an injected
 * clock; `acquire` is serialised by the transport, so request starts are FIFO.
 */
export class Pacer {
  /** Bucket size from `x-ratelimit-limit`; undefined until seen. */
  limit: number | undefined;
  /** Tokens a new request may spend (already net of requests in flight). Infinity = unknown. */
  tokens = Number.POSITIVE_INFINITY;
  /** Estimated refill, tokens per ms; 0 = unknown. */
  rate = 0;
  /** Upper bound on the rate after a 429 (tokens per ms). */
  rateCap = Number.POSITIVE_INFINITY;
  /** No request starts before this time (a 429, or an empty bucket without a rate). */
  notBefore = 0;
  private last: number;

  constructor(
    private readonly now: () => number,
    private readonly reserve = 1,
  ) {
    this.last = now();
  }

  private refill(t: number): void {
    if (this.rate > 0 && Number.isFinite(this.tokens)) {
      const cap = this.limit ?? Number.POSITIVE_INFINITY;
      this.tokens = Math.min(cap, this.tokens + (t - this.last) * this.rate);
    }
    this.last = t;
  }

  /** How long to wait before the next request may start (0: now). Takes the token when 0. */
  reserveSlot(): number {
    const t = this.now();
    if (t < this.notBefore) return this.notBefore - t;
    this.refill(t);
    // Without a rate there is no refill to model: only `notBefore` (a reset, a 429) gates.
    if (this.tokens >= 1 + this.reserve || !Number.isFinite(this.tokens) || this.rate === 0) {
      this.tokens -= 1;
      return 0;
    }
    return Math.min(MAX_WAIT_MS, Math.max(1, Math.ceil((1 + this.reserve - this.tokens) / this.rate)));
  }

  /**
   * A response arrived. `inFlight`: other requests sent and not yet answered. `sentAt`: when this
   * one was sent.
   */
  observe(headers: Headers, inFlight: number, sentAt: number, status: number): void {
    const t = this.now();
    const remaining = numHeader(headers, 'x-ratelimit-remaining');
    const limit = numHeader(headers, 'x-ratelimit-limit');
    const reset = numHeader(headers, 'x-ratelimit-reset');
    if (remaining === undefined) return;
    if (limit !== undefined && limit > 0) this.limit = limit;
    this.refill(t);
    this.tokens = remaining - inFlight;
    if (this.limit !== undefined && reset !== undefined && status !== 429) {
      const deficit = this.limit - remaining;
      const window = reset * 1000 - sentAt;
      if (deficit >= 2 && window > 0) {
        const lower = (deficit - 1) / window;
        if (lower > this.rate) this.rate = Math.min(lower, this.rateCap);
      }
    }
    if (this.tokens < 1 + this.reserve && this.rate === 0 && reset !== undefined) {
      // Nothing to estimate a refill from: wait for the reset the server announced.
      this.notBefore = Math.max(this.notBefore, Math.min(t + MAX_WAIT_MS, reset * 1000));
    }
  }

  /** A 429: wait as told, and never again trust a rate as high as the one that got us here. */
  refused(waitMs: number): void {
    const t = this.now();
    this.notBefore = Math.max(this.notBefore, t + Math.min(waitMs, MAX_WAIT_MS));
    if (this.rate > 0) {
      this.rateCap = this.rate * 0.8;
      this.rate = this.rateCap;
    }
    if (Number.isFinite(this.tokens)) this.tokens = Math.min(this.tokens, 0);
    this.last = t;
  }
}

export interface Transport {
  fetch: typeof fetch;
  stats: TransportStats;
  /** The pacer's model, for diagnostics and tests. */
  pacer: Pacer;
}

export function createTransport(opts: TransportOptions = {}): Transport {
  const doFetch = opts.fetchImpl ?? fetch;
  const sleep = opts.sleep ?? defaultSleep;
  const now = opts.now ?? Date.now;
  const budget = opts.retryBudgetMs ?? 60_000;
  const maxRetries = opts.maxRetries ?? 8;
  const attemptTimeout = opts.attemptTimeoutMs ?? 30_000;
  const backoff = opts.backoffMs ?? 500;
  const stats: TransportStats = { requests: 0, retries: 0, rateLimited: 0, waitedMs: 0, serverErrors: 0, networkErrors: 0 };
  const pacer = new Pacer(now, opts.reserve ?? 1);
  let inFlight = 0;
  /** Whether the tenant (or the base URL) has answered at least once. */
  let reached = false;
  /** Request starts are serialised: FIFO, one pacing decision at a time. */
  let queue: Promise<void> = Promise.resolve();

  const slot = (): Promise<void> => {
    const mine = queue.then(async () => {
      for (;;) {
        const wait = pacer.reserveSlot();
        if (wait <= 0) return;
        opts.onEvent?.({ type: 'pace', waitMs: wait });
        stats.waitedMs += wait;
        await sleep(wait);
      }
    });
    queue = mine.catch(() => undefined);
    return mine;
  };

  const attempt = async (url: URL, init: RequestInit | undefined, timeoutMs: number): Promise<Response> => {
    const ctrl = new AbortController();
    const outer = init?.signal;
    const signal = outer ? AbortSignal.any([outer, ctrl.signal]) : ctrl.signal;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const err = new AttemptTimeoutError(timeoutMs);
        ctrl.abort(err);
        reject(err);
      }, Math.max(1, timeoutMs));
      timer.unref?.();
    });
    try {
      return await Promise.race([doFetch(url, { ...init, signal }), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  };

  const wrapped = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const original = new URL(input instanceof Request ? input.url : input.toString());
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const isToken = method === 'POST' && original.pathname === '/oauth/token';
    if (method !== 'GET' && !isToken) throw new WriteRefusedError(method, original.pathname);
    if (input instanceof Request && !init) {
      init = { method: input.method, headers: input.headers, ...(input.signal ? { signal: input.signal } : {}) };
    }
    const url = rewriteUrl(original, opts.apiBaseUrl);
    const started = now();
    for (let n = 0; ; n++) {
      await slot();
      init?.signal?.throwIfAborted();
      stats.requests++;
      opts.onEvent?.({ type: 'request', method, path: original.pathname });
      const t0 = now();
      let res: Response | undefined;
      let netError: unknown;
      inFlight++;
      try {
        res = await attempt(url, init, Math.min(attemptTimeout, Math.max(1, budget - (t0 - started))));
      } catch (e) {
        // An abort by the caller (the SDK's per-request timeout) is final; the rest are network failures.
        if (init?.signal?.aborted) {
          inFlight--;
          throw e;
        }
        netError = e;
        stats.networkErrors = (stats.networkErrors ?? 0) + 1;
      }
      inFlight--;
      if (res) {
        opts.onEvent?.({ type: 'response', method, path: original.pathname, status: res.status, ms: now() - t0 });
        pacer.observe(res.headers, inFlight, t0, res.status);
      }
      if (res) reached = true;
      // A host that does not resolve, refuses connections or fails TLS before it ever answered is a
      // wrong domain or base URL, not a blip: fail at once, naming the cause (no retry budget spent).
      if (netError !== undefined && !reached && isPermanentNetworkError(netError)) throw netError;
      const retryable = netError !== undefined || (res !== undefined && (res.status === 429 || res.status >= 500));
      if (!retryable) return res as Response;
      let wait: number;
      if (res?.status === 429) {
        stats.rateLimited++;
        wait = Math.min(waitFromHeaders(res.headers, now()) ?? 1000 * 2 ** n, MAX_WAIT_MS);
        pacer.refused(wait);
      } else {
        if (res) stats.serverErrors = (stats.serverErrors ?? 0) + 1;
        wait = Math.min(backoff * 2 ** n, 8000);
      }
      const spent = now() - started;
      if (n >= maxRetries || spent + wait >= budget) {
        if (res) return res;
        throw netError;
      }
      const reason = res ? `HTTP ${res.status}` : errorCode(netError);
      opts.onEvent?.({ type: 'retry', path: original.pathname, reason, waitMs: wait, attempt: n + 1 });
      stats.retries++;
      if (res) await res.body?.cancel().catch(() => undefined);
      // A 429's wait is the pacer's `notBefore`: the next slot waits for it (and so does everyone else).
      if (res?.status !== 429) {
        stats.waitedMs += wait;
        await sleep(wait);
      }
    }
  };
  return { fetch: wrapped as typeof fetch, stats, pacer };
}

/** Error codes of a connection that can never succeed as configured: DNS, refused, TLS. */
const PERMANENT_CODES = /^(bad port$|ENOTFOUND|ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH|ERR_INVALID_URL)/;

export function isPermanentNetworkError(e: unknown): boolean {
  return PERMANENT_CODES.test(errorCode(e));
}

/** The host and port a network error names, where it names one. */
function errorTarget(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const o = cur as { hostname?: unknown; address?: unknown; port?: unknown; host?: unknown; cause?: unknown };
    const host = typeof o.hostname === 'string' ? o.hostname : typeof o.host === 'string' ? o.host : typeof o.address === 'string' ? o.address : undefined;
    if (host) return typeof o.port === 'number' ? `${host}:${o.port}` : host;
    cur = o.cause;
  }
  return undefined;
}

/** One line a person can act on: `cannot resolve acme-nope.us.auth0.com`, `connection refused by 127.0.0.1:9`. */
export function describeNetworkError(e: unknown, fallbackHost: string): string {
  const code = errorCode(e);
  const host = errorTarget(e) ?? fallbackHost;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot resolve ${host.replace(/:\d+$/, '')} (DNS ${code}): check the tenant domain`;
  if (code === 'ECONNREFUSED') return `connection refused by ${host}`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `no route to ${host} (${code})`;
  if (/^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|HOSTNAME_MISMATCH)/.test(code)) return `TLS error talking to ${host} (${code})`;
  if (e instanceof AttemptTimeoutError || code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return `${host} did not answer in time (${code})`;
  return `${host}: ${code}`;
}

export function errorCode(e: unknown): string {
  let cur: unknown = e;
  let message = e instanceof Error ? e.message : String(e);
  for (let i = 0; i < 4 && cur; i++) {
    if (cur && typeof cur === 'object' && 'code' in cur && typeof (cur as { code: unknown }).code === 'string') {
      return (cur as { code: string }).code;
    }
    // The innermost message says most ("bad port" under undici's "fetch failed").
    if (cur instanceof Error && cur.message) message = cur.message;
    cur = cur && typeof cur === 'object' && 'cause' in cur ? (cur as { cause: unknown }).cause : undefined;
  }
  return message;
}
