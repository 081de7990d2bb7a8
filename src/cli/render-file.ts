/**
 * `auth0-readiness report <report.json> --format <name[:path]>`: render a saved JSON report (the
 * `--format json` of an audit, single- or multi-tenant) in any format, without auditing again and
 * without the rule registry: the report carries what the reporters need (`rules`, `fixFirst`).
 * The output is what the audit wrote for that format, byte for byte.
 *
 * Bad input is a ConfigError (exit 2) with one line: no such file, not JSON, not a report of
 * this schema version (naming the first field that does not fit), or a format a multi-tenant
 * report has no renderer for.
 */
import { readFileSync, statSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { cliIo } from '../cli/io.js';
import { colorFor, parseFormatSpecs, writeAtomically } from '../output-files.js';
import { MULTI_REPORTERS, MultiReportSchema, type MultiReport } from '../multi/report.js';
import { REPORTERS, type ReporterName, type ReporterOptions } from '../report/index.js';
import { AuditReportSchema, SCHEMA_VERSION, type AuditReport } from '../report/schema.js';

/** Larger than any report an audit writes (a 10,000-application tenant is a few tens of MB). */
const MAX_REPORT_BYTES = 512 * 1024 * 1024;

export type SavedReport = { kind: 'single'; report: AuditReport } | { kind: 'multi'; report: MultiReport };

/** Validate a parsed JSON value as a report; `where` names it in messages. */
export function parseReport(raw: unknown, where: string): SavedReport {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${where}: not an auth0-readiness JSON report (expected an object)`);
  const version = (raw as { schemaVersion?: unknown }).schemaVersion;
  if (version !== SCHEMA_VERSION) {
    throw new ConfigError(
      version === undefined
        ? `${where}: not an auth0-readiness JSON report (no schemaVersion); write one with --format json`
        : `${where}: report schemaVersion ${JSON.stringify(version)}; this version reads ${SCHEMA_VERSION}`,
    );
  }
  const multi = (raw as { kind?: unknown }).kind === 'multi';
  const parsed = (multi ? MultiReportSchema : AuditReportSchema).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${where}: not an auth0-readiness ${multi ? 'multi-tenant ' : ''}JSON report (${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'invalid'})`);
  }
  // Render the file as written: the schema validates it, but its output would reorder keys, and
  // the SARIF report copies some objects as they are.
  return multi ? { kind: 'multi', report: raw as MultiReport } : { kind: 'single', report: raw as AuditReport };
}

export function readReportFile(path: string): SavedReport {
  let text: string;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new ConfigError(`${path}: not a file`);
    if (st.size > MAX_REPORT_BYTES) throw new ConfigError(`${path}: ${st.size} bytes is larger than a report may be: refused`);
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`${path}: no such file`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${path}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  return parseReport(raw, path);
}

/** Formats a saved report can be rendered in. */
export function formatsFor(saved: SavedReport): string[] {
  return saved.kind === 'multi' ? Object.keys(MULTI_REPORTERS) : Object.keys(REPORTERS);
}

/** Render a saved report in one format. */
export function renderSaved(saved: SavedReport, format: string, opts: ReporterOptions): string {
  if (format === 'csv') {
    const judged = saved.kind === 'multi' ? saved.report.tenants.some((t) => t.frameworks?.length) : !!saved.report.frameworks?.length;
    if (!judged) throw new ConfigError('--format csv lists the requirements of framework profiles, and this report judged none: audit with --framework <profile>');
  }
  if (saved.kind === 'multi') {
    if (!(format in MULTI_REPORTERS)) throw new ConfigError(`--format ${format} is not available for a multi-tenant report; use ${Object.keys(MULTI_REPORTERS).join(', ')}`);
    return MULTI_REPORTERS[format as keyof typeof MULTI_REPORTERS](saved.report, opts);
  }
  if (!(format in REPORTERS)) throw new ConfigError(`--format ${format}: unknown format; use one of ${Object.keys(REPORTERS).join(', ')}`);
  return REPORTERS[format as ReporterName](saved.report, opts);
}

/** Read a saved report and render it in one format. */
export function renderReportFile(path: string, format: string, opts: ReporterOptions): string {
  return renderSaved(readReportFile(path), format, opts);
}

export interface ReportCommandFlags {
  format: string[];
  output?: string;
  color?: boolean;
  verbose?: boolean;
}

/**
 * The `report` command: read, validate, render every `--format name[:path]` (default console),
 * then write (a failing renderer leaves no file half-written). Exit 0; bad input throws (exit 2).
 */
export function runReportCommand(file: string, flags: ReportCommandFlags, stdout: NodeJS.WritableStream & { isTTY?: boolean } = cliIo().stdout): number {
  const saved = readReportFile(file);
  const names = formatsFor(saved);
  const outs = parseFormatSpecs(flags.format, flags.output, names, (v, name) =>
    `--format ${v}: ${saved.kind === 'multi' ? 'not available for a multi-tenant report' : `unknown format ${name}`}; use one of ${names.join(', ')}`,
  );
  const color = colorFor(flags.color, stdout);
  const rendered = outs.map((o) => ({ ...o, text: renderSaved(saved, o.name, { color: o.path ? false : color, verbose: !!flags.verbose }) }));
  for (const o of rendered) {
    if (o.path) writeAtomically(o.path, o.text);
    else stdout.write(o.text);
  }
  return 0;
}
