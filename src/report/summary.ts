/**
 * The job summary of a CI run (the GitHub Action's `$GITHUB_STEP_SUMMARY`, a pull-request
 * comment): short by design. The verdict; with a baseline, what this change did ("This change:
 * N new failures, M fixed") and each of those; what the result relies on (never cut); the first
 * fix-first items; then a pointer to the full reports. Tenant text is escaped as in the Markdown
 * report. A pure function of the report.
 */
import { fixFirstOf } from './fix-first.js';
import { gateReasonLines, locationText, resourceName } from './common.js';
import { mdText, reliesOnSection } from './markdown.js';
import type { AuditReport, BaselineComparison } from './schema.js';
import { headline, verdictOf, type Tone } from './verdict.js';
import { coverageText, frameworkTitle, resultText } from './frameworks.js';

/** Fix-first items the summary lists before pointing at the full report. */
export const SUMMARY_ITEMS = 10;
/** Changes listed one by one before "… and N more". */
const CHANGES_SHOWN = 25;

const TONE_MARK: Record<Tone, string> = { good: '✅', risk: '⚠️', bad: '❌', unknown: '❔' };

/** What a baseline comparison says about a change: new failures and fixes, counted and listed. */
export function changeOf(b: BaselineComparison): { newFailures: BaselineComparison['findings']; fixed: BaselineComparison['findings'] } {
  return {
    newFailures: b.findings.filter((f) => f.worse && (f.after?.status === 'fail' || f.after?.status === 'error')),
    fixed: b.findings.filter((f) => f.change === 'fixed'),
  };
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function renderSummary(report: AuditReport, opts: { fullReport?: string } = {}): string {
  const v = headline(verdictOf(report));
  const fix = fixFirstOf(report);
  const out: string[] = [`## ${TONE_MARK[v.tone]} Auth0 readiness: ${mdText(report.tenant.domain, 200)}`, ''];
  const changes: string[] = [];
  if (report.baseline) {
    const { newFailures, fixed } = changeOf(report.baseline);
    out.push(`### This change: ${plural(newFailures.length, 'new failure')}, ${fixed.length} fixed`, '');
    const line = (f: BaselineComparison['findings'][number], mark: string) =>
      `- ${mark} ${mdText(f.message, 300)}${f.resource ? ` — ${mdText(f.resource.type, 60)} **${mdText(resourceName(f.resource), 120)}**` : ''} (\`${f.ruleId}\`)`;
    const all = [...newFailures.map((f) => line(f, f.after?.severity === 'blocker' ? '❌ new:' : '🔺 new:')), ...fixed.map((f) => line(f, '✅ fixed:'))];
    changes.push(...all.slice(0, CHANGES_SHOWN));
    if (all.length > CHANGES_SHOWN) changes.push(`- … and ${all.length - CHANGES_SHOWN} more (full report)`);
    changes.push('', `_Compared with ${mdText(report.baseline.path ?? 'the baseline report', 200)} (generated ${mdText(report.baseline.generatedAt, 40)})._`, '');
  }
  // The verdict and what it relies on come before any list, so they are on the first screen.
  out.push(`**${TONE_MARK[v.tone]} ${mdText(v.text, 400)}**`, '');
  const reasons = gateReasonLines(report);
  if (reasons.length) out.push(...reasons.map((r) => `> ${mdText(r, 600)}`), '');
  out.push(...reliesOnSection(report));
  out.push(...changes);
  if (fix.items.length) {
    out.push(`**Fix first** (${Math.min(SUMMARY_ITEMS, fix.items.length)} of ${fix.items.length}${fix.target ? `, on the way to ${mdText(fix.target.title, 200)}` : ''}):`, '');
    fix.items.slice(0, SUMMARY_ITEMS).forEach((i, n) => {
      const names = i.count > 1 ? ` (${i.resources.map((r) => mdText(resourceName(r), 80)).join(', ')}${i.count > i.resources.length ? ` and ${i.count - i.resources.length} more` : ''})` : i.resources[0] ? ` — ${mdText(resourceName(i.resources[0]), 120)}` : '';
      const where = i.location ? ` · \`${locationText(report, i.location).replace(/`/g, "'")}\`` : '';
      out.push(`${n + 1}. ${i.severity}: ${mdText(i.summary ?? i.message, 300)}${names} (\`${i.ruleId}\`)${where}`);
    });
    out.push('');
  }
  // Framework views: one line each, the coverage beside the result (never "compliant").
  for (const fr of report.frameworks ?? []) {
    const failing = fr.requirements.filter((r) => r.status === 'fail').map((r) => r.id);
    out.push(
      `**${mdText(frameworkTitle(fr), 200)}** (\`${fr.id}\`): ${mdText(resultText(fr))}; ${mdText(coverageText(fr.coverage))}${failing.length ? `. Failing: ${failing.slice(0, 12).map((id) => mdText(id, 40)).join(', ')}${failing.length > 12 ? ', …' : ''}` : ''}.`,
      '',
    );
  }
  if (fix.attest.length) out.push(`**Attest for ${mdText(fix.target?.title ?? 'the target', 200)}**: ${fix.attest.map((a) => mdText(a.title, 120)).join(', ')}`, '');
  out.push(`<sub>The full report (every topic, finding and fix) is in ${opts.fullReport ? mdText(opts.fullReport, 200) : 'the Markdown, HTML and JSON reports'}.</sub>`, '');
  return out.join('\n');
}
