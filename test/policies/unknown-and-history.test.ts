/**
 * Two things a policy (or a framework guardrail check) shares with the built-in rules: what it
 * cannot see is `unknown`, never a failure (`unknown: { when }` — e.g. connection options hidden
 * without read:connections_options), and the run history treats a policy as configuration: adding
 * or changing one changes the recorded configuration hash.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules as builtins } from '../../rules/index.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { recordOf } from '../../src/history/record.js';
import { compileCheck } from '../../src/policies/compile.js';
import { loadPolicyFile, parsePolicies } from '../../src/policies/load.js';
import { audit, DEFAULT_SETTINGS } from '../../src/run.js';
import { tenant } from '../support/tenant.js';
import { ConfigError } from '../../src/errors.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const builtinIds = new Set(builtins.map((r) => r.id));
const NOW = () => new Date('2026-12-01T00:00:00Z');
const ctx = { now: NOW(), env: 'prod' as const, plan: 'b2c' as const, settings: DEFAULT_SETTINGS };

const hidden = tenant((t) => {
  for (const c of t.connections ?? []) if (c.strategy === 'auth0') delete (c as { options?: unknown }).options;
});

describe('unknown: { when }', () => {
  const def = {
    id: 'org/dictionary',
    title: 'Database connections use the password dictionary',
    severity: 'warning' as const,
    resource: 'connections',
    where: { strategy: 'auth0' },
    assert: { 'options.password_dictionary.enable': true },
  };

  it('without it, hidden options fail (the assertion reads a missing value)', () => {
    const fs = evaluate([compileCheck(def, { file: 't.yaml' })], hidden, { ctx });
    expect(fs.map((f) => f.status)).toEqual(['fail']);
  });

  it('with it, hidden options are unknown with the message, and visible ones are judged', () => {
    const rule = compileCheck({ ...def, unknown: { when: { options: { exists: false } }, message: 'Options of {name} are not visible: grant read:connections_options' } }, { file: 't.yaml' });
    const fs = evaluate([rule], hidden, { ctx });
    expect(fs.map((f) => [f.status, f.message])).toEqual([['unknown', 'Options of acme-customers are not visible: grant read:connections_options']]);
    expect(evaluate([rule], tenant(), { ctx }).map((f) => f.status)).toEqual(['pass']);
  });

  it('a policy file takes it, and a bad assertion in it is exit 2 with the line', () => {
    const ok = parsePolicies(
      `policies:\n  - id: org/d\n    title: T\n    severity: advice\n    resource: connections\n    where: { strategy: auth0 }\n    assert: { options.password_dictionary.enable: true }\n    unknown: { when: { options: { exists: false } } }\n`,
      'p.yaml',
      { builtinIds },
    );
    expect(evaluate([ok[0]!.rule], hidden, { ctx }).map((f) => [f.status, f.message])).toEqual([['unknown', 'Not evaluated: what T reads is not visible on acme-customers']]);
    let err: unknown;
    try {
      parsePolicies(`policies:\n  - id: org/d\n    title: T\n    severity: advice\n    resource: connections\n    assert: { name: { exists: true } }\n    unknown: { when: { options: { exsts: false } } }\n`, 'p.yaml', { builtinIds });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/p\.yaml:7: .*exsts/);
  });
});

describe('the run history treats policies as configuration', () => {
  it('adding a policy, or changing its definition, changes the recorded configuration', async () => {
    const [p] = loadPolicyFile('examples/policies/callbacks-on-company-domains.yaml', ROOT, { builtinIds });
    const source = { kind: 'snapshot' as const, snapshot: tenant() };
    const plain = await audit({ source, now: NOW });
    const withPolicy = await audit({ source, now: NOW, rules: [...builtins, p!.rule] });
    expect(withPolicy.effectiveConfig?.policies).toEqual([{ id: 'org/callbacks-on-company-domains', severity: 'warning', file: 'examples/policies/callbacks-on-company-domains.yaml:5', hash: expect.stringMatching(/^[0-9a-f]{12}$/) }]);
    const changed = compileCheck({ id: 'org/callbacks-on-company-domains', title: 'Callbacks stay on company domains', severity: 'warning', resource: 'clients', assert: { every: { path: 'callbacks', matches: '^https://' } } }, { file: 'x.yaml' });
    const withChanged = await audit({ source, now: NOW, rules: [...builtins, changed] });
    const config = (r: typeof plain) => recordOf(r, undefined, 'rules', NOW()).record.config;
    expect(new Set([config(plain), config(withPolicy), config(withChanged)]).size).toBe(3);
    // The same report records the same configuration: the hash is stable.
    expect(config(withPolicy)).toBe(config(await audit({ source, now: NOW, rules: [...builtins, p!.rule] })));
  });
});
