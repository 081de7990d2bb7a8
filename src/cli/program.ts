/**
 * The command tree: every command's flags and help, with its implementation loaded only when it
 * runs. `--help`, `rules`, `explain` and `catalog` never load the auth0 SDK, pino or a reporter.
 * Exit codes (the CI contract): 0 gate passed · 1 gate failed · 2 usage/config/input error ·
 * 3 the tenant could not be read (auth or network). Known errors print one line, never a stack.
 */
import { editDistance } from '../edit-distance.js';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { PLAN_IDS, type PlanId } from '../catalog/plans.js';
import { ENVIRONMENTS, SEVERITIES } from '../engine/status.js';
import { ADD_ONS, SUBSCRIPTIONS } from '../engine/context.js';
import { isKnownError, UsageError } from '../errors.js';
import { REPORTER_NAMES } from '../report/names.js';
import { TOOL } from '../version.js';
import { cliIo, processIo, withIo, type CliIo } from './io.js';
import { LOG_FORMATS } from './log-format.js';
import type { AuditFlags } from './audit.js';
import type { MergeFlags } from '../multi/merge.js';
import type { ReportCommandFlags } from './render-file.js';
import type { DiffFlags } from './diff.js';
import type { SnapshotFlags } from './snapshot.js';
import { addHistoryCommands } from './history-commands.js';

const repeatable = (v: string, prev: string[] = []) => [...prev, v];

/** A repeatable option whose every value must be one of `allowed`. */
const collectChoice =
  (allowed: readonly string[]) =>
  (v: string, prev: string[] = []): string[] => {
    if (!allowed.includes(v)) throw new InvalidArgumentError(`Allowed choices are ${allowed.join(', ')}.`);
    return [...prev, v];
  };

