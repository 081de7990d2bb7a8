/**
 * Where reports go: `--format name[:path]` parsed the same way by every command that writes
 * reports (audit, report, merge), whole-file writes, and the colour decision. No CLI or logger
 * dependencies, so the report and fleet modules can use it.
 */
import { mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './errors.js';
import { cliIo } from './cli/io.js';

export interface FormatSpec<N extends string> {
  name: N;
  path?: string;
}

/**
 * `--format name[:path]`, repeatable (default console); at most one format goes to stdout, and
 * `--output` sends that one to a file. `unknown` words the error for a name not in `allowed`;
 * `example` is the `--format` shown when two formats ask for stdout.
 */
export function parseFormatSpecs<N extends string>(
  values: readonly string[],
  output: string | undefined,
  allowed: readonly N[],
  unknown: (spec: string, name: string) => string,
  example = 'junit:readiness.xml',
): FormatSpec<N>[] {
  const outs = (values.length ? values : ['console']).map((v): FormatSpec<N> => {
    const i = v.indexOf(':');
    const name = i < 0 ? v : v.slice(0, i);
    const path = i < 0 ? undefined : v.slice(i + 1);
    if (!(allowed as readonly string[]).includes(name)) throw new UsageError(unknown(v, name));
    if (path === '') throw new UsageError(`--format ${v}: give a file after the colon, or no colon for stdout`);
    return { name: name as N, ...(path ? { path } : {}) };
  });
  const toStdout = outs.filter((o) => !o.path);
  if (output) {
    if (toStdout.length !== 1) throw new UsageError('--output needs exactly one --format without a path');
    (toStdout[0] as FormatSpec<N>).path = output;
  } else if (toStdout.length > 1) {
    throw new UsageError(`only one --format can go to stdout; give the others a path (--format ${example})`);
  }
  return outs;
}

/** Write a file whole or not at all: a temporary file renamed into place. */
export function writeAtomically(path: string, text: string): void {
  const full = resolve(path);
  // A device, pipe or socket (`/dev/null`, `/dev/stdout`, a FIFO) is written to, never replaced:
  // renaming a file over it (as root) would destroy it.
  const existing = statSync(full, { throwIfNoEntry: false });
  if (existing && !existing.isFile() && !existing.isDirectory()) {
    writeFileSync(full, text);
    return;
  }
  if (existing?.isDirectory()) throw new UsageError(`${path}: is a directory; give a file path for the report`);
  mkdirSync(dirname(full), { recursive: true });
  const tmp = `${full}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, full);
}

/** Colour on a stream (the CLI's stdout by default): the flag, else a terminal without NO_COLOR. */
export function colorFor(flag: boolean | undefined, stream: { isTTY?: boolean } = cliIo().stdout): boolean {
  const { env } = cliIo();
  return flag ?? (!!stream.isTTY && !('NO_COLOR' in env && env.NO_COLOR !== ''));
}
