/**
 * Framework views on the command line (issue 19 §1): `audit --framework` over a Deploy CLI export
 * gives `frameworks[]` with every requirement of the profile, its status and evidence, and the
 * coverage; every format carries it; the gate can require a profile; bad input is exit 2.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { runCli } from '../support/cli.js';
import { AuditReportSchema, type AuditReport } from '../../src/report/schema.js';
import { CSV_COLUMNS } from '../../src/report/csv.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const cli = (args: string[]) => runCli(args, { cwd: ROOT });
const BRAND_NEW = ['--from', 'fixtures/deploy-cli/brand-new/yaml/tenant.yaml', '--deploy-config', 'fixtures/deploy-cli/brand-new/config.json', '-q'];
const READY = ['--from', 'fixtures/deploy-cli/go-live-ready-b2c/yaml/tenant.yaml', '--deploy-config', 'fixtures/deploy-cli/go-live-ready-b2c/config.json', '-q'];
const dir = mkdtempSync(join(tmpdir(), 'a0r-frameworks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** ASVS 5.0 ids at or below a level, from the official list the data test holds the file to. */
function officialAsvs(level: number): string[] {
  return readFileSync(join(ROOT, 'frameworks/asvs-5.0/official.txt'), 'utf8')
    .split('\n')
    .filter((l) => /^\d/.test(l))
    .map((l) => l.trim().split(/\s+/) as [string, string])
    .filter(([, l]) => Number(l) <= level)
    .map(([id]) => id);
}

async function json(args: string[]): Promise<AuditReport> {
  const out = join(dir, `r-${Math.random().toString(36).slice(2)}.json`);
  const run = await cli([...args, '--format', `json:${out}`]);
  expect(run.stderr).toBe('');
  return AuditReportSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
}

