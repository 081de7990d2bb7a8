/**
 * The identity of a finding across runs: rule id, resource type and id, field (and, when given,
 * the tenant). Never the status, severity or message id, so the failure and the pass that
 * replaced it share one key: a fix is "fixed", not "new" plus "fixed". Used by the `--baseline`
 * comparison and by the run history.
 */
import type { ReportFinding } from './schema.js';

type Keyed = Pick<ReportFinding, 'ruleId' | 'resource' | 'field'>;

/** One finding's key: `rule|type|id|field`, then `|tenant` when a tenant is given. */
export function findingKey(f: Keyed, tenant?: string, ruleId = f.ruleId): string {
  const key = `${ruleId}|${f.resource?.type ?? ''}|${f.resource?.id ?? ''}|${f.field ?? ''}`;
  return tenant === undefined ? key : `${key}|${tenant}`;
}

/**
 * Keys of a report's findings, in order. A rule may report one resource and field more than once:
 * the second and later get an occurrence number (`#2`), in report order, which the engine keeps
 * stable for the same configuration.
 */
export function findingKeys<F extends Keyed>(findings: readonly F[], tenant?: string, idOf: (f: F) => string = (f) => f.ruleId): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const key = findingKey(f, tenant, idOf(f));
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n > 1 ? `${key}#${n}` : key;
  });
}

/** The rule, resource and field a key (without tenant) names. */
export function parseFindingKey(key: string): { ruleId: string; resource?: { type: string; id: string }; field?: string } {
  const [ruleId = '', type = '', id = '', rest = ''] = key.split('|');
  const field = rest.replace(/#\d+$/, '');
  return { ruleId, ...(type || id ? { resource: { type, id } } : {}), ...(field ? { field } : {}) };
}
