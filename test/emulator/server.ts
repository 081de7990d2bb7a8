/**
 * A local, read-only emulator of the Auth0 Management API v2 (and of the client-credentials token
 * endpoint) that serves one fixture tenant over plain HTTP on 127.0.0.1. Built on `node:http` only.
 *
 * What it reproduces, because the auditor has to cope with it against a real tenant:
 * - `POST /oauth/token` (form-urlencoded or JSON, or HTTP Basic client auth) with the audience check;
 * - bearer tokens with scopes, `403 insufficient_scope` bodies naming the expected scope;
 * - `options` of connections hidden without `read:connections_options`;
 * - 404 for "not configured" resources (email provider, theme, page template, email templates);
 * - plan-gated features (403, or 402 for the Universal Login page template);
 * - offset pagination (`page`/`per_page`/`include_totals`) and checkpoint pagination (`from`/`take`),
 *   with the response shapes of the official OpenAPI document;
 * - per-parent lists (role permissions, organization connections, members and discovery domains)
 *   with 404 for an unknown parent; organization members are synthesised from the fixture's counts;
 * - log search (`GET /logs?q=`, also `search=` as the OAS names it) and user search
 *   (`GET /users?q=&search_engine=v3`) over the fixture's raw `logs` and `users`, with a small
 *   Lucene subset (./lucene.ts); log dates move with the clock (`fixture.asOf`);
 * - a token-bucket rate limiter with `x-ratelimit-*` headers, `429` and `retry-after`: both readings
 *   of `x-ratelimit-reset`, an optional hidden per-minute bucket, a simulated tenant application,
 *   and `api_limit_warning` when a bucket falls under 20% (`emulator.rateLimit`);
 * - `405` for every non-GET request under `/api/v2`, so a test can prove the auditor never writes.
 *
 * Every request is recorded in `emulator.requests`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RESOURCES, type ResourceKey } from '../../src/snapshot/resources.js';
import type { TenantFixture } from './fixture.js';
import { LuceneSyntaxError, matches, parseLucene } from './lucene.js';

export type { TenantFixture } from './fixture.js';

export interface RateLimitOptions {
  /** Tokens added to the bucket per second. */
  perSecond: number;
  /** Bucket capacity; sent as `x-ratelimit-limit`. */
  burst: number;
  /**
   * What `x-ratelimit-reset` says on an accepted request: `full` (default) the time the bucket is
   * full again; `next-second` the next whole second (a reading seen in the wild). A 429 always says
   * when the next token is there.
   */
  reset?: 'full' | 'next-second';
  /**
   * A per-minute allowance beside the per-second bucket, never shown in the headers: a token bucket
   * of this capacity refilled at `perMinute / 60` per second. A request needs a token of both.
   */
  perMinute?: number;
  /**
   * The tenant's own application: this many requests per second, evenly spaced from the start,
   * through the same buckets. Each refused one is logged (`production_refused`).
   */
  productionRps?: number;
  /** `api_limit_warning` is logged when a bucket falls under this share of its capacity (default 0.2). */
  warnAt?: number;
}

/** What the rate limiter logged: warnings and the tenant application's refused requests. */
export interface RateLimitEvent {
  type: 'api_limit_warning' | 'production_refused';
  /** Epoch ms. */
  at: number;
  /** The bucket: `second` (the one in the headers) or `minute`. */
  bucket?: 'second' | 'minute';
  /** Whose request took the bucket under the threshold. */
  by?: 'audit' | 'production';
}

export interface RateLimitStats {
  /** `api_limit_warning` events logged. */
  warnings: number;
  /** Requests of the simulated tenant application served and refused. */
  productionServed: number;
  productionRefused: number;
  /** 429s answered because the hidden per-minute bucket was empty while the visible one was not. */
  hiddenRefusals: number;
  events: RateLimitEvent[];
}

/**
 * Faults to inject, for reliability tests and the benchmark. Decisions come from a seeded PRNG,
 * so a run with the same seed and the same request order sees the same faults.
 */
export interface FaultOptions {
  /** Share (0–1) of `/api/v2` requests answered `503` (after taking a rate-limit token, as a real server counts them). */
  errorRate?: number;
  /** Status of injected errors. Default 503. */
  errorStatus?: number;
  /** Delay before every `/api/v2` answer, ms; `[min, max]` for a uniform spread. */
  latencyMs?: number | [number, number];
  /** Share (0–1) of `/api/v2` requests that are never answered (the connection hangs until the client gives up or the emulator closes). */
  hangRate?: number;
  /** A 429 storm: after this many `/api/v2` requests, the next `count` answer 429 whatever the bucket says. */
  storm?: { after: number; count: number; retryAfterSeconds?: number };
  /** The first N token requests answer 503 (a token endpoint that fails once: 1). */
  tokenFailures?: number;
  /** PRNG seed. Default 1. */
  seed?: number;
}

/** Counters of what the emulator injected. */
export interface FaultStats {
  errors: number;
  hangs: number;
  storm429s: number;
  tokenFailures: number;
  /** 429s from the token bucket (not the storm). */
  rateLimited: number;
}

export interface EmulatorOptions {
  /** Faults to inject (none by default). */
  faults?: FaultOptions;
  /** The tenant to serve. */
  fixture: TenantFixture;
  /** Port to listen on, on 127.0.0.1. Default 0 (a random free port). */
  port?: number;
  /** Client id accepted by `POST /oauth/token`. Default `emulator-client`. */
  clientId?: string;
  /** Client secret accepted by `POST /oauth/token`. Default `emulator-secret`. */
  clientSecret?: string;
  /** Scopes of tokens issued by `POST /oauth/token`. Default: every scope named in `RESOURCES`. */
  scopes?: string[];
  /** Static bearer tokens accepted as-is (never expire), each with its scopes. */
  tokens?: Record<string, string[]>;
  /** Token bucket shared by every `/api/v2` request. Without it the limit is generous (10 000). */
  rateLimit?: RateLimitOptions;
  /** `expires_in` of issued tokens, in seconds. Default 86400. Expired tokens answer 401. */
  tokenExpiresIn?: number;
  /** Clock in epoch milliseconds, for the rate limiter and token expiry. Default `Date.now`. */
  now?: () => number;
  /**
   * Include the deprecated `enabled_clients` array in `GET /connections` items. Default false:
   * the OpenAPI document's `ConnectionForList` has no such field (Auth0 is removing it); the
   * enabled clients are served by `GET /connections/{id}/clients`.
   */
  enabledClientsInConnectionList?: boolean;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/api/v2/clients`. */
  path: string;
  /** Query parameters; a repeated parameter becomes an array. */
  query: Record<string, string | string[]>;
  /** The status the emulator answered. */
  status: number;
  /** Whether an `Authorization` header was present. */
  authorization: boolean;
  /** When the request arrived, epoch milliseconds (from the `now` clock). */
  at: number;
}

export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  port: number;
  /** The audience `POST /oauth/token` accepts: `https://${fixture.domain}/api/v2/`. */
  audience: string;
  /** Every request received, in arrival order (token requests included). */
  requests: RecordedRequest[];
  /** What was injected or refused so far. */
  faults: FaultStats;
  /** The rate limiter's log (warnings, the tenant application's refused requests), up to now. */
  readonly rateLimit: RateLimitStats;
  close(): Promise<void>;
}

