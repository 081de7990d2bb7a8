/**
 * Framework results in words, shared by every format: coverage beside the result, never
 * "compliant" (src/frameworks/evaluate.ts judges; this module only words).
 */
import type { FrameworkResult } from './schema.js';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "OWASP … Standard 5.0.0 — Level 2", "NIST SP 800-63B-4: … (final, July 2025) — AAL2". */
export function frameworkTitle(fr: { name: string; version: string; profile?: { name: string } }): string {
  const version = /^v?\d/.test(fr.version) ? ` ${fr.version}` : ` (${fr.version})`;
  return `${fr.name}${version}${fr.profile ? ` — ${fr.profile.name}` : ''}`;
}

/** "N of M requirements checked automatically, K need an attestation (P partly checked), O out of scope." */
export function coverageText(c: FrameworkResult['coverage']): string {
  const attest = c.partial + c.manual;
  return [
    `${c.automated} of ${plural(c.requirements, 'requirement')} checked automatically`,
    `${attest} ${attest === 1 ? 'needs' : 'need'} an attestation${c.partial ? ` (${c.partial} of them partly checked)` : ''}`,
    ...(c.outOfScope ? [`${c.outOfScope} out of scope for a configuration audit`] : []),
  ].join(', ');
}

/**
 * "8 of 13 judged requirements pass (62%); 5 fail, 1 could not be judged; 57 await an
 * attestation, 2 attested, 17 n/a" — the pass rate over what configuration could judge, never
 * "compliant". A manual requirement whose attestation is current is counted as attested.
 */
export function resultText(fr: FrameworkResult): string {
  const s = fr.summary;
  const judged = s.pass + s.fail + s.unknown + (s.waived ?? 0);
  const attested = fr.requirements.filter((r) => r.status === 'manual' && r.attestation?.met).length;
  const awaiting = s.manual - attested;
  const parts = [
    judged ? `${s.pass} of ${plural(judged, 'judged requirement')} ${s.pass === 1 && judged === 1 ? 'passes' : 'pass'} (${Math.round((100 * s.pass) / judged)}%)` : 'no requirement could be judged from configuration',
    [...(judged ? [`${s.fail} fail`] : []), ...(s.unknown ? [`${s.unknown} could not be judged`] : []), ...(s.waived ? [`${s.waived} waived`] : [])].join(', '),
    [`${awaiting} ${awaiting === 1 ? 'awaits' : 'await'} an attestation`, ...(attested ? [`${attested} attested`] : []), ...(s['n/a'] ? [`${s['n/a']} n/a`] : [])].join(', '),
  ];
  return parts.filter(Boolean).join('; ');
}

/** The profile's automated requirements that fail or could not be judged: what `--require-framework` refuses. */
export function frameworkGateFailures(fr: FrameworkResult): { failing: string[]; unknown: string[] } {
  return {
    failing: fr.requirements.filter((r) => r.status === 'fail').map((r) => r.id),
    unknown: fr.requirements.filter((r) => r.status === 'unknown').map((r) => r.id),
  };
}
