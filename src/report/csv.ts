/**
 * The `csv` format: one row per requirement of every judged framework profile, for auditors who
 * work in spreadsheets (RFC 4180, via csv-stringify). Cells that a spreadsheet would run as a
 * formula (starting with = + - @, tab or CR) are prefixed with an apostrophe (OWASP's advice on
 * CSV injection): tenant values reach the messages.
 */
import { stringify } from 'csv-stringify/sync';
import type { AuditReport } from './schema.js';

export const CSV_COLUMNS = [
  'tenant',
  'framework',
  'version',
  'profile',
  'requirement',
  'section',
  'title',
  'applies_to',
  'status',
  'judged_by',
  'reason',
  'rules',
  'failing_findings',
  'attestation',
  'attestation_state',
  'note',
  'refs',
] as const;

/** Neutralise a cell a spreadsheet would evaluate. */
export function csvCell(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export function renderCsv(report: AuditReport): string {
  return renderCsvOf([report]);
}

/** The rows of several tenants' reports in one file (a fleet run): the tenant column tells them apart. */
export function renderCsvOf(reports: readonly AuditReport[]): string {
  const rows: string[][] = [];
  const each = reports.flatMap((report) => (report.frameworks ?? []).map((fr) => ({ report, fr })));
  for (const { report, fr } of each) {
    for (const r of fr.requirements) {
      let g = 0;
      const rules = r.evidence.map((e) => (e.kind === 'rule' ? `${e.id}=${e.status}` : e.kind === 'topic' ? `topic:${e.id}=${e.status}` : `guardrail${++g}=${e.status}`));
      const failing = r.evidence.flatMap((e) => (e.kind === 'guardrail' ? (e.status === 'fail' ? [e.reason] : []) : e.kind === 'rule' ? e.findings.filter((f) => f.status === 'fail').map((f) => f.message) : []));
      rows.push([
        report.tenant.alias ?? report.tenant.domain,
        fr.framework,
        fr.version,
        fr.profile.id,
        r.id,
        r.section ?? '',
        r.title,
        r.appliesTo.join(' '),
        r.status,
        r.automation,
        r.reason,
        rules.join(' '),
        failing.join(' | '),
        r.attestation?.id ?? '',
        r.attestation?.state ?? '',
        r.note ?? '',
        (r.refs ?? []).join('; '),
      ].map(csvCell));
    }
  }
  return stringify(rows, { header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows' });
}
