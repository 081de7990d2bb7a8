/**
 * A framework file is checked whole before use; each problem is exit 2 naming the file and line.
 * `--framework` resolves shipped profiles, framework ids with one profile, and files (path#profile).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { loadFrameworkFile, resolveFramework } from '../../src/frameworks/load.js';
import { ConfigError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'a0r-fw-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = `id: house
name: House rules
version: '1'
source: https://example.com/house
licence: internal
profiles:
  - { id: house-base, name: Base, level: 1 }
  - { id: house-strict, name: Strict, level: 2 }
requirements:
`;
let n = 0;
function write(body: string, header = HEADER): string {
  const path = join(dir, `fw-${++n}.yaml`);
  writeFileSync(path, header + body);
  return path;
}
function problem(body: string, header = HEADER): string {
  const path = write(body, header);
  try {
    loadFrameworkFile(path, 'house.yaml', rules);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
}

const GOOD = `  - id: '1'
    title: Passwords are long
    level: 1
    appliesTo: [end-users]
    rules: [database-password-policy]
`;

describe('loading a framework file', () => {
  it('a good file loads', () => {
    const fw = loadFrameworkFile(write(GOOD), 'good.yaml', rules);
    expect(fw.file.requirements).toHaveLength(1);
  });

  it('an unknown rule is named with its line and a near match', () => {
    const msg = problem(GOOD.replace('database-password-policy', 'database-pasword-policy'));
    expect(msg).toMatch(/house\.yaml:14: requirements\.0\.rules\.0: no such rule database-pasword-policy \(did you mean database-password-policy\?\)/);
  });

  it('an unknown topic, profile, setting or rule option is named with its line', () => {
    expect(problem(GOOD.replace('    rules: [database-password-policy]', '    topics: [p1.nowhere.at-all]'))).toMatch(/house\.yaml:14: requirements\.0\.topics\.0: no such topic p1\.nowhere\.at-all/);
    expect(problem(GOOD.replace('    level: 1', '    profiles: [house-lax]'))).toMatch(/house\.yaml:12: requirements\.0\.profiles\.0: no such profile house-lax/);
    expect(problem(`${GOOD}    guardrails:\n      - { setting: minPasswordLenght, min: 15, why: x }\n`)).toMatch(/house\.yaml:16: .*no audit setting minPasswordLenght \(did you mean minPasswordLength\?\)/);
    expect(problem(`${GOOD}    guardrails:\n      - { rule: database-password-policy, option: nope, min: 1, why: x }\n`)).toMatch(/rule database-password-policy has no option nope/);
  });

  it('a duplicate requirement, a requirement judged by nothing, and an out-of-scope one with evidence are refused', () => {
    expect(problem(GOOD + GOOD)).toMatch(/requirement 1 is listed twice/);
    expect(problem(`  - { id: '2', title: T, level: 1, appliesTo: [end-users] }\n`)).toMatch(/house\.yaml:10: .*map it \(rules, topics, guardrails\), make it manual, or say why it is out of scope/);
    expect(problem(`  - { id: '2', title: T, level: 1, outOfScope: app code, rules: [database-password-policy] }\n`)).toMatch(/an out-of-scope requirement has no evidence/);
  });

  it('a wrong shape names the key and line; malformed YAML names the line; a large file is refused', () => {
    expect(problem(GOOD.replace('    level: 1', '    level: one'))).toMatch(/house\.yaml:12: requirements\.0\.level/);
    expect(problem(`${GOOD}  - id: '3'\n    title: [unclosed\n`)).toMatch(/house\.yaml:1[67]: not valid YAML/);
    const big = write(`${GOOD}# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    expect(() => loadFrameworkFile(big, 'big.yaml', rules)).toThrow(/too large for a framework file/);
    expect(() => loadFrameworkFile(join(dir, 'missing.yaml'), 'missing.yaml', rules)).toThrow(/missing\.yaml: no such framework file/);
  });

  it('a profile with no requirement is refused', () => {
    expect(problem(GOOD.replace('    level: 1', '    profiles: [house-base]'))).toMatch(/profile house-strict has no requirements/);
  });
});

describe('--framework', () => {
  it('resolves a shipped profile, and a framework id only when it has one profile', () => {
    expect(resolveFramework('asvs-5.0-L2', { cwd: dir, rules }).profile.id).toBe('asvs-5.0-L2');
    expect(resolveFramework('pci-dss-4.0.1-req8', { cwd: dir, rules }).profile.id).toBe('pci-dss-4.0.1-req8-admin');
    expect(() => resolveFramework('asvs-5.0', { cwd: dir, rules })).toThrow(/has 3 profiles; name one: asvs-5\.0-L1, asvs-5\.0-L2, asvs-5\.0-L3/);
    expect(() => resolveFramework('asvs-5.0-L4', { cwd: dir, rules })).toThrow(/no such framework profile \(did you mean asvs-5\.0-L1 or asvs-5\.0-L2 or asvs-5\.0-L3\?\)/);
  });

  it('a file with several profiles needs #profile; the profile selects by level', () => {
    const path = write(`${GOOD}  - { id: '2', title: Strict only, level: 2, appliesTo: [administrators], manual: { how: ask } }\n`);
    expect(() => resolveFramework(path, { cwd: dir, rules })).toThrow(/has 2 profiles; name one/);
    expect(resolveFramework(`${path}#house-base`, { cwd: dir, rules }).requirements.map((r) => r.id)).toEqual(['1']);
    expect(resolveFramework(`${path}#house-strict`, { cwd: dir, rules }).requirements.map((r) => r.id)).toEqual(['1', '2']);
    expect(() => resolveFramework(`${path}#house-lax`, { cwd: dir, rules })).toThrow(/has no profile house-lax/);
  });
});

describe('guardrail settings', () => {
  it('every numeric audit setting can be bounded, and only settings that exist', async () => {
    const { GUARDRAIL_SETTINGS } = await import('../../src/frameworks/settings.js');
    const { DEFAULT_SETTINGS } = await import('../../src/engine/default-settings.js');
    const numeric = Object.entries(DEFAULT_SETTINGS).filter(([, v]) => typeof v === 'number').map(([k]) => k).sort();
    expect(Object.entries(GUARDRAIL_SETTINGS).filter(([, s]) => s.type === 'number').map(([k]) => k).sort()).toEqual(numeric);
    const { SettingsSchema } = await import('../../src/config/schema.js');
    for (const k of Object.keys(GUARDRAIL_SETTINGS)) expect(Object.keys(SettingsSchema.shape)).toContain(k);
  });
});
