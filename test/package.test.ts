/**
 * The package a user installs: `npm pack` the built repository, install the tarball into an empty
 * project with `npm ci --offline` (a lockfile for that project is derived from this repository's
 * package-lock.json, so every dependency comes from the npm cache that `npm ci` filled: no network),
 * then run the installed bin through `npx`: --help, rules, and an audit --from a Deploy CLI export.
 * Needs `npm run build` (the `pretest` script) and a prior `npm ci` on the machine.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { AuditReportSchema } from '../src/report/schema.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

interface Run { code: number; stdout: string; stderr: string }
function run(cmd: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, env: { ...process.env, NO_COLOR: '1', npm_config_offline: 'true', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' }, timeout: 170_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 99) : 0, stdout, stderr }),
    );
  });
}

interface PackResult { filename: string; size: number; unpackedSize: number; integrity: string; entryCount: number; files: { path: string; size: number }[] }

describe('the npm package', () => {
  let pack: PackResult;
  let project: string;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pack-'));
    // dist/ is built already (pretest); --ignore-scripts so pack does not rebuild it.
    const p = await run(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT);
    expect(p.code, p.stderr).toBe(0);
    pack = (JSON.parse(p.stdout) as PackResult[])[0] as PackResult;
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; license: string; dependencies: Record<string, string>; bin: Record<string, string>; engines: Record<string, string> };
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    // The empty project depends on the tarball only; its lockfile pins the tarball by integrity and
    // takes this repository's locked production tree, so `npm ci --offline` resolves nothing anew.
    project = join(dir, 'project');
    mkdirSync(project);
    const spec = `file:../${pack.filename}`;
    const packages: Record<string, unknown> = {
      '': { name: 'pack-test', version: '0.0.0', dependencies: { [pkg.name]: spec } },
      [`node_modules/${pkg.name}`]: { version: pkg.version, resolved: spec, integrity: pack.integrity, license: pkg.license, dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines },
    };
    for (const [k, v] of Object.entries(lock.packages)) if (k && !v.dev) packages[k] = v;
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'pack-test', version: '0.0.0', private: true, dependencies: { [pkg.name]: spec } }, null, 2));
    writeFileSync(join(project, 'package-lock.json'), JSON.stringify({ name: 'pack-test', version: '0.0.0', lockfileVersion: 3, requires: true, packages }, null, 2));
    const install = await run(NPM, ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], project);
    expect(install.code, `npm ci --offline of the tarball failed (was npm ci run on this machine, filling the npm cache?)\n${install.stderr}`).toBe(0);
  }, 180_000);

  it('ships exactly the runtime: bin, compiled code and type declarations; no tests, fixtures, sources or source maps', () => {
    const paths = pack.files.map((f) => f.path);
    for (const must of ['package.json', 'README.md', 'LICENSE', 'bin/auth0-readiness.js', 'dist/src/cli.js', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/rules/index.js', 'dist/catalog/b2c.js']) expect(paths).toContain(must);
    // The shipped framework files are data: each framework.yaml with its SOURCES.md (and ASVS's official list).
    for (const must of ['frameworks/asvs-5.0/framework.yaml', 'frameworks/asvs-5.0/official.txt', 'frameworks/nist-800-63b-4/SOURCES.md', 'frameworks/pci-dss-4.0.1-req8/framework.yaml']) expect(paths).toContain(must);
    const unexpected = paths.filter((p) => !/^(package\.json|README\.md|LICENSE|bin\/auth0-readiness\.js|dist\/(src|rules|catalog)\/.+\.(js|d\.ts)|frameworks\/[a-z0-9.-]+\/(framework\.yaml|SOURCES\.md|official\.txt)|fixtures\/tenants\/go-live-ready-b2c\.json)$/.test(p));
    expect(unexpected).toEqual([]);
    expect(paths.filter((p) => /\.map$|^test\/|^fixtures\/(?!tenants\/go-live-ready-b2c\.json$)|^src\/|^dist\/test\/|^dist\/action\/|\.test\./.test(p))).toEqual([]);
    // The licence ships, and it is the one package.json names; installing runs no script of ours.
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { license: string; scripts: Record<string, string> };
    expect(pkg.license).toBe('Apache-2.0');
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
    expect(Object.keys(pkg.scripts).filter((k) => /^(preinstall|install|postinstall|prepare)$/.test(k))).toEqual([]);
    // Type declarations stay small (a catalog typed as its literal would be ~900 kB each).
    for (const f of pack.files.filter((x) => x.path.endsWith('.d.ts'))) expect(f.size, f.path).toBeLessThan(100_000);
    // A bound that catches a stray directory: the packed tarball is ~300 kB.
    expect(pack.size).toBeLessThan(600_000);
  });

  it('installs the bin: npx auth0-readiness --help and --version', async () => {
    expect(existsSync(join(project, 'node_modules/.bin/auth0-readiness'))).toBe(true);
    const help = await run(NPX, ['--offline', '--no-install', 'auth0-readiness', '--help'], project);
    expect(help.code, help.stderr).toBe(0);
    for (const cmd of ['audit', 'snapshot', 'diff', 'merge', 'rules', 'explain', 'catalog']) expect(help.stdout).toMatch(new RegExp(`^\\s+${cmd}\\b`, 'm'));
    const version = await run(NPX, ['--offline', '--no-install', 'auth0-readiness', '--version'], project);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  }, 60_000);

  it('runs rules and an audit --from a Deploy CLI export through the installed bin', async () => {
    const rules = await run(NPX, ['--offline', '--no-install', 'auth0-readiness', 'rules', '--format', 'json'], project);
    expect(rules.code, rules.stderr).toBe(0);
    expect((JSON.parse(rules.stdout) as unknown[]).length).toBeGreaterThan(50);
    const exp = join(ROOT, 'fixtures/deploy-cli/go-live-ready-b2c');
    const audit = await run(NPX, ['--offline', '--no-install', 'auth0-readiness', 'audit', '--from', join(exp, 'yaml/tenant.yaml'), '--deploy-config', join(exp, 'config.json'), '--format', 'json', '--fail-on', 'none', '-q'], project);
    expect(audit.code, audit.stderr).toBe(0);
    const report = AuditReportSchema.parse(JSON.parse(audit.stdout));
    expect(report.tenant.source).toBe('deploy-cli');
    expect(report.findings.length).toBeGreaterThan(50);
    // `policies test` runs on the baseline tenant the package ships (its one fixture file).
    const policies = await run(NPX, ['--offline', '--no-install', 'auth0-readiness', 'policies', 'test', join(ROOT, 'examples/policies/callbacks-on-company-domains.yaml')], project);
    expect(policies.code, policies.stderr + policies.stdout).toBe(0);
    expect(policies.stdout).toContain('2 of 2 policy tests passed.');
    // The framework files ship with the package and load from there.
    const frameworks = await run(NPX, ['--offline', '--no-install', 'auth0-readiness', 'audit', '--from', join(exp, 'yaml/tenant.yaml'), '--deploy-config', join(exp, 'config.json'), '--framework', 'asvs-5.0-L1', '--format', 'csv', '--fail-on', 'none', '-q'], project);
    expect(frameworks.code, frameworks.stderr).toBe(0);
    expect(frameworks.stdout.split('\r\n').filter((l) => l.includes('asvs-5.0-L1')).length).toBe(28);
    // The library entry point resolves from the installed package too.
    const lib = await run(process.execPath, ['--input-type=module', '-e', "const m = await import('auth0-readiness'); console.log(typeof m.audit)"], project);
    expect(lib.stdout.trim(), lib.stderr).toBe('function');
  }, 60_000);
});
