import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SHARDS, parseShard, shardOf } from '../../src/multi/shard.js';

describe('parseShard', () => {
  it('reads <i>/<n>, 1-based', () => {
    expect(parseShard('1/3')).toEqual({ index: 1, count: 3 });
    expect(parseShard(' 3/3 ')).toEqual({ index: 3, count: 3 });
  });
  it('reads k8s/<n> from the 0-based JOB_COMPLETION_INDEX', () => {
    expect(parseShard('k8s/4', { JOB_COMPLETION_INDEX: '0' })).toEqual({ index: 1, count: 4 });
    expect(parseShard('k8s/4', { JOB_COMPLETION_INDEX: '3' })).toEqual({ index: 4, count: 4 });
    expect(() => parseShard('k8s/4', {})).toThrow(/JOB_COMPLETION_INDEX is not set/);
    expect(() => parseShard('k8s/4', { JOB_COMPLETION_INDEX: '4' })).toThrow(/not an index from 0 to 3/);
    expect(() => parseShard('k8s/4', { JOB_COMPLETION_INDEX: '-1' })).toThrow(/not an index/);
  });
  it.each(['0/3', '4/3', '1/0', '1', '1/2/3', 'a/b', '1.5/3', `1/${MAX_SHARDS + 1}`, '-1/3', ''])('refuses %j as a usage error', (v) => {
    expect(() => parseShard(v, {})).toThrow(/--shard/);
  });
});

describe('shardOf', () => {
  it('is a deterministic, balanced partition that keeps order', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 60 }), fc.integer({ min: 1, max: 12 }), (items, count) => {
        const shards = Array.from({ length: count }, (_, k) => shardOf(items, { index: k + 1, count }));
        // Every item exactly once.
        expect(shards.flat().length).toBe(items.length);
        const sizes = shards.map((s) => s.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        // The same call gives the same shard.
        expect(shardOf(items, { index: 1, count })).toEqual(shards[0]);
        // Each shard keeps the input order (round-robin: item k in shard (k mod n) + 1).
        shards.forEach((s, k) => expect(s).toEqual(items.filter((_, j) => j % count === k)));
      }),
    );
  });
});
