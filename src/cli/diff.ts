/** `diff <a> <b>`: configuration drift between aliases, snapshots and Deploy CLI exports. */
import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import { rules as allRules } from '../../rules/index.js';
import { loadConfigAndPolicies } from '../policies/config.js';
import type { Config } from '../config/schema.js';
import { UsageError } from '../errors.js';
import { diffSnapshots, renderDriftMarkdown, renderDriftText } from '../multi/drift.js';
import { takeSnapshot } from '../run.js';
import { readSnapshotFile } from '../snapshot/file.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { detectDeployCliExport, parseKeywordFlag, readDeployCliExport } from '../sources/deploy-cli/index.js';
import { createLogger, writeAtomically } from './output.js';
import { tenantSource, type SourceFlags } from './source.js';
import { cliIo } from './io.js';

export interface DiffFlags extends SourceFlags {
  format: 'text' | 'json' | 'markdown';
  output?: string;
  config?: string;
  deployConfig?: string;
  keyword?: string[];
  quiet?: boolean;
  logLevel: string;
}

/** One side of `diff`: a configured alias (read live), a saved snapshot, or a Deploy CLI export. */
async function diffSide(arg: string, config: Config, flags: DiffFlags, log: Logger): Promise<{ label: string; snapshot: Snapshot }> {
  const t = config.tenants?.find((x) => x.alias === arg);
  if (t) {
    const snapshot = await takeSnapshot({ source: tenantSource(t, flags, log.child({ tenant: t.alias })) });
    return { label: t.alias, snapshot };
  }
  if (!existsSync(arg)) {
    const aliases = (config.tenants ?? []).map((x) => x.alias);
    throw new UsageError(`diff ${arg}: neither a configured tenant alias${aliases.length ? ` (${aliases.join(', ')})` : ''} nor a snapshot file or Deploy CLI export`);
  }
  if (detectDeployCliExport(arg)) {
    const keywords = Object.fromEntries((flags.keyword ?? []).map(parseKeywordFlag));
    const { snapshot, warnings } = readDeployCliExport(arg, { keywords, ...(flags.deployConfig ? { deployConfigPath: flags.deployConfig } : {}) });
    for (const w of warnings) log.warn({ source: 'deploy-cli' }, w);
    return { label: arg, snapshot };
  }
  return { label: arg, snapshot: readSnapshotFile(arg) };
}

export async function runDiff(a: string, b: string, flags: DiffFlags): Promise<number> {
  const { config } = loadConfigAndPolicies(flags.config, cliIo().cwd, allRules);
  const log = createLogger(flags.quiet ? 'silent' : flags.logLevel, flags.logFormat);
  const [sa, sb] = await Promise.all([diffSide(a, config, flags, log), diffSide(b, config, flags, log)]);
  const side = (x: { label: string; snapshot: Snapshot }) => ({ side: { label: x.label, domain: x.snapshot.tenant.domain, source: x.snapshot.source.kind }, snapshot: x.snapshot });
  const report = diffSnapshots(side(sa), side(sb), { ...(config.drift?.ignore ? { ignore: config.drift.ignore } : {}) });
  const text = flags.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : flags.format === 'markdown' ? renderDriftMarkdown(report) : renderDriftText(report);
  if (flags.output) writeAtomically(flags.output, text);
  else cliIo().stdout.write(text);
  return report.drift ? 1 : 0;
}
