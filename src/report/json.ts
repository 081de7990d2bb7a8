import type { AuditReport } from './schema.js';

/** The canonical report, as pretty JSON. */
export function renderJson(report: AuditReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
