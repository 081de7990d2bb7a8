/** Reporters by name: each a pure `(report, options) => string`. */
import { renderConsole } from './console.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import type { AuditReport } from './schema.js';
import { REPORTER_NAMES, type ReporterName } from './names.js';

export { REPORTER_NAMES, type ReporterName };

export interface ReporterOptions {
  color: boolean;
  verbose: boolean;
}

export const REPORTERS = {
  console: (r: AuditReport, o: ReporterOptions) => renderConsole(r, o),
  json: (r: AuditReport) => renderJson(r),
  junit: (r: AuditReport) => renderJunit(r),
  sarif: (r: AuditReport) => renderSarif(r),
  markdown: (r: AuditReport) => renderMarkdown(r),
  html: (r: AuditReport) => renderHtml(r),
  csv: (r: AuditReport) => renderCsv(r),
} as const satisfies Record<ReporterName, (r: AuditReport, o: ReporterOptions) => string>;

