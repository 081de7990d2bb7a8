/** What every command shares for its output: the stderr logger, whole-file writes, `--format`. */
import { writeFileSync, renameSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pino, type Logger } from 'pino';
import { REPORTER_NAMES, type ReporterName } from '../report/names.js';
import { UsageError } from '../errors.js';
import { TOOL } from '../version.js';

import type { LogFormat } from './log-format.js';

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
  if (format === 'json') return pino(options, pino.destination(2));
  return pino(options, { write: (line: string) => void process.stderr.write(formatLogLine(line)) });
}

/** Write a file whole or not at all: a temporary file renamed into place. */
export function writeAtomically(path: string, text: string): void {
  const full = resolve(path);
  mkdirSync(dirname(full), { recursive: true });
  const tmp = `${full}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, full);
}

/** Colour on stdout: the flag, else a terminal without NO_COLOR. */
export function colorFor(flag: boolean | undefined): boolean {
  return flag ?? (!!process.stdout.isTTY && !('NO_COLOR' in process.env && process.env.NO_COLOR !== ''));
}

/** `--format name[:path]`, repeatable; at most one format goes to stdout. */
export function parseFormats(values: string[], output: string | undefined): { name: ReporterName; path?: string }[] {
  const list = values.length ? values : ['console'];
  const outs = list.map((v) => {
    const i = v.indexOf(':');
    const name = i < 0 ? v : v.slice(0, i);
    const path = i < 0 ? undefined : v.slice(i + 1);
    if (!(REPORTER_NAMES as readonly string[]).includes(name)) throw new UsageError(`--format ${v}: unknown format ${name}; use one of ${REPORTER_NAMES.join(', ')}`);
    if (path === '') throw new UsageError(`--format ${v}: give a file after the colon, or no colon for stdout`);
    return { name: name as ReporterName, ...(path ? { path } : {}) };
  });
  if (output) {
    const toStdout = outs.filter((o) => !o.path);
    if (toStdout.length !== 1) throw new UsageError('--output needs exactly one --format without a path');
    (toStdout[0] as { path?: string }).path = output;
  }
  if (outs.filter((o) => !o.path).length > 1) throw new UsageError('only one --format can go to stdout; give the others a path (--format junit:readiness.xml)');
  return outs;
}