/** mulberry32: a small deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Read and JSON-parse a fixture file, with a basic shape check. */
export function loadFixture(path: string): TenantFixture {
  const text = readFileSync(path, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`Fixture ${path} is not valid JSON: ${(err as Error).message}`);
  }
  if (!isRecord(parsed) || typeof parsed.domain !== 'string' || !isRecord(parsed.resources)) {
    throw new Error(`Fixture ${path} is not a tenant fixture (needs "domain" and "resources")`);
  }
  if (typeof parsed.description !== 'string') {
    throw new Error(`Fixture ${path} has no "description"`);
  }
  for (const name of ['logs', 'users', 'planGated'] as const) {
    if (parsed[name] !== undefined && !Array.isArray(parsed[name])) throw new Error(`Fixture ${path}: "${name}" must be an array`);
  }
  if (parsed.asOf !== undefined && (typeof parsed.asOf !== 'string' || Number.isNaN(Date.parse(parsed.asOf)))) {
    throw new Error(`Fixture ${path}: "asOf" must be an ISO 8601 date`);
  }
  return parsed as unknown as TenantFixture;
}

/** Every scope named in the resource registry: full read access for the auditor. */
export const ALL_READ_SCOPES: readonly string[] = [
  ...new Set(Object.values(RESOURCES).flatMap((r) => [...r.scopes])),
];

// ---------------------------------------------------------------------------------------------
// Constants taken from the OpenAPI document (docs-v2 management-api-oas.json)

const EMAIL_TEMPLATES = new Set([
  'verify_email',
  'verify_email_by_code',
  'auth_email_by_code',
  'reset_email',
  'reset_email_by_code',
  'welcome_email',
  'blocked_account',
  'stolen_credentials',
  'enrollment_email',
  'mfa_oob_code',
  'user_invitation',
  'change_password',
  'password_reset',
  'async_approval',
]);

const PROMPTS = new Set([
  'login', 'login-id', 'login-password', 'login-passwordless', 'login-email-verification', 'signup',
  'signup-id', 'signup-password', 'phone-identifier-enrollment', 'phone-identifier-challenge',
  'email-identifier-challenge', 'reset-password', 'custom-form', 'consent', 'customized-consent',
  'logout', 'mfa-push', 'mfa-otp', 'mfa-voice', 'mfa-phone', 'mfa-webauthn', 'mfa-sms', 'mfa-email',
  'mfa-recovery-code', 'mfa', 'status', 'device-flow', 'email-verification', 'email-otp-challenge',
  'organizations', 'invitation', 'common', 'passkeys', 'captcha', 'brute-force-protection',
  'async-approval-flow', 'confirmation',
]);

const LANGUAGES = new Set([
  'am', 'ar', 'ar-EG', 'ar-SA', 'az', 'bg', 'bn', 'bs', 'ca-ES', 'cnr', 'cs', 'cy', 'da', 'de', 'el',
  'en', 'en-CA', 'es', 'es-419', 'es-AR', 'es-MX', 'et', 'eu-ES', 'fa', 'fi', 'fr', 'fr-CA', 'fr-FR',
  'gl-ES', 'gu', 'he', 'hi', 'hr', 'hu', 'hy', 'id', 'is', 'it', 'ja', 'ka', 'kk', 'kn', 'ko', 'lt',
  'lv', 'mk', 'ml', 'mn', 'mr', 'ms', 'my', 'nb', 'nl', 'nn', 'no', 'pa', 'pl', 'pt', 'pt-BR', 'pt-PT',
  'ro', 'ru', 'sk', 'sl', 'so', 'sq', 'sr', 'sv', 'sw', 'ta', 'te', 'th', 'tl', 'tr', 'uk', 'ur', 'vi',
  'zgh', 'zh-CN', 'zh-HK', 'zh-MO', 'zh-TW',
]);

const TRIGGERS = new Set([
  'post-login', 'credentials-exchange', 'pre-user-registration', 'post-user-registration',
  'post-change-password', 'send-phone-message', 'custom-phone-provider', 'custom-email-provider',
  'password-reset-post-challenge', 'custom-token-exchange', 'event-stream', 'password-hash-migration',
  'login-post-identifier', 'signup-post-identifier',
]);

/** Client fields only readable with `read:client_keys` / `read:client_credentials`. */
const CLIENT_KEY_FIELDS = ['client_secret', 'signing_keys', 'encryption_key', 'client_authentication_methods'];

/** Messages for a plan-gated 403 where the OpenAPI document gives one. */
const PLAN_MESSAGES: Partial<Record<ResourceKey, string>> = {
  botDetection: 'Please upgrade your subscription to use bot detection',
  customDomains: 'The account is not allowed to perform this operation, please contact our support team',
  logStreams: 'The account is not allowed to perform this operation, please contact our support team',
  // The OAS gives this one for DELETE /network-acls/{id}; an Enterprise feature.
  networkAcls: 'Tenant ACL Management is not enabled for this tenant.',
};

const HOOK_TRIGGERS = new Set([
  'credentials-exchange', 'pre-user-registration', 'post-user-registration', 'post-change-password', 'send-phone-message',
]);

/** Searches may page only through the first 1000 results (logs and users, per the OAS). */
const SEARCH_WINDOW = 1000;

const GENEROUS_LIMIT: RateLimitOptions = { perSecond: 10_000, burst: 10_000 };

// ---------------------------------------------------------------------------------------------
// Small helpers

type Json = unknown;
type Obj = Record<string, unknown>;
type Query = Record<string, string | string[]>;

function isRecord(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Obj,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body.message === 'string' ? body.message : `HTTP ${status}`);
  }
}

function apiError(status: number, error: string, message: string, errorCode?: string): HttpError {
  const body: Obj = { statusCode: status, error, message };
  if (errorCode) body.errorCode = errorCode;
  return new HttpError(status, body);
}

const notFound = (message: string, errorCode?: string) => apiError(404, 'Not Found', message, errorCode);
const badQuery = (message: string) =>
  apiError(400, 'Bad Request', `Query validation error: ${message}`, 'invalid_query_string');

