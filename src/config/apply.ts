/**
 * Waivers and attestations from config, resolved against the clock (`now`) and the tenant.
 * Pure functions: the run applies them to findings and hands attestations to aggregation.
 */
import type { Finding } from '../engine/evaluate.js';
import type { Attestation, Waiver } from './schema.js';

export type AttestationStateName = 'current' | 'expired' | 'no-evidence' | 'not-applicable' | 'in-progress';

export interface AttestationState {
  id: string;
  state: AttestationStateName;
  owner: string;
  date: string;
  expires: string;
  evidence?: string;
}

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** One state per attested id: the tenant's own attestation wins over `*`, then the latest date. */
export function resolveAttestations(
  list: readonly Attestation[],
  opts: { now: Date; tenant?: string; maxAgeDays?: number },
): Map<string, AttestationState> {
  const maxAge = (opts.maxAgeDays ?? 90) * 86_400_000;
  const today = day(opts.now.toISOString().slice(0, 10));
  const chosen = new Map<string, Attestation>();
  for (const a of list) {
    if (a.tenant !== '*' && a.tenant !== opts.tenant) continue;
    const prev = chosen.get(a.topic);
    const better = !prev || (prev.tenant === '*' && a.tenant !== '*') || (prev.tenant === a.tenant && a.date > prev.date);
    if (better) chosen.set(a.topic, a);
  }
  const out = new Map<string, AttestationState>();
  for (const [id, a] of chosen) {
    const expires = a.expires ?? isoDay(day(a.date) + maxAge);
    const state: AttestationStateName =
      a.status === 'not-applicable'
        ? 'not-applicable'
        : a.status === 'in-progress'
          ? 'in-progress'
          : day(expires) < today
            ? 'expired'
            : !a.evidence
              ? 'no-evidence'
              : 'current';
    out.set(id, { id, state, owner: a.owner, date: a.date, expires, ...(a.evidence ? { evidence: a.evidence } : {}) });
  }
  return out;
}

export interface WaiverState {
  rule: string;
  resource?: string;
  reason: string;
  expires: string;
  owner?: string;
  state: 'active' | 'expired';
  /** Failing findings it matched (waived when active, still failing when expired). */
  matched: number;
}

/**
 * Waive failing findings that an active waiver covers. An expired waiver stops counting and is
 * reported; waived findings stay in the report with status `waived` and the waiver's reason.
 */
export function applyWaivers(
  findings: readonly Finding[],
  waivers: readonly Waiver[],
  opts: { now: Date; tenant?: string },
): { findings: Finding[]; waivers: WaiverState[] } {
  const today = day(opts.now.toISOString().slice(0, 10));
  const states: WaiverState[] = waivers
    .filter((w) => !w.tenant || w.tenant === opts.tenant)
    .map((w) => ({
      rule: w.rule,
      ...(w.resource ? { resource: w.resource } : {}),
      reason: w.reason,
      expires: w.expires,
      ...(w.owner ? { owner: w.owner } : {}),
      state: day(w.expires) < today ? 'expired' : 'active',
      matched: 0,
    }));
  const out = findings.map((f) => {
    if (f.status !== 'fail') return f;
    const w = states.find((s) => s.rule === f.ruleId && (!s.resource || s.resource === f.resource?.id || s.resource === f.resource?.name));
    if (!w) return f;
    w.matched++;
    if (w.state === 'expired') return f;
    return { ...f, status: 'waived' as const, waiver: { reason: w.reason, expires: w.expires, ...(w.owner ? { owner: w.owner } : {}) } };
  });
  return { findings: out, waivers: states };
}
