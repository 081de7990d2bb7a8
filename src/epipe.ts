/**
 * A reader that stops early (`auth0-readiness rules --format json | head -c 100`) closes our
 * stdout: the next write fails with EPIPE. That is not an error of ours: nothing is left to say
 * to anyone, so the process ends quietly (no stack trace) with the exit code it has (0 unless the
 * command had already decided otherwise). Any other stdout error is still raised.
 */
export function endQuietlyOnEpipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    // Writes after this one would fail the same way: stop here, quietly.
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}
