/**
 * The one HTTP layer under the Management client: every API call and the token request go
 * through this `fetch`. It
 * - refuses anything but GET (and the token POST): the tool is read-only against a tenant;
 * - optionally sends traffic to another origin (`--api-base-url`: emulators, egress proxies);
 * - paces requests from the `x-ratelimit-*` headers so the tool slows down before it is refused;
 * - retries 429 (after `Retry-After` / `X-RateLimit-Reset`), 5xx and network errors, within one
 *   total time budget. The SDK's own retries are turned off (`maxRetries: 0`): one retry layer.
 */

export interface TransportStats {
  requests: number;
  retries: number;
  rateLimited: number;
  waitedMs: number;
}

export interface TransportOptions {
  /** Send requests to this origin (and path prefix) instead of `https://<domain>`. */
  apiBaseUrl?: URL;
  /** Total time budget for retries of one request, ms. */
  retryBudgetMs?: number;
  maxRetries?: number;
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

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function rewriteUrl(url: URL, base: URL | undefined): URL {
  if (!base) return url;
  const prefix = base.pathname.replace(/\/+$/, '');
  const out = new URL(base.origin);
  out.pathname = `${prefix}${url.pathname}`;
  out.search = url.search;
  return out;
}

/** Seconds to wait as a 429 (or a pacing decision) says, from `Retry-After` or `X-RateLimit-Reset`. */
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

export interface Transport {
  fetch: typeof fetch;
  stats: TransportStats;
}

export function createTransport(opts: TransportOptions = {}): Transport {
  const doFetch = opts.fetchImpl ?? fetch;
  const sleep = opts.sleep ?? defaultSleep;
  const now = opts.now ?? Date.now;
  const budget = opts.retryBudgetMs ?? 60_000;
  const maxRetries = opts.maxRetries ?? 5;
  const stats: TransportStats = { requests: 0, retries: 0, rateLimited: 0, waitedMs: 0 };
  /** Earliest time the next request may start, from the last rate-limit headers seen. */
  let notBefore = 0;

  const observe = (headers: Headers) => {
    const remaining = Number(headers.get('x-ratelimit-remaining'));
    if (headers.get('x-ratelimit-remaining') !== null && Number.isFinite(remaining) && remaining <= 0) {
      const wait = waitFromHeaders(new Headers({ 'x-ratelimit-reset': headers.get('x-ratelimit-reset') ?? '' }), now());
      if (wait !== undefined) notBefore = Math.max(notBefore, now() + Math.min(wait, 60_000));
    }
  };

  const wrapped = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const original = new URL(input instanceof Request ? input.url : input.toString());
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const isToken = method === 'POST' && original.pathname === '/oauth/token';
    if (method !== 'GET' && !isToken) throw new WriteRefusedError(method, original.pathname);
    const url = rewriteUrl(original, opts.apiBaseUrl);
    const started = now();
    for (let attempt = 0; ; attempt++) {
      const pace = notBefore - now();
      if (pace > 0) {
        opts.onEvent?.({ type: 'pace', waitMs: pace });
        stats.waitedMs += pace;
        await sleep(pace);
      }
      stats.requests++;
      opts.onEvent?.({ type: 'request', method, path: original.pathname });
      const t0 = now();
      let res: Response | undefined;
      let netError: unknown;
      try {
        res = await doFetch(url, init);
      } catch (e) {
        // An abort (the SDK's per-request timeout) is final; other errors are network failures.
        if (init?.signal?.aborted) throw e;
        netError = e;
      }
      if (res) {
        opts.onEvent?.({ type: 'response', method, path: original.pathname, status: res.status, ms: now() - t0 });
        observe(res.headers);
      }
      const retryable = netError !== undefined || (res && (res.status === 429 || res.status >= 500));
      if (!retryable) return res as Response;
      let wait: number;
      if (res?.status === 429) {
        stats.rateLimited++;
        wait = waitFromHeaders(res.headers, now()) ?? 1000 * 2 ** attempt;
        notBefore = Math.max(notBefore, now() + wait);
      } else {
        wait = Math.min(500 * 2 ** attempt, 8000);
      }
      const spent = now() - started;
      if (attempt >= maxRetries || spent + wait > budget) {
        if (res) return res;
        throw netError;
      }
      const reason = res ? `HTTP ${res.status}` : errorCode(netError);
      opts.onEvent?.({ type: 'retry', path: original.pathname, reason, waitMs: wait, attempt: attempt + 1 });
      stats.retries++;
      if (res) await res.body?.cancel().catch(() => undefined);
      if (res?.status !== 429) {
        stats.waitedMs += wait;
        await sleep(wait);
      }
    }
  };
  return { fetch: wrapped as typeof fetch, stats };
}

export function errorCode(e: unknown): string {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur; i++) {
    if (cur && typeof cur === 'object' && 'code' in cur && typeof (cur as { code: unknown }).code === 'string') {
      return (cur as { code: string }).code;
    }
    cur = cur && typeof cur === 'object' && 'cause' in cur ? (cur as { cause: unknown }).cause : undefined;
  }
  return e instanceof Error ? e.message : String(e);
}
