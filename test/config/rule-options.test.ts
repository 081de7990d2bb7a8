/**
 * Rule options are validated against each rule's declared schema: a mistyped option or a value of
 * the wrong type is a config error (exit 2) naming the rule and the option, never ignored.
 */
import { configErrorOf } from '../support/errors.js';
import { rules as RULES } from '../../rules/index.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { validateConfig } from '../../src/config/load.js';
import { checkRuleOptions } from '../../src/engine/rule-options.js';
import { runCli } from '../support/cli.js';

const problem = (raw: unknown): string => configErrorOf(() => validateConfig(raw, 'c.yaml', RULES));

describe('rule options in the config', () => {
  it('accepts the options a rule declares, with values of their type', () => {
    expect(() =>
      validateConfig({
          rules: {
            'signing-key-rotation': { options: { maxKeyAgeDays: 180 } },
            'app-third-party-flag': { severity: 'warning', options: { thirdPartyClients: ['Partner Portal'] } },
            'api-rbac-enforced': { options: { permissionsClaim: true } },
            'user-email-verification': { options: { maxUnverifiedShare: 0.25 } },
          },
        }, 'c.yaml', RULES, ),
    ).not.toThrow();
  });

  it('a mistyped option: the rule, the option, the nearest name and the options it takes', () => {
    const m = problem({ rules: { 'signing-key-rotation': { options: { maxKeyAgeDay: 180 } } } });
    expect(m).toContain('rules.signing-key-rotation.options.maxKeyAgeDay: rule signing-key-rotation has no option maxKeyAgeDay (did you mean maxKeyAgeDays?); its options: maxKeyAgeDays');
  });

  it('a value of the wrong type or out of range', () => {
    expect(problem({ rules: { 'api-rbac-enforced': { options: { permissionsClaim: 'yes' } } } })).toContain(
      'rules.api-rbac-enforced.options.permissionsClaim: expected true or false, got "yes"',
    );
    expect(problem({ rules: { 'user-email-verification': { options: { maxUnverifiedShare: 10 } } } })).toContain(
      'rules.user-email-verification.options.maxUnverifiedShare: expected a number at least 0 and at most 1, got 10',
    );
    expect(problem({ rules: { 'app-third-party-flag': { options: { thirdPartyClients: 'Partner Portal' } } } })).toContain('expected a list of strings');
  });

  it('options for a rule that takes none', () => {
    expect(problem({ rules: { 'mfa-factor-enabled': { options: { strict: true } } } })).toContain('rules.mfa-factor-enabled.options.strict: rule mfa-factor-enabled takes no options');
  });

  it('every problem is listed, one per line', () => {
    const m = problem({ rules: { 'signing-key-rotation': { options: { maxKeyAgeDays: 0, bogus: 1 } } } });
    expect(m.split('\n').filter((l) => l.startsWith('  rules.signing-key-rotation.options.'))).toHaveLength(2);
  });

  it('the CLI exits 2 on a mistyped option, naming the rule and the option', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'a0r-rule-options-'));
    writeFileSync(join(dir, 'config.yaml'), 'rules:\n  tenant-session-lifetimes:\n    options:\n      maxSessionLifetimeHour: 48\n');
    const run = await runCli(['audit', '--config', join(dir, 'config.yaml'), '--from', join(dir, 'missing.json')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('rules.tenant-session-lifetimes.options.maxSessionLifetimeHour: rule tenant-session-lifetimes has no option maxSessionLifetimeHour (did you mean maxSessionLifetimeHours?)');
  });
});

describe('rule option schemas', () => {
  /** The option names a rule's source reads from `ctx.options`. */
  const read = (id: string) => new Set([...readFileSync(new URL(`../../rules/${id}.ts`, import.meta.url), 'utf8').matchAll(/ctx\.options\.(\w+)/g)].map((m) => m[1]));

  for (const rule of rules) {
    const declared = Object.keys(rule.options ?? {});
    const used = read(rule.id);
    if (used.size === 0 && declared.length === 0) continue;
    it(`${rule.id} declares exactly the options it reads`, () => {
      expect(declared.sort()).toEqual([...used].sort());
      for (const [name, spec] of Object.entries(rule.options ?? {})) expect(spec.description, name).not.toBe('');
    });
  }

  it('checkRuleOptions accepts nothing for a rule without a schema, and nothing is a valid set of options', () => {
    expect(checkRuleOptions({ id: 'x' }, {})).toEqual([]);
    expect(checkRuleOptions({ id: 'x' }, { a: 1 })).toEqual(['rules.x.options.a: rule x takes no options']);
    expect(checkRuleOptions({ id: 'x', options: { n: { type: 'number', integer: true, description: 'n' } } }, { n: 1.5 })).toEqual(['rules.x.options.n: expected an integer, got 1.5']);
    expect(checkRuleOptions({ id: 'x', options: { s: { type: 'string', values: ['a', 'b'], description: 's' } } }, { s: 'c' })).toEqual(['rules.x.options.s: expected one of "a", "b", got "c"']);
  });
});
