/**
 * The live source: fetch each needed resource once (every page), under one concurrency limit,
 * and return a Snapshot whose every resource is a discriminated result. A 403
 * `insufficient_scope` names the scope and affects only that resource; the audit goes on.
 */
import type { ManagementClient } from 'auth0';
import pLimit from 'p-limit';
import { SourceError } from '../../errors.js';
import { redact } from '../../snapshot/redact.js';
import { tolerantParse } from '../../snapshot/validate.js';
import { RESOURCES, type ResourceKey } from '../../snapshot/resources.js';
import { failure, ok, type ResourceFailure, type ResourceResult, type Snapshot, type SourceUsage } from '../../snapshot/snapshot.js';
import { audienceFor, canonicalDomainHint, createManagementClient, type Credentials } from './client.js';
import { DependencyUnavailableError, FETCHERS, type FetchContext } from './fetchers.js';
import { createTransport, describeNetworkError, errorCode, isPermanentNetworkError, type TransportEvent, type TransportStats } from './transport.js';

export interface CollectOptions {
  credentials: Credentials;
  resources: readonly ResourceKey[];
  apiBaseUrl?: URL;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Retry budget per request, ms. */
  retryBudgetMs?: number;
  /** Share of the rate-limit bucket never spent, percent (default 20). */
  reservePercent?: number;
  /** Requests started per second, at most. */
  maxRps?: number;
  onEvent?: (e: CollectEvent) => void;
  now?: () => Date;
  fetchImpl?: typeof fetch;
  /** Lookback of log searches, days (default 7, catalog Decision 8). */
  logLookbackDays?: number;
  /** Users read for the user sample (default 50). */
  userSampleSize?: number;
}

export type CollectEvent = TransportEvent | { type: 'start'; resources: number } | { type: 'resource'; key: ResourceKey; ok: boolean };

export interface CollectResult {
  snapshot: Snapshot;
  stats: TransportStats;
  /** Requests, 429s, retries and the share of the rate limit used (also in `snapshot.source.usage`). */
  usage: SourceUsage;
}

interface ErrorBody {
  errorCode?: unknown;
  message?: unknown;
  error?: unknown;
}

/** Turn a thrown SDK/transport error into a failure. `fatal`: the tenant itself could not be read. */
export function classifyError(e: unknown, key: ResourceKey): ResourceFailure & { fatal?: 'auth' | 'network' } {
  const title = RESOURCES[key].title;
  const status = e && typeof e === 'object' && 'statusCode' in e ? (e as { statusCode?: unknown }).statusCode : undefined;
  const body = (e && typeof e === 'object' && 'body' in e ? (e as { body?: unknown }).body : undefined) as ErrorBody | string | undefined;
  const b: ErrorBody = body && typeof body === 'object' ? body : {};
  const msg = typeof b.message === 'string' ? b.message : typeof body === 'string' ? body.slice(0, 200) : '';
  if (status === 403 && b.errorCode === 'insufficient_scope') {
    const m = /expected (?:any|all) of:\s*(.+)$/i.exec(msg);
    const scopes = m?.[1] ? m[1].split(/[\s,]+/).filter(Boolean) : [...RESOURCES[key].scopes];
    return failure('missing-scope', `the token lacks ${scopes.join(' or ')} (403 insufficient_scope)`, scopes);
  }
  if (status === 403 || status === 402) {
    return failure('unavailable-on-plan', `${title} is not available on this tenant's plan (HTTP ${status}${msg ? `: ${msg}` : ''})`);
  }
  if (status === 401) return { ...failure('error', `the token was rejected (HTTP 401${msg ? `: ${msg}` : ''})`), fatal: 'auth' };
  if (typeof status === 'number') return failure('error', `HTTP ${status}${msg ? `: ${msg}` : ''}`);
  const code = errorCode(e);
  if (code === 'timeout' || (e instanceof Error && e.message === 'timeout')) return { ...failure('error', 'timed out'), fatal: 'network' };
  return { ...failure('error', `request failed: ${isPermanentNetworkError(e) ? describeNetworkError(e, 'the tenant') : code}`), fatal: 'network' };
}