function queryRecord(params: URLSearchParams): Query {
  const out: Query = {};
  for (const [k, v] of params) {
    const prev = out[k];
    if (prev === undefined) out[k] = v;
    else out[k] = Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** Query accessor with the validation the real API applies (400 on bad values). */
class Q {
  constructor(private readonly params: URLSearchParams) {}

  has(name: string): boolean {
    return this.params.has(name);
  }

  str(name: string): string | undefined {
    const v = this.params.get(name);
    return v === null ? undefined : v;
  }

  all(name: string): string[] {
    return this.params.getAll(name);
  }

  bool(name: string): boolean | undefined {
    const v = this.params.get(name);
    if (v === null || v === '') return undefined;
    if (v === 'true') return true;
    if (v === 'false') return false;
    throw badQuery(`'Expected type boolean but found type string' on property ${name}`);
  }

  int(name: string, opts: { def: number; min?: number; max?: number }): number {
    const v = this.params.get(name);
    if (v === null || v === '') return opts.def;
    if (!/^-?\d+$/.test(v)) throw badQuery(`'Expected type integer but found type string' on property ${name}`);
    const n = Number(v);
    if (opts.min !== undefined && n < opts.min) {
      throw badQuery(`'Value ${n} is less than minimum ${opts.min}' on property ${name}`);
    }
    if (opts.max !== undefined && n > opts.max) {
      throw badQuery(`'Value ${n} is greater than maximum ${opts.max}' on property ${name}`);
    }
    return n;
  }
}

/** `fields` + `include_fields` projection on one object (top-level keys only, as the API does). */
function project(item: Json, q: Q): Json {
  const fields = q.str('fields');
  if (!fields || !isRecord(item)) return item;
  const names = new Set(fields.split(',').map((s) => s.trim()).filter(Boolean));
  const include = q.bool('include_fields') ?? true;
  return Object.fromEntries(Object.entries(item).filter(([k]) => names.has(k) === include));
}

function omit(item: Json, keys: readonly string[]): Json {
  if (!isRecord(item)) return item;
  return Object.fromEntries(Object.entries(item).filter(([k]) => !keys.includes(k)));
}

function asArray(v: unknown): Json[] {
  return Array.isArray(v) ? (v as Json[]) : [];
}

function field(item: Json, name: string): unknown {
  return isRecord(item) ? item[name] : undefined;
}

// Checkpoint cursors: opaque to clients, bound to the list they came from.
function encodeCursor(list: string, index: number): string {
  return Buffer.from(JSON.stringify({ l: list, i: index }), 'utf8').toString('base64url');
}

function decodeCursor(list: string, cursor: string): number {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (isRecord(v) && v.l === list && typeof v.i === 'number' && Number.isInteger(v.i) && v.i >= 0) return v.i;
  } catch {
    // fall through
  }
  throw badQuery(`'Invalid value for parameter from' on property from`);
}

function checkpointPage(list: string, items: Json[], q: Q, maxTake = 100): { page: Json[]; next?: string } {
  const take = q.int('take', { def: 50, min: 1, max: maxTake });
  const fromParam = q.str('from');
  const start = fromParam ? decodeCursor(list, fromParam) : 0;
  const page = items.slice(start, start + take);
  const end = start + page.length;
  return end < items.length ? { page, next: encodeCursor(list, end) } : { page };
}

interface OffsetPage {
  page: Json[];
  pageIndex: number;
  perPage: number;
  start: number;
  total: number;
}

function offsetPage(
  items: Json[],
  q: Q,
  defPerPage: number,
  maxPerPage: number | undefined,
  opts: { minPerPage?: number; maxPage?: number } = {},
): OffsetPage {
  const perPage = q.int('per_page', { def: defPerPage, min: opts.minPerPage ?? 0, ...(maxPerPage !== undefined && { max: maxPerPage }) });
  const pageIndex = q.int('page', { def: 0, min: 0, ...(opts.maxPage !== undefined && { max: opts.maxPage }) });
  const start = pageIndex * perPage;
  return { page: items.slice(start, start + perPage), pageIndex, perPage, start, total: items.length };
}

/**
 * A list endpoint that supports both styles (clients, connections, organizations): checkpoint when
 * `from` or `take` is present (`include_totals` is then ignored, as the API documents), otherwise
 * offset: a bare array, or `{start, limit, total, <key>}` with `include_totals=true`.
 */
function dualPaged(key: string, items: Json[], q: Q, defPerPage: number, listId = key): Json {
  if (q.has('from') || q.has('take')) {
    const { page, next } = checkpointPage(listId, items, q);
    return next === undefined ? { [key]: page } : { [key]: page, next };
  }
  const p = offsetPage(items, q, defPerPage, 100);
  if (q.bool('include_totals')) return { start: p.start, limit: p.perPage, total: p.total, [key]: p.page };
  return p.page;
}

interface OffsetOptions {
  /** `per_page` when not sent (default 50). */
  def?: number;
  /** The OAS minimum of `per_page` (0 or 1). */
  min?: number;
  /** The OAS maximum of `page`, where it has one. */
  maxPage?: number;
}

/** An offset-only list: a bare array, or `{start, limit, total, <key>}` with `include_totals=true`. */
function offsetPaged(key: string, items: Json[], q: Q, opts: OffsetOptions = {}): Json {
  const p = offsetPage(items, q, opts.def ?? 50, 100, {
    minPerPage: opts.min ?? 0,
    ...(opts.maxPage !== undefined && { maxPage: opts.maxPage }),
  });
  if (q.bool('include_totals')) return { start: p.start, limit: p.perPage, total: p.total, [key]: p.page };
  return p.page;
}

/** A checkpoint-only list: always `{<key>, next?}`. */
function checkpointPaged(key: string, listId: string, items: Json[], q: Q): Json {
  const { page, next } = checkpointPage(listId, items, q);
  return next === undefined ? { [key]: page } : { [key]: page, next };
}

/**
 * A search (logs, users): Lucene `q` filter, `sort`, offset paging inside the first 1000
 * results, `fields` projection; `{start, limit, length, total, <key>}` with `include_totals`.
 */
function searched(key: string, items: Json[], q: Q, query: string | undefined, defaultSort?: string): Json {
  let out = items;
  if (query) {
    let node;
    try {
      node = parseLucene(query);
    } catch (e) {
      if (e instanceof LuceneSyntaxError) throw badQuery(`'Invalid query: ${e.message}' on property q`);
      throw e;
    }
    out = out.filter((x) => matches(node, x));
  }
  const sort = q.str('sort') ?? defaultSort;
  if (sort) {
    const m = /^([A-Za-z_][\w.]*):(1|-1)$/.exec(sort);
    if (!m) throw badQuery(`'Invalid value for parameter sort' on property sort`);
    const [, name = '', dir] = m;
    const sign = dir === '1' ? 1 : -1;
    const at = (x: Json) => {
      const v = field(x, name);
      return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
    };
    out = [...out].sort((a, b) => (at(a) < at(b) ? -sign : at(a) > at(b) ? sign : 0));
  }
  const p = offsetPage(out, q, 50, 100);
  if (p.start + p.perPage > SEARCH_WINDOW) {
    throw badQuery(`'You can only page through the first ${SEARCH_WINDOW} records' on property page`);
  }
  const page = p.page.map((x) => project(x, q));
  if (q.bool('include_totals')) return { start: p.start, limit: p.perPage, length: page.length, total: p.total, [key]: page };
  return page;
}

// ---------------------------------------------------------------------------------------------
// Rate limiter

/** One bucket: capacity, refill per second, current tokens; logs a warning when it falls under `warnAt`. */
class Bucket {
  tokens: number;
  private warned = false;
  constructor(
    readonly name: 'second' | 'minute',
    readonly capacity: number,
    readonly perSecond: number,
  ) {
    this.tokens = capacity;
  }
  refill(elapsedS: number): void {
    this.tokens = Math.min(this.capacity, this.tokens + elapsedS * this.perSecond);
  }
  /** After a take: a warning when the bucket just fell under the threshold (re-armed above it). */
  crossed(warnAt: number): boolean {
    const under = this.tokens < warnAt * this.capacity;
    const fire = under && !this.warned;
    this.warned = under;
    return fire;
  }
}

/**
 * The rate limiter: the per-second bucket the headers show, an optional hidden per-minute one, and
 * an optional simulated tenant application taking its share. The application's requests are
 * replayed lazily, in time order, before each API request and whenever the stats are read, so
 * the result is the same as with timers, and deterministic on an injected clock.
 */
class TokenBucket {
  private readonly second: Bucket;
  private readonly minute: Bucket | undefined;
  private last: number;
  private nextProduction: number;
  readonly stats: RateLimitStats = { warnings: 0, productionServed: 0, productionRefused: 0, hiddenRefusals: 0, events: [] };

  constructor(
    private readonly opts: RateLimitOptions,
    private readonly now: () => number,
  ) {
    this.second = new Bucket('second', opts.burst, opts.perSecond);
    this.minute = opts.perMinute ? new Bucket('minute', opts.perMinute, opts.perMinute / 60) : undefined;
    this.last = now();
    this.nextProduction = this.last;
  }

  private refillTo(t: number): void {
    const elapsed = Math.max(0, t - this.last) / 1000;
    this.second.refill(elapsed);
    this.minute?.refill(elapsed);
    this.last = Math.max(this.last, t);
  }

  /** Take a token of every bucket, or none. */
  private takeAt(t: number, by: 'audit' | 'production'): { allowed: boolean; hidden: boolean } {
    this.refillTo(t);
    const visibleOk = this.second.tokens >= 1;
    const hiddenOk = !this.minute || this.minute.tokens >= 1;
    const allowed = visibleOk && hiddenOk;
    if (allowed) {
      this.second.tokens -= 1;
      if (this.minute) this.minute.tokens -= 1;
    }
    const warnAt = this.opts.warnAt ?? 0.2;
    for (const b of [this.second, this.minute]) {
      if (b?.crossed(warnAt)) {
        this.stats.warnings++;
        this.stats.events.push({ type: 'api_limit_warning', at: t, bucket: b.name, by });
      }
    }
    return { allowed, hidden: visibleOk && !hiddenOk };
  }

  /** Replay the tenant application's requests up to `t`. */
  catchUp(t = this.now()): void {
    const rps = this.opts.productionRps;
    if (!rps || rps <= 0) return;
    while (this.nextProduction <= t) {
      const at = this.nextProduction;
      if (this.takeAt(at, 'production').allowed) this.stats.productionServed++;
      else {
        this.stats.productionRefused++;
        this.stats.events.push({ type: 'production_refused', at });
      }
      this.nextProduction += 1000 / rps;
    }
  }

  /** Take one token. Returns the headers to send and whether the request may proceed. */
  take(): { allowed: boolean; headers: Record<string, string> } {
    const t = this.now();
    this.catchUp(t);
    const { allowed, hidden } = this.takeAt(t, 'audit');
    const b = this.second;
    const headers: Record<string, string> = {
      'x-ratelimit-limit': String(this.opts.burst),
      'x-ratelimit-remaining': String(Math.floor(b.tokens)),
    };
    if (allowed) {
      // When the bucket is full again, or (the other reading) the next whole second.
      const msToFull = ((b.capacity - b.tokens) / b.perSecond) * 1000;
      headers['x-ratelimit-reset'] = String(this.opts.reset === 'next-second' ? Math.floor(t / 1000) + 1 : Math.ceil((t + msToFull) / 1000));
    } else {
      // When the next token is available (of the bucket that refused).
      const refusing = hidden && this.minute ? this.minute : b;
      if (hidden) this.stats.hiddenRefusals++;
      const msToNext = ((1 - refusing.tokens) / refusing.perSecond) * 1000;
      headers['x-ratelimit-reset'] = String(Math.ceil((t + msToNext) / 1000));
      headers['retry-after'] = String(Math.max(1, Math.ceil(msToNext / 1000)));
    }
    return { allowed, headers };
  }
}

// ---------------------------------------------------------------------------------------------
// Routes

interface Ctx {
  q: Q;
  scopes: ReadonlySet<string>;
  params: string[];
}

interface Route {
  /** The operation's path template in the OpenAPI document, e.g. `/roles/{id}/permissions`. */
  path: string;
  resource: ResourceKey;
  /** Any one of these scopes grants access. */
  scopes: readonly string[];
  handle(ctx: Ctx): Json;
}

/** `/roles/{id}/permissions` → a RegExp capturing each `{param}` (one path segment). */
export function templatePattern(template: string): RegExp {
  const src = template
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? '([^/]+)' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${src}$`);
}

/** Every route the emulator serves: its OpenAPI path template and the resource it belongs to. */
export function emulatorRoutes(): { path: string; resource: ResourceKey }[] {
  return buildRoutes({ description: '', domain: 'routes.example', resources: {} }, { enabledClientsInConnectionList: false, now: Date.now }).map(
    ({ path, resource }) => ({ path, resource }),
  );
}

function buildRoutes(fixture: TenantFixture, opts: { enabledClientsInConnectionList: boolean; now: () => number }): Route[] {
  const r = fixture.resources as Partial<Record<ResourceKey, unknown>>;
  const scopesOf = (key: ResourceKey) => [RESOURCES[key].scopes[0] as string];
  /** A per-parent map of the fixture (role id → permissions, organization id → …). */
  const byParent = (key: ResourceKey, id: string): Json[] => {
    const all = r[key];
    return isRecord(all) ? asArray(all[id]) : [];
  };

  /** A singleton object: `null` means the API answers 404; absent means its empty default. */
  const single = (
    path: string,
    key: ResourceKey,
    ifNull: () => HttpError,
    ifAbsent: Json | (() => HttpError) = {},
    withFields = false,
  ): Route => ({
    path,
    resource: key,
    scopes: scopesOf(key),
    handle: ({ q }) => {
      const v = r[key];
      if (v === null) throw ifNull();
      if (v === undefined) {
        if (typeof ifAbsent === 'function') throw (ifAbsent as () => HttpError)();
        return ifAbsent;
      }
      return withFields ? project(v, q) : v;
    },
  });

  const list = (path: string, key: ResourceKey): Route => ({
    path,
    resource: key,
    scopes: scopesOf(key),
    handle: () => asArray(r[key]),
  });

  const generic404 = () => notFound('Not Found');
  const memberCache = new Map<string, Json[]>();

  const connectionItems = (scopes: ReadonlySet<string>): Json[] => {
    const hideOptions = !scopes.has('read:connections_options');
    const drop = [...(hideOptions ? ['options'] : []), ...(opts.enabledClientsInConnectionList ? [] : ['enabled_clients'])];
    return asArray(r.connections).map((c) => omit(c, drop));
  };

  const routes: Route[] = [
    single('/tenants/settings', 'tenantSettings', generic404, {}, true),
    {
      path: '/custom-domains',
      resource: 'customDomains',
      scopes: scopesOf('customDomains'),
      handle: ({ q }) => {
        const items = asArray(r.customDomains).map((d) => project(d, q));
        if (q.has('from') || q.has('take')) {
          const { page, next } = checkpointPage('custom_domains', items, q);
          return next === undefined ? { custom_domains: page } : { custom_domains: page, next };
        }
        return items;
      },
    },
    single('/prompts', 'prompts', generic404),
    {
      path: '/prompts/{prompt}/custom-text/{language}',
      resource: 'promptsCustomText',
      scopes: scopesOf('promptsCustomText'),
      handle: ({ params }) => {
        const [prompt = '', language = ''] = params;
        if (!PROMPTS.has(prompt)) throw notFound('The prompt does not exist.', 'inexistent_prompt');
        if (!LANGUAGES.has(language)) {
          throw apiError(400, 'Bad Request', `Path validation error: 'Invalid value "${language}"' on property language`, 'invalid_uri');
        }
        const all = r.promptsCustomText;
        const byLang = isRecord(all) ? all[prompt] : undefined;
        const text = isRecord(byLang) ? byLang[language] : undefined;
        return isRecord(text) ? text : {};
      },
    },
    single('/branding', 'branding', generic404),
    single(
      '/branding/themes/default',
      'brandingTheme',
      () => notFound('There was an error retrieving branding settings: invalid theme ID', 'inexistent_theme'),
      () => notFound('There was an error retrieving branding settings: invalid theme ID', 'inexistent_theme'),
    ),
    single(
      '/branding/templates/universal-login',
      'brandingTemplate',
      () => notFound('Template does not exist.', 'inexistent_template'),
      () => notFound('Template does not exist.', 'inexistent_template'),
    ),
    {
      // The OAS `fields`: "Leave empty to retrieve `name` and `enabled`. Additional fields
      // available include `credentials`, `default_from_address`, and `settings`."
      path: '/emails/provider',
      resource: 'emailProvider',
      scopes: scopesOf('emailProvider'),
      handle: ({ q }) => {
        const v = r.emailProvider;
        if (v === null || v === undefined) throw notFound('Email provider has not been configured.', 'inexistent_email_provider');
        if (!q.str('fields')) return Object.fromEntries(Object.entries(v).filter(([k]) => k === 'name' || k === 'enabled'));
        return project(v, q);
      },
    },
    {
      path: '/email-templates/{templateName}',
      resource: 'emailTemplates',
      scopes: scopesOf('emailTemplates'),
      handle: ({ params }) => {
        const name = params[0] ?? '';
        if (!EMAIL_TEMPLATES.has(name)) {
          throw apiError(400, 'Bad Request', `Path validation error: 'Invalid value "${name}"' on property templateName`, 'invalid_uri');
        }
        const all = r.emailTemplates;
        const t = isRecord(all) ? all[name] : undefined;
        if (!isRecord(t)) throw notFound('The template does not exist.', 'inexistent_email_template');
        return t;
      },
    },
    single('/attack-protection/brute-force-protection', 'bruteForceProtection', generic404),
    single('/attack-protection/suspicious-ip-throttling', 'suspiciousIpThrottling', generic404),
    single('/attack-protection/breached-password-detection', 'breachedPasswordDetection', generic404),
    single('/attack-protection/bot-detection', 'botDetection', () =>
      notFound('Bot detection configuration not found.', 'inexistent_bot_detection'),
    ),
    list('/guardian/factors', 'guardianFactors'),
    list('/guardian/policies', 'guardianPolicies'),
    single('/guardian/factors/phone/selected-provider', 'guardianPhoneProvider', generic404, { provider: 'auth0' }),
    {
      // Unified Phone Experience. The masked schema: no credentials.
      path: '/branding/phone/providers',
      resource: 'phoneProviders',
      scopes: scopesOf('phoneProviders'),
      handle: ({ q }) => {
        let items = asArray(r.phoneProviders).map((p) => omit(p, ['credentials']));
        const disabled = q.bool('disabled');
        if (disabled !== undefined) items = items.filter((p) => (field(p, 'disabled') === true) === disabled);
        return { providers: items };
      },
    },
    list('/log-streams', 'logStreams'),
    {
      path: '/clients',
      resource: 'clients',
      scopes: scopesOf('clients'),
      handle: ({ q, scopes }) => {
        let items = asArray(r.clients);
        const isGlobal = q.bool('is_global');
        if (isGlobal !== undefined) items = items.filter((c) => (field(c, 'global') === true) === isGlobal);
        const firstParty = q.bool('is_first_party');
        if (firstParty !== undefined) items = items.filter((c) => (field(c, 'is_first_party') === true) === firstParty);
        const appType = q.str('app_type');
        if (appType) {
          const types = new Set(appType.split(',').map((s) => s.trim()));
          items = items.filter((c) => types.has(String(field(c, 'app_type'))));
        }
        const keys = scopes.has('read:client_keys') || scopes.has('read:client_credentials');
        items = items.map((c) => project(keys ? c : omit(c, CLIENT_KEY_FIELDS), q));
        return dualPaged('clients', items, q, 50);
      },
    },
    {
      path: '/connections',
      resource: 'connections',
      scopes: ['read:connections'],
      handle: ({ q, scopes }) => {
        let items = connectionItems(scopes);
        const strategies = q.all('strategy').flatMap((s) => s.split(',')).filter(Boolean);
        if (strategies.length) items = items.filter((c) => strategies.includes(String(field(c, 'strategy'))));
        const name = q.str('name');
        if (name) items = items.filter((c) => field(c, 'name') === name);
        items = items.map((c) => project(c, q));
        // The OAS: offset `per_page` defaults to 100 for connections, checkpoint `take` to 50.
        return dualPaged('connections', items, q, 100);
      },
    },
    {
      path: '/connections/{id}/clients',
      resource: 'connectionClients',
      scopes: scopesOf('connectionClients'),
      handle: ({ q, params }) => {
        const id = params[0] ?? '';
        const conn = asArray(r.connections).find((c) => field(c, 'id') === id);
        if (!conn) throw notFound('The connection does not exist', 'inexistent_connection');
        const map = r.connectionClients;
        const listed = isRecord(map) && Array.isArray(map[id]) ? map[id] : field(conn, 'enabled_clients');
        const ids = asArray(listed).filter((x): x is string => typeof x === 'string');
        const { page, next } = checkpointPage(`connection-clients:${id}`, ids.map((client_id) => ({ client_id })), q, 1000);
        return next === undefined ? { clients: page } : { clients: page, next };
      },
    },
    {
      path: '/actions/actions',
      resource: 'actions',
      scopes: scopesOf('actions'),
      handle: ({ q }) => {
        let items = asArray(r.actions);
        const trigger = q.str('triggerId');
        if (trigger) {
          items = items.filter((a) => asArray(field(a, 'supported_triggers')).some((t) => field(t, 'id') === trigger));
        }
        const actionName = q.str('actionName');
        if (actionName) items = items.filter((a) => field(a, 'name') === actionName);
        const deployed = q.bool('deployed');
        if (deployed !== undefined) items = items.filter((a) => (field(a, 'deployed_version') != null) === deployed);
        const installed = q.bool('installed');
        if (installed !== undefined) items = items.filter((a) => (field(a, 'installed_integration_id') != null) === installed);
        const p = offsetPage(items, q, 20, undefined);
        return { actions: p.page, total: p.total, page: p.pageIndex, per_page: p.perPage };
      },
    },
    {
      path: '/actions/triggers/{triggerId}/bindings',
      resource: 'postLoginBindings',
      scopes: scopesOf('postLoginBindings'),
      handle: ({ q, params }) => {
        const trigger = params[0] ?? '';
        if (!TRIGGERS.has(trigger)) {
          throw apiError(400, 'Bad Request', `Path validation error: 'Invalid value "${trigger}"' on property triggerId`, 'invalid_uri');
        }
        const items = trigger === 'post-login' ? asArray(r.postLoginBindings) : [];
        const p = offsetPage(items, q, 20, undefined);
        return { bindings: p.page, total: p.total, page: p.pageIndex, per_page: p.perPage };
      },
    },
    {
      path: '/organizations',
      resource: 'organizations',
      scopes: scopesOf('organizations'),
      handle: ({ q }) => dualPaged('organizations', asArray(r.organizations), q, 50),
    },
    {
      path: '/resource-servers',
      resource: 'resourceServers',
      scopes: scopesOf('resourceServers'),
      handle: ({ q }) => {
        let items = asArray(r.resourceServers);
        const ids = q.all('identifiers').flatMap((s) => s.split(',')).filter(Boolean);
        if (ids.length) items = items.filter((x) => ids.includes(String(field(x, 'identifier'))));
        return offsetPaged('resource_servers', items, q, { min: 1 });
      },
    },
    {
      path: '/client-grants',
      resource: 'clientGrants',
      scopes: scopesOf('clientGrants'),
      handle: ({ q }) => {
        let items = asArray(r.clientGrants);
        const audience = q.str('audience');
        if (audience) items = items.filter((g) => field(g, 'audience') === audience);
        const clientId = q.str('client_id');
        if (clientId) items = items.filter((g) => field(g, 'client_id') === clientId);
        const subject = q.str('subject_type');
        if (subject) {
          if (subject !== 'client' && subject !== 'user') throw badQuery(`'Invalid value "${subject}"' on property subject_type`);
          items = items.filter((g) => (field(g, 'subject_type') ?? 'client') === subject);
        }
        const anyOrg = q.bool('allow_any_organization');
        if (anyOrg !== undefined) items = items.filter((g) => (field(g, 'allow_any_organization') === true) === anyOrg);
        return dualPaged('client_grants', items, q, 50);
      },
    },
    {
      path: '/roles',
      resource: 'roles',
      scopes: scopesOf('roles'),
      handle: ({ q }) => {
        let items = asArray(r.roles);
        const name = q.str('name_filter')?.toLowerCase();
        if (name) items = items.filter((x) => String(field(x, 'name')).toLowerCase().includes(name));
        return offsetPaged('roles', items, q, { min: 1 });
      },
    },
    {
      path: '/roles/{id}/permissions',
      resource: 'rolePermissions',
      scopes: scopesOf('rolePermissions'),
      handle: ({ q, params }) => {
        const id = params[0] ?? '';
        if (!asArray(r.roles).some((x) => field(x, 'id') === id)) throw notFound('The role does not exist.', 'inexistent_role');
        return offsetPaged('permissions', byParent('rolePermissions', id), q, { min: 1 });
      },
    },
    {
      path: '/rules',
      resource: 'rules',
      scopes: scopesOf('rules'),
      handle: ({ q }) => {
        let items = asArray(r.rules);
        const enabled = q.bool('enabled');
        if (enabled !== undefined) items = items.filter((x) => (field(x, 'enabled') === true) === enabled);
        return offsetPaged('rules', items.map((x) => project(x, q)), q);
      },
    },
    {
      path: '/hooks',
      resource: 'hooks',
      scopes: scopesOf('hooks'),
      handle: ({ q }) => {
        let items = asArray(r.hooks);
        const enabled = q.bool('enabled');
        if (enabled !== undefined) items = items.filter((x) => (field(x, 'enabled') === true) === enabled);
        const trigger = q.str('triggerId');
        if (trigger) {
          if (!HOOK_TRIGGERS.has(trigger)) throw badQuery(`'Invalid value "${trigger}"' on property triggerId`);
          items = items.filter((x) => field(x, 'triggerId') === trigger);
        }
        return offsetPaged('hooks', items.map((x) => project(x, q)), q);
      },
    },
    {
      path: '/organizations/{id}/enabled_connections',
      resource: 'organizationConnections',
      scopes: scopesOf('organizationConnections'),
      handle: ({ q, params }) => {
        const org = organization(params[0] ?? '', 50);
        return offsetPaged('enabled_connections', byParent('organizationConnections', String(field(org, 'id'))), q, { min: 1 });
      },
    },
    {
      path: '/organizations/{id}/members',
      resource: 'organizationMembers',
      scopes: scopesOf('organizationMembers'),
      handle: ({ q, params }) => {
        const org = organization(params[0] ?? '', 50);
        const id = String(field(org, 'id'));
        const items = membersOf(org).map((m) => project(m, q));
        if (!q.has('from') && !q.has('take')) q.int('page', { def: 0, min: 0, max: 1000 });
        return dualPaged('members', items, q, 50, `members:${id}`);
      },
    },
    {
      path: '/organizations/{id}/discovery-domains',
      resource: 'organizationDiscoveryDomains',
      scopes: scopesOf('organizationDiscoveryDomains'),
      handle: ({ q, params }) => {
        const org = organization(params[0] ?? '');
        const id = String(field(org, 'id'));
        return checkpointPaged('domains', `discovery-domains:${id}`, byParent('organizationDiscoveryDomains', id), q);
      },
    },
    {
      // Per connection (catalog ENT-06); the collector reads the tenant-wide list below.
      path: '/connections/{id}/scim-configuration',
      resource: 'scimConfigurations',
      scopes: scopesOf('scimConfigurations'),
      handle: ({ params }) => {
        const id = params[0] ?? '';
        if (!asArray(r.connections).some((c) => field(c, 'id') === id)) throw notFound('The connection does not exist', 'inexistent_connection');
        const config = asArray(r.scimConfigurations).find((c) => field(c, 'connection_id') === id);
        if (!config) throw notFound('Not Found');
        return config;
      },
    },
    {
      path: '/connections-scim-configurations',
      resource: 'scimConfigurations',
      scopes: scopesOf('scimConfigurations'),
      handle: ({ q }) => checkpointPaged('scim_configurations', 'scim_configurations', asArray(r.scimConfigurations), q),
    },
    {
      path: '/self-service-profiles',
      resource: 'selfServiceProfiles',
      scopes: scopesOf('selfServiceProfiles'),
      handle: ({ q }) => offsetPaged('self_service_profiles', asArray(r.selfServiceProfiles), q, { min: 1 }),
    },
    {
      path: '/forms',
      resource: 'forms',
      scopes: scopesOf('forms'),
      handle: ({ q }) => {
        for (const h of q.all('hydrate').flatMap((s) => s.split(','))) {
          if (h !== 'flow_count' && h !== 'links') throw badQuery(`'Invalid value "${h}"' on property hydrate`);
        }
        return offsetPaged('forms', asArray(r.forms), q, { min: 1, maxPage: 1000 });
      },
    },
    list('/keys/signing', 'signingKeys'),
    {
      path: '/network-acls',
      resource: 'networkAcls',
      scopes: scopesOf('networkAcls'),
      handle: ({ q }) => offsetPaged('network_acls', asArray(r.networkAcls), q),
    },
    {
      path: '/event-streams',
      resource: 'eventStreams',
      scopes: scopesOf('eventStreams'),
      // The OAS names the list `eventStreams` (camelCase), unlike every other list.
      handle: ({ q }) => checkpointPaged('eventStreams', 'event_streams', asArray(r.eventStreams), q),
    },
    {
      path: '/logs',
      resource: 'logEvents',
      scopes: scopesOf('logEvents'),
      handle: ({ q }) => {
        const logs = logItems();
        if (q.has('from')) {
          // Checkpoint: the entries after that log id, oldest first; `q` and the rest are ignored.
          const from = q.str('from') ?? '';
          const take = q.int('take', { def: 50, min: 1, max: 100 });
          const ordered = [...logs].sort((a, b) => Date.parse(String(field(a, 'date'))) - Date.parse(String(field(b, 'date'))));
          const i = ordered.findIndex((l) => field(l, 'log_id') === from);
          return i < 0 ? [] : ordered.slice(i + 1, i + 1 + take);
        }
        // The OAS names the parameter `search`; its description, the docs and the collector use `q`.
        return searched('logs', logs, q, q.str('q') ?? q.str('search'), 'date:-1');
      },
    },
    {
      path: '/users',
      resource: 'usersSample',
      scopes: scopesOf('usersSample'),
      handle: ({ q }) => {
        const engine = q.str('search_engine');
        if (engine !== undefined && !['v1', 'v2', 'v3'].includes(engine)) {
          throw badQuery(`'Invalid value "${engine}"' on property search_engine`);
        }
        return searched('users', asArray(fixture.users), q, q.str('q'));
      },
    },
  ];
  return routes;

  /** The organization with this id; 404 if there is none, 400 for an id longer than the OAS allows. */
  function organization(id: string, maxLength?: number): Json {
    if (maxLength !== undefined && id.length > maxLength) {
      throw apiError(400, 'Bad Request', `Path validation error: 'String is too long (${id.length} chars), maximum ${maxLength}' on property id`, 'invalid_uri');
    }
    const org = asArray(r.organizations).find((o) => field(o, 'id') === id);
    if (!org) throw notFound('No organization found by that id or name', 'inexistent_organization');
    return org;
  }

  /** Deterministic members for an organization: as many as `memberTotals`, or as `{count, more}` says. */
  function membersOf(org: Json): Json[] {
    const id = String(field(org, 'id'));
    let members = memberCache.get(id);
    if (!members) {
      const all = r.organizationMembers;
      const seen = isRecord(all) ? all[id] : undefined;
      const count = typeof field(seen, 'count') === 'number' ? (field(seen, 'count') as number) : 0;
      const total = fixture.memberTotals?.[id] ?? (field(seen, 'more') === true ? 100 : count);
      const slug = String(field(org, 'name'));
      members = Array.from({ length: total }, (_, i) => {
        const h = createHash('sha256').update(`${id}:${i}`).digest('hex');
        return {
          user_id: `auth0|${h.slice(0, 24)}`,
          email: `member${i + 1}@${slug}.example`,
          picture: `https://s.gravatar.com/avatar/${h.slice(24, 56)}?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2Fm${(i % 9) + 1}.png`,
          name: `Member ${i + 1} (${String(field(org, 'display_name') ?? slug)})`,
        };
      });
      memberCache.set(id, members);
    }
    return members;
  }

  /** The fixture's logs, with dates moved forward by (clock − `asOf`). */
  function logItems(): Json[] {
    const logs = asArray(fixture.logs);
    const asOf = fixture.asOf ? Date.parse(fixture.asOf) : NaN;
    if (Number.isNaN(asOf)) return logs;
    const shift = opts.now() - asOf;
    return logs.map((l) => {
      const d = Date.parse(String(field(l, 'date')));
      return Number.isNaN(d) || !isRecord(l) ? l : { ...l, date: new Date(d + shift).toISOString() };
    });
  }
}

