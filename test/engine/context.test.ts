/**
 * Verdicts in context: the environment (production-only checks count at Go-Live milestones only),
 * the subscription (a feature not on it is n/a; unknown → advice at most; a plan-gated 403 is
 * inferred), what is in use (n/a when not; a live feature counts at the first Go-Live, on both
 * plans), and the special attestations a Go-Live judgement rests on.
 */
import { describe, expect, it } from 'vitest';
import { rules as allRules } from '../../rules/index.js';
import { SPECIAL_ATTESTATIONS } from '../../src/catalog/schema.js';
import { loadCatalog } from '../../src/catalog/index.js';
import { TOPIC_ATTESTATIONS } from '../../src/engine/aggregate.js';
import { availability, computeInUse, contextHints, featureIncluded, FEATURE_IDS, FEATURES, IN_USE } from '../../src/engine/context.js';
import { computeFixFirst } from '../../src/report/fix-first.js';
import type { AuditReport } from '../../src/report/schema.js';
import { audit, type AuditOptions } from '../../src/run.js';
import { failure, type Snapshot } from '../../src/snapshot/snapshot.js';
import { snapshotOf, readFixture, tenant, tenantFrom, type Mutator } from '../support/tenant.js';

const NOW = () => new Date('2026-11-22T00:00:00Z');
const run = (snapshot: Snapshot, o: Partial<AuditOptions> = {}): Promise<AuditReport> => audit({ source: { kind: 'snapshot', snapshot }, now: NOW, ...o });
const ms = (r: AuditReport, suffix: string) => r.milestones.find((m) => m.id.endsWith(suffix));
const findingsOf = (r: AuditReport, ruleId: string) => r.findings.filter((f) => f.ruleId === ruleId);

/** Google on Auth0's developer keys (no client id/secret), enabled on every application. */
const devKeys: Mutator = (t) => {
  const g = t.connections?.find((c) => c.strategy === 'google-oauth2');
  if (!g) throw new Error('fixture has no google connection');
  g.options = { ...(g.options ?? {}), client_id: '', client_secret: '' };
  const apps = (t.clients ?? []).filter((c) => c.app_type !== 'non_interactive').map((c) => c.client_id);
  if (t.connectionClients) t.connectionClients[g.id] = apps;
  g.enabled_clients = apps;
};
const noSocial: Mutator = (t) => {
  t.connections = t.connections?.filter((c) => c.strategy !== 'google-oauth2');
  if (t.connectionClients) for (const k of Object.keys(t.connectionClients)) if (k.startsWith('con_') && !t.connections?.some((c) => c.id === k)) delete t.connectionClients[k];
};

describe('what is in use (derived from the tenant)', () => {
  it('reads each fact from the snapshot and says undefined when it cannot tell', () => {
    const live = computeInUse(tenant());
    expect(live['social-login']).toBe(true);
    expect(live.passwords).toBe(true);
    expect(computeInUse(tenant(noSocial))['social-login']).toBe(false);
    const noConns = tenant();
    noConns.resources.connections = failure('missing-scope', 'token lacks read:connections', ['read:connections']);
    expect(computeInUse(noConns)['social-login']).toBeUndefined();
    expect(computeInUse(noConns).passwords).toBeUndefined();
  });
  it('a social connection enabled on no application is not in use', () => {
    const s = tenant((t) => {
      const g = t.connections?.find((c) => c.strategy === 'google-oauth2');
      if (!g) throw new Error('no google');
      g.enabled_clients = [];
      if (t.connectionClients) t.connectionClients[g.id] = [];
    });
    expect(computeInUse(s)['social-login']).toBe(false);
  });
  it('sign-up is off when every database connection disables it', () => {
    const s = tenant((t) => {
      for (const c of t.connections ?? []) if (c.strategy === 'auth0') c.options = { ...(c.options ?? {}), disable_signup: true };
    });
    expect(computeInUse(s)['sign-up']).toBe(false);
    expect(computeInUse(tenant())['sign-up']).toBe(true);
  });
  it('phone MFA is in use only when an SMS/voice factor is enabled', () => {
    const s = tenant((t) => {
      t.guardianFactors = (t.guardianFactors ?? []).map((f) => ({ ...f, enabled: f.name === 'sms' ? true : f.enabled }));
    });
    expect(computeInUse(s)['phone-mfa']).toBe(true);
    const off = tenant((t) => {
      t.guardianFactors = (t.guardianFactors ?? []).map((f) => ({ ...f, enabled: f.name === 'sms' || f.name === 'voice' ? false : f.enabled }));
    });
    expect(computeInUse(off)['phone-mfa']).toBe(false);
  });
});

