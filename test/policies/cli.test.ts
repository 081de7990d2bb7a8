/** The CLI: `policies test`, `policies list`, `audit --policy` and config `policies:`, exit codes. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLE = `${ROOT}examples/policies/callbacks-on-company-domains.yaml`;
const EXPORT = `${ROOT}fixtures/deploy-cli/go-live-ready-b2c/yaml`;
const dir = mkdtempSync(join(tmpdir(), 'policies-cli-'));
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

describe('policies test', () => {
  it('the issue example: every test passes, exit 0', async () => {
    const r = await runCli(['policies', 'test', EXAMPLE]);
    expect(r.stdout).toContain('✔ org/callbacks-on-company-domains › a callback on another domain fails');
    expect(r.stdout).toContain('✔ org/callbacks-on-company-domains › company callbacks pass');
    expect(r.stdout).toContain('2 of 2 policy tests passed.');
    expect(r.code).toBe(0);
  });

  it('all three examples pass', async () => {
    const r = await runCli(['policies', 'test', ...['callbacks-on-company-domains', 'application-owner', 'database-connections-hardened'].map((n) => `${ROOT}examples/policies/${n}.yaml`)]);
    expect(r.stdout).toContain('9 of 9 policy tests passed.');
    expect(r.code).toBe(0);
  });

  it('a broken expectation: ✘, what was found, exit 1', async () => {
    const broken = write('broken.yaml', readFileSync(EXAMPLE, 'utf8').replace('expect: [ { status: pass, resource: Shop } ]', 'expect: [ { status: fail, resource: Shop } ]'));
    const r = await runCli(['policies', 'test', broken]);
    expect(r.stdout).toContain('✔ org/callbacks-on-company-domains › a callback on another domain fails');
    expect(r.stdout).toContain('✘ org/callbacks-on-company-domains › company callbacks pass');
    expect(r.stdout).toMatch(/expected, not found: fail Shop/);
    expect(r.stdout).toMatch(/found, not expected: pass Shop: Shop: Callbacks stay on company domains/);
    expect(r.stdout).toMatch(/test defined in \S*broken\.yaml:\d+/);
    expect(r.stdout).not.toMatch(/^\s+at /m);
    expect(r.code).toBe(1);
  });

  it('more findings than expectations fails the test', async () => {
    const extra = write('extra.yaml', readFileSync(EXAMPLE, 'utf8').replace("callbacks: ['https://evil.example/cb'] } ] }", "callbacks: ['https://evil.example/cb'] }, { client_id: c3, name: Other, app_type: spa, callbacks: [] } ] }"));
    const r = await runCli(['policies', 'test', extra]);
    expect(r.stdout).toMatch(/found, not expected: pass Other/);
    expect(r.code).toBe(1);
  });

  it('a malformed policy: exit 2 naming file and line', async () => {
    const bad = write('bad.yaml', readFileSync(EXAMPLE, 'utf8').replace('severity: warning', 'severity: warning\n    serverity: high'));
    const r = await runCli(['policies', 'test', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:\d+: policy 1: unknown key 'serverity'/);
    const yaml = write('yaml.yaml', 'policies:\n  - id: org/x\n    title: "unclosed\n');
    const y = await runCli(['policies', 'test', yaml]);
    expect(y.code).toBe(2);
    expect(y.stderr).toMatch(/yaml\.yaml:\d+: /);
  });
});

describe('policies list', () => {
  it('prints id, severity, resource, topics and file:line', async () => {
    const r = await runCli(['policies', 'list', '--policy', EXAMPLE, '--policy', `${ROOT}examples/policies/database-connections-hardened.yaml`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/org\/callbacks-on-company-domains\s+warning\s+clients\s+Organisation policy section\s+2 tests\s+\S*callbacks-on-company-domains\.yaml:5/);
    expect(r.stdout).toMatch(/org\/database-connections-hardened\s+blocker\s+connections\s+b2c\.p1\.authentication\.username-password, b2b\.p1\.authentication\.username-password/);
  });
});

describe('audit --policy', () => {
  it('renders the Organisation policy section in console, markdown, html, junit and sarif', async () => {
    const out = (f: string) => join(dir, `report.${f}`);
    const r = await runCli(['audit', '--from', EXPORT, '--policy', EXAMPLE, '-q', ...['console', 'markdown', 'html', 'junit', 'sarif', 'json'].map((f) => `--format=${f}:${out(f)}`)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const read = (f: string) => readFileSync(out(f), 'utf8');
    expect(read('console')).toMatch(/Organisation policy \(1 policy\)\n {2}▲ Callbacks stay on company domains \(org\/callbacks-on-company-domains, warning\): 1 of 3 failing\n {6}▲ warning Acme Mobile has a callback outside acme\.example/);
    expect(read('markdown')).toMatch(/### 🏢 Organisation policy \(1\)\n\n- ⚠️ \*\*Callbacks stay on company domains\*\* \(`org\/callbacks-on-company-domains`, warning\): 1 of 3 failing/);
    expect(read('html')).toMatch(/<section id="org-policy"[^>]*><h2 id="h-org-policy">Organisation policy<\/h2>.*data-rule="org\/callbacks-on-company-domains".*Acme Mobile has a callback outside acme\.example/s);
    const junit = new XMLParser({ ignoreAttributes: false }).parse(read('junit')) as { testsuites: { testsuite: { '@_name': string; testcase: unknown }[] } };
    const suite = junit.testsuites.testsuite.find((s) => s['@_name'] === 'Organisation policy');
    expect(suite?.testcase).toMatchObject({ '@_name': 'org/callbacks-on-company-domains: Callbacks stay on company domains' });
    const sarif = JSON.parse(read('sarif')) as { runs: { results: { ruleId: string; message: { text: string } }[] }[] };
    expect(sarif.runs[0]?.results.filter((x) => x.ruleId === 'org/callbacks-on-company-domains').map((x) => x.message.text)).toEqual([expect.stringContaining('Acme Mobile has a callback outside acme.example')]);
    const json = JSON.parse(read('json')) as { findings: { ruleId: string; status: string }[] };
    expect(json.findings.filter((f) => f.ruleId.startsWith('org/')).map((f) => f.status).sort()).toEqual(['fail', 'pass', 'pass']);
  });

  it('--fail-on warning: the org/ warning fails the gate (JUnit failure)', async () => {
    const r = await runCli(['audit', '--from', EXPORT, '--policy', EXAMPLE, '-q', '--fail-on', 'warning', '--format', 'junit']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/<testcase classname="org-policy" name="org\/callbacks-on-company-domains: Callbacks stay on company domains" time="0">\n\s+<failure/);
  });

  it('config policies: (relative to the config file), rule overrides and waivers of org/ ids', async () => {
    const sub = mkdtempSync(join(tmpdir(), 'policies-cfg-'));
    writeFileSync(join(sub, 'org.yaml'), readFileSync(EXAMPLE, 'utf8'));
    const cfg = join(sub, 'auth0-readiness.config.yaml');
    writeFileSync(cfg, 'policies: [org.yaml]\nrules:\n  org/callbacks-on-company-domains: blocker\n');
    const r = await runCli(['audit', '--from', EXPORT, '-c', cfg, '-q', '--format', 'json']);
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string; status: string; severity: string }[] };
    expect(report.findings.filter((f) => f.ruleId === 'org/callbacks-on-company-domains' && f.status === 'fail').map((f) => f.severity)).toEqual(['blocker']);
    expect(r.code).toBe(1);
    writeFileSync(cfg, "policies: [org.yaml]\nwaivers:\n  - { rule: org/callbacks-on-company-domains, resource: Acme Mobile, reason: custom scheme agreed, expires: '2099-01-01' }\nrules:\n  org/callbacks-on-company-domains: blocker\n");
    const w = await runCli(['audit', '--from', EXPORT, '-c', cfg, '-q', '--format', 'json']);
    const statuses = (JSON.parse(w.stdout) as { findings: { ruleId: string; status: string }[] }).findings.filter((f) => f.ruleId === 'org/callbacks-on-company-domains').map((f) => f.status);
    expect(statuses.sort()).toEqual(['pass', 'pass', 'waived']);
    expect(w.code).toBe(0);
    // The same file by flag and by config is read once (no duplicate-id error).
    const both = await runCli(['audit', '--from', EXPORT, '-c', cfg, '--policy', join(sub, 'org.yaml'), '-q', '--format', 'json']);
    expect(both.stderr).toBe('');
    expect(both.code).toBe(0);
  });

  it('an org/ id in the config without its policy file is still an unknown rule (exit 2)', async () => {
    const cfg = write('c.yaml', 'rules:\n  org/nope: blocker\n');
    const r = await runCli(['audit', '--from', EXPORT, '-c', cfg, '-q']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rules\.org\/nope: no such rule/);
  });

  it('a policy with a built-in id, an unknown operator: exit 2 with file:line', async () => {
    const clash = write('clash.yaml', readFileSync(EXAMPLE, 'utf8').replace('org/callbacks-on-company-domains', 'log-stream-active'));
    const a = await runCli(['audit', '--from', EXPORT, '--policy', clash, '-q']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/clash\.yaml:5: policy id 'log-stream-active' must be in the org\/ namespace/);
    const op = write('op.yaml', readFileSync(EXAMPLE, 'utf8').replace('{ in: [spa', '{ inside: [spa'));
    const b = await runCli(['audit', '--from', EXPORT, '--policy', op, '-q']);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/op\.yaml:9: org\/callbacks-on-company-domains: unknown operator 'inside'/);
  });
});
