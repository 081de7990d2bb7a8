/** What every command shares for its output: the stderr logger, whole-file writes, `--format`. */
import { writeFileSync, renameSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pino, type Logger } from 'pino';
import { REPORTER_NAMES, type ReporterName } from '../report/names.js';
import { UsageError } from '../errors.js';
import { TOOL } from '../version.js';

export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: { tool: TOOL.name },
      // Belt and braces: nothing we log carries these, and if it ever did they are censored.
      redact: { paths: ['token', 'clientSecret', 'client_secret', 'authorization', '*.token', '*.clientSecret', '*.authorization'], censor: '[REDACTED]' },
    },
    pino.destination(2),
  );
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
