/**
 * Checks outside a source's reach: a finding left `unknown` only because the source can never hold
 * what the check needs (a Deploy CLI export holds no signing keys, logs or users; see
 * src/sources/reach.ts). Such a check is not a read failure: no export could ever answer it, so
 * failing the gate on it would make an offline gate impossible without making it any safer. It is
 * listed as "needs a live audit" instead, and never makes a topic, a milestone or the gate unknown.
 *
 * A finding that also lacks something the source COULD hold (a section this export lacks, a missing
 * scope) is an ordinary unknown: it fails closed.
 */
export interface LiveAuditCandidate {
  status: string;
  missing?: readonly { reason: string }[] | undefined;
}

export function needsLiveAudit(f: LiveAuditCandidate): boolean {
  return f.status === 'unknown' && !!f.missing?.length && f.missing.every((m) => m.reason === 'out-of-reach');
}