/** Options shared by every command that reads a live tenant. */
function addSourceOptions(cmd: Command): Command {
  return cmd
    .option('--domain <domain>', 'canonical tenant domain, e.g. acme.us.auth0.com (env AUTH0_DOMAIN)')
    .option('--client-id <id>', 'machine-to-machine application client id (env AUTH0_CLIENT_ID)')
    .option('--client-secret <secret>', 'its client secret (env AUTH0_CLIENT_SECRET)')
    .option('--token <token>', 'a Management API access token instead of client credentials (env AUTH0_ACCESS_TOKEN)')
    .option('--api-base-url <url>', 'send the token request and API calls to this origin; the audience stays https://<domain>/api/v2/ (env AUTH0_API_BASE_URL)')
    .option('--with-logs [days]', 'also run the checks that search tenant logs (read:logs), over the last N days (default 7)')
    .option('--with-users', 'also run the checks that read a sample of users (read:users)')
    .option('--with-forms', 'also run the checks that read Forms (read:forms)')
    .option('--concurrency <n>', 'requests in flight at once', '4')
    .option('--timeout <seconds>', 'time budget for retrying one request (429, 5xx, network errors)', '60')
    .option('--rate-reserve <percent>', "share of the tenant's Management API rate limit never used, left to its own traffic (default 20; 0 for a dev tenant)")
    .option('--max-rps <n>', 'start at most this many API requests per second')
    .option('-q, --quiet', 'no logs on stderr')
    .addOption(new Option('--log-level <level>', 'log level on stderr').choices(['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('warn'))
    .addOption(new Option('--log-format <format>', 'log lines on stderr: text (one readable line each) or json (pino JSON lines)').choices(LOG_FORMATS).default('text'));
}

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('auth0-readiness')
    .description('Audit an Auth0 tenant for go-live readiness against the CIAM (B2C) and B2B implementation plans.')
    .version(TOOL.version)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (str) => void cliIo().stdout.write(str),
      writeErr: (str) => void cliIo().stderr.write(str),
      outputError: (str, write) => write(str.replace(/^error: /, 'auth0-readiness: ')),
    });

  addSourceOptions(
    program.command('audit', { isDefault: true }).description('read a tenant (or a saved snapshot) and report readiness per milestone and topic'),
  )
    .option('--from <path>', 'audit offline: a saved snapshot, or a Deploy CLI export (tenant.yaml or an export directory); no network')
    .option('--deploy-config <file>', 'with a Deploy CLI export: its config JSON (AUTH0_DOMAIN, AUTH0_KEYWORD_REPLACE_MAPPINGS, AUTH0_EXCLUDED)')
    .option('--keyword <KEY=VALUE>', 'with a Deploy CLI export: a keyword mapping, repeatable, overrides the config (a VALUE starting with [ or { is JSON)', repeatable, [] as string[])
    .addOption(new Option('--plan <plan>', 'implementation plan').choices(PLAN_IDS).default('b2c'))
    .addOption(new Option('--env <env>', 'tenant environment (default prod); production-only checks count at Go-Live milestones only, one level lower off production').choices(ENVIRONMENTS).default('prod'))
    .addOption(new Option('--subscription <plan>', "the tenant's Auth0 subscription: features it lacks are n/a; when not given, plan-gated checks are advice at most").choices(SUBSCRIPTIONS))
    .addOption(new Option('--add-on <name>', `an add-on on top of the subscription, repeatable: ${ADD_ONS.join(', ')}`).argParser(collectChoice(ADD_ONS)).default([] as string[]))
    .option('--require <milestone>', 'fail the gate unless this milestone is satisfied (full id or unique suffix, e.g. go-live)')
    .addOption(new Option('--fail-on <severity>', 'fail the gate on failing findings at or above this severity').choices([...SEVERITIES, 'none']).default('blocker'))
    .option('--framework <profile|file>', 'judge a compliance framework profile from the audit, repeatable: a shipped profile (auth0-readiness frameworks lists them, e.g. asvs-5.0-L2) or a framework file (path[#profile])', repeatable, [] as string[])
    .option('--require-framework <profile>', 'fail the gate when an automated requirement of this framework profile fails or could not be judged (repeatable; implies --framework)', repeatable, [] as string[])
    .option('--allow-unknown', 'do not fail the gate when checks at or above --fail-on could not be judged (a resource not read: missing scope, error, not on the plan, not in the export)')
    .option('--format <name[:path]>', `report format, repeatable: ${REPORTER_NAMES.join(', ')}; with :path written to that file (default console)`, repeatable, [] as string[])
    .option('-o, --output <file>', 'write the (single stdout) report to a file instead')
    .option('--color', 'force colour')
    .option('--no-color', 'no colour')
    .option('--verbose', 'console: every fix-first item with rule ids, every topic, passing findings too')
    .option('-c, --config <file>', 'config file (default: auth0-readiness.config.yaml|yml|json in the working directory)')
    .option('--all', 'audit every tenant of the config tenants list, concurrently, into one report with cross-tenant checks')
    .option('--tenant <alias>', 'audit this configured tenant (repeatable); with two or more, cross-tenant checks run', repeatable, [] as string[])
    .option('--baseline <report.json>', 'compare with a previous JSON report: mark findings and topics new, fixed, changed or unchanged')
    .option('--fail-on-regression', 'with --baseline or --history: exit 1 only when something got worse since the baseline (with --history: the accepted one)')
    .option('--baseline-any-tenant', "with --baseline: compare with a report of another tenant (refused otherwise)")
    .addOption(new Option('--history <store>', 'record the run in a history store: a directory, or a postgres:// URL (env AUTH0_READINESS_HISTORY, config history)'))
    .option('--policy <file>', 'an organisation policy file (YAML, docs/policies.md), repeatable; added to the config policies', repeatable, [] as string[])
    .option('--shard <i/n>', 'with --all: audit only shard i of n of the tenants (k8s/<n>: i from JOB_COMPLETION_INDEX); combine the JSON reports with merge')
    .action(async (flags: AuditFlags, cmd: Command) => {
      const { runAudit } = await import('./audit.js');
      setExit(
        await runAudit(flags, (n) => {
          const src = cmd.getOptionValueSource(n);
          return src === 'cli' || src === 'env';
        }),
      );
    });

  addSourceOptions(program.command('snapshot').description('read a tenant and save a redacted snapshot, to audit later with --from'))
    .requiredOption('--out <file>', 'where to write the snapshot (JSON)')
    .action(async (flags: SnapshotFlags) => {
      const { runSnapshot } = await import('./snapshot.js');
      setExit(await runSnapshot(flags));
    });

  addSourceOptions(
    program
      .command('diff')
      .description('configuration drift between two tenants: each a configured alias, a saved snapshot or a Deploy CLI export (exit 1 when they differ)')
      .argument('<a>', 'tenant alias, snapshot file or Deploy CLI export')
      .argument('<b>', 'tenant alias, snapshot file or Deploy CLI export'),
  )
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('-o, --output <file>', 'write the drift report to a file instead of stdout')
    .option('-c, --config <file>', 'config file: tenants and drift.ignore (default: auth0-readiness.config.yaml|yml|json in the working directory)')
    .option('--deploy-config <file>', 'with a Deploy CLI export: its config JSON')
    .option('--keyword <KEY=VALUE>', 'with a Deploy CLI export: a keyword mapping, repeatable', repeatable, [] as string[])
    .action(async (a: string, b: string, flags: DiffFlags) => {
      const { runDiff } = await import('./diff.js');
      setExit(await runDiff(a, b, flags));
    });

  program
    .command('report')
    .description("render a saved JSON report (an audit's --format json, single- or multi-tenant) in any format, without auditing again")
    .argument('<report.json>', 'a report written by `audit --format json`')
    .option('--format <name[:path]>', `format, repeatable: ${REPORTER_NAMES.join(', ')}; with :path written to that file (default console)`, repeatable, [] as string[])
    .option('-o, --output <file>', 'write the (single stdout) report to a file instead')
    .option('--color', 'force colour')
    .option('--no-color', 'no colour')
    .option('--verbose', 'console: every topic and passing check')
    .action(async (file: string, flags: ReportCommandFlags) => {
      const { runReportCommand } = await import('./render-file.js');
      setExit(runReportCommand(file, flags));
    });

  program
    .command('merge')
    .description('combine the JSON reports of audit --all --shard i/n (or of --tenant runs) into the multi-tenant report of one --all run')
    .argument('<report...>', 'multi-tenant JSON reports (every shard of one run)')
    .option('--format <name[:path]>', 'report format, repeatable: console, json, markdown, html; with :path written to that file (default console)', repeatable, [] as string[])
    .option('-o, --output <file>', 'write the (single stdout) report to a file instead')
    .option('-c, --config <file>', 'config file for drift.ignore (default: auth0-readiness.config.yaml|yml|json in the working directory)')
    .option('--color', 'force colour')
    .option('--no-color', 'no colour')
    .option('--verbose', 'list passing findings too')
    .action(async (files: string[], flags: MergeFlags) => {
      const [{ runMerge }, { writeAtomically }] = await Promise.all([import('../multi/merge.js'), import('./output.js')]);
      setExit(runMerge(files, flags, writeAtomically));
    });

  addHistoryCommands(program, setExit);

  const policies = program.command('policies').description('organisation policies (docs/policies.md): run their inline tests, or list what loads');
  policies
    .command('test')
    .description("run every policy's inline tests on the compliant baseline tenant (exit 1 when one fails)")
    .argument('<file...>', 'policy files (YAML)')
    .action(async (files: string[]) => {
      const { runPoliciesTest } = await import('./policies.js');
      setExit(runPoliciesTest(files));
    });
  policies
    .command('list')
    .description('list the policies that load: id, severity, resource, topics, file:line (the config policies and --policy files)')
    .option('--policy <file>', 'a policy file, repeatable; added to the config policies', repeatable, [] as string[])
    .option('-c, --config <file>', 'config file (default: auth0-readiness.config.yaml|yml|json in the working directory)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (flags: { policy: string[]; config?: string; format: 'text' | 'json' }) => {
      const { runPoliciesList } = await import('./policies.js');
      setExit(runPoliciesList(flags));
    });

  program
    .command('catalog')
    .description('print the implementation plan: phases, milestones, workstreams and topics with their ids')
    .addOption(new Option('--plan <plan>', 'implementation plan').choices(PLAN_IDS).default('b2c'))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (flags: { plan: PlanId; format: 'text' | 'json' }) => {
      const { runCatalog } = await import('./info.js');
      setExit(await runCatalog(flags));
    });

  const frameworks = program
    .command('frameworks')
    .description('the compliance frameworks that ship: `frameworks` lists them (profiles and coverage), `frameworks show <profile>` prints requirement → evidence');
  frameworks
    .command('list', { isDefault: true })
    .description('list the shipped frameworks, their profiles and coverage (the default)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (flags: { format: 'text' | 'json' }) => {
      const { runFrameworksList } = await import('./frameworks.js');
      setExit(await runFrameworksList(flags));
    });
  frameworks
    .command('show')
    .description('print a framework profile (or a whole framework, or a framework file) as a requirement → evidence table')
    .argument('<profile>', 'a profile id (asvs-5.0-L2), a framework id (asvs-5.0) or a framework file (path[#profile])')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .action(async (spec: string, flags: { format: 'text' | 'json' | 'markdown' }) => {
      const { runFrameworksShow } = await import('./frameworks.js');
      setExit(await runFrameworksShow(spec, flags));
    });

  program
    .command('rules')
    .description('list the rules: id, default severity, catalog checks, title')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (flags: { format: 'text' | 'json' }) => {
      const { runRules } = await import('./info.js');
      setExit(await runRules(flags));
    });

  program
    .command('explain')
    .description('explain one rule (rationale, remediation, docs, scopes), or list the rules of a catalog check (e.g. CD-01)')
    .argument('<id>', 'a rule id, as `auth0-readiness rules` lists them, or a catalog check id such as CD-01')
    .action(async (id: string) => {
      const { runExplain } = await import('./info.js');
      setExit(await runExplain(id));
    });
  return program;
}

