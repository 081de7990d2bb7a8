/** Policy files: every problem is a ConfigError (exit 2) naming file:line; nothing is skipped. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { loadPolicies, loadPolicyFile, parsePolicies, MAX_POLICY_FILE_BYTES } from '../../src/policies/load.js';
import { configErrorOf } from '../support/errors.js';

const builtinIds = new Set(rules.map((r) => r.id));
const load = (text: string) => parsePolicies(text, 'p.yaml', { builtinIds, seen: new Map() });

const GOOD = `policies:
  - id: org/a
    title: A
    severity: warning
    resource: clients
    assert: { name: { exists: true } }
`;

describe('loading a policy file', () => {
  it('loads a valid file with the origin line of each policy', () => {
    const [p] = load(GOOD);
    expect(p?.rule).toMatchObject({ id: 'org/a', severity: 'warning', needs: ['clients'], topics: [], origin: { file: 'p.yaml', line: 2 } });
  });

  it('malformed YAML: file and line', () => {
    expect(configErrorOf(() => load('policies:\n  - id: org/a\n    title: [unclosed\n'))).toMatch(/^p\.yaml:\d+: /);
    expect(configErrorOf(() => load('policies:\n  - id: org/a\n  id: dup\n'))).toMatch(/^p\.yaml:3: /);
  });

  it('an unknown key of a policy: file, line and the keys', () => {
    const text = GOOD.replace('    severity: warning', '    severity: warning\n    serverity: blocker');
    expect(configErrorOf(() => load(text))).toMatch(/^p\.yaml:5: policy 1: unknown key 'serverity' \(did you mean severity\?\)/);
  });

  it('a missing or wrong field: file and line', () => {
    expect(configErrorOf(() => load(GOOD.replace('warning', 'critical')))).toMatch(/^p\.yaml:4: policy 1: severity: /);
    expect(configErrorOf(() => load('policies: []\n'))).toMatch(/^p\.yaml:1: policies: a policy file lists at least one policy/);
  });

  it('an unknown resource key: file, line and a did-you-mean', () => {
    expect(configErrorOf(() => load(GOOD.replace('resource: clients', 'resource: client')))).toMatch(/^p\.yaml:5: org\/a: unknown resource 'client' \(did you mean clients\?\); resources: tenantSettings, /);
  });

  it('an unknown operator: file, line and the operators', () => {
    const text = GOOD.replace('assert: { name: { exists: true } }', 'assert:\n      every:\n        path: callbacks\n        matchs: x');
    expect(configErrorOf(() => load(text))).toMatch(/^p\.yaml:9: org\/a: unknown operator 'matchs' \(did you mean matches\?\); operators: equals, /);
  });

  it('a pattern RE2 cannot run: file, line and the pattern', () => {
    const text = GOOD.replace('assert: { name: { exists: true } }', "assert:\n      name: { matches: '(a)\\1' }");
    expect(configErrorOf(() => load(text))).toMatch(/^p\.yaml:7: org\/a: matches: RE2 cannot run the pattern '\(a\)\\1'/);
  });

  it('ids: the org/ namespace, no built-in id, no duplicate', () => {
    expect(configErrorOf(() => load(GOOD.replace('org/a', 'my-rule')))).toMatch(/^p\.yaml:2: policy id 'my-rule' must be in the org\/ namespace/);
    expect(configErrorOf(() => load(GOOD.replace('org/a', 'org/A b')))).toMatch(/^p\.yaml:2: .*org\/ namespace/);
    expect(configErrorOf(() => parsePolicies(GOOD, 'p.yaml', { builtinIds: new Set(['org/a']) }))).toMatch(/^p\.yaml:2: policy id 'org\/a' is a built-in rule's id/);
    const twice = `${GOOD}${GOOD.split('\n').slice(1).join('\n')}`;
    expect(configErrorOf(() => load(twice))).toMatch(/^p\.yaml:7: policy id 'org\/a' is already defined at p\.yaml:2/);
  });

  it('the same id in two files names both', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pol-'));
    writeFileSync(join(dir, 'a.yaml'), GOOD);
    writeFileSync(join(dir, 'b.yaml'), `# another team\n${GOOD}`);
    expect(configErrorOf(() => loadPolicies([{ path: 'a.yaml', base: dir }, { path: 'b.yaml', base: dir }], dir, builtinIds))).toMatch(/^b\.yaml:3: policy id 'org\/a' is already defined at a\.yaml:2/);
    // One file named twice (flag and config) is read once.
    expect(loadPolicies([{ path: 'a.yaml', base: dir }, { path: join(dir, 'a.yaml'), base: '/' }], dir, builtinIds)).toHaveLength(1);
  });

  it('topics: full ids or plan-less suffixes, validated', () => {
    const [p] = load(GOOD.replace('resource: clients', 'resource: clients\n    topics: [p1.authentication.username-password, b2c.p1.operations.logging]'));
    expect(p?.rule.topics).toEqual(['b2c.p1.authentication.username-password', 'b2b.p1.authentication.username-password', 'b2c.p1.operations.logging']);
    expect(configErrorOf(() => load(GOOD.replace('resource: clients', 'resource: clients\n    topics: [p1.operations.loging]')))).toMatch(/^p\.yaml:6: unknown topic 'p1\.operations\.loging' \(did you mean b2[bc]\.p1\.operations\.logging\?\)/);
  });

  it('tests: patch keys are resource keys and patch values valid resources', () => {
    const withTest = (patch: string) => `${GOOD}    tests:\n      - name: t\n        patch: ${patch}\n        expect: []\n`;
    expect(configErrorOf(() => load(withTest('{ clientz: [] }')))).toMatch(/^p\.yaml:9: org\/a: test 't': unknown resource 'clientz' in patch \(did you mean clients\?\)/);
    expect(configErrorOf(() => load(withTest('{ clients: [ { name: 5 } ] }')))).toMatch(/^p\.yaml:9: org\/a: test 't': patch\.clients: not a valid Applications/);
  });

  it('an oversized file, a missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pol-'));
    writeFileSync(join(dir, 'big.yaml'), `${GOOD}#${'x'.repeat(MAX_POLICY_FILE_BYTES)}\n`);
    expect(configErrorOf(() => loadPolicyFile('big.yaml', dir))).toMatch(/^big\.yaml: \d+ bytes is too large for a policy file \(max 1048576\)/);
    expect(configErrorOf(() => loadPolicyFile('nope.yaml', dir))).toBe('nope.yaml: no such policy file');
  });

  it('too deep: refused, not a stack overflow', () => {
    const deep = `policies:\n  - id: org/a\n    title: A\n    severity: warning\n    resource: clients\n    assert: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    expect(configErrorOf(() => load(deep))).toMatch(/^p\.yaml(:\d+)?: .*(nested|deep)/i);
    const mid = `policies:\n  - id: org/a\n    title: A\n    severity: warning\n    resource: clients\n    assert: ${'{a: '.repeat(80)}1${'}'.repeat(80)}\n`;
    expect(configErrorOf(() => load(mid))).toMatch(/^p\.yaml: nested more than 64 levels deep/);
  });

  it('too many aliases: refused', () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\npolicies: []\n`;
    expect(configErrorOf(() => load(bomb))).toMatch(/^p\.yaml/);
  });
});
