/**
 * Finding identities across runs.
 *
 * `findingKey`: a finding's rule and the resource it is about. Neither its status nor its message
 * id nor the field it names is part of it, so the passing finding that replaces a failure has the
 * failure's key: fixing one thing is one "fixed", not one "new" and one "fixed" (the `--baseline`
 * comparison keeps the worst finding per key).
 *
 * `stateKeys`: the run history's key of every finding of a report — rule, resource and field, with
 * an occurrence number for repeats — so each finding has exactly one state per run. Never the
 * status, severity or message id either.
 */
import type { ReportFinding } from './schema.js';

export function findingKey(f: { ruleId: string; resource?: { type: string; id: string } | undefined }): string {
  return [f.ruleId, f.resource?.type ?? '', f.resource?.id ?? ''].join('|');
}

type Keyed = Pick<ReportFinding, 'ruleId' | 'resource' | 'field'>;

/** One finding's history key: `rule|type|id|field`, then `|tenant` when a tenant is given. */
export function stateKey(f: Keyed, tenant?: string, ruleId = f.ruleId): string {
  const key = `${ruleId}|${f.resource?.type ?? ''}|${f.resource?.id ?? ''}|${f.field ?? ''}`;
  return tenant === undefined ? key : `${key}|${tenant}`;
}

/**
 * History keys of a report's findings, in order. A rule may report one resource and field more
 * than once: the second and later get an occurrence number (`#2`), in report order, which the
 * engine keeps stable for the same configuration.
 */
export function stateKeys<F extends Keyed>(findings: readonly F[], tenant?: string, idOf: (f: F) => string = (f) => f.ruleId): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const key = stateKey(f, tenant, idOf(f));
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n > 1 ? `${key}#${n}` : key;
  });
}

/** The rule, resource and field a history key (without tenant) names. */
export function parseStateKey(key: string): { ruleId: string; resource?: { type: string; id: string }; field?: string } {
  const [ruleId = '', type = '', id = '', rest = ''] = key.split('|');
  const field = rest.replace(/#\d+$/, '');
  return { ruleId, ...(type || id ? { resource: { type, id } } : {}), ...(field ? { field } : {}) };
}
