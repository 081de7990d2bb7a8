/**
 * A snapshot from a tenant's resources as plain data (a bundled fixture, the baseline tenant that
 * `policies test` patches): every resource read; one absent from the data is what the API answers
 * for a resource with nothing configured.
 */
import { RESOURCE_KEYS, RESOURCES, type ResourceKey } from './resources.js';
import { failure, ok, type Snapshot, type SnapshotResources } from './snapshot.js';

/** What the API answers for a resource with nothing configured: an empty list, null or an empty object. */
export function emptyResourceOf(key: ResourceKey): unknown {
  const schema = RESOURCES[key].schema;
  if (schema.safeParse([]).success) return [];
  if (schema.safeParse(null).success) return null;
  return {};
}

export function snapshotFromResources(
  domain: string,
  data: Readonly<Record<string, unknown>>,
  opts: { collectedAt: string; planGated?: readonly string[] | undefined },
): Snapshot {
  const resources: Record<string, unknown> = {};
  for (const key of RESOURCE_KEYS) {
    if (opts.planGated?.includes(key)) {
      resources[key] = failure('unavailable-on-plan', `${RESOURCES[key].title} is not available on this plan (HTTP 403)`);
      continue;
    }
    const value = data[key];
    resources[key] = ok(structuredClone(value === undefined ? emptyResourceOf(key) : value));
  }
  return { tenant: { domain }, source: { kind: 'fixture' }, collectedAt: opts.collectedAt, resources: resources as SnapshotResources };
}
