/** Reports for the history tests: the go-live-ready tenant, night after night, with changes. */
import { loadCatalog } from '../../src/catalog/index.js';
import { SPECIAL_ATTESTATIONS } from '../../src/catalog/schema.js';
import { audit } from '../../src/run.js';
import type { Waiver } from '../../src/config/schema.js';
import type { AuditReport } from '../../src/report/schema.js';
import { tenantFrom, type Mutator } from '../support/tenant.js';

export const NIGHT0 = Date.parse('2026-11-01T02:00:00Z');
export const nightAt = (n: number) => new Date(NIGHT0 + n * 86_400_000);

/** Breached-password detection turned off: a blocker that fails in prod. */
export const breachedOff: Mutator = (t) => {
  t.breachedPasswordDetection = { ...(t.breachedPasswordDetection ?? {}), enabled: false } as typeof t.breachedPasswordDetection;
};

export async function nightly(n: number, alias: string, ...changes: Mutator[]): Promise<AuditReport> {
  return nightlyOf('go-live-ready-b2c', n, alias, ...changes);
}

/** One night of a tenant read from a bundled fixture, with changes. */
export async function nightlyOf(
  source: string | { fixture: string; attested?: ReadonlySet<string>; waivers?: Waiver[] },
  n: number,
  alias: string,
  ...changes: Mutator[]
): Promise<AuditReport> {
  const { fixture, attested, waivers } = typeof source === 'string' ? { fixture: source, attested: undefined, waivers: undefined } : source;
  const report = await audit({
    source: { kind: 'snapshot', snapshot: tenantFrom(fixture, ...changes) },
    env: 'prod',
    now: () => nightAt(n),
    ...(attested ? { attested } : {}),
    ...(waivers ? { waivers } : {}),
  });
  report.tenant.alias = alias;
  report.generatedAt = nightAt(n).toISOString();
  return report;
}

/** Every topic only a person can attest (evidence other than A) and special attestation of the B2C plan, as if attested. */
export const ATTESTED_B2C: ReadonlySet<string> = new Set([
  ...[...loadCatalog().plans.b2c.topics.values()].filter((t) => t.evidence !== 'A').map((t) => t.id),
  ...SPECIAL_ATTESTATIONS,
]);
