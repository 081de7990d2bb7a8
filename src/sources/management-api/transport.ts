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
 * The pacer (./pacer.ts, docs/pacing.md) models the tenant's rate limit from the answers: it keeps
 * a reserve of the bucket (`x-ratelimit-limit`, default 20%) for the tenant's own traffic, learns
 * the net refill from successive `x-ratelimit-remaining` values, trusts `x-ratelimit-reset` only
 * where it agrees with them, and settles under a hidden (per-minute) bucket by AIMD.
 */

import { MAX_WAIT_MS, Pacer } from './pacer.js';

export { Pacer, type ApiUsage, type PacerOptions } from './pacer.js';

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
  /** Share of the server's bucket the pacer never spends, percent (default 20; 0 keeps one token). */
  reservePercent?: number;
  /** Requests started per second, at most (default: no cap). */
  maxRps?: number;
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

/** While answers are outstanding, the pacer's wait is re-evaluated at least this often, ms. */
const PENDING_RECHECK_MS = 20;

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function rewriteUrl(url: URL, base: URL | undefined): URL {
  if (!base) return url;
  const prefix = base.pathname.replace(/\/+$/, '');
  const out = new URL(base.origin);
  out.pathname = `${prefix}${url.pathname}`;
  out.search = url.search;
  return out;
}

/** Milliseconds `Retry-After` asks for (seconds or an HTTP date), or undefined. */
export function retryAfterMs(headers: Headers, nowMs: number): number | undefined {
  const ra = headers.get('retry-after');
  if (!ra) return undefined;
  const secs = Number(ra);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const date = Date.parse(ra);
  if (Number.isFinite(date)) return Math.max(0, date - nowMs);
  return undefined;
}

/** How one attempt ended, for the retry decision. */
export type AttemptOutcome =
  | { kind: 'answer'; status: number }
  | { kind: 'network'; error: unknown };

/**
 * Whether an attempt is retried: 429 (rate limited), 5xx, and every network failure (including a
 * hung connection abandoned after the attempt timeout). The one place to change what is retryable.
 */
export function isRetryable(o: AttemptOutcome): boolean {
  if (o.kind === 'network') return true;
  return o.status === 429 || o.status >= 500;
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
  const pacer = new Pacer(now, {
    ...(opts.reservePercent !== undefined ? { reservePercent: opts.reservePercent } : {}),
    ...(opts.maxRps !== undefined ? { maxRps: opts.maxRps } : {}),
  });
  /** Whether the tenant (or the base URL) has answered at least once. */
  let reached = false;
  /** Request starts are serialised: FIFO, one pacing decision at a time. */
  let queue: Promise<number> = Promise.resolve(0);

  /** Wait for the pacer, then start: the request's seq. */
  const slot = (): Promise<number> => {
    const mine = queue.then(async () => {
      for (;;) {
        let wait = pacer.nextWait();
        if (wait <= 0) return pacer.onSend();
        // With answers outstanding the model is pessimistic (each may not be counted yet): look
        // again soon, when some of them will have answered.
        if (pacer.outstanding > 0) wait = Math.min(wait, PENDING_RECHECK_MS);
        opts.onEvent?.({ type: 'pace', waitMs: wait });
        stats.waitedMs += wait;
        await sleep(wait);
      }
    });
    queue = mine.catch(() => 0);
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
      const seq = await slot();
      if (init?.signal?.aborted) {
        pacer.lost(seq);
        init.signal.throwIfAborted();
      }
      stats.requests++;
      opts.onEvent?.({ type: 'request', method, path: original.pathname });
      const t0 = now();
      let res: Response | undefined;
      let netError: unknown;
      try {
        res = await attempt(url, init, Math.min(attemptTimeout, Math.max(1, budget - (t0 - started))));
      } catch (e) {
        pacer.lost(seq);
        // An abort by the caller (the SDK's per-request timeout) is final; the rest are network failures.
        if (init?.signal?.aborted) throw e;
        netError = e;
        stats.networkErrors = (stats.networkErrors ?? 0) + 1;
      }
      if (res) {
        opts.onEvent?.({ type: 'response', method, path: original.pathname, status: res.status, ms: now() - t0 });
        pacer.observe(res.headers, seq, t0, res.status);
      }
      if (res) reached = true;
      const outcome: AttemptOutcome = res ? { kind: 'answer', status: res.status } : { kind: 'network', error: netError };
      // A host that does not resolve, refuses connections or fails TLS before it ever answered is a
      // wrong domain or base URL, not a blip: fail at once, naming the cause (no retry budget spent).
      if (outcome.kind === 'network' && !reached && isPermanentNetworkError(netError)) throw netError;
      if (!isRetryable(outcome)) return res as Response;
      let wait: number;
      if (res?.status === 429) {
        stats.rateLimited++;
        wait = Math.min(retryAfterMs(res.headers, now()) ?? pacer.waitAfter429(res.headers, n), MAX_WAIT_MS);
        pacer.refused(res.headers, seq, t0, wait);
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
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    const name = host.replace(/:\d+$/, '');
    return `cannot resolve ${name} (DNS ${code}): check the tenant domain${/\.auth0(?:app)?\.com$/.test(name) ? '' : ' (use the canonical *.auth0.com one, e.g. acme.us.auth0.com, not a custom domain)'}`;
  }
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
