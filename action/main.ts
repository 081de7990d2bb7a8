/**
 * The GitHub Action's entry script (action.yml runs it with `node dist/action/main.js` after
 * building the action's own checkout). It runs the CLI of the same checkout once, writes the
 * reports into `output-dir`, appends a short summary to $GITHUB_STEP_SUMMARY (the verdict; with
 * `baseline`, what this change did; what the result relies on; the first items to fix: the full
 * report stays in output-dir, for an artifact), sets the outputs
 * in $GITHUB_OUTPUT and exits with the CLI's exit code (0 gate passed, 1 failed, 2 usage, 3 read).
 *
 * Inputs arrive as INPUT_<NAME> variables: the runner's own spelling keeps the hyphen
 * (INPUT_FAIL-ON); action.yml passes them through `env:` with underscores (INPUT_FAIL_ON), never
 * by interpolating them into a script. Credentials are never inputs: the CLI reads AUTH0_DOMAIN,
 * AUTH0_CLIENT_ID / AUTH0_CLIENT_SECRET or AUTH0_ACCESS_TOKEN from the step's environment.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderSummary } from '../src/report/summary.js';
import { AuditReportSchema } from '../src/report/schema.js';

/** Report formats the action can write, and their file names in output-dir. */
export const ACTION_FORMATS = { json: 'readiness.json', markdown: 'readiness.md', sarif: 'readiness.sarif', junit: 'readiness.xml', html: 'readiness.html', csv: 'readiness.csv' } as const;
type ActionFormat = keyof typeof ACTION_FORMATS;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(ROOT, 'bin', 'auth0-readiness.js');

function input(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const upper = name.toUpperCase();
  const v = env[`INPUT_${upper}`] ?? env[`INPUT_${upper.replace(/-/g, '_')}`];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

/** `name=value` for $GITHUB_OUTPUT, in the heredoc form so no value can inject another output. */
function outputLine(name: string, value: string): string {
  let delim = `ghadelimiter_${randomBytes(8).toString('hex')}`;
  while (value.includes(delim)) delim = `ghadelimiter_${randomBytes(8).toString('hex')}`;
  return `${name}<<${delim}\n${value}\n${delim}\n`;
}

export interface ActionResult {
  exitCode: number;
  outputs: Record<string, string>;
}

class InputError extends Error {}

function parseFormats(value: string | undefined): ActionFormat[] {
  const list = (value ?? 'json,markdown,sarif').split(/[\s,]+/).filter(Boolean);
  for (const f of list) if (!(f in ACTION_FORMATS)) throw new InputError(`formats: unknown format ${f}; use ${Object.keys(ACTION_FORMATS).join(', ')}`);
  // JSON feeds the outputs and Markdown the job summary: both are always written.
  return [...new Set<ActionFormat>(['json', 'markdown', ...(list as ActionFormat[])])];
}

/** Run the action in `env` (process.env on a runner); returns what it set, for tests. */
export async function runAction(env: NodeJS.ProcessEnv = process.env): Promise<ActionResult> {
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const outputs: Record<string, string> = {};
  const setOutput = (name: string, value: string) => {
    outputs[name] = value;
    if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, outputLine(name, value));
  };
  // job-summary: false, for a step that only builds a baseline (the base branch's report).
  const summary = (text: string) => {
    if (input(env, 'job-summary') === 'false') return;
    if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, text.endsWith('\n') ? text : `${text}\n`);
  };
  const fail = (message: string, code: number): ActionResult => {
    process.stderr.write(`::error title=auth0-readiness::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
    setOutput('gate', 'error');
    setOutput('exit-code', String(code));
    summary(`## Auth0 readiness\n\nThe audit did not run to a verdict (exit ${code}): ${message}\n`);
    return { exitCode: code, outputs };
  };

  let formats: ActionFormat[];
  try {
    formats = parseFormats(input(env, 'formats'));
  } catch (e) {
    return fail((e as Error).message, 2);
  }
  const outDir = resolve(workspace, input(env, 'output-dir') ?? 'auth0-readiness');
  mkdirSync(outDir, { recursive: true });
  const paths = Object.fromEntries(formats.map((f) => [f, join(outDir, ACTION_FORMATS[f])])) as Record<ActionFormat, string>;

  const args = ['audit', '--format', 'console', ...formats.flatMap((f) => ['--format', `${f}:${paths[f]}`])];
  const flag = (name: string, cliFlag = `--${name}`) => {
    const v = input(env, name);
    if (v !== undefined) args.push(cliFlag, v);
  };
  flag('require');
  flag('fail-on');
  flag('plan');
  flag('env');
  flag('from');
  flag('config');
  flag('deploy-config');
  // A pull request: the base branch's JSON report, built earlier in the same job (docs/ci.md).
  flag('baseline');
  // Lists (comma- or space-separated): framework profiles to judge and to require, policy files.
  const list = (name: string, cliFlag: string) => {
    for (const v of (input(env, name) ?? '').split(/[\s,]+/).filter(Boolean)) args.push(cliFlag, v);
  };
  list('frameworks', '--framework');
  list('require-frameworks', '--require-framework');
  list('policies', '--policy');
  const allowUnknown = input(env, 'allow-unknown');
  if (allowUnknown !== undefined && !['true', 'false'].includes(allowUnknown)) return fail(`allow-unknown must be true or false, not ${JSON.stringify(allowUnknown)}`, 2);
  if (allowUnknown === 'true') args.push('--allow-unknown');

  // Only the variables the CLI reads and the runner's basics go to the child (no INPUT_*).
  const childEnv: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (!k.startsWith('INPUT_')) childEnv[k] = v;

  let stderr = '';
  const code = await new Promise<number>((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: workspace, env: childEnv, stdio: ['ignore', 'inherit', 'pipe'] });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      process.stderr.write(d);
    });
    child.on('error', (e) => {
      stderr += e.message;
      done(2);
    });
    child.on('close', (c) => done(c ?? 2));
  });

  if (code >= 2 || !existsSync(paths.json)) {
    const last = stderr.trim().split('\n').filter(Boolean).pop() ?? `exit ${code}`;
    return fail(last.replace(/^auth0-readiness: /, ''), code >= 2 ? code : 2);
  }
  const report = AuditReportSchema.parse(JSON.parse(readFileSync(paths.json, 'utf8')));
  summary(renderSummary(report, { fullReport: `${relative(workspace, outDir) || '.'}/ (${formats.map((f) => ACTION_FORMATS[f]).join(', ')})` }));
  setOutput('gate', report.gate.passed ? 'passed' : 'failed');
  setOutput('exit-code', String(code));
  setOutput('milestones', JSON.stringify(Object.fromEntries(report.milestones.map((m) => [m.id, m.status]))));
  if (report.frameworks?.length) setOutput('frameworks', JSON.stringify(Object.fromEntries(report.frameworks.map((f) => [f.id, { ...f.summary, coverage: f.coverage }]))));
  const rel = (p: string) => {
    const r = relative(workspace, p);
    return r && !r.startsWith('..') && !isAbsolute(r) ? r : p;
  };
  for (const f of formats) setOutput(`${f}-report`, rel(paths[f]));
  setOutput('reports', JSON.stringify(Object.fromEntries(formats.map((f) => [f, rel(paths[f])]))));
  return { exitCode: code, outputs };
}

const entry = process.argv[1] ? resolve(process.argv[1]) : '';
if (entry === fileURLToPath(import.meta.url)) {
  runAction().then(
    (r) => {
      process.exitCode = r.exitCode;
    },
    (e: unknown) => {
      process.stderr.write(`::error title=auth0-readiness::${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
