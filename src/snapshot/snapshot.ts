/**
 * The Snapshot: what every source (live Management API, saved snapshot, Deploy CLI export)
 * produces and the only thing rules read. Every resource is a discriminated result: a failure is
 * never an empty list or an empty object, so an outage cannot look like "not configured".
 */
import { z } from 'zod';
import type { ApiUsage } from '../sources/management-api/pacer.js';
import { RESOURCES, RESOURCE_KEYS, type ResourceData, type ResourceKey } from './resources.js';

/**
 * Why a resource was not read. `not-in-export`: an offline source could hold it but this copy does
 * not (a section excluded from a Deploy CLI export, an older export): the audit fails closed.
 * `out-of-reach`: the source can never hold it, whatever was exported (a Deploy CLI export has no
 * signing keys, logs or users; src/sources/reach.ts declares each source's reach): a check that
 * needs it is listed as needing a live audit, not counted as a read failure.
 */
export const FAILURE_REASONS = ['missing-scope', 'unavailable-on-plan', 'not-in-export', 'out-of-reach', 'error'] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];
/** The two ways an offline source lacks a field of a read resource (see FAILURE_REASONS). */
export const UNHELD_REASONS = ['not-in-export', 'out-of-reach'] as const;
export type UnheldReason = (typeof UNHELD_REASONS)[number];

/**
 * A field of a read resource that the source did not hold (a Deploy CLI export without `pages`
 * holds the tenant settings but not their error, password-reset and MFA pages). A finding about
 * that field, or a field under it, is unknown rather than judged on a value that is not there.
 */
export interface UnheldField {
  /** Dot path in the resource's data (`error_page`), as rules name it in a finding's `field`. */
  field: string;
  /** One line for humans: why the source does not hold it. */
  detail: string;
  /**
   * `out-of-reach`: the source never holds this field (the Deploy CLI strips it on every export);
   * absent or `not-in-export`: this copy lacks it (e.g. an export without `pages`).
   */
  reason?: UnheldReason;
}
export type ResourceOk<T> = { ok: true; data: T; unheld?: UnheldField[] };
export type ResourceFailure = {
  ok: false;
  reason: FailureReason;
  /** One line for humans: what failed and why. */
  detail: string;
  /** For `missing-scope`: the scope(s) the token lacks. */
  scopes?: string[];
};
export type ResourceResult<T> = ResourceOk<T> | ResourceFailure;

export const SOURCE_KINDS = ['management-api', 'snapshot', 'deploy-cli', 'fixture'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export type SnapshotResources = { [K in ResourceKey]?: ResourceResult<ResourceData<K>> };

/** How a live read used the tenant's Management API: the report's `source` section. */
export interface SourceUsage {
  /** Attempts sent (retries and the token request included), 429s answered, retries, 5xx, network errors. */
  requests: number;
  rateLimited: number;
  retries: number;
  serverErrors: number;
  networkErrors: number;
  /** Time spent waiting for the pacer and retry backoff, summed over requests, ms. */
  waitedMs: number;
  /** Wall time of the collection, ms. */
  durationMs: number;
  /** What the pacer saw of the rate limit and how much of it the audit used. */
  rateLimit: ApiUsage;
}

export interface Snapshot {
  tenant: { domain: string };
  /** `usage`: only for a live read, in memory (a saved snapshot is read back without it). */
  source: { kind: SourceKind; path?: string; usage?: SourceUsage };
  collectedAt: string;
  resources: SnapshotResources;
}

export const ResourceFailureSchema = z.object({
  ok: z.literal(false),
  reason: z.enum(FAILURE_REASONS),
  detail: z.string(),
  scopes: z.array(z.string()).optional(),
});

/** A zod schema of one resource's result: data validated against the registry's schema. */
export function resourceResultSchema<K extends ResourceKey>(key: K) {
  return z.union([
    z.object({ ok: z.literal(true), data: RESOURCES[key].schema, unheld: z.array(z.object({ field: z.string(), detail: z.string(), reason: z.enum(UNHELD_REASONS).optional() })).optional() }),
    ResourceFailureSchema,
  ]);
}

const resourcesSchema = z.object(
  Object.fromEntries(RESOURCE_KEYS.map((k) => [k, resourceResultSchema(k).optional()])) as {
    [K in ResourceKey]: z.ZodOptional<ReturnType<typeof resourceResultSchema<K>>>;
  },
);

/**
 * The resources, typed by name (SnapshotResources) rather than by the registry's expanded zod
 * schemas: the same values, but a declaration file that stays small (the expanded type is ~900 kB
 * in every .d.ts that mentions it).
 */
const ResourcesSchema: z.ZodType<SnapshotResources> = resourcesSchema as z.ZodType<SnapshotResources>;

export const SnapshotSchema = z.object({
  tenant: z.object({ domain: z.string() }),
  source: z.object({ kind: z.enum(SOURCE_KINDS), path: z.string().optional() }),
  collectedAt: z.string(),
  resources: ResourcesSchema,
});

export function ok<T>(data: T): ResourceOk<T> {
  return { ok: true, data };
}

export function failure(reason: FailureReason, detail: string, scopes?: string[]): ResourceFailure {
  return scopes && scopes.length ? { ok: false, reason, detail, scopes } : { ok: false, reason, detail };
}

/** Data of a resource when it was read, otherwise `undefined`. */
export function dataOf<K extends ResourceKey>(s: Snapshot, key: K): ResourceData<K> | undefined {
  const r = s.resources[key];
  return r && r.ok ? (r.data as ResourceData<K>) : undefined;
}
