/**
 * The CLI's view of its process: where it writes, which environment it reads, where it looks for
 * its config file. `main(argv, io)` runs a whole command with the `io` given (a test runs the CLI
 * in-process with captured streams and its own environment); `cliIo()` is what every command
 * module reads instead of `process.stdout`, `process.stderr`, `process.env` and `process.cwd()`.
 * Outside `main` (or without an `io`) it is the real process. Relative paths in file flags
 * (`--from`, `--format json:out.json`) are opened as given, that is from the process's working
 * directory: an in-process caller with another `cwd` passes absolute paths or changes directory.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** A stream the CLI writes to (`isTTY` decides colour and progress output). */
export type CliStream = NodeJS.WritableStream & { isTTY?: boolean };

export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  env: NodeJS.ProcessEnv;
  /** The working directory: where the config file is looked up (and `--config` resolved). */
  cwd: string;
}

const current = new AsyncLocalStorage<CliIo>();

/** The real process. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/** The io of the command running now (the real process outside `withIo`). */
export function cliIo(): CliIo {
  return current.getStore() ?? processIo();
}

/** Run `fn` (and everything it awaits) with `io` as the CLI's process view. */
export function withIo<T>(io: CliIo, fn: () => Promise<T>): Promise<T> {
  return current.run(io, fn);
}
