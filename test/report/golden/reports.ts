/**
 * Reports for the reporter tests: real audits of the bundled fixture tenants, made stable for
 * golden files — a fixed clock, a fixed tool version, and a pinned set of rules (other rules
 * land all the time; a golden file should change when a reporter changes, not when a rule is
 * added). Regenerate golden files with `npx vitest run test/report -u`.
 */
import { rules as registry } from '../../../rules/index.js';
import type { AnyRule } from '../../../src/engine/define-rule.js';
import type { AuditReport } from '../../../src/report/schema.js';
import { audit, type AuditOptions } from '../../../src/run.js';
import type { Snapshot } from '../../../src/snapshot/snapshot.js';
import { tenantFrom, unavailable } from '../../support/tenant.js';

export const NOW = new Date('2026-11-22T12:00:00.000Z');

/** Rules the golden reports run: a stable cross-section (blockers, warnings, advice, unknowns). */
export const GOLDEN_RULES = [
  'attack-protection-bot-detection',
  'attack-protection-breached-password',
  'custom-domain-ready',
  'database-brute-force-protection',
  'email-provider-configured',
  'email-templates-customized',
  'error-page-custom',
  'log-stream-active',
  'mfa-factor-enabled',
  'mfa-policy-enforced',
  'tenant-settings-readable',
  'universal-login-branding',
] as const;

export function goldenRules(): AnyRule[] {
  const byId = new Map(registry.map((r) => [r.id, r]));
  return GOLDEN_RULES.map((id) => {
    const r = byId.get(id);
    if (!r) throw new Error(`golden rule ${id} is not in rules/index.ts: update GOLDEN_RULES in test/report/golden/reports.ts`);
    return r;
  });
}

export async function goldenAudit(snapshot: Snapshot, opts: Omit<AuditOptions, 'source'> = {}): Promise<AuditReport> {
  const report = await audit({ source: { kind: 'snapshot', snapshot }, rules: goldenRules(), now: () => NOW, ...opts });
  return { ...report, tool: { name: report.tool.name, version: '0.0.0-golden' } };
}

/** The brand-new tenant, gated on go-live: failing, at-risk, unknown and unverified topics. */
export function brandNewReport(): Promise<AuditReport> {
  return goldenAudit(tenantFrom('brand-new'), { require: 'go-live' });
}

/** The go-live-ready tenant, no milestone required: a passing gate. */
export function readyReport(): Promise<AuditReport> {
  return goldenAudit(tenantFrom('go-live-ready-b2c'), { failOn: 'blocker' });
}

/** The B2B tenant, on the B2B plan. */
export function b2bReport(): Promise<AuditReport> {
  return goldenAudit(tenantFrom('b2b-organizations'), { plan: 'b2b', require: 'go-live' });
}

export const HOSTILE_NAME = '<img src=x onerror=window.__pwned=1>';
export const HOSTILE_DOMAIN = '"><script>window.__pwned=2</script>.example';

/**
 * The brand-new tenant with hostile text where tenant data reaches a report: a database
 * connection whose name is markup (and fails brute-force protection, so it is named in a
 * finding), a hostile tenant domain, and a resource that could not be read.
 */
export function hostileReport(): Promise<AuditReport> {
  const snapshot = tenantFrom(
    'brand-new',
    (t) => {
      const db = t.connections?.find((c) => c.strategy === 'auth0');
      if (!db) throw new Error('brand-new has no database connection');
      db.name = HOSTILE_NAME;
      db.options = { ...(db.options ?? {}), brute_force_protection: false };
    },
    unavailable('logStreams'),
    (_, s) => {
      s.tenant.domain = HOSTILE_DOMAIN;
    },
  );
  return goldenAudit(snapshot, { require: 'go-live' });
}