describe('audit --framework', { timeout: 60_000 }, () => {
  it('ASVS 5.0 L2 on an export: every requirement of V6/V7/V9/V10 at L1–L2, with status, evidence and coverage', async () => {
    const r = await json([...BRAND_NEW, '--framework', 'asvs-5.0-L2']);
    const fr = r.frameworks?.[0];
    expect(fr).toMatchObject({ id: 'asvs-5.0-L2', framework: 'asvs-5.0', version: '5.0.0', profile: { id: 'asvs-5.0-L2', level: 2 } });
    expect(fr?.requirements.map((q) => q.id)).toEqual(officialAsvs(2));
    const c = fr!.coverage;
    expect(c.automated + c.partial + c.manual + c.outOfScope).toBe(c.requirements);
    expect(c.requirements).toBe(officialAsvs(2).length);
    const s = fr!.summary;
    expect(s.pass + s.fail + s.unknown + s.manual + s['n/a']).toBe(c.requirements);
    for (const q of fr!.requirements) {
      expect(q.reason.length).toBeGreaterThan(0);
      if (q.automation !== 'out-of-scope' && q.automation !== 'manual') expect(q.evidence.length, q.id).toBeGreaterThan(0);
    }
  });

  it('on the brand-new tenant the MFA and password requirements fail, with the rule findings as evidence', async () => {
    const r = await json([...BRAND_NEW, '--framework', 'asvs-5.0-L2']);
    const reqs = new Map(r.frameworks![0]!.requirements.map((q) => [q.id, q]));
    const mfa = reqs.get('6.3.3')!;
    expect(mfa.status).toBe('fail');
    expect(mfa.evidence).toContainEqual(expect.objectContaining({ kind: 'rule', id: 'mfa-policy-enforced', status: 'fail' }));
    const breached = reqs.get('6.2.12')!;
    expect(breached.status).toBe('fail');
    const ev = breached.evidence.find((e) => e.kind === 'rule' && e.id === 'attack-protection-breached-password');
    expect(ev?.kind === 'rule' && ev.findings.some((f) => f.status === 'fail' && /[Bb]reached password detection/.test(f.message))).toBe(true);
    // The same requirement on the go-live-ready tenant does not fail.
    const ready = await json([...READY, '--framework', 'asvs-5.0-L2']);
    expect(ready.frameworks![0]!.requirements.find((q) => q.id === '6.3.3')!.status).not.toBe('fail');
  });

  it('NIST AAL1: a password-only tenant held to 8 characters fails the 15-character guardrail; setting 15 lifts it', async () => {
    const r = await json([...READY, '--framework', 'nist-800-63b-4-aal1']);
    const guarded = r.frameworks![0]!.requirements.filter((q) => q.evidence.some((e) => e.kind === 'guardrail' && /minPasswordLength/.test(e.what)));
    expect(guarded.length).toBeGreaterThan(0);
    expect(guarded.some((q) => q.status === 'fail' && /settings\.minPasswordLength is 8 \(the default\), looser than AAL1 allows: it needs at least 15/.test(q.reason))).toBe(true);
    const config = join(dir, 'fifteen.yaml');
    writeFileSync(config, 'settings:\n  minPasswordLength: 15\n');
    const tight = await json([...READY, '--framework', 'nist-800-63b-4-aal1', '--config', config]);
    for (const q of tight.frameworks![0]!.requirements) {
      for (const e of q.evidence) if (e.kind === 'guardrail' && /minPasswordLength/.test(e.what)) expect(e.status, q.id).toBe('pass');
    }
  });

  it('every format carries the view: console, Markdown, HTML, JUnit, SARIF tags, CSV', async () => {
    const paths = Object.fromEntries(['md', 'html', 'xml', 'sarif', 'csv'].map((x) => [x, join(dir, `all.${x}`)]));
    const run = await cli([...BRAND_NEW, '--framework', 'asvs-5.0-L2', '--format', 'console', '--format', `markdown:${paths.md}`, '--format', `html:${paths.html}`, '--format', `junit:${paths.xml}`, '--format', `sarif:${paths.sarif}`, '--format', `csv:${paths.csv}`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/OWASP Application Security Verification Standard 5\.0\.0 — Level 2 \(asvs-5\.0-L2; a view of this audit's evidence, not a certification\)/);
    expect(run.stdout).toMatch(/\d+ of 89 requirements checked automatically, \d+ need an attestation/);
    expect(run.stdout).toMatch(/✘ 6\.3\.3 /);
    // No part of any format claims compliance.
    const sections = [
      run.stdout.slice(run.stdout.indexOf('OWASP')),
      readFileSync(paths.md!, 'utf8').split('### 📐')[1] ?? '',
      (readFileSync(paths.html!, 'utf8').split('<section id="frameworks"')[1] ?? '').split('</section>')[0] ?? '',
      readFileSync(paths.csv!, 'utf8'),
    ];
    for (const part of sections) {
      expect(part.length).toBeGreaterThan(100);
      expect(part).not.toMatch(/\bcompliant\b/i);
    }
    const all = [run.stdout, ...Object.values(paths).map((p) => readFileSync(p, 'utf8'))].join('\n');
    expect(all).not.toMatch(/\bcompliant\b/i);
    const md = readFileSync(paths.md!, 'utf8');
    expect(md).toMatch(/### 📐 OWASP Application Security Verification Standard 5\.0\.0 — Level 2 \(`asvs-5\.0-L2`\)/);
    expect(md).toMatch(/- ❌ \*\*6\.3\.3\*\*/);
    const html = readFileSync(paths.html!, 'utf8');
    expect(html).toContain('<section id="frameworks"');
    expect((html.match(/<tr><td><span class="badge/g) ?? []).length).toBeGreaterThanOrEqual(89);
    const xml = readFileSync(paths.xml!, 'utf8');
    expect(xml).toMatch(/<testsuite name="OWASP Application Security Verification Standard 5\.0\.0 — Level 2 \(asvs-5\.0-L2\)" tests="89"/);
    expect(xml).toMatch(/<testcase classname="asvs-5\.0-L2\.V6\.3 [^"]*" name="6\.3\.3: [^"]*" time="0">\s*<failure /);
    const sarif = JSON.parse(readFileSync(paths.sarif!, 'utf8')) as { runs: { results: { ruleId: string; properties?: { tags?: string[] } }[]; properties: { frameworks?: { id: string }[] } }[] };
    const mfaResult = sarif.runs[0]!.results.find((x) => x.ruleId === 'mfa-policy-enforced');
    expect(mfaResult?.properties?.tags).toContain('asvs-5.0:6.3.3');
    expect(sarif.runs[0]!.properties.frameworks?.[0]?.id).toBe('asvs-5.0-L2');
    const rows = parseCsv(readFileSync(paths.csv!, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(89);
    expect(rows.find((x) => x.requirement === '6.3.3')).toMatchObject({ framework: 'asvs-5.0', profile: 'asvs-5.0-L2', status: 'fail', judged_by: 'partial', attestation: 'asvs-5.0:6.3.3' });
  });

  it('--require-framework gates on automated requirements; the config can ask for it too', async () => {
    const fail = await cli([...BRAND_NEW, '--require-framework', 'asvs-5.0-L1', '--fail-on', 'none', '--format', 'json']);
    expect(fail.code).toBe(1);
    const r = AuditReportSchema.parse(JSON.parse(fail.stdout));
    expect(r.frameworks?.map((f) => f.id)).toEqual(['asvs-5.0-L1']);
    expect(r.gate.reasons.join('\n')).toMatch(/required framework profile asvs-5\.0-L1: \d+ automated requirement\(s\) fail/);
    const config = join(dir, 'require.yaml');
    writeFileSync(config, 'requireFrameworks: [asvs-5.0-L1]\nfailOn: none\n');
    const viaConfig = await cli([...BRAND_NEW, '--config', config, '--format', 'json']);
    expect(viaConfig.code).toBe(1);
    expect(AuditReportSchema.parse(JSON.parse(viaConfig.stdout)).effectiveConfig?.requireFrameworks).toEqual(['asvs-5.0-L1']);
  });

  it('a framework file of your own, from the config, relative to it', async () => {
    const fw = join(dir, 'house.yaml');
    writeFileSync(fw, `id: house\nname: House\nversion: '1'\nsource: https://example.com\nlicence: internal\nprofiles: [{ id: house, name: Base, level: 1 }]\nrequirements:\n  - { id: H1, title: MFA is on, level: 1, appliesTo: [end-users], rules: [mfa-factor-enabled] }\n`);
    const config = join(dir, 'house-config.yaml');
    writeFileSync(config, 'frameworks: [./house.yaml]\n');
    const r = await json([...BRAND_NEW, '--config', config]);
    expect(r.frameworks?.[0]).toMatchObject({ id: 'house', file: './house.yaml', summary: { fail: 1 } });
  });

  it('bad input is exit 2 with one message', async () => {
    const unknown = await cli([...BRAND_NEW, '--framework', 'asvs-5.0-L9']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--framework asvs-5\.0-L9: no such framework profile/);
    const csv = await cli([...BRAND_NEW, '--format', 'csv']);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/--format csv lists the requirements of framework profiles: add --framework/);
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'id: x\nname: X\nversion: 1\n');
    const bad = await cli([...BRAND_NEW, '--framework', broken]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/broken\.yaml: invalid framework file/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const attest = join(dir, 'attest.yaml');
    writeFileSync(attest, 'attestations:\n  - { topic: "asvs-5.0:99.9.9", status: done, owner: me, date: 2026-11-01, evidence: x }\n');
    const att = await cli([...BRAND_NEW, '--framework', 'asvs-5.0-L1', '--config', attest]);
    expect(att.code).toBe(2);
    expect(att.stderr).toMatch(/attestations\.0\.topic: OWASP Application Security Verification Standard has no requirement 99\.9\.9/);
  });
});

describe('framework files and references, checked before any tenant is read', { timeout: 60_000 }, () => {
  const house = (id: string, name = 'House', reqId = 'H1') =>
    `id: ${id}\nname: ${name}\nversion: '1'\nsource: https://example.com\nlicence: internal\nprofiles: [{ id: ${id}-p, name: Base, level: 1 }]\nrequirements:\n  - { id: '${reqId}', title: MFA is on, level: 1, appliesTo: [end-users], rules: [mfa-factor-enabled] }\n`;
  const file = (name: string, text: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const fails = async (args: string[], pattern: RegExp) => {
    const r = await cli([...BRAND_NEW, ...args]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr.trim().split('\n').length, r.stderr).toBeLessThanOrEqual(3);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  };

  it('two files with one framework id, or a file shadowing a shipped framework, are refused', async () => {
    await fails(['--framework', file('a.yaml', house('dup')), '--framework', file('b.yaml', house('dup', 'Other'))], /framework id dup is also the id of .*a\.yaml: give each framework file its own id/);
    await fails(['--framework', file('shadow.yaml', house('asvs-5.0'))], /framework id asvs-5\.0 is the id of a shipped framework/);
    // The shipped file named by its path is the shipped framework.
    const shipped = await cli([...BRAND_NEW, '--framework', 'frameworks/asvs-5.0/framework.yaml#asvs-5.0-L1', '--format', 'json']);
    expect(shipped.code).toBe(1);
  });

  it('a requirement id attestations cannot name, a non-UTF-8 or empty file are refused', async () => {
    await fails(['--framework', file('odd.yaml', house('odd', 'Odd', 'ID 1'))], /odd\.yaml:\d+: requirements\.0\.id: letters, digits, dots, dashes and underscores/);
    await fails(['--framework', file('latin.yaml', Buffer.from(house('latin').replace('House', 'H\u00e4use'), 'latin1'))], /latin\.yaml: not UTF-8 text/);
    await fails(['--framework', file('empty.yaml', '# nothing yet\n')], /empty\.yaml: the framework file is empty/);
  });

  it('config requireFrameworks resolve from the config file; typos in framework attestations and waivers are caught without judging the framework', async () => {
    file('house-rf.yaml', house('rf'));
    const config = file('rf-config.yaml', 'requireFrameworks: [./house-rf.yaml]\nfailOn: none\n');
    const abs = BRAND_NEW.map((a) => (a.startsWith('fixtures/') ? join(ROOT, a) : a));
    const r = await runCli([...abs, '--config', config, '--format', 'json'], { cwd: '/' });
    expect(r.stderr).toBe('');
    expect(AuditReportSchema.parse(JSON.parse(r.stdout)).gate.requireFrameworks).toEqual(['rf-p']);
    await fails(['--config', file('typo.yaml', 'attestations:\n  - { topic: "asvs-5.0:6.1.99", status: done, owner: me, date: 2026-11-01, evidence: x }\n')], /attestations\.0\.topic: OWASP Application Security Verification Standard has no requirement 6\.1\.99/);
    await fails(['--config', file('wv.yaml', 'waivers:\n  - { rule: "asvs-5.0:6.1.1", reason: documented elsewhere, expires: 2027-01-01 }\n')], /waivers\.0\.rule: asvs-5\.0:6\.1\.1 is met only by an attestation: attest it/);
  });

  it('a report path that is a directory is exit 2 with one line, nothing left behind', async () => {
    const { mkdirSync, readdirSync } = await import('node:fs');
    const target = join(dir, 'a-directory');
    mkdirSync(target, { recursive: true });
    await fails(['--framework', 'asvs-5.0-L1', '--format', `csv:${target}`], /a-directory: is a directory; give a file path for the report/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('report <saved.json>', { timeout: 60_000 }, () => {
  it('renders a saved report with its framework sections, csv included; csv of a report that judged none is exit 2', async () => {
    const saved = join(dir, 'saved.json');
    await cli([...BRAND_NEW, '--framework', 'asvs-5.0-L1', '--format', `json:${saved}`]);
    const csv = await cli(['report', saved, '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\r\n').filter((l) => l.includes('asvs-5.0-L1'))).toHaveLength(28);
    const md = await cli(['report', saved, '--format', 'markdown']);
    expect(md.stdout).toMatch(/### 📐 OWASP Application Security Verification Standard 5\.0\.0 — Level 1/);
    const plain = join(dir, 'plain.json');
    await cli([...BRAND_NEW, '--format', `json:${plain}`]);
    const none = await cli(['report', plain, '--format', 'csv']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--format csv lists the requirements of framework profiles, and this report judged none/);
  });
});

describe('frameworks', { timeout: 30_000 }, () => {
  it('lists what ships, with coverage', async () => {
    const run = await cli(['frameworks']);
    expect(run.code).toBe(0);
    for (const id of ['asvs-5.0-L1', 'asvs-5.0-L2', 'asvs-5.0-L3', 'nist-800-63b-4-aal1', 'nist-800-63b-4-aal2', 'pci-dss-4.0.1-req8-admin']) expect(run.stdout).toContain(id);
    expect(run.stdout).toMatch(/asvs-5\.0-L2 +Level 2: 89 requirements — \d+ checked automatically/);
    const asJson = JSON.parse((await cli(['frameworks', '--format', 'json'])).stdout) as { profiles: { id: string }[] }[];
    expect(asJson.flatMap((f) => f.profiles.map((p) => p.id))).toHaveLength(6);
  });

  it('show prints requirement → rules, as text, Markdown or JSON', async () => {
    const text = await cli(['frameworks', 'show', 'asvs-5.0-L1']);
    expect(text.stdout).toMatch(/6\.2\.1 +automated +/);
    expect(text.stdout).toMatch(/↳ database-password-policy/);
    const md = await cli(['frameworks', 'show', 'nist-800-63b-4-aal2', '--format', 'markdown']);
    expect(md.stdout).toMatch(/^## NIST SP 800-63B-4/);
    expect(md.stdout).toMatch(/\| Requirement \| What good looks like \| Profiles \| Judged by \| Evidence \/ attestation \|/);
    const whole = JSON.parse((await cli(['frameworks', 'show', 'asvs-5.0', '--format', 'json'])).stdout) as { requirements: { id: string; profiles: string[] }[] };
    expect(whole.requirements).toHaveLength(officialAsvs(3).length);
    expect(whole.requirements.find((q) => q.id === '6.2.1')?.profiles).toEqual(['asvs-5.0-L1', 'asvs-5.0-L2', 'asvs-5.0-L3']);
    const bad = await cli(['frameworks', 'show', 'nope']);
    expect(bad.code).toBe(2);
  });
});