describe('subscription features', () => {
  it('every feature cites an Auth0 page and says where it is available', () => {
    for (const id of FEATURE_IDS) {
      expect(FEATURES[id].docs).toMatch(/^https:\/\/auth0\.com\/docs\//);
      expect(availability(id)).toMatch(/Enterprise|Professional|Essentials/);
    }
  });
  it('an add-on unlocks its feature only on the plans it is sold for; unknown subscription is undefined', () => {
    expect(featureIncluded('highly-regulated-identity', { tier: 'enterprise', addOns: [] })).toBe(false);
    expect(featureIncluded('highly-regulated-identity', { tier: 'enterprise', addOns: ['highly-regulated-identity'] })).toBe(true);
    expect(featureIncluded('highly-regulated-identity', { tier: 'professional', addOns: ['highly-regulated-identity'] })).toBe(false);
    expect(featureIncluded('private-key-jwt', { addOns: [] })).toBeUndefined();
  });
  it('every feature and every in-use key is declared by some rule (no table entry without a use)', () => {
    const features = new Set(allRules.flatMap((r) => (r.feature ? [r.feature] : [])));
    expect(FEATURE_IDS.filter((f) => !features.has(f))).toEqual([]);
    const inUse = new Set(allRules.flatMap((r) => (r.appliesWhen ? [r.appliesWhen] : [])));
    expect(IN_USE.filter((k) => !inUse.has(k))).toEqual([]);
  });

  it('a feature not on the declared subscription makes the rule n/a, saying where it is available', async () => {
    const r = await run(tenant(), { subscription: 'professional' });
    const par = findingsOf(r, 'app-pushed-authorization-requests');
    expect(par).toHaveLength(1);
    expect(par[0]?.status).toBe('n/a');
    expect(par[0]?.message).toMatch(/not on the Professional subscription: available on Enterprise with the Highly Regulated Identity add-on; needed only if/);
    // On Enterprise with the add-on the rule judges again.
    const e = await run(tenant(), { subscription: 'enterprise', addOns: ['highly-regulated-identity'] });
    expect(findingsOf(e, 'app-pushed-authorization-requests').some((f) => f.status !== 'n/a')).toBe(true);
  });

  it('with the subscription unknown, plan-gated findings are advice at most and never lead the fix-first list', async () => {
    const r = await run(snapshotOf(readFixture('brand-new')));
    const gatedRules = new Set(allRules.filter((x) => x.feature).map((x) => x.id));
    for (const f of r.findings.filter((x) => gatedRules.has(x.ruleId) && x.status === 'fail')) expect(f.severity).toBe('advice');
    const gated = r.findings.filter((f) => f.context?.cappedBySubscription);
    // breached-password detection (a warning) off on the brand-new tenant: advice until the plan is known.
    expect(gated.map((f) => f.ruleId)).toContain('attack-protection-breached-password');
    expect(r.context?.cappedBySubscription).toEqual([...new Set(gated.map((f) => f.ruleId))].sort());
    const first = r.fixFirst?.items[0];
    if (first) expect(gatedRules.has(first.ruleId)).toBe(false);
    // A severity the user configured wins over the cap.
    const set = await run(tenant(), { ruleSettings: { 'app-pushed-authorization-requests': 'warning' } });
    const failing = findingsOf(set, 'app-pushed-authorization-requests').filter((f) => f.status === 'fail');
    for (const f of failing) expect(f.severity).toBe('warning');
  });

  it('a 403 saying the feature is not on the plan is read as such, n/a, and recorded as an inference', async () => {
    const s = tenant();
    s.resources.botDetection = failure('unavailable-on-plan', 'Bot Detection is not available on this plan (HTTP 403)');
    const r = await run(s);
    const bot = findingsOf(r, 'attack-protection-bot-detection');
    expect(bot.map((f) => f.status)).toEqual(['n/a']);
    expect(bot[0]?.messageId).toBe('not-on-subscription');
    expect(r.context?.subscription.inferred).toEqual([{ feature: 'bot-detection', detail: expect.stringContaining('refused') }]);
  });

  it('breached-password detection is n/a on a tenant with no password connection', async () => {
    const s = tenant((t) => {
      t.connections = t.connections?.filter((c) => c.strategy !== 'auth0');
    });
    const r = await run(s, { subscription: 'enterprise', addOns: ['attack-protection'] });
    const bp = findingsOf(r, 'attack-protection-breached-password');
    expect(bp.map((f) => f.status)).toEqual(['n/a']);
    expect(bp[0]?.message).toMatch(/no database \(password\) connection/);
  });
});

describe('environment: production-only checks count at Go-Live milestones only', () => {
  it('brand-new on --env dev: Milestone 1 is not failed by production-only checks, and its fix-first list leads with authentication work', async () => {
    const r = await run(snapshotOf(readFixture('brand-new')), { env: 'dev', envSource: 'flag' });
    const m1 = ms(r, 'p1.m1-authentication');
    const prodOnly = new Set(allRules.filter((x) => x.prodOnly).map((x) => x.id));
    // No reason of M1 names a topic that fails only because of production-only checks.
    for (const t of r.topics) {
      if (!m1?.topics.includes(t.id) || t.status !== 'fail') continue;
      const view = t.beforeGoLive ?? t;
      const fails = r.findings.filter((f) => f.topicIds.includes(t.id) && f.status === 'fail' && f.severity === 'blocker');
      if (fails.length && fails.every((f) => prodOnly.has(f.ruleId))) expect(view.status).not.toBe('fail');
    }
    expect(m1?.reasons.join('\n')).not.toMatch(/custom-domains fails/);
    const ff = computeFixFirst(r);
    expect(ff.target?.id).toBe('b2c.p1.m1-authentication');
    const lead = ff.items[0];
    expect(lead && prodOnly.has(lead.ruleId)).toBe(false);
    expect(lead?.topics.some((t) => t.id.includes('.authentication.') || t.id.includes('.provisioning.'))).toBe(true);
    expect(r.context?.environment).toBe('dev');
    expect(r.context?.productionOnly).toContain('custom-domain-ready');
  });

  it('the same production-only failure still holds back Go-Live', async () => {
    const r = await run(tenant((t) => { t.customDomains = []; }), { env: 'prod' });
    expect(ms(r, 'p1.m1-authentication')?.reasons.join()).not.toMatch(/custom-domains/);
    expect(ms(r, 'p1.m3-go-live')?.reasons.join()).toMatch(/custom-domains fails/);
    const t = r.topics.find((x) => x.id === 'b2c.p1.architecture.custom-domains');
    expect(t?.status).toBe('fail');
    expect(t?.beforeGoLive?.status).toBe('pass');
  });

  it('a topic whose only evidence is production-only is n/a before Go-Live, so its dependents stay judged', async () => {
    const r = await run(tenant());
    const ep = r.topics.find((t) => t.id === 'b2c.p1.operations.email-provider');
    expect(ep?.status).toBe('pass');
    expect(ep?.beforeGoLive).toEqual({ status: 'n/a', reasons: ['judged at Go-Live: its checks are production-only'] });
    // anomaly-detection follows email-provider (its notifications): before Go-Live it is not made unknown.
    const ad = r.topics.find((t) => t.id === 'b2c.p1.authentication.anomaly-detection');
    expect(ad?.beforeGoLive?.status ?? ad?.status).not.toBe('unknown');
  });

  it('the default environment is production, said as such, with a hint on a -dev tenant name', async () => {
    const s = tenant();
    s.tenant.domain = 'acme-dev.eu.auth0.com';
    const r = await run(s);
    expect(r.context?.environment).toBe('prod');
    expect(r.context?.environmentSource).toBe('default');
    expect(r.context?.hints.join()).toMatch(/ends in -dev: if it is not production, pass --env dev/);
    const given = await run(s, { env: 'prod', envSource: 'flag' });
    expect(given.context?.hints.join()).not.toMatch(/ends in -dev/);
    expect(contextHints({ environment: 'prod', environmentSource: 'default', subscription: { source: 'declared', tier: 'enterprise', addOns: [], inferred: [] }, inUse: computeInUse(s) }, 'acme-staging.us.auth0.com')[0]).toMatch(/-staging/);
  });
});

describe('planned vs. live: a feature in use counts at the first Go-Live', () => {
  for (const plan of ['b2c', 'b2b'] as const) {
    it(`${plan}: Google on Auth0's developer keys, enabled on the apps, holds back Phase 1 Go-Live (not Milestone 1)`, async () => {
      const base = tenant(devKeys);
      const r = await run(base, { plan, env: 'prod' });
      const f = findingsOf(r, 'social-own-credentials').filter((x) => x.status === 'fail');
      expect(f.length).toBeGreaterThan(0);
      expect(f[0]?.context?.live).toBe(true);
      expect(f[0]?.topicIds).toContain(`${plan}.p1.authentication.universal-login`);
      expect(ms(r, 'p1.m3-go-live')?.status).toBe('not-satisfied');
      expect(ms(r, 'p1.m3-go-live')?.reasons.join()).toMatch(/universal-login fails/);
      expect(ms(r, 'p1.m1-authentication')?.reasons.join()).not.toMatch(/universal-login fails/);
    });
  }

  it('a live SMS factor on Auth0\'s test provider holds back Phase 1 Go-Live', async () => {
    const s = tenant((t) => {
      t.guardianFactors = (t.guardianFactors ?? []).map((f) => (f.name === 'sms' ? { ...f, enabled: true } : f));
      t.guardianPhoneProvider = { provider: 'auth0' };
      t.phoneProviders = [];
    });
    const r = await run(s);
    const sms = findingsOf(r, 'mfa-sms-provider').filter((x) => x.status === 'fail');
    expect(sms.length).toBeGreaterThan(0);
    expect(sms[0]?.severity).toBe('blocker');
    expect(ms(r, 'p1.m3-go-live')?.status).toBe('not-satisfied');
  });

  it('MFA adoption is advice at Phase 1 Go-Live: no enabled factor fails the Phase 2 topic, never Phase 1', async () => {
    const s = tenant((t) => {
      t.guardianFactors = (t.guardianFactors ?? []).map((f) => ({ ...f, enabled: false }));
    });
    const r = await run(s);
    expect(r.topics.find((t) => t.id === 'b2c.p2.authentication.mfa')?.status).toBe('fail');
    const ul = r.topics.find((t) => t.id === 'b2c.p1.authentication.universal-login');
    expect(ul?.status).not.toBe('fail');
    expect(ul?.counts.fail).toBeGreaterThan(0); // shown there, as advice
    expect(ms(r, 'p1.m3-go-live')?.reasons.join()).not.toMatch(/mfa/);
  });

  it('a rule whose subject is not in use is n/a with that reason', async () => {
    const r = await run(tenant(noSocial));
    const f = findingsOf(r, 'social-own-credentials');
    expect(f.map((x) => x.status)).toEqual(['n/a']);
    expect(f[0]?.message).toMatch(/Not in use: no social connection is enabled on an application/);
  });
});

describe('no failing blocker is topic-less; every attestation id counts somewhere', () => {
  for (const fixture of ['brand-new', 'go-live-ready-b2c', 'b2b-organizations']) {
    for (const plan of ['b2c', 'b2b'] as const) {
      it(`${fixture} as ${plan} (production, social on developer keys)`, async () => {
        const r = await run(tenantFrom(fixture, (t) => {
          const g = t.connections?.find((c) => c.strategy === 'google-oauth2');
          if (g) g.options = { ...(g.options ?? {}), client_id: '', client_secret: '' };
        }), { plan, env: 'prod' });
        const orphans = r.findings.filter((f) => f.status === 'fail' && f.severity === 'blocker' && f.topicIds.length === 0);
        expect(orphans.map((f) => f.ruleId)).toEqual([]);
      });
    }
  }

  it('every special attestation the config accepts affects at least one topic or milestone in both plans', () => {
    const cat = loadCatalog();
    for (const a of SPECIAL_ATTESTATIONS) {
      for (const plan of ['b2c', 'b2b'] as const) {
        const idx = cat.plans[plan];
        const onMilestone = idx.milestones.some((m) => (m.attest as readonly string[]).includes(a));
        const onTopic = TOPIC_ATTESTATIONS[a] !== undefined && idx.topics.has(`${plan}.${TOPIC_ATTESTATIONS[a]}`);
        expect(onMilestone || onTopic, `${a} in ${plan}`).toBe(true);
      }
    }
  });

  it('a missing Go-Live attestation puts its topic at risk at Go-Live, not before', async () => {
    const r = await run(tenant(), { attestations: [] });
    const t = r.topics.find((x) => x.id === 'b2c.p1.operations.monitoring');
    expect(t?.reasons.join()).toMatch(/attestation status-subscription is missing/);
    expect(t?.goLiveAttestations).toEqual([{ id: 'status-subscription', state: 'missing' }]);
    // Asked for when the target is a Go-Live; never for Milestones 1–2.
    const goLive = await run(tenant(), { attestations: [], require: 'go-live' });
    expect(goLive.fixFirst?.attest.map((a) => a.id)).toEqual(expect.arrayContaining(['admin-mfa', 'admin-review', 'status-subscription']));
    const m1 = await run(tenant(), { attestations: [], require: 'm1-authentication' });
    expect(m1.fixFirst?.attest.map((a) => a.id)).not.toContain('admin-mfa');
    const tp = r.topics.find((x) => x.id === 'b2c.p1.architecture.tenant-provision');
    expect(tp?.reasons.join()).toMatch(/admin-mfa/);
    if (tp?.status === 'at-risk') expect(tp.beforeGoLive?.status).not.toBe('at-risk');
    const attested = await run(tenant(), {
      attestations: ['admin-mfa', 'admin-review', 'status-subscription'].map((topic) => ({ topic, tenant: '*', status: 'done' as const, owner: 'ops', date: '2026-11-01', evidence: 'https://wiki/x' })),
    });
    expect(attested.topics.find((x) => x.id === 'b2c.p1.architecture.tenant-provision')?.reasons.join()).not.toMatch(/admin-mfa/);
  });
});