export async function collect(opts: CollectOptions): Promise<CollectResult> {
  const startedAt = Date.now();
  const transport = createTransport({
    ...(opts.apiBaseUrl ? { apiBaseUrl: opts.apiBaseUrl } : {}),
    ...(opts.reservePercent !== undefined ? { reservePercent: opts.reservePercent } : {}),
    ...(opts.maxRps !== undefined ? { maxRps: opts.maxRps } : {}),
    ...(opts.retryBudgetMs !== undefined ? { retryBudgetMs: opts.retryBudgetMs } : {}),
    ...(opts.fetchImpl ? { fetchImpl: opts.fetchImpl } : {}),
    ...(opts.onEvent ? { onEvent: opts.onEvent } : {}),
  });
  const mgmt: ManagementClient = await createManagementClient(opts.credentials, transport, opts.apiBaseUrl);
  const limit = pLimit(opts.concurrency ?? 4);
  const raw = new Map<ResourceKey, Promise<ResourceResult<unknown> & { fatal?: string }>>();

  const ctx: FetchContext = {
    mgmt,
    domain: opts.credentials.domain,
    now: opts.now?.() ?? new Date(),
    logLookbackDays: opts.logLookbackDays ?? 7,
    userSampleSize: opts.userSampleSize ?? 50,
    request: (fn) => limit(fn),
    need: async (key) => {
      const r = await load(key);
      return r.ok ? r.data : undefined;
    },
  };

  function load(key: ResourceKey): Promise<ResourceResult<unknown> & { fatal?: string }> {
    let p = raw.get(key);
    if (!p) {
      p = (async () => {
        try {
          const data = await FETCHERS[key](ctx);
          // Tolerant: a null the API sends for an optional value, or inside a list, is read as absent.
          const parsed = tolerantParse(RESOURCES[key].schema, data, key);
          if (!parsed.ok) return failure('error', `unexpected response shape: ${parsed.error}`);
          return ok(redact(parsed.data));
        } catch (e) {
          if (e instanceof DependencyUnavailableError) {
            const dep = await load(e.dependency);
            if (!dep.ok) {
              // A dependency the tenant could not serve at all (auth, network) is as fatal for this one.
              return { ...(dep as ResourceFailure & { fatal?: string }), detail: `needs ${RESOURCES[e.dependency].title}, which could not be read: ${dep.detail}` };
            }
          }
          return classifyError(e, key);
        }
      })();
      raw.set(key, p);
    }
    return p;
  }

  const keys = [...new Set(opts.resources)];
  opts.onEvent?.({ type: 'start', resources: keys.length });
  const results = await Promise.all(
    keys.map(async (k) => {
      const r = await load(k);
      opts.onEvent?.({ type: 'resource', key: k, ok: r.ok });
      return [k, r] as const;
    }),
  );
  const failures = results.filter(([, r]) => !r.ok).map(([, r]) => r as ResourceFailure & { fatal?: string });
  // A token the API rejects (401: invalid, expired, for another audience or tenant) is never a
  // partial read: the audit stops, exit 3, even if some requests went through first.
  const rejected = failures.find((f) => f.fatal === 'auth');
  if (rejected) {
    throw new SourceError(
      `cannot read tenant ${opts.credentials.domain}: the Management API rejected the token (${rejected.detail.replace(/^the token was rejected \((.*)\)$/, '$1')}); give a token issued for ${audienceFor(opts.credentials.domain)} (or client credentials)${canonicalDomainHint(opts.credentials.domain)}`,
    );
  }
  if (results.length > 0 && failures.length === results.length && failures.every((f) => f.fatal)) {
    const first = failures[0];
    throw new SourceError(
      `cannot read tenant ${opts.credentials.domain}: ${first?.fatal === 'auth' ? 'authentication failed' : 'unreachable'} (${first?.detail})${canonicalDomainHint(opts.credentials.domain)}`,
    );
  }
  const resources: Record<string, ResourceResult<unknown>> = {};
  for (const [k, r] of results) {
    const { fatal: _fatal, ...clean } = r as ResourceResult<unknown> & { fatal?: string };
    resources[k] = clean;
  }
  const s = transport.stats;
  const usage: SourceUsage = {
    requests: s.requests,
    rateLimited: s.rateLimited,
    retries: s.retries,
    serverErrors: s.serverErrors ?? 0,
    networkErrors: s.networkErrors ?? 0,
    waitedMs: Math.round(s.waitedMs),
    durationMs: Date.now() - startedAt,
    rateLimit: transport.pacer.usage(),
  };
  return {
    snapshot: {
      tenant: { domain: opts.credentials.domain },
      source: { kind: 'management-api', ...(opts.apiBaseUrl ? { path: opts.apiBaseUrl.origin } : {}), usage },
      collectedAt: (opts.now?.() ?? new Date()).toISOString(),
      resources: resources as Snapshot['resources'],
    },
    stats: transport.stats,
    usage,
  };
}
