/**
 * A multi-tenant run: each tenant collected concurrently (each has its own rate limit), audited
 * with its own `env` and alias, then the cross-tenant checks over the set. A tenant that cannot be
 * read does not stop the others: it is reported (X-01 fails, the gate fails).
 */
import { audit, takeSnapshot, type AuditOptions, type SourceOptions } from '../run.js';
import type { Environment } from '../engine/status.js';
import type { AddOn, Subscription } from '../engine/context.js';
import { crossTenantChecks, type TenantRun } from './cross-tenant.js';
import { buildMultiReport, type MultiReport } from './report.js';

export interface TenantSpec {
  alias: string;
  env: Environment;
  subscription?: Subscription;
  addOns?: readonly AddOn[];
  domain: string;
  source: SourceOptions;
}

export async function auditTenants(
  tenants: readonly TenantSpec[],
  common: Omit<AuditOptions, 'source' | 'env' | 'tenantAlias' | 'envSource' | 'subscription' | 'addOns'>,
  opts: { driftIgnore?: readonly string[]; shard?: NonNullable<MultiReport['shard']> } = {},
): Promise<{ report: MultiReport; runs: TenantRun[] }> {
  const runs = await Promise.all(
    tenants.map(async (t): Promise<TenantRun> => {
      try {
        const snapshot = await takeSnapshot({ ...common, source: t.source });
        const report = await audit({
          ...common,
          source: { kind: 'snapshot', snapshot },
          env: t.env,
          envSource: 'config',
          ...(t.subscription ? { subscription: t.subscription } : {}),
          ...(t.addOns ? { addOns: t.addOns } : {}),
          tenantAlias: t.alias,
        });
        report.tenant.alias = t.alias;
        return { alias: t.alias, env: t.env, domain: t.domain, snapshot, report };
      } catch (e) {
        return { alias: t.alias, env: t.env, domain: t.domain, error: e instanceof Error ? e.message : String(e) };
      }
    }),
  );
  // A shard sees only its slice of the fleet: cross-tenant checks over it would be wrong, so
  // they are left to `merge`, which runs them over every shard's facts.
  const cross = opts.shard ? { findings: [] } : crossTenantChecks(runs, opts);
  return {
    report: buildMultiReport(runs, cross, { failOn: common.failOn ?? 'blocker', ...(common.now ? { now: common.now() } : {}), ...(opts.shard ? { shard: opts.shard } : {}) }),
    runs,
  };
}
