/** What every command shares for its output: the stderr logger, whole-file writes, `--format`. */
import { pino, type Logger } from 'pino';
import { REPORTER_NAMES, type ReporterName } from '../report/names.js';
import { colorFor, parseFormatSpecs, writeAtomically, type FormatSpec } from '../output-files.js';
import { TOOL } from '../version.js';

import type { LogFormat } from './log-format.js';
import { cliIo } from './io.js';

export type { LogFormat };

const LEVEL_NAMES: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const OMIT = new Set(['level', 'time', 'tool', 'msg', 'pid', 'hostname']);

function fact(v: unknown): string {
  if (typeof v === 'string') return /[\s"=]/.test(v) ? JSON.stringify(v) : v;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  return JSON.stringify(v);
}

/** One pino JSON line as one readable line: `auth0-readiness warn: retrying path=/api/v2/clients reason="HTTP 429"`. */
export function formatLogLine(line: string): string {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const level = LEVEL_NAMES[Number(o.level)] ?? String(o.level);
  const facts = Object.entries(o)
    .filter(([k]) => !OMIT.has(k))
    .map(([k, v]) => `${k}=${fact(v)}`);
  return `${TOOL.name} ${level}: ${typeof o.msg === 'string' ? o.msg : ''}${facts.length ? ` (${facts.join(', ')})` : ''}\n`;
}

/**
 * The stderr logger. `text` (the default): one readable line per event; `json`: pino's JSON lines,
 * for log collectors. Reports never go here: stdout is the report's alone.
 */
export function createLogger(level: string, format: LogFormat = 'text'): Logger {
  const options = {
    level,
    base: { tool: TOOL.name },
    // Belt and braces: nothing we log carries these, and if it ever did they are censored.
    redact: { paths: ['token', 'clientSecret', 'client_secret', 'authorization', '*.token', '*.clientSecret', '*.authorization'], censor: '[REDACTED]' },
  };
  const { stderr } = cliIo();
  if (format === 'json') return pino(options, stderr === process.stderr ? pino.destination(2) : { write: (line: string) => void stderr.write(line) });
  return pino(options, { write: (line: string) => void stderr.write(formatLogLine(line)) });
}

export { colorFor, writeAtomically };

/** `--format name[:path]` of `audit`: every report format. */
export function parseFormats(values: string[], output: string | undefined): FormatSpec<ReporterName>[] {
  return parseFormatSpecs(values, output, REPORTER_NAMES, (v, name) => `--format ${v}: unknown format ${name}; use one of ${REPORTER_NAMES.join(', ')}`);
}
