/** `snapshot --out <file>`: read a tenant and save a redacted snapshot. */
import { takeSnapshot } from '../run.js';
import { toSnapshotFile } from '../snapshot/file.js';
import { TOOL } from '../version.js';
import { createLogger, writeAtomically } from './output.js';
import { Progress } from './progress.js';
import { liveSource, logDaysOf, optInsOf, type SourceFlags } from './source.js';
import { cliIo } from './io.js';

export type SnapshotFlags = SourceFlags & { out: string; quiet?: boolean; logLevel: string };

export async function runSnapshot(flags: SnapshotFlags): Promise<number> {
  const log = createLogger(flags.quiet ? 'silent' : flags.logLevel, flags.logFormat);
  const logLookbackDays = logDaysOf(flags);
  const { stderr } = cliIo();
  const progress = new Progress(stderr, !!stderr.isTTY && !flags.quiet && !['debug', 'trace'].includes(flags.logLevel));
  const snapshot = await takeSnapshot({ source: liveSource(flags, log, progress), optIns: optInsOf(flags), logLookbackDays });
  progress.clear();
  writeAtomically(flags.out, `${JSON.stringify(toSnapshotFile(snapshot, TOOL), null, 2)}\n`);
  const failed = Object.entries(snapshot.resources).filter(([, r]) => r && !r.ok);
  stderr.write(
    `auth0-readiness: wrote ${flags.out}: ${Object.keys(snapshot.resources).length} resources${failed.length ? `, ${failed.length} not read (${failed.map(([k]) => k).join(', ')})` : ''}\n`,
  );
  return 0;
}
