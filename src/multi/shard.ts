/**
 * `audit --all --shard <i>/<n>`: split the selected tenants across n workers (CI matrix jobs,
 * Kubernetes Indexed Job pods). Deterministic and balanced: tenant k (0-based, config order) goes
 * to shard (k mod n) + 1, so shard sizes differ by at most one and every worker given the same
 * config computes the same split without talking to the others. `merge` restores config order.
 *
 * `--shard k8s/<n>` takes the index from JOB_COMPLETION_INDEX, the 0-based completion index a
 * Kubernetes Indexed Job gives each pod (so pod 0 runs shard 1/n).
 */
import { UsageError } from '../errors.js';
import { cliIo } from '../cli/io.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** The most shards a run may ask for (a guard against a typo such as 1/1000000). */
export const MAX_SHARDS = 1000;

const int = (s: string) => (/^\d+$/.test(s) ? Number(s) : Number.NaN);

export function parseShard(value: string, env: NodeJS.ProcessEnv = cliIo().env): Shard {
  const m = /^([^/]+)\/([^/]+)$/.exec(value.trim());
  const usage = `--shard ${value}: give <index>/<count> with 1 ≤ index ≤ count ≤ ${MAX_SHARDS} (e.g. --shard 2/4), or k8s/<count> in a Kubernetes Indexed Job`;
  if (!m) throw new UsageError(usage);
  const count = int(m[2] as string);
  if (!Number.isInteger(count) || count < 1 || count > MAX_SHARDS) throw new UsageError(usage);
  let index: number;
  if (m[1] === 'k8s') {
    const raw = env.JOB_COMPLETION_INDEX;
    if (raw === undefined || raw === '') throw new UsageError(`--shard ${value}: JOB_COMPLETION_INDEX is not set (it is set in the pods of a Kubernetes Job with completionMode: Indexed)`);
    const k = int(raw);
    if (!Number.isInteger(k) || k >= count) throw new UsageError(`--shard ${value}: JOB_COMPLETION_INDEX=${raw} is not an index from 0 to ${count - 1} (set the Job's completions and parallelism to ${count}, or the count to the Job's completions)`);
    index = k + 1;
  } else {
    index = int(m[1] as string);
    if (!Number.isInteger(index) || index < 1 || index > count) throw new UsageError(usage);
  }
  return { index, count };
}

/** The items of one shard, in their original order: item k goes to shard (k mod count) + 1. */
export function shardOf<T>(items: readonly T[], shard: Shard): T[] {
  return items.filter((_, k) => k % shard.count === shard.index - 1);
}
