/**
 * Known errors. Each maps to an exit code of the CI contract (DESIGN.md) and carries one
 * clear, user-facing line. The CLI prints `message` only: never a stack trace.
 */
export abstract class KnownError extends Error {
  abstract readonly exitCode: 2 | 3;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad flags or a bad combination of flags. Exit 2. */
export class UsageError extends KnownError {
  readonly exitCode = 2 as const;
}

/** A config, snapshot or export file that cannot be used. Exit 2. */
export class ConfigError extends KnownError {
  readonly exitCode = 2 as const;
}

/** The tenant could not be read at all: authentication failed or it is unreachable. Exit 3. */
export class SourceError extends KnownError {
  readonly exitCode = 3 as const;
}

export function isKnownError(e: unknown): e is KnownError {
  return e instanceof KnownError;
}
