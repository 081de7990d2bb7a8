import { describe, expect, it } from 'vitest';
import { b2b } from '../../catalog/b2b.js';
import { b2c } from '../../catalog/b2c.js';
import { loadCatalog, resolveMilestone } from '../../src/catalog/index.js';
import { PlanSchema } from '../../src/catalog/schema.js';
import { validateCatalogData } from '../../src/catalog/validate.js';

const catalog = loadCatalog();

describe('catalog', () => {
  it('validates against the zod schema', () => {
    expect(() => PlanSchema.parse(b2c)).not.toThrow();
    expect(() => PlanSchema.parse(b2b)).not.toThrow();
    expect(() => validateCatalogData()).not.toThrow();
    // The schema rejects what the TypeScript types might let through at runtime.
    expect(() => PlanSchema.parse({ ...b2c, id: 'b2x' })).toThrow();
  });

  it('has the 113 topic nodes and evidence classes of catalog §6', () => {
    const rows: Record<string, Record<string, number>> = {};
    for (const plan of Object.values(catalog.plans)) {
      for (const t of plan.topics.values()) {
        const row = (rows[t.phase] ??= { n: 0, A: 0, W: 0, M: 0, X: 0 });
        row.n = (row.n ?? 0) + 1;
        row[t.evidence] = (row[t.evidence] ?? 0) + 1;
      }
    }
    expect(rows).toEqual({
      'b2c.p1': { n: 31, A: 20, W: 6, M: 4, X: 1 },
      'b2c.p2': { n: 13, A: 7, W: 4, M: 2, X: 0 },
      'b2c.p3': { n: 6, A: 0, W: 4, M: 2, X: 0 },
      'b2b.p1': { n: 35, A: 23, W: 7, M: 4, X: 1 },
      'b2b.p2': { n: 16, A: 10, W: 4, M: 2, X: 0 },
      'b2b.p3': { n: 12, A: 3, W: 6, M: 1, X: 2 },
    });
  });

  it('keeps the ids of §1.3/§1.4 exactly', () => {
    const ids = [...catalog.topicIds];
    for (const id of [
      'b2c.p1.architecture.custom-domains',
      'b2c.p1.operations.email-provider',
      'b2c.p1.operations.logging',
      'b2c.p1.authentication.anomaly-detection',
      'b2c.p1.branding.universal-login-page',
      'b2c.p2.authentication.mfa',
      'b2c.p3.branding.redirect-pages',
      'b2b.p1.provisioning.provision-organization',
      'b2b.p1.authentication.home-realm-discovery',
      'b2b.p2.authentication.home-realm-discovery',
      'b2b.p2.logout.federated-logout',
      'b2b.p3.operations.self-service-sso-setup',
      'b2c.p2.quality-assurance.unit-testing',
    ]) {
      expect(ids).toContain(id);
    }
    expect(catalog.plans.b2c.milestones.map((m) => m.id)).toEqual([
      'b2c.p1.m1-authentication', 'b2c.p1.m2', 'b2c.p1.m3-go-live',
      'b2c.p2.m1-api-integration', 'b2c.p2.m2-advanced-features', 'b2c.p2.m3-go-live', 'b2c.p3.m1-go-live',
    ]);
    expect(catalog.plans.b2b.milestones.map((m) => m.id)).toEqual([
      'b2b.p1.m1-authentication', 'b2b.p1.m2', 'b2b.p1.m3-go-live',
      'b2b.p2.m1-api-integration', 'b2b.p2.m2-advanced-features', 'b2b.p2.m3-go-live', 'b2b.p3.m1-go-live',
    ]);
  });

  it('makes milestones cumulative within a phase and flags inferred ones (Decision 2)', () => {
    const [m1, m2, m3] = catalog.plans.b2c.milestones;
    expect(m1?.topics).toContain('b2c.p1.architecture.custom-domains');
    expect(m1?.topics).not.toContain('b2c.p1.logout.logout');
    expect(m2?.topics).toEqual(expect.arrayContaining([...(m1?.topics ?? []), 'b2c.p1.logout.logout']));
    expect(m3?.topics).toHaveLength(31);
    expect(m3?.attest).toContain('prodcheck');
    expect(catalog.plans.b2c.milestones.filter((m) => m.phase !== 'b2c.p1').every((m) => m.inferred)).toBe(true);
    expect(catalog.plans.b2b.milestones.every((m) => m.inferred)).toBe(true);
  });

  it('marks P2 revisits with the P1 topic they re-run', () => {
    const t = catalog.plans.b2b.topics.get('b2b.p2.deployment-automation.deployment-automation');
    expect(t?.revisitOf).toBe('b2b.p1.deployment-automation.deployment-automation');
  });

  it('expands the dependencies of §1.5', () => {
    const deps = catalog.plans.b2c.dependencies;
    expect(deps).toContainEqual({ from: 'b2c.p1.operations.email-provider', to: 'b2c.p1.branding.email-templates', kind: 'precedes' });
    expect(deps).toContainEqual({ from: 'b2c.p1.operations.email-provider', to: 'b2c.p1.authentication.anomaly-detection', kind: 'precedes', when: 'notificationShield' });
    expect(deps.filter((d) => d.from === 'b2c.p1.deployment-automation.deployment-automation' && d.kind === 'precedes').map((d) => d.to).sort()).toEqual([
      'b2c.p1.quality-assurance.integration-testing', 'b2c.p1.quality-assurance.mock-testing', 'b2c.p1.quality-assurance.unit-testing',
    ]);
    // tenant-provision precedes every other topic of its own plan, never the other plan.
    const tp = deps.filter((d) => d.from === 'b2c.p1.architecture.tenant-provision');
    expect(tp).toHaveLength(catalog.plans.b2c.topics.size - 1);
    expect(tp.every((d) => d.to.startsWith('b2c.'))).toBe(true);
    expect(catalog.plans.b2b.dependencies).toContainEqual({ from: 'b2b.p2.authentication.enterprise-login', to: 'b2b.p2.logout.federated-logout', kind: 'only-if' });
  });

  it('resolves --require by full id or unique suffix, preferring Phase 1', () => {
    const ix = catalog.plans.b2c;
    expect(resolveMilestone(ix, 'go-live').id).toBe('b2c.p1.m3-go-live');
    expect(resolveMilestone(ix, 'm1-authentication').id).toBe('b2c.p1.m1-authentication');
    expect(resolveMilestone(ix, 'p2.m3-go-live').id).toBe('b2c.p2.m3-go-live');
    expect(resolveMilestone(ix, 'b2c.p3.m1-go-live').id).toBe('b2c.p3.m1-go-live');
    expect(() => resolveMilestone(ix, 'nope')).toThrow(/no milestone/);
    expect(resolveMilestone(ix, 'm1').id).toBe('b2c.p1.m1-authentication');
    expect(resolveMilestone(catalog.plans.b2b, 'go-live').id).toBe('b2b.p1.m3-go-live');
  });
});
