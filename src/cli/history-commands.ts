/** The `history` command tree (flags and help); the implementations load only when they run. */
import { Command, Option } from 'commander';

const repeatable = (v: string, prev: string[] = []) => [...prev, v];

export interface HistoryFlags {
  history?: string;
  tenant?: string[];
  since?: string;
  format?: string;
  output?: string;
  run?: string;
  by?: string;
  reason?: string;
  keepRuns?: string;
  maxAgeDays?: string;
}

// The store may also come from AUTH0_READINESS_HISTORY (read through the CLI's io, not commander,
// so an in-process run sees its own environment).
const storeOption = () => new Option('--history <store>', 'the history store: a directory, or a postgres:// URL (env AUTH0_READINESS_HISTORY)');

export function addHistoryCommands(program: Command, setExit: (code: number) => void): void {
  const history = program.command('history').description('the run history: record reports, accept a baseline, list, compare, trend, prune, metrics');
  const run = (name: 'add' | 'list' | 'accept' | 'diff' | 'trend' | 'prune' | 'metrics') =>
    async (...args: unknown[]) => {
      const { runHistoryCommand } = await import('./history.js');
      const cmd = args.at(-1) as Command;
      const flags = cmd.opts<HistoryFlags>();
      const positional = args.slice(0, -2).flatMap((a) => (Array.isArray(a) ? (a as string[]) : [a as string]));
      setExit(await runHistoryCommand(name, positional, flags));
    };

  history
    .command('add')
    .description('record saved JSON reports (single- or multi-tenant); a run already recorded is skipped')
    .argument('<report.json...>', 'reports written by audit --format json')
    .addOption(storeOption())
    .action(run('add'));
  history
    .command('list')
    .description('the recorded runs, oldest first')
    .addOption(storeOption())
    .option('--tenant <alias>', 'only this tenant (repeatable)', repeatable, [] as string[])
    .option('--since <date>', 'only runs on or after this date (YYYY-MM-DD)')
    .addOption(new Option('--format <format>', 'output format').choices(['console', 'json']).default('console'))
    .action(run('list'));
  history
    .command('accept')
    .description("pin the run a tenant is compared with by audit --history --fail-on-regression (default: its latest run)")
    .addOption(storeOption())
    .requiredOption('--tenant <alias>', 'the tenant (alias, else domain)')
    .option('--run <id>', 'the run to accept (default: the latest)')
    .requiredOption('--by <who>', 'who accepts it')
    .requiredOption('--reason <why>', 'why it is accepted')
    .action(run('accept'));
  history
    .command('diff')
    .description('compare two runs of a tenant: new, fixed and changed findings (latest and accepted need --tenant)')
    .argument('<runA>', 'a run id, latest or accepted')
    .argument('<runB>', 'a run id, latest or accepted')
    .addOption(storeOption())
    .option('--tenant <alias>', 'the tenant, for latest and accepted', repeatable, [] as string[])
    .addOption(new Option('--format <format>', 'output format').choices(['console', 'json']).default('console'))
    .action(run('diff'));
  history
    .command('trend')
    .description('readiness over time, for one tenant or the fleet: milestones, failing findings, new vs fixed, unknowns, open blockers')
    .addOption(storeOption())
    .option('--tenant <alias>', 'only this tenant (repeatable; default every tenant)', repeatable, [] as string[])
    .option('--since <date>', 'only runs on or after this date (YYYY-MM-DD)')
    .option('--format <name[:path]>', 'html:<path>, markdown, json, csv or console', 'console')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action(run('trend'));
  history
    .command('prune')
    .description("drop old runs, per tenant (never a tenant's accepted baseline)")
    .addOption(storeOption())
    .option('--keep-runs <n>', 'keep at most the newest N runs of each tenant')
    .option('--max-age-days <d>', 'drop runs older than D days')
    .action(run('prune'));
  history
    .command('metrics')
    .description("each tenant's latest run as OpenMetrics text (milestones satisfied, findings by severity and status)")
    .addOption(storeOption())
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action(run('metrics'));
}