/**
 * `audit` is the default command and takes no arguments, so a bare word in the command position
 * can only be a mistyped command: say so, instead of commander's "too many arguments".
 */
function checkCommand(program: Command, argv: string[]): void {
  const first = argv[2];
  if (first === undefined || first.startsWith('-')) return;
  const names = program.commands.flatMap((c) => [c.name(), ...c.aliases()]);
  if (names.includes(first) || first === 'help') return;
  const near = names.map((n) => ({ n, d: editDistance(first, n) })).filter((x) => x.d <= Math.max(2, Math.floor(first.length / 3))).sort((x, y) => x.d - y.d);
  throw new UsageError(`unknown command '${first}'${near.length ? ` (did you mean ${near.map((x) => x.n).slice(0, 2).join(' or ')}?)` : ''}; commands: ${names.join(', ')}`);
}

/**
 * Run the CLI on `argv` (`[node, script, ...args]`) and return its exit code. Everything it writes
 * goes to `io.stdout` / `io.stderr`, the environment it reads is `io.env` and its config file is
 * looked up in `io.cwd` (default: the real process; see src/cli/io.ts). It never exits the
 * process and never sets `process.exitCode`: `src/cli.ts` does that.
 */
export function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  return withIo(io, () => run(argv));
}

async function run(argv: string[]): Promise<number> {
  const { stderr, env } = cliIo();
  let code = 0;
  const program = buildProgram((c) => (code = c));
  try {
    checkCommand(program, argv);
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; every parse error is a usage error.
      return e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : 2;
    }
    if (isKnownError(e)) {
      stderr.write(`auth0-readiness: ${e.message}\n`);
      return e.exitCode;
    }
    stderr.write(`auth0-readiness: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (env.AUTH0_READINESS_DEBUG && e instanceof Error && e.stack) stderr.write(`${e.stack}\n`);
    return 2;
  }
}
