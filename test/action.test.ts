/**
 * The GitHub Action's entry script (dist/action/main.js, run by action.yml) in a simulated runner:
 * a temporary workspace, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT and INPUT_* variables, against the
 * emulator (a live read) and against a Deploy CLI export. Needs `npm run build`.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './emulator/server.js';
import { readFixture } from './support/tenant.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ENTRY = join(ROOT, 'dist/action/main.js');

interface Runner {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  workspace: string;
}

/** $GITHUB_OUTPUT in the runner's `name<<DELIM … DELIM` form. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([\w-]+)<<(.+)$/.exec(lines[i] as string);
    if (!m) continue;
    const end = lines.indexOf(m[2] as string, i + 1);
    out[m[1] as string] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return out;
}

function runAction(inputs: Record<string, string>, env: Record<string, string> = {}, setup: (ws: string) => void = () => {}): Promise<Runner> {
  const workspace = mkdtempSync(join(tmpdir(), 'action-ws-'));
  const runnerDir = mkdtempSync(join(tmpdir(), 'action-runner-'));
  const summaryPath = join(runnerDir, 'step_summary.md');
  const outputPath = join(runnerDir, 'output.txt');
  writeFileSync(summaryPath, '');
  writeFileSync(outputPath, '');
  setup(workspace);
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [ENTRY],
      {
        cwd: runnerDir,
        env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: workspace, GITHUB_STEP_SUMMARY: summaryPath, GITHUB_OUTPUT: outputPath, ...inputEnv, ...env },
        timeout: 60_000,
        maxBuffer: 64 << 20,
      },
      (err, stdout, stderr) =>
        resolve({
          code: err ? (typeof err.code === 'number' ? err.code : 99) : 0,
          stdout,
          stderr,
          outputs: parseOutputs(readFileSync(outputPath, 'utf8')),
          summary: readFileSync(summaryPath, 'utf8'),
          workspace,
        }),
    );
  });
}

const copyExport = (name: string) => (ws: string) => cpSync(join(ROOT, 'fixtures/deploy-cli', name), join(ws, 'tenant-config'), { recursive: true });

describe('action.yml', () => {
  it('declares the inputs and outputs the entry script reads and sets, and passes inputs by env', () => {
    const action = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, unknown>;
      outputs: Record<string, { value: string }>;
      runs: { using: string; steps: { env?: Record<string, string>; run: string }[] };
    };
    expect(Object.keys(action.inputs).sort()).toEqual(['allow-unknown', 'baseline', 'config', 'deploy-config', 'env', 'fail-on', 'formats', 'frameworks', 'from', 'job-summary', 'output-dir', 'plan', 'policies', 'require', 'require-frameworks']);
    expect(Object.keys(action.outputs)).toEqual(expect.arrayContaining(['gate', 'exit-code', 'milestones', 'reports', 'json-report', 'markdown-report', 'sarif-report']));
    expect(action.runs.using).toBe('composite');
    const step = action.runs.steps.find((s) => s.env)!;
    for (const name of Object.keys(action.inputs)) expect(step.env![`INPUT_${name.toUpperCase().replace(/-/g, '_')}`]).toBe(`\${{ inputs.${name} }}`);
    // No input is interpolated into a script (script injection), and no credential is an input.
    for (const s of action.runs.steps) expect(s.run).not.toContain('${{');
    expect(Object.keys(action.inputs).join(' ')).not.toMatch(/secret|token|client/);
  });
});

describe('allow-unknown', () => {
  // An export made without its log streams (AUTH0_EXCLUDED, or an old export): the blocker-level
  // log-stream check cannot be judged from something the export could hold, so the gate fails
  // closed unless the workflow accepts it. What no export can hold never needs it.
  const withoutLogStreams = (ws: string) => {
    copyExport('go-live-ready-b2c')(ws);
    const file = join(ws, 'tenant-config/yaml/tenant.yaml');
    const doc = parseYaml(readFileSync(file, 'utf8')) as Record<string, unknown>;
    delete doc.logStreams;
    writeFileSync(file, stringifyYaml(doc));
  };
  const run = (extra: Record<string, string>, setup = withoutLogStreams) =>
    runAction({ from: 'tenant-config/yaml/tenant.yaml', 'deploy-config': 'tenant-config/config.json', formats: 'json', ...extra }, {}, setup);
  it('a current export passes without it: what it can never hold is listed as needing a live audit', async () => {
    const current = await run({}, copyExport('go-live-ready-b2c'));
    expect(current.code).toBe(0);
    expect(current.outputs.gate).toBe('passed');
  }, 120_000);
  it('fails closed by default, passes with allow-unknown: true, rejects other values', async () => {
    const closed = await run({});
    expect(closed.code).toBe(1);
    expect(closed.outputs.gate).toBe('failed');
    const accepted = await run({ 'allow-unknown': 'true' });
    expect(accepted.code).toBe(0);
    expect(accepted.outputs.gate).toBe('passed');
    const bad = await run({ 'allow-unknown': 'yes' });
    expect(bad.code).toBe(2);
    expect(bad.summary).toContain('allow-unknown must be true or false');
  }, 120_000);
});

describe('the entry script against a Deploy CLI export', () => {
  let r: Runner;
  beforeAll(async () => {
    // The runner spells inputs with the hyphen (INPUT_DEPLOY-CONFIG); action.yml passes underscores.
    r = await runAction(
      { from: 'tenant-config/yaml/tenant.yaml', 'deploy-config': 'tenant-config/config.json', require: 'go-live', formats: 'sarif, junit' },
      {},
      copyExport('brand-new'),
    );
  }, 60_000);

  it('fails the gate with exit 1 and sets the outputs', () => {
    expect(r.code).toBe(1);
    expect(r.outputs.gate).toBe('failed');
    expect(r.outputs['exit-code']).toBe('1');
    const milestones = JSON.parse(r.outputs.milestones as string) as Record<string, string>;
    expect(milestones['b2c.p1.m3-go-live']).toBe('not-satisfied');
    expect(JSON.parse(r.outputs.reports as string)).toEqual({
      json: 'auth0-readiness/readiness.json',
      markdown: 'auth0-readiness/readiness.md',
      sarif: 'auth0-readiness/readiness.sarif',
      junit: 'auth0-readiness/readiness.xml',
    });
    expect(r.outputs['sarif-report']).toBe('auth0-readiness/readiness.sarif');
  });

  it('writes SARIF for upload-sarif and the other reports into output-dir', () => {
    const sarif = JSON.parse(readFileSync(join(r.workspace, r.outputs['sarif-report'] as string), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
    expect(readFileSync(join(r.workspace, 'auth0-readiness/readiness.xml'), 'utf8')).toContain('<testsuites');
    const json = JSON.parse(readFileSync(join(r.workspace, 'auth0-readiness/readiness.json'), 'utf8'));
    expect(json.tenant).toMatchObject({ source: 'deploy-cli' });
  });

  it('appends a short summary to the job summary (the full report stays in output-dir) and prints the console report', () => {
    const full = readFileSync(join(r.workspace, 'auth0-readiness/readiness.md'), 'utf8');
    expect(r.summary).toMatch(/^## ❌ Auth0 readiness: /);
    expect(r.summary.split('\n').find((l) => l.startsWith('**❌'))).toMatch(/Gate failed — not ready for Phase 1 · Milestone 3: Go-Live/);
    expect(r.summary).toContain('auth0-readiness/ (readiness.json, readiness.md');
    expect(r.summary.length).toBeLessThan(8_000);
    expect(full.length).toBeGreaterThan(r.summary.length);
    expect(r.stdout).toContain('Gate failed');
  });
});

describe('a pull request: baseline input (docs/ci.md recipe)', () => {
  // The base branch's report is built first in the same job; the pull request's export adds a
  // localhost callback and turns the rule that catches it off.
  const headExport = (opts: { ruleOff: boolean }) => (ws: string) => {
    copyExport('go-live-ready-b2c')(ws);
    const file = join(ws, 'tenant-config/yaml/tenant.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('      - https://app.acme.example/callback\n', '      - https://app.acme.example/callback\n      - http://localhost:3000/callback\n'));
    if (opts.ruleOff) writeFileSync(join(ws, 'auth0-readiness.config.yaml'), 'rules:\n  app-callbacks-secure: off\n');
  };
  let base: Runner;
  beforeAll(async () => {
    base = await runAction({ from: 'tenant-config/yaml/tenant.yaml', 'deploy-config': 'tenant-config/config.json', 'allow-unknown': 'true', formats: 'json', 'output-dir': 'base', 'job-summary': 'false' }, {}, copyExport('go-live-ready-b2c'));
    expect(base.summary).toBe('');
  }, 60_000);
  const withBase = (setup: (ws: string) => void) => (ws: string) => {
    setup(ws);
    mkdirSync(join(ws, 'base'), { recursive: true });
    cpSync(join(base.workspace, 'base/readiness.json'), join(ws, 'base/readiness.json'));
  };
  const inputs = { from: 'tenant-config/yaml/tenant.yaml', 'deploy-config': 'tenant-config/config.json', 'allow-unknown': 'true', formats: 'json', baseline: 'base/readiness.json' };

  it('opens the summary with what the change did: 1 new failure, named', async () => {
    expect(base.code).toBe(0);
    const r = await runAction(inputs, {}, withBase(headExport({ ruleOff: false })));
    expect(r.code).toBe(1);
    expect(r.summary.split('\n').slice(0, 3).join('\n')).toContain('### This change: 1 new failure, 0 fixed');
    expect(r.summary).toMatch(/new: Application .*callback http:\/\/localhost:3000\/callback/);
  }, 60_000);

  it('a rule turned off in the change: green, and the summary says what the result relies on', async () => {
    const r = await runAction(inputs, {}, withBase(headExport({ ruleOff: true })));
    expect(r.code).toBe(0);
    const firstScreen = r.summary.split('\n').slice(0, 40).join('\n');
    expect(firstScreen).toContain('**This result relies on**');
    expect(firstScreen).toMatch(/Rule turned off: .*\(app-callbacks-secure\)/);
    // What the export can never show is named as such (not as an accepted unknown).
    expect(firstScreen).toMatch(/Outside the source's reach: .*needs a live audit/);
    expect(firstScreen).not.toContain('Unknowns accepted (--allow-unknown)');
    const json = JSON.parse(readFileSync(join(r.workspace, 'auth0-readiness/readiness.json'), 'utf8'));
    expect(json.effectiveConfig.rules).toEqual({ 'app-callbacks-secure': 'off' });
    expect(json.reliesOn).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'rule-off', ruleId: 'app-callbacks-secure' })]));
  }, 60_000);
});

describe('the entry script against a live tenant (emulator)', () => {
  let em: Emulator;
  const fixture = readFixture('go-live-ready-b2c');
  const CREDS = { AUTH0_CLIENT_ID: 'action-client', AUTH0_CLIENT_SECRET: 'action-secret-do-not-print' };
  beforeAll(async () => {
    em = await startEmulator({ fixture, clientId: CREDS.AUTH0_CLIENT_ID, clientSecret: CREDS.AUTH0_CLIENT_SECRET });
  });
  afterAll(() => em.close());

  it('reads credentials from the environment only, gates, and never prints the secret', async () => {
    const r = await runAction({ 'fail-on': 'none', 'output-dir': 'out/reports', formats: 'html' }, { ...CREDS, AUTH0_DOMAIN: fixture.domain, AUTH0_API_BASE_URL: em.url });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({ gate: 'passed', 'exit-code': '0', 'html-report': 'out/reports/readiness.html' });
    expect(r.outputs['sarif-report']).toBeUndefined();
    const report = JSON.parse(readFileSync(join(r.workspace, 'out/reports/readiness.json'), 'utf8'));
    expect(report.tenant).toMatchObject({ source: 'management-api', domain: fixture.domain });
    expect(Object.keys(JSON.parse(r.outputs.milestones as string))).toEqual(report.milestones.map((m: { id: string }) => m.id));
    expect(r.summary).toContain(fixture.domain);
    for (const text of [r.stdout, r.stderr, r.summary, JSON.stringify(r.outputs)]) expect(text).not.toContain(CREDS.AUTH0_CLIENT_SECRET);
    expect(em.requests.filter((q) => q.method !== 'GET' && q.path !== '/oauth/token')).toEqual([]);
  }, 60_000);

  it('no credentials: gate error, exit 2, one annotation and a summary line; an unknown format too', async () => {
    const r = await runAction({}, { AUTH0_DOMAIN: fixture.domain });
    expect(r.code).toBe(2);
    expect(r.outputs).toMatchObject({ gate: 'error', 'exit-code': '2' });
    expect(r.stderr).toContain('::error title=auth0-readiness::no credentials');
    expect(r.summary).toContain('did not run to a verdict (exit 2): no credentials');
    expect(existsSync(join(r.workspace, 'auth0-readiness/readiness.json'))).toBe(false);
    const bad = await runAction({ formats: 'pdf' });
    expect([bad.code, bad.outputs.gate]).toEqual([2, 'error']);
    expect(bad.stderr).toContain('formats: unknown format pdf');
  }, 60_000);
});

describe('frameworks and policies', () => {
  it('judges framework profiles, gates on one, loads policies, and writes the CSV', async () => {
    const r = await runAction(
      {
        from: 'tenant-config/yaml/tenant.yaml',
        'deploy-config': 'tenant-config/config.json',
        frameworks: 'asvs-5.0-L1, nist-800-63b-4-aal2',
        'require-frameworks': 'asvs-5.0-L1',
        policies: 'org.yaml',
        'fail-on': 'none',
        formats: 'csv',
      },
      {},
      (ws) => {
        copyExport('brand-new')(ws);
        cpSync(join(ROOT, 'examples/policies/callbacks-on-company-domains.yaml'), join(ws, 'org.yaml'));
      },
    );
    expect(r.code).toBe(1);
    const frameworks = JSON.parse(r.outputs.frameworks!) as Record<string, { fail: number; coverage: { requirements: number } }>;
    expect(Object.keys(frameworks)).toEqual(['asvs-5.0-L1', 'nist-800-63b-4-aal2']);
    expect(frameworks['asvs-5.0-L1']!.coverage.requirements).toBe(28);
    expect(frameworks['asvs-5.0-L1']!.fail).toBeGreaterThan(0);
    const report = JSON.parse(readFileSync(join(r.workspace, r.outputs['json-report']!), 'utf8')) as { gate: { reasons: string[] }; findings: { ruleId: string }[] };
    expect(report.gate.reasons.join('\n')).toMatch(/required framework profile asvs-5\.0-L1/);
    expect(report.findings.some((f) => f.ruleId === 'org/callbacks-on-company-domains')).toBe(true);
    expect(readFileSync(join(r.workspace, r.outputs['csv-report']!), 'utf8').split('\r\n')[0]).toMatch(/^tenant,framework,version,profile,requirement/);
    // The job summary gives each profile one line: the result beside the coverage, and what fails.
    expect(r.summary).toMatch(/\*\*OWASP Application Security Verification Standard 5\.0\.0 — Level 1\*\* \(`asvs-5\.0-L1`\): \d+ of \d+ judged requirements pass \(\d+%\); \d+ fail.*\d+ of 28 requirements checked automatically.*\. Failing: /);
    expect(r.summary).toMatch(/\(`nist-800-63b-4-aal2`\)/);
    expect(r.summary).not.toMatch(/\bcompliant\b/i);
  }, 60_000);
});
