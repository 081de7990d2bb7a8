/**
 * The CLI entry. Commands live in `src/cli/` (one module each, loaded when the command runs);
 * `src/cli/program.ts` holds the command tree, flags and exit-code handling.
 */
import { main } from './cli/program.js';

export { buildProgram, main } from './cli/program.js';

const isEntry = process.argv[1] && /(?:cli\.js|auth0-readiness(?:\.js)?)$/.test(process.argv[1]);
if (isEntry) {
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
