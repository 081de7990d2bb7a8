/** Runs the built CLI as a child process, the way a user does: only PATH and NO_COLOR from this environment. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/auth0-readiness.js', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall time of the child, start-up included. */
  ms: number;
}

export interface CliOptions {
  /** Variables added to PATH and NO_COLOR=1 (nothing else of this process's environment leaks in). */
  env?: Record<string, string>;
  cwd?: string;
  /** Node options before the script (e.g. `--import` a preload). */
  nodeArgs?: string[];
  /** The child is killed past this (default 60 s): a hung audit fails its test instead of the run. */
  timeoutMs?: number;
}

export function runCli(args: string[], opts: CliOptions = {}): Promise<CliRun> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...(opts.nodeArgs ?? []), BIN, ...args],
      {
        env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...opts.env },
        timeout: opts.timeoutMs ?? 60_000,
        maxBuffer: 64 * 1024 * 1024,
        ...(opts.cwd ? { cwd: opts.cwd } : {}),
      },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 99) : 0, stdout, stderr, ms: Date.now() - t0 }),
    );
  });
}
