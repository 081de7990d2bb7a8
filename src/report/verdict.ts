/**
 * The verdict: computed once from the report (after the gate, and again when a baseline decides
 * the gate), carried in it (`report.verdict`) and printed first, in the same words, by every
 * format. Exit 3 (something could not be read) is never "passed".
 */
import { fixFirstOf } from './fix-first.js';
import type { AuditReport, Verdict, VerdictOutcome } from './schema.js';

const READY = new Set(['satisfied', 'satisfied-with-risks']);

/** The verdict of one tenant's report (its gate already decided). */
export function computeVerdict(report: AuditReport, opts: { regressionOnly?: boolean } = {}): Verdict {
  const fix = fixFirstOf(report);
  const t = fix.target;
  const regressionOnly = !!opts.regressionOnly;
  const outcome: VerdictOutcome = regressionOnly
    ? report.gate.passed
      ? 'no-regression'
      : 'regressed'
    : !report.gate.passed
      ? 'failed'
      : t?.status === 'satisfied-with-risks'
        ? 'passed-with-risks'
        : 'passed';
  return {
    outcome,
    exitCode: report.gate.passed ? 0 : 1,
    regressionOnly,
    // An unknown target counts as ready only when the gate accepted the unknowns and passed.
    ...(t ? { target: { id: t.id, title: t.title, status: t.status, required: t.required, ready: READY.has(t.status) || (t.status === 'unknown' && !!report.gate.allowUnknown && report.gate.passed) } } : {}),
    allSatisfied: !t,
    blockers: fix.items.filter((i) => i.blocksTarget).length,
    attestationsMissing: fix.attest.length,
    ...frameworksNotMetOf(report),
  };
}

/** The required framework profiles the gate found not met (`--require-framework`). */
function frameworksNotMetOf(report: AuditReport): Pick<Verdict, 'frameworksNotMet'> {
  const list = (report.gate.details ?? []).flatMap((d) =>
    d.id === 'framework-not-met' ? [{ id: d.framework, failing: d.failing, unknown: d.unknown }] : d.id === 'framework-missing' ? [{ id: d.framework, failing: [], unknown: [] }] : [],
  );
  return list.length ? { frameworksNotMet: list } : {};
}

/** The report's verdict; computed for a report saved before it was carried. */
export function verdictOf(report: AuditReport): Verdict {
  return report.verdict ?? computeVerdict(report, { regressionOnly: !!report.gate.details?.some((d) => d.id === 'regressions') });
}

export type Tone = 'good' | 'risk' | 'bad' | 'unknown';

/** The headline's parts, worded: a mark, its tone, what the gate says, and readiness for the target. */
export interface Headline {
  mark: '✔' | '◐' | '✘' | '?';
  tone: Tone;
  /** `Gate passed`, `No regression since the baseline`, `Could not read qa: no verdict`, … */
  gate: string;
  /** `ready for Phase 1 · Go-Live`, `not ready for …: 2 findings to fix first`, … */
  readiness: string;
  /** Both, one sentence: what every format prints first. */
  text: string;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * `fleet`: one tenant's section of a fleet report. Only the fleet has a gate (and an exit code);
 * a tenant meets or fails it, so a fleet that could not read a tenant never shows "passed".
 */
export function headline(v: Verdict, opts: { fleet?: boolean } = {}): Headline {
  const [mark, tone, gate]: [Headline['mark'], Tone, string] = (() => {
    switch (v.outcome) {
      case 'passed':
        return ['✔', 'good', opts.fleet ? 'Meets the gate' : 'Gate passed'];
      case 'passed-with-risks':
        return ['◐', 'risk', opts.fleet ? 'Meets the gate, with risks' : 'Gate passed, with risks'];
      case 'failed':
        return ['✘', 'bad', opts.fleet ? 'Fails the gate' : 'Gate failed'];
      case 'no-regression':
        return ['✔', 'good', 'No regression since the baseline'];
      case 'regressed':
        return ['✘', 'bad', 'Regressed since the baseline'];
      case 'could-not-read':
        return ['?', 'unknown', `Could not read ${v.unread?.length ? v.unread.join(', ') : 'the tenant'}: no verdict (exit 3)`];
    }
  })();
  let readiness: string;
  const t = v.target;
  if (!t) readiness = 'every milestone up to Go-Live is satisfied';
  else if (t.status === 'satisfied') readiness = `ready for ${t.title}`;
  else if (t.status === 'satisfied-with-risks') readiness = `ready for ${t.title}, with risks`;
  else if (t.ready) readiness = `ready for ${t.title}, with the checks that could not be evaluated accepted`;
  else {
    const what = [v.blockers ? `${plural(v.blockers, 'finding')} to fix first` : '', v.attestationsMissing ? `${plural(v.attestationsMissing, 'attestation')} missing` : '']
      .filter(Boolean)
      .join(', ');
    readiness = t.status === 'unknown' ? `not known to be ready for ${t.title}: some checks could not be evaluated${what ? `; ${what}` : ''}` : `not ready for ${t.title}${what ? `: ${what}` : ''}`;
  }
  // A required framework profile the gate found not met: said in the same sentence, so the
  // headline never reads as ready while the gate fails on the framework alone.
  const fw = (v.frameworksNotMet ?? []).map((f) => {
    const what = [f.failing.length ? `${plural(f.failing.length, 'requirement')} ${f.failing.length === 1 ? 'fails' : 'fail'}` : '', f.unknown.length ? `${f.unknown.length} could not be judged` : ''].filter(Boolean).join(', ');
    return `framework profile ${f.id} is not met${what ? ` (${what})` : ' (not judged)'}`;
  });
  if (fw.length) readiness = `${readiness}${t && !t.ready ? '; and' : ', but'} ${fw.join('; ')}`;
  return { mark, tone, gate, readiness, text: `${gate} — ${readiness}.` };
}
