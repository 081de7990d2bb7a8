/**
 * What the cross-tenant checks read from a tenant's snapshot, and nothing
 * more: resource names, the drift-normalised configuration (hashes of code and template bodies,
 * never the code), which resources could not be read, the custom domains. A multi-tenant JSON
 * report carries these per tenant (`facts`), so `merge` can run the cross-tenant checks over
 * reports written by separate shards exactly as `audit --all` runs them over snapshots.
 * Computed from a redacted snapshot, so no secret can be in them.
 */
import { z } from 'zod';
import { FAILURE_REASONS, dataOf, type Snapshot } from '../snapshot/snapshot.js';
import type { ResourceKey } from '../snapshot/resources.js';
import { DRIFT_RESOURCES, normalise, type Normalised } from './drift.js';

export const FACTS_VERSION = 1;
export const NAMED_SECTIONS = ['clients', 'connections', 'actions'] as const;
export const PLAN_GATED = ['customDomains', 'logStreams', 'breachedPasswordDetection'] as const satisfies readonly ResourceKey[];

const ReadStateSchema = z.union([z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), reason: z.enum(FAILURE_REASONS), detail: z.string() })]);

export const TenantFactsSchema = z.object({
  factsVersion: z.literal(FACTS_VERSION),
  /** The snapshot's source kind (management-api, snapshot, deploy-cli, fixture). */
  source: z.string(),
  /** names of non-global clients, connections and actions, sorted; absent when not read. */
  names: z.object({ clients: z.array(z.string()).optional(), connections: z.array(z.string()).optional(), actions: z.array(z.string()).optional() }),
  /** the drift-normalised configuration and the drift resources that could not be read. */
  normalised: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown()))),
  unread: z.array(z.object({ resource: z.string(), detail: z.string() })),
  /** the custom domains (absent when the snapshot has no such resource). */
  customDomains: z
    .union([z.object({ ok: z.literal(true), domains: z.array(z.object({ domain: z.string(), status: z.string().optional() })) }), z.object({ ok: z.literal(false), reason: z.enum(FAILURE_REASONS) })])
    .optional(),
  /** whether each plan-gated resource was read. */
  planGated: z.record(z.string(), ReadStateSchema),
});
export type TenantFacts = z.infer<typeof TenantFactsSchema>;

export function factsOf(s: Snapshot): TenantFacts {
  const names: TenantFacts['names'] = {};
  for (const key of NAMED_SECTIONS) {
    const d = dataOf(s, key) as { name?: string; global?: boolean }[] | undefined;
    if (d) names[key] = [...new Set(d.filter((x) => !x.global && x.name).map((x) => x.name as string))].sort();
  }
  const unread: TenantFacts['unread'] = [];
  for (const key of DRIFT_RESOURCES) {
    const r = s.resources[key];
    if (r && !r.ok) unread.push({ resource: key, detail: r.detail });
  }
  const cd = s.resources.customDomains;
  const customDomains: TenantFacts['customDomains'] = !cd
    ? undefined
    : cd.ok
      ? { ok: true, domains: cd.data.map((d) => ({ domain: d.domain, ...(d.status !== undefined ? { status: String(d.status) } : {}) })) }
      : { ok: false, reason: cd.reason };
  const planGated: TenantFacts['planGated'] = {};
  for (const key of PLAN_GATED) {
    const r = s.resources[key];
    if (r) planGated[key] = r.ok ? { ok: true } : { ok: false, reason: r.reason, detail: r.detail };
  }
  // Through JSON once, so facts computed here equal facts read back from a report.
  return JSON.parse(
    JSON.stringify({ factsVersion: FACTS_VERSION, source: s.source.kind, names, normalised: normalise(s) as Normalised, unread, ...(customDomains ? { customDomains } : {}), planGated }),
  ) as TenantFacts;
}
