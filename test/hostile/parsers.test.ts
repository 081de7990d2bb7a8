/**
 * Hostile input: the config parser, the snapshot reader and the Deploy CLI reader, fed malformed,
 * oversized, aliased, deeply nested, wrongly typed or binary input, must either accept it or throw
 * a ConfigError (exit 2) with a message, never another exception, and within bounded time.
 * Property-based (fast-check), with a fixed seed so a failure reproduces.
 */
import { rules as RULES } from '../../rules/index.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfigText, validateConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';
import { readSnapshotFile } from '../../src/snapshot/file.js';
import { readDeployCliExport } from '../../src/sources/deploy-cli/index.js';

const dir = mkdtempSync(join(tmpdir(), 'a0r-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SEED = 20260701;
/**
 * Generous, and in CPU time (this process's), not wall time: on a loaded machine a case waits for
 * a core without working; a parser that loops or explodes burns far more.
 */
const PER_CASE_MS = 5000;

/** Run `fn`; it may return, or throw a ConfigError with a non-empty message; anything else fails. */
function expectExit2OrOk(fn: () => unknown): void {
  const t0 = process.cpuUsage();
  try {
    fn();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw new Error(`not a ConfigError: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    expect(e.exitCode).toBe(2);
    expect(e.message.length).toBeGreaterThan(0);
  }
  const used = process.cpuUsage(t0);
  expect((used.user + used.system) / 1000).toBeLessThan(PER_CASE_MS);
}

const depth = (n: number, open: string, close: string) => `${open.repeat(n)}${close.repeat(n)}`;
/** The classic "billion laughs" YAML alias bomb. */
const aliasBomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`)].join('\n');

const HOSTILE_TEXTS: [string, string][] = [
  ['alias bomb', aliasBomb],
  ['deep flow nesting', depth(5000, '[', ']')],
  ['deep map nesting', depth(5000, '{a: ', '}')],
  ['deep block nesting', Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')],
  ['huge string', `plan: "${'x'.repeat(5_000_000)}"`],
  ['binary', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131) % 256)).toString('latin1')],
  ['NUL bytes', 'plan: b2c\u0000\u0000'],
  ['wrong types', 'plan: 42\nwaivers: "nope"\nrules: [1,2,3]'],
  ['a list at the top', '- a\n- b'],
  ['duplicate keys', 'plan: b2c\nplan: b2b'],
  ['custom tags', 'plan: !!js/function "function(){}"\nx: !foo bar'],
  ['merge keys', 'base: &b {plan: b2c}\nx:\n  <<: *b'],
  ['JSON with __proto__', '{"__proto__": {"polluted": true}, "plan": "b2c"}'],
];

describe('config parser (parseConfigText + validateConfig)', () => {
  for (const [name, text] of HOSTILE_TEXTS) {
    it(`rejects or accepts cleanly: ${name}`, () => {
      expectExit2OrOk(() => validateConfig(parseConfigText(text, 'c.yaml'), 'c.yaml', RULES));
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 400 }), fc.json({ maxDepth: 6 })), (text) => {
        expectExit2OrOk(() => validateConfig(parseConfigText(text, 'c.yaml'), 'c.yaml', RULES));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('arbitrary structures of the right syntax and wrong types (property)', () => {
    const key = fc.constantFrom('plan', 'env', 'require', 'failOn', 'rules', 'settings', 'scope', 'waivers', 'attestations', 'outOfScope', 'tenants', 'x');
    fc.assert(
      fc.property(fc.dictionary(key, fc.anything({ maxDepth: 3 })), (obj) => {
        expectExit2OrOk(() => validateConfig(obj, 'c.yaml', RULES));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('snapshot reader (readSnapshotFile)', () => {
  const file = join(dir, 'snap.json');
  const read = (text: string | Buffer) => {
    writeFileSync(file, text);
    return () => readSnapshotFile(file);
  };
  for (const [name, text] of HOSTILE_TEXTS) {
    it(`rejects or accepts cleanly: ${name}`, () => expectExit2OrOk(read(text)));
  }
  it('a missing file', () => expectExit2OrOk(() => readSnapshotFile(join(dir, 'nope.json'))));
  // KNOWN BUG (src/snapshot/file.ts, not owned here): `--from <a directory>` that is not a Deploy
  // CLI export reaches readFileSync and throws EISDIR (exit 1 with a stack, not exit 2). Fix:
  // after statSync, `if (!st.isFile()) throw new ConfigError(`${path}: not a file`)`. Flip to `it`
  // once fixed.
  it('a directory that is not an export', () => expectExit2OrOk(() => readSnapshotFile(dir)));
  it('arbitrary JSON of roughly the right shape (property)', () => {
    const resource = fc.oneof(fc.record({ ok: fc.constant(true), data: fc.anything({ maxDepth: 3 }) }), fc.record({ ok: fc.constant(false), reason: fc.string(), detail: fc.anything() }), fc.anything({ maxDepth: 2 }));
    fc.assert(
      fc.property(
        fc.record({
          kind: fc.oneof(fc.constant('auth0-readiness-snapshot'), fc.string()),
          version: fc.oneof(fc.constant(1), fc.integer(), fc.string()),
          tenant: fc.oneof(fc.record({ domain: fc.string() }), fc.anything({ maxDepth: 2 })),
          collectedAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()),
          resources: fc.dictionary(fc.constantFrom('clients', 'connections', 'tenantSettings', 'actions', 'bogus'), resource),
        }, { requiredKeys: [] }),
        (obj) => expectExit2OrOk(read(JSON.stringify(obj))),
      ),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe('Deploy CLI reader (readDeployCliExport, tenant.yaml)', () => {
  const file = join(dir, 'tenant.yaml');
  const read = (text: string) => {
    writeFileSync(file, text);
    return () => readDeployCliExport(file);
  };
  for (const [name, text] of HOSTILE_TEXTS) {
    it(`rejects or accepts cleanly: ${name}`, () => expectExit2OrOk(read(text)));
  }
  it('sections of the wrong type (property)', () => {
    const section = fc.constantFrom('tenant', 'clients', 'connections', 'databases', 'actions', 'organizations', 'resourceServers', 'emailProvider', 'logStreams', 'prompts', 'branding', 'guardianFactors', 'attackProtection', 'rules', 'hooks', 'roles');
    fc.assert(
      fc.property(fc.dictionary(section, fc.anything({ maxDepth: 3 })), (obj) => expectExit2OrOk(read(JSON.stringify(obj)))),
      { seed: SEED, numRuns: 200 },
    );
  });
});
