/**
 * The Deploy CLI reader keeps one handler per export section (src/sources/deploy-cli/handlers.ts)
 * next to one reach row per section (sections.ts): the two lists must name the same sections, once
 * each, so a section cannot be added or renamed in one and forgotten in the other.
 */
import { describe, expect, it } from 'vitest';
import { SECTIONS } from '../../src/sources/deploy-cli/formats.js';
import { HANDLERS, PLACES, reachOf } from '../../src/sources/deploy-cli/handlers.js';
import { SECTION_HANDLERS } from '../../src/sources/deploy-cli/sections.js';

const count = (keys: readonly string[]) => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>());

describe('Deploy CLI section handlers', () => {
  it('has exactly one handler per reach row, and a reach row for every handler', () => {
    const handlers = count(HANDLERS.map((h) => h.key));
    const rows = count(SECTION_HANDLERS.map((r) => r.key));
    expect([...handlers].filter(([, n]) => n !== 1).map(([k]) => k)).toEqual([]);
    expect([...rows].filter(([, n]) => n !== 1).map(([k]) => k)).toEqual([]);
    expect(SECTION_HANDLERS.map((r) => r.key).filter((k) => !handlers.has(k))).toEqual([]);
    expect(HANDLERS.filter((h) => reachOf(h) === undefined).map((h) => h.key)).toEqual([]);
  });

  it('maps a section only when its reach row builds resources, and every section the reader reads has a handler that maps it or feeds one', () => {
    // a handler that maps builds resources; a row with resources is mapped by its handler or by the one it feeds
    for (const h of HANDLERS) {
      const row = reachOf(h);
      if (h.map) expect(row?.resources.length, h.key).toBeGreaterThan(0);
      if (row?.resources.length) expect(!!h.map || HANDLERS.some((o) => o.key === h.feeds && o.map), h.key).toBe(true);
      if (h.feeds) expect(HANDLERS.find((o) => o.key === h.feeds)?.map, `${h.key} feeds ${h.feeds}`).toBeDefined();
    }
    const read = new Set<string>(SECTIONS);
    expect(HANDLERS.filter((h) => h.map && !read.has(h.key)).map((h) => h.key)).toEqual([]);
  });

  it('locates a resource type only in sections that have a handler', () => {
    const keys = new Set(HANDLERS.map((h) => h.key));
    const places = Object.values(PLACES).flat();
    expect(places.length).toBeGreaterThan(0);
    expect(places.filter((p) => !keys.has(p.section)).map((p) => p.section)).toEqual([]);
    // databases are searched before the other connections, in the order the reader lists them
    expect(PLACES.connection?.map((p) => p.section)).toEqual(['databases', 'connections']);
  });
});