function planGatedError(key: ResourceKey): HttpError {
  if (key === 'brandingTemplate') {
    return apiError(402, 'Payment Required', 'A paid subscription is required for this feature.');
  }
  return apiError(
    403,
    'Forbidden',
    PLAN_MESSAGES[key] ?? 'This feature is not available on your current plan',
    'operation_not_supported',
  );
}

// ---------------------------------------------------------------------------------------------
// Server

const MAX_BODY = 64 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, { error: 'invalid_request', error_description: 'Request body too large' }));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: Json, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

interface IssuedToken {
  scopes: ReadonlySet<string>;
  /** Epoch ms; `undefined` for static tokens. */
  expiresAt?: number;
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const { fixture } = options;
  const now = options.now ?? Date.now;
  const clientId = options.clientId ?? 'emulator-client';
  const clientSecret = options.clientSecret ?? 'emulator-secret';
  const grantedScopes = options.scopes ?? [...ALL_READ_SCOPES];
  const expiresIn = options.tokenExpiresIn ?? 86400;
  const audience = `https://${fixture.domain}/api/v2/`;
  const planGated = new Set<ResourceKey>(fixture.planGated ?? []);
  const bucket = new TokenBucket(options.rateLimit ?? GENEROUS_LIMIT, now);
  const routes = buildRoutes(fixture, { enabledClientsInConnectionList: options.enabledClientsInConnectionList ?? false, now });
  const compiled = routes.map((route) => ({ route, pattern: templatePattern(route.path) }));
  const requests: RecordedRequest[] = [];
  const faults = options.faults ?? {};
  const random = prng(faults.seed ?? 1);
  const faultStats: FaultStats = { errors: 0, hangs: 0, storm429s: 0, tokenFailures: 0, rateLimited: 0 };
  let apiCount = 0;
  let tokenCount = 0;
  const delay = (): number => {
    const l = faults.latencyMs;
    if (l === undefined) return 0;
    if (typeof l === 'number') return l;
    return l[0] + random() * (l[1] - l[0]);
  };

