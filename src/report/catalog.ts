/** `auth0-readiness catalog`: the plan tree as text. */
import type { PlanIndex } from '../catalog/index.js';

/** What the markers of the tree mean (catalog.md §0). */
const LEGEND = [
  'Legend:',
  '  ◆ milestone  ▸ workstream  • topic  [inferred] = a Phase 2/3 milestone the guides imply but do not name',
  '  ev A  the Management API shows it directly (rules decide the topic)',
  '  ev W  a weak API signal plus an attestation in the config file',
  '  ev M  attestation only: the API cannot show it',
  '  ev X  needs more than one tenant (audit --all)',
  '  in:   when the topic is in scope · required: the milestone cannot be satisfied without it · attestation: needs a recorded attestation',
  '  checks: the catalog check ids the rules implement (`auth0-readiness explain <check-id>`)',
];

export function renderCatalog(index: PlanIndex): string {
  const out: string[] = [`${index.plan.title} (${index.plan.id})`, '', ...LEGEND];
  for (const phase of index.plan.phases) {
    out.push('', `${phase.title} — ${phase.id}${phase.requires.length ? ` (requires ${phase.requires.join(', ')})` : ''}`);
    for (const m of phase.milestones) {
      const extra = [m.outcome, m.inferred ? 'inferred' : '', m.attest.length ? `attest: ${m.attest.join(', ')}` : ''].filter(Boolean).join('; ');
      out.push(`  ◆ ${m.id}  ${m.title}  [${extra}]`);
      for (const w of phase.workstreams.filter((x) => x.milestone === m.id)) {
        out.push(`    ▸ ${w.id}  ${w.title}${w.revisitOf ? ` (revisits ${w.revisitOf})` : ''}${w.audience ? `  · ${w.audience}` : ''}`);
        for (const t of w.topics) {
          const flags = [`ev ${t.evidence}`, `in: ${t.inText}`, t.required ? 'required' : '', t.attest ? 'attestation' : ''].filter(Boolean).join('; ');
          out.push(`        • ${t.id}  ${t.title}  [${flags}]`);
          if (t.checks.length) out.push(`            checks: ${t.checks.join(', ')}`);
        }
      }
    }
  }
  const deps = index.dependencies.filter((d) => d.to !== '*' && !(d.from.endsWith('.tenant-provision') && d.kind === 'precedes'));
  out.push('', `Dependencies (${deps.length}, plus tenant-provision precedes every topic)`);
  for (const d of deps) out.push(`  ${d.from} —${d.kind}${d.when ? ` when ${d.when}` : ''}→ ${d.to}`);
  return `${out.join('\n')}\n`;
}
