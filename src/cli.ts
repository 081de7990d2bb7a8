/**
 * The CLI entry. Commands live in `src/cli/` (one module each, loaded when the command runs);
 * `src/cli/program.ts` holds the command tree, flags and exit-code handling.
 */
import { main } from './cli/program.js';
import { endQuietlyOnEpipe } from './epipe.js';

export { buildProgram, main } from './cli/program.js';
export type { CliIo } from './cli/io.js';

/** Resolves once everything written to the stream so far has been handed to the OS. */
const drained = (s: NodeJS.WriteStream) => new Promise<void>((resolve) => (s.writableLength === 0 ? resolve() : s.write('', () => resolve())));

const isEntry = process.argv[1] && /(?:cli\.js|auth0-readiness(?:\.js)?)$/.test(process.argv[1]);
if (isEntry) {
  endQuietlyOnEpipe();
  main(process.argv).then(async (code) => {
    process.exitCode = code;
    // Exit once the output is out: a timer an HTTP client left behind (a request timeout that an
    // early failure never cleared) must not keep a finished audit alive for a minute.
    await Promise.all([drained(process.stdout), drained(process.stderr)]);
    process.exit(code);
  });
}
