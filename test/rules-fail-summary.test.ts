/**
 * Fix-first groups one rule's failing findings with the same message over several resources and
 * words the group with the rule's `failSummary` for that message ("3 clients have …"); without one
 * it can only say "3 clients fail alike, e.g. <first message>". Every rule whose failing message
 * repeats across resources on the bundled fixtures must carry a summary for it, and every summary
 * must belong to a declared message.
 */
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import type { Finding } from '../src/engine/evaluate.js';
import type { Snapshot } from '../src/snapshot/snapshot.js';
import { run } from './support/rule-tester.js';
import { tenant, tenantFrom } from './support/tenant.js';

const FIXTURES = ['brand-new', 'go-live-ready-b2c', 'b2b-organizations', 'large'];

/** Fields that name a resource: a copy gets them suffixed, so it is a resource of its own. */
const IDENTITY = ['id', 'client_id', 'connection_id', 'custom_domain_id', 'identifier', 'name', 'domain', 'kid', 'user_id', 'description'];
const COPY = '-copy';

/**
 * The fixture with every listed resource twice: each item of a list resource (clients,
 * connections, custom domains, …) gains a copy under new ids, and each id-keyed map (organization
 * connections, connection clients) an entry for the copies. Whatever fails on one resource then
 * fails on two, so a message that can repeat across resources shows up even when no fixture holds
 * two such resources.
 */
function doubled(snapshot: Snapshot): Snapshot {
  const s = structuredClone(snapshot);
  const copyOf = (item: unknown): unknown => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return item;
    const c = structuredClone(item) as Record<string, unknown>;
    for (const k of IDENTITY) if (typeof c[k] === 'string' && c[k]) c[k] = `${c[k] as string}${COPY}`;
    return c;
  };
  for (const r of Object.values(s.resources) as { ok: boolean; data?: unknown }[]) {
    if (!r?.ok) continue;
    if (Array.isArray(r.data)) {
      r.data = [...r.data, ...r.data.map(copyOf)];
    } else if (typeof r.data === 'object' && r.data !== null) {
      const map = r.data as Record<string, unknown>;
      const keyed = Object.keys(map).length > 0 && Object.values(map).every(Array.isArray);
      if (keyed) for (const [k, v] of Object.entries(map)) map[`${k}${COPY}`] = (v as unknown[]).map(copyOf);
    }
  }
  return s;
}

const snapshots = [
  { name: 'baseline', snapshot: tenant() },
  ...FIXTURES.map((name) => ({ name, snapshot: tenantFrom(name) })),
  ...FIXTURES.map((name) => ({ name: `${name}, every resource twice`, snapshot: doubled(tenantFrom(name)) })),
];

/** Rule id → message ids it fails with on two or more distinct resources, and where. */
function repeatedFailures(): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const { name, snapshot } of snapshots) {
    for (const env of ['prod', 'dev'] as const) {
      for (const rule of rules) {
        let findings: Finding[];
        try {
          findings = run(rule, snapshot, { env });
        } catch {
          continue; // a rule that cannot run on this fixture is its own test's concern
        }
        const byMessage = new Map<string, Set<string>>();
        for (const f of findings) {
          if (f.status !== 'fail' || !f.resource) continue;
          const s = byMessage.get(f.messageId) ?? new Set<string>();
          s.add(`${f.resource.type}\u0000${f.resource.id}`);
          byMessage.set(f.messageId, s);
        }
        for (const [messageId, resources] of byMessage) {
          if (resources.size < 2) continue;
          const m = out.get(rule.id) ?? new Map<string, string>();
          if (!m.has(messageId)) m.set(messageId, `${name} (${env})`);
          out.set(rule.id, m);
        }
      }
    }
  }
  return out;
}

describe('failSummary', () => {
  it('every key is one of the rule\'s messages, every predicate a non-empty plural phrase', () => {
    const bad: string[] = [];
    for (const rule of rules) {
      for (const [id, predicate] of Object.entries(rule.failSummary ?? {})) {
        if (!(id in rule.messages)) bad.push(`${rule.id}: failSummary.${id} is not a messageId (${Object.keys(rule.messages).join(', ')})`);
        if (!predicate.trim() || /[.!]$/.test(predicate.trim())) bad.push(`${rule.id}: failSummary.${id} must be a predicate without a full stop: ${JSON.stringify(predicate)}`);
        if (predicate.trim() === rule.title.trim()) bad.push(`${rule.id}: failSummary.${id} repeats the title`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('is declared for every message a rule fails with on several resources of a fixture', () => {
    const missing: string[] = [];
    for (const [ruleId, messages] of repeatedFailures()) {
      const rule = rules.find((r) => r.id === ruleId);
      for (const [messageId, where] of messages) {
        if (!rule?.failSummary?.[messageId]) missing.push(`${ruleId}: ${messageId} (fails on several resources in ${where})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
