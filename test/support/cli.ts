/**
 * Runs the CLI for end-to-end tests, with only PATH and NO_COLOR of this environment (plus what the
 * test passes). `runCli` runs it in this process through `main(argv, io)` with captured stdout and
 * stderr: the same command tree, flags, exit codes and output, without a Node start-up and module
 * load per run. `spawnCli` runs the built CLI as a child process, the way a user does: the smoke
 * tests of what only a real process shows (the bin script, exit status, EPIPE, a preload) use it.
 */
import { execFile } from 'node:child_process';
import { Writable } from 'node:stream';
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
  /** Run the built CLI in a child process even without `nodeArgs`. */
  spawn?: boolean;
}

/** Everything written to it, as text; not a terminal. */
class Capture extends Writable {
  readonly isTTY = false;
  private readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    done();
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/**
 * The working directory of in-process runs. Relative file flags (`--format json:out.json`) resolve
 * against the process's directory, so a run with `cwd` changes it for its duration; runs in flight
 * at once must share it (a test file's tests run one after another; parallel runs in one test use
 * one directory).
 */
let dir: { path: string; previous: string; users: number } | undefined;
async function inDir<T>(cwd: string | undefined, fn: () => Promise<T>): Promise<T> {
  if (cwd === undefined) return fn();
  if (dir && dir.path !== cwd) throw new Error(`runCli: in-process runs in ${dir.path} and ${cwd} at once`);
  if (!dir) {
    dir = { path: cwd, previous: process.cwd(), users: 0 };
    process.chdir(cwd);
  }
  dir.users++;
  try {
    return await fn();
  } finally {
    if (--dir.users === 0) {
      process.chdir(dir.previous);
      dir = undefined;
    }
  }
}

/** The CLI in this process (or spawned, with `nodeArgs` or `spawn`). */
export async function runCli(args: string[], opts: CliOptions = {}): Promise<CliRun> {
  if (opts.spawn || opts.nodeArgs?.length) return spawnCli(args, opts);
  const { main } = await import('../../src/cli/program.js');
  const stdout = new Capture();
  const stderr = new Capture();
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...opts.env };
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const t0 = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<number>((resolve) => {
    timer = setTimeout(() => {
      stderr.write(`runCli: still running after ${timeoutMs} ms\n`);
      resolve(99);
    }, timeoutMs);
  });
  try {
    const code = await inDir(opts.cwd, () => Promise.race([main(['node', BIN, ...args], { stdout, stderr, env, cwd: opts.cwd ?? process.cwd() }), timedOut]));
    return { code, stdout: stdout.text(), stderr: stderr.text(), ms: Date.now() - t0 };
  } finally {
    clearTimeout(timer);
  }
}

/** The built CLI as a child process. */
export function spawnCli(args: string[], opts: CliOptions = {}): Promise<CliRun> {
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
