/**
 * Framework results in words, shared by every format: coverage beside the result, never
 * "compliant" (src/frameworks/evaluate.ts judges; this module only words).
 */
import type { FrameworkResult } from './schema.js';

/** "N of M requirements checked automatically, K need an attestation (P partly checked), O out of scope." */
export function coverageText(c: FrameworkResult['coverage']): string {
  const attest = c.partial + c.manual;
  return [
    `${c.automated} of ${c.requirements} requirements checked automatically`,
    `${attest} need an attestation${c.partial ? ` (${c.partial} of them partly checked)` : ''}`,
    ...(c.outOfScope ? [`${c.outOfScope} out of scope for a configuration audit`] : []),
  ].join(', ');
}

/**
 * "8 of 13 judged requirements pass (62%); 5 fail, 1 could not be judged; 59 await an
 * attestation, 17 n/a" — the pass rate over what configuration could judge, never "compliant".
 */
export function resultText(fr: FrameworkResult): string {
  const s = fr.summary;
  const judged = s.pass + s.fail + s.unknown + (s.waived ?? 0);
  const rate = judged ? ` (${Math.round((100 * s.pass) / judged)}%)` : '';
  return [
    `${s.pass} of ${judged} judged requirement${judged === 1 ? '' : 's'} pass${rate}`,
    [`${s.fail} fail`, ...(s.unknown ? [`${s.unknown} could not be judged`] : []), ...(s.waived ? [`${s.waived} waived`] : [])].join(', '),
    [`${s.manual} await an attestation`, ...(s['n/a'] ? [`${s['n/a']} n/a`] : [])].join(', '),
  ].join('; ');
}

/** The profile's automated requirements that fail or could not be judged: what `--require-framework` refuses. */
export function frameworkGateFailures(fr: FrameworkResult): { failing: string[]; unknown: string[] } {
  return {
    failing: fr.requirements.filter((r) => r.status === 'fail').map((r) => r.id),
    unknown: fr.requirements.filter((r) => r.status === 'unknown').map((r) => r.id),
  };
}