  const tokens = new Map<string, IssuedToken>();
  for (const [token, scopes] of Object.entries(options.tokens ?? {})) tokens.set(token, { scopes: new Set(scopes) });

  async function handleToken(req: IncomingMessage): Promise<{ status: number; body: Json }> {
    if (req.method !== 'POST') {
      throw new HttpError(405, { error: 'invalid_request', error_description: 'Method not allowed' }, { allow: 'POST' });
    }
    const raw = await readBody(req);
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    let body: Record<string, string> = {};
    if (type === 'application/json') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw || '{}');
      } catch {
        throw new HttpError(400, { error: 'invalid_request', error_description: 'Invalid JSON body' });
      }
      if (!isRecord(parsed)) throw new HttpError(400, { error: 'invalid_request', error_description: 'Invalid body' });
      body = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : String(v)]));
    } else if (type === 'application/x-www-form-urlencoded') {
      body = Object.fromEntries(new URLSearchParams(raw));
    } else {
      throw new HttpError(400, { error: 'invalid_request', error_description: `Unsupported content type: ${type || 'none'}` });
    }
    // client_secret_basic is accepted too.
    const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (basic?.[1]) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      if (i > 0) {
        body.client_id ??= decodeURIComponent(decoded.slice(0, i));
        body.client_secret ??= decodeURIComponent(decoded.slice(i + 1));
      }
    }
    if (body.grant_type !== 'client_credentials') {
      throw new HttpError(403, {
        error: 'unsupported_grant_type',
        error_description: `Unsupported grant type: ${body.grant_type ?? ''}`,
      });
    }
    if (body.client_id !== clientId || body.client_secret !== clientSecret) {
      throw new HttpError(401, { error: 'access_denied', error_description: 'Unauthorized' });
    }
    if (body.audience !== audience) {
      throw new HttpError(403, {
        error: 'access_denied',
        error_description: `Service not enabled within domain: ${body.audience ?? ''}`,
      });
    }
    const token = randomBytes(24).toString('base64url');
    tokens.set(token, { scopes: new Set(grantedScopes), expiresAt: now() + expiresIn * 1000 });
    return {
      status: 200,
      body: { access_token: token, token_type: 'Bearer', expires_in: expiresIn, scope: grantedScopes.join(' ') },
    };
  }

  function authenticate(req: IncomingMessage): ReadonlySet<string> {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    const issued = m?.[1] ? tokens.get(m[1]) : undefined;
    if (!issued) throw apiError(401, 'Unauthorized', 'Invalid token');
    if (issued.expiresAt !== undefined && now() >= issued.expiresAt) {
      throw apiError(401, 'Unauthorized', 'Expired token received for JSON Web Token validation');
    }
    return issued.scopes;
  }

  function handleApi(req: IncomingMessage, apiPath: string, q: Q): { status: number; body: Json } {
    if (req.method !== 'GET') {
      throw new HttpError(
        405,
        {
          statusCode: 405,
          error: 'Method Not Allowed',
          message: `The emulator is read-only: ${req.method ?? '?'} ${apiPath} is not allowed`,
        },
        { allow: 'GET' },
      );
    }
    const scopes = authenticate(req);
    for (const { route, pattern } of compiled) {
      const m = pattern.exec(apiPath);
      if (!m) continue;
      if (!route.scopes.some((s) => scopes.has(s))) {
        throw apiError(403, 'Forbidden', `Insufficient scope, expected any of: ${route.scopes.join(', ')}`, 'insufficient_scope');
      }
      if (planGated.has(route.resource)) throw planGatedError(route.resource);
      let params: string[];
      try {
        params = m.slice(1).map((p) => decodeURIComponent(p ?? ''));
      } catch {
        throw notFound('Not Found');
      }
      return { status: 200, body: route.handle({ q, scopes, params }) };
    }
    throw notFound('Not Found');
  }

  const server: Server = createServer((req, res) => {
    const at = now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const record: RecordedRequest = {
      method: req.method ?? '',
      path: url.pathname,
      query: queryRecord(url.searchParams),
      status: 0,
      authorization: req.headers.authorization !== undefined,
      at,
    };
    requests.push(record);
    const reply = (status: number, body: Json, headers: Record<string, string> = {}) => {
      record.status = status;
      if (res.destroyed || res.writableEnded) return; // the client gave up (a slow or hung answer)
      send(res, status, body, headers);
    };

    void (async () => {
      if (url.pathname === '/oauth/token') {
        if (req.method === 'POST' && tokenCount++ < (faults.tokenFailures ?? 0)) {
          faultStats.tokenFailures++;
          reply(503, { error: 'temporarily_unavailable', error_description: 'Injected fault: token endpoint unavailable' });
          return;
        }
        try {
          const { status, body } = await handleToken(req);
          reply(status, body);
        } catch (err) {
          if (err instanceof HttpError) reply(err.status, err.body, err.headers);
          else reply(500, { error: 'server_error', error_description: String(err) });
        }
        return;
      }
      if (url.pathname === '/api/v2' || url.pathname.startsWith('/api/v2/')) {
        const apiPath = url.pathname.slice('/api/v2'.length) || '/';
        let rateHeaders: Record<string, string> = {};
        const n = apiCount++;
        // Decide every fault up front (fixed PRNG draws per request: reproducible).
        const hang = random() < (faults.hangRate ?? 0);
        const fail = random() < (faults.errorRate ?? 0);
        const wait = delay();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (hang) {
          faultStats.hangs++;
          return; // never answered; closed by the client or by close()
        }
        try {
          const { allowed, headers } = bucket.take();
          rateHeaders = headers;
          const storm = faults.storm;
          if (storm && n >= storm.after && n < storm.after + storm.count) {
            faultStats.storm429s++;
            reply(
              429,
              { statusCode: 429, error: 'Too Many Requests', message: 'Global limit has been reached', errorCode: 'too_many_requests' },
              { ...rateHeaders, 'x-ratelimit-remaining': '0', 'retry-after': String(storm.retryAfterSeconds ?? 1) },
            );
            return;
          }
          if (allowed && fail) {
            faultStats.errors++;
            const status = faults.errorStatus ?? 503;
            reply(status, { statusCode: status, error: 'Service Unavailable', message: 'Injected fault' }, rateHeaders);
            return;
          }
          if (!allowed) {
            faultStats.rateLimited++;
            reply(
              429,
              {
                statusCode: 429,
                error: 'Too Many Requests',
                message: 'Global limit has been reached',
                errorCode: 'too_many_requests',
              },
              rateHeaders,
            );
            return;
          }
          const { status, body } = handleApi(req, apiPath, new Q(url.searchParams));
          reply(status, body, rateHeaders);
        } catch (err) {
          if (err instanceof HttpError) reply(err.status, err.body, { ...rateHeaders, ...err.headers });
          else reply(500, { statusCode: 500, error: 'Internal Server Error', message: String(err) }, rateHeaders);
        }
        return;
      }
      reply(404, { statusCode: 404, error: 'Not Found', message: 'Not Found' });
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    audience,
    requests,
    faults: faultStats,
    get rateLimit() {
      bucket.catchUp();
      return bucket.stats;
    },
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
