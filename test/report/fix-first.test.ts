import { describe, expect, it } from 'vitest';
import { computeFixFirst, FIX_RESOURCES_SHOWN, targetMilestone } from '../../src/report/fix-first.js';
import { milestoneLabel, readableDate, withTitles } from '../../src/report/common.js';
import type { ClientData } from '../../src/snapshot/resources.js';
import { audit } from '../../src/run.js';
import { tenant } from '../support/tenant.js';

/** The go-live-ready tenant with 40 more web apps that each keep a localhost callback. */
const manyApps = () =>
  tenant((t) => {
    const base = (t.clients ?? []).find((c) => c.name === 'Acme Web Store') as ClientData;
    const extra = Array.from({ length: 40 }, (_, i) => ({ ...base, client_id: `app${i}`, name: `App ${String(i).padStart(2, '0')}`, callbacks: ['http://localhost:3000/callback'] }));
    t.clients = [...(t.clients ?? []), ...extra];
    t.customDomains = [];
  });

describe('fix first', async () => {
  const report = await audit({ source: { kind: 'snapshot', snapshot: manyApps() }, require: 'go-live', now: () => new Date('2026-11-22T12:00:00Z') });
  const fix = report.fixFirst;
  if (!fix) throw new Error('no fixFirst');

  it('is carried in the report and equals the pure function of the report', () => {
    const { fixFirst: _f, ...rest } = report;
    expect(computeFixFirst(rest)).toEqual(fix);
  });

  it('targets the required milestone', () => {
    expect(fix.target).toEqual({ id: 'b2c.p1.m3-go-live', title: 'Phase 1 · Milestone 3: Go-Live', status: 'not-satisfied', required: true });
  });

  it('groups one finding on many resources into one item with a count and the first few names', () => {
    const callbacks = fix.items.filter((i) => i.ruleId === 'app-callbacks-secure');
    expect(callbacks).toHaveLength(1);
    const [item] = callbacks;
    expect(item?.count).toBe(40);
    expect(item?.resources.map((r) => r.name)).toEqual(['App 00', 'App 01', 'App 02', 'App 03', 'App 04'].slice(0, FIX_RESOURCES_SHOWN));
    expect(item?.blocksTarget).toBe(true);
    expect(item?.topics.map((t) => t.title).length).toBeGreaterThan(0);
  });

  it('says each failing finding once: deduplicated by rule and resource', () => {
    const keys = fix.items.flatMap((i) => {
      const fs = report.findings.filter((f) => f.status === 'fail' && f.ruleId === i.ruleId && f.messageId === i.messageId && f.severity === i.severity);
      return [...new Set(fs.map((f) => `${f.ruleId}|${f.resource?.type}/${f.resource?.id}`))];
    });
    expect(new Set(keys).size).toBe(keys.length);
    const failing = new Set(report.findings.filter((f) => f.status === 'fail').map((f) => `${f.ruleId}|${f.resource?.type}/${f.resource?.id}`));
    expect(new Set(keys)).toEqual(failing);
  });

  it('orders by impact: blocks the target, then touches the target, then severity, then topics held back', () => {
    const rank = { blocker: 2, warning: 1, advice: 0 } as const;
    const keys = fix.items.map((i) => [Number(i.blocksTarget), Number(i.inTarget), rank[i.severity], i.topics.length]);
    for (let n = 1; n < keys.length; n++) {
      const [a, b] = [keys[n - 1] ?? [], keys[n] ?? []];
      const cmp = (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0) || (a[2] ?? 0) - (b[2] ?? 0) || (a[3] ?? 0) - (b[3] ?? 0);
      expect(cmp, `item ${n}`).toBeGreaterThanOrEqual(0);
    }
    expect(fix.items[0]?.blocksTarget).toBe(true);
  });

  it('without --require: the first milestone not satisfied, up to Go-Live', async () => {
    const r = await audit({ source: { kind: 'snapshot', snapshot: manyApps() } });
    expect(targetMilestone(r)?.id).toBe('b2c.p1.m1-authentication');
    const ready = await audit({ source: { kind: 'snapshot', snapshot: tenant() }, attested: new Set(['prodcheck', 'env-tag', 'b2c.p1.architecture.tenant-association', 'b2c.p1.operations.notifications']) });
    const firstOpen = ready.milestones.find((m) => m.status !== 'satisfied' && m.status !== 'satisfied-with-risks');
    const goLive = ready.milestones.findIndex((m) => m.id === 'b2c.p1.m3-go-live');
    const t = targetMilestone(ready);
    if (firstOpen && ready.milestones.indexOf(firstOpen) <= goLive) expect(t?.id).toBe(firstOpen.id);
    else expect(t).toBeUndefined();
  });

  it('lists what could not be checked and the scopes to grant', async () => {
    const partial = tenant();
    partial.resources.logStreams = { ok: false, reason: 'missing-scope', detail: 'the token lacks read:log_streams', scopes: ['read:log_streams'] };
    const r = await audit({ source: { kind: 'snapshot', snapshot: partial } });
    expect(r.fixFirst?.unchecked.scopes).toEqual(['read:log_streams']);
    expect(r.fixFirst?.unchecked.resources.map((x) => x.key)).toEqual(['logStreams']);
  });

  it('names milestones and dates for people', () => {
    const m2 = report.milestones.find((m) => m.id === 'b2c.p1.m2');
    if (!m2) throw new Error('no m2');
    expect(milestoneLabel(report, m2)).toBe('Phase 1 · Milestone 2 (Deployment Automation, Quality Assurance, …)');
    expect(withTitles(report, 'b2c.p1.architecture.custom-domains fails')).toBe('Custom domains fails');
    expect(readableDate('2026-11-22T12:00:00.000Z')).toBe('22 November 2026, 12:00 UTC');
    expect(readableDate('2026-11-22')).toBe('22 November 2026');
    expect(readableDate('not a date')).toBe('not a date');
  });
});
