/** The assertion language: each operator, type mismatches, missing and empty lists, limits, RE2. */
import { describe, expect, it } from 'vitest';
import { AssertionError, evaluateAssertion, parseAssertion, parsePath, resolvePath, shownValue, LIMITS } from '../../src/policies/assert.js';

const run = (a: unknown, v: unknown) => evaluateAssertion(parseAssertion(a), v);
const ok = (a: unknown, v: unknown) => run(a, v).ok;
const parseError = (a: unknown): AssertionError => {
  try {
    parseAssertion(a);
  } catch (e) {
    expect(e).toBeInstanceOf(AssertionError);
    return e as AssertionError;
  }
  throw new Error('expected an AssertionError');
};

const client = { client_id: 'c1', name: 'Shop', app_type: 'spa', callbacks: ['https://a.acme.example/cb', 'https://b.acme.example/cb'], jwt_configuration: { lifetime_in_seconds: 3600 }, client_metadata: { 'team.owner': 'web' }, tags: [] as string[] };

describe('paths', () => {
  it('reads dot paths, indexes, [*] and quoted keys', () => {
    expect(resolvePath(client, parsePath('jwt_configuration.lifetime_in_seconds'))).toEqual([{ path: 'jwt_configuration.lifetime_in_seconds', value: 3600 }]);
    expect(resolvePath(client, parsePath('callbacks[1]'))).toEqual([{ path: 'callbacks[1]', value: 'https://b.acme.example/cb' }]);
    expect(resolvePath(client, parsePath('callbacks[*]')).map((x) => x.path)).toEqual(['callbacks[0]', 'callbacks[1]']);
    expect(resolvePath(client, parsePath('client_metadata["team.owner"]'))[0]?.value).toBe('web');
  });
  it('never reads inherited properties', () => {
    expect(resolvePath({}, parsePath('constructor'))[0]?.value).toBeUndefined();
    expect(resolvePath({}, parsePath('__proto__'))[0]?.value).toBeUndefined();
  });
  it('refuses a malformed path', () => {
    expect(parseError({ path: 'a..b', exists: true }).message).toMatch(/bad path 'a\.\.b'/);
    expect(parseError({ path: 'a[x]', exists: true }).message).toMatch(/not an index/);
  });
});

describe('operators', () => {
  it('equals (and a bare scalar), not_equals', () => {
    expect(ok({ app_type: 'spa' }, client)).toBe(true);
    expect(ok({ app_type: 'native' }, client)).toBe(false);
    expect(ok({ path: 'app_type', equals: 'spa' }, client)).toBe(true);
    expect(ok({ path: 'jwt_configuration', equals: { lifetime_in_seconds: 3600 } }, client)).toBe(true);
    expect(ok({ app_type: { not_equals: 'spa' } }, client)).toBe(false);
    expect(ok({ missing: { not_equals: 'x' } }, client)).toBe(true);
    expect(run({ missing: 'x' }, client)).toMatchObject({ ok: false, reason: "missing is missing (expected 'x')" });
  });
  it('in / not_in', () => {
    expect(ok({ app_type: { in: ['spa', 'native'] } }, client)).toBe(true);
    expect(ok({ app_type: { in: ['native'] } }, client)).toBe(false);
    expect(ok({ app_type: { not_in: ['native'] } }, client)).toBe(true);
    expect(ok({ app_type: { not_in: ['spa'] } }, client)).toBe(false);
  });
  it('matches (unanchored, RE2)', () => {
    expect(ok({ name: { matches: '^Sh' } }, client)).toBe(true);
    expect(ok({ name: { matches: 'op$' } }, client)).toBe(true);
    expect(ok({ name: { matches: '^op' } }, client)).toBe(false);
    expect(ok({ name: { matches: '(?i)^shop$' } }, client)).toBe(true);
  });
  it('exists', () => {
    expect(ok({ app_type: { exists: true } }, client)).toBe(true);
    expect(ok({ logo_uri: { exists: true } }, client)).toBe(false);
    expect(ok({ logo_uri: { exists: false } }, client)).toBe(true);
    expect(ok({ x: { exists: false } }, { x: null })).toBe(true);
  });
  it('gt / gte / lt / lte', () => {
    const p = 'jwt_configuration.lifetime_in_seconds';
    expect(ok({ [p]: { gt: 3599 } }, client)).toBe(true);
    expect(ok({ [p]: { gt: 3600 } }, client)).toBe(false);
    expect(ok({ [p]: { gte: 3600, lte: 3600 } }, client)).toBe(true);
    expect(ok({ [p]: { lt: 3600 } }, client)).toBe(false);
    expect(run({ [p]: { lte: 600 } }, client).reason).toBe(`${p} is 3600, not at most 600`);
  });
  it('length of lists, strings and objects', () => {
    expect(ok({ callbacks: { length: 2 } }, client)).toBe(true);
    expect(ok({ callbacks: { length: { gte: 3 } } }, client)).toBe(false);
    expect(ok({ name: { length: { lt: 5 } } }, client)).toBe(true);
    expect(ok({ client_metadata: { length: 1 } }, client)).toBe(true);
    expect(run({ jwt_configuration: { length: 1 } }, { jwt_configuration: 5 }).reason).toMatch(/has no length/);
  });
  it('every / some over lists, with the failing element', () => {
    expect(ok({ every: { path: 'callbacks', matches: '^https://' } }, client)).toBe(true);
    const bad = { ...client, callbacks: ['https://a.acme.example', 'http://evil.example'] };
    expect(run({ every: { path: 'callbacks', matches: 'acme' } }, bad)).toMatchObject({ ok: false, path: 'callbacks[1]', value: 'http://evil.example' });
    expect(ok({ some: { path: 'callbacks', matches: 'evil' } }, bad)).toBe(true);
    expect(ok({ callbacks: { some: { matches: 'nothing' } } }, bad)).toBe(false);
    // Elements that are objects: field tests relative to each element.
    expect(ok({ every: { path: 'ids', provider: 'auth0', n: { gte: 1 } } }, { ids: [{ provider: 'auth0', n: 1 }, { provider: 'auth0', n: 2 }] })).toBe(true);
    expect(run({ every: { path: 'ids', provider: 'auth0' } }, { ids: [{ provider: 'auth0' }, { provider: 'x' }] })).toMatchObject({ ok: false, path: 'ids[1].provider' });
  });
  it('every on an empty list passes, some fails; a missing list fails both (it is not an empty list)', () => {
    expect(ok({ every: { path: 'tags', matches: 'x' } }, client)).toBe(true);
    expect(run({ some: { path: 'tags', matches: 'x' } }, client)).toMatchObject({ ok: false, reason: 'tags is empty' });
    expect(run({ every: { path: 'nope', matches: 'x' } }, client)).toMatchObject({ ok: false, reason: 'nope is missing (not an empty list)' });
    expect(run({ some: { path: 'nope', matches: 'x' } }, client).ok).toBe(false);
  });
  it('[*] in a path: the test holds for every element', () => {
    expect(ok({ 'callbacks[*]': { matches: 'acme' } }, client)).toBe(true);
    expect(run({ 'callbacks[*]': { matches: '^https://a' } }, client)).toMatchObject({ ok: false, path: 'callbacks[1]' });
  });
  it('and / or / not', () => {
    expect(ok({ and: [{ app_type: 'spa' }, { name: 'Shop' }] }, client)).toBe(true);
    expect(ok({ and: [{ app_type: 'spa' }, { name: 'x' }] }, client)).toBe(false);
    expect(ok({ or: [{ app_type: 'native' }, { name: 'Shop' }] }, client)).toBe(true);
    expect(run({ or: [{ app_type: 'native' }, { name: 'x' }] }, client).reason).toMatch(/^no alternative held \(the first: /);
    expect(ok({ not: { app_type: 'native' } }, client)).toBe(true);
    expect(run({ not: { app_type: 'spa' } }, client)).toMatchObject({ ok: false, path: 'app_type', value: 'spa' });
    // Keys of one node are ANDed.
    expect(ok({ app_type: 'spa', name: 'Nope' }, client)).toBe(false);
  });
});

describe('type mismatches fail with a reason, never throw', () => {
  it.each([
    [{ name: { matches: 'x' } }, { name: 42 }, 'name is a number, not a string'],
    [{ n: { gt: 1 } }, { n: '5' }, 'n is a string, not a number'],
    [{ every: { path: 'l', matches: 'x' } }, { l: 'abc' }, 'l is a string, not a list'],
    [{ every: { path: 'l', matches: 'x' } }, { l: [1] }, 'l[0] is a number, not a string'],
    [{ 'a.b.c': 'x' }, { a: 'str' }, "a.b.c is missing (expected 'x')"],
    [{ 'a.b': 'x' }, null, "a.b is missing (expected 'x')"],
  ])('%j on %j', (a, v, reason) => {
    expect(run(a, v)).toMatchObject({ ok: false, reason });
  });
});

describe('validation at load', () => {
  it('an unknown operator names the operators (and a near one)', () => {
    const e = parseError({ app_type: { inn: ['spa'] } });
    expect(e.message).toMatch(/unknown operator 'inn' \(did you mean in\?\); operators: equals, not_equals, in, not_in, matches/);
    expect(e.at).toEqual(['app_type', 'inn']);
    expect(parseError({ path: 'name', matchez: 'x' }).message).toMatch(/unknown operator 'matchez' \(did you mean matches\?\)/);
  });
  it('operators of the wrong shape', () => {
    expect(parseError({ a: { in: 'spa' } }).message).toMatch(/in takes a list/);
    expect(parseError({ a: { gt: '5' } }).message).toMatch(/gt takes a number/);
    expect(parseError({ a: { exists: 'yes' } }).message).toMatch(/exists takes true or false/);
    expect(parseError({ and: [] }).message).toMatch(/and takes a non-empty list/);
    expect(parseError({ a: ['x'] }).message).toMatch(/a list is not a test/);
    expect(parseError('x').message).toMatch(/expected a test/);
    expect(parseError({ a: { length: { matches: 'x' } } }).message).toMatch(/not a numeric test/);
  });
  it('a pattern RE2 cannot run is refused, naming it', () => {
    expect(parseError({ a: { matches: '(a)\\1' } }).message).toMatch(/RE2 cannot run the pattern '\(a\)\\1'/);
    expect(parseError({ a: { matches: 'x(?=y)' } }).message).toMatch(/RE2 cannot run the pattern 'x\(\?=y\)'/);
    expect(parseError({ a: { matches: 'x'.repeat(LIMITS.maxRegexLength + 1) } }).message).toMatch(/longer than 1000/);
  });
  it('bounds the nesting and the size of an assertion', () => {
    let deep: unknown = { a: 1 };
    for (let i = 0; i < LIMITS.maxDepth + 2; i++) deep = { not: deep };
    expect(parseError(deep).message).toMatch(/nested more than 16 levels/);
    const wide = { or: Array.from({ length: 300 }, (_, i) => ({ and: [{ [`a${i}`]: 1 }, { [`b${i}`]: 2 }] })) };
    expect(parseError(wide).message).toMatch(/more than 500 tests/);
  });
});

describe('RE2: linear time', () => {
  it('a catastrophic-backtracking pattern on a long input returns', () => {
    const input = `${'a'.repeat(50_000)}!`;
    expect(ok({ s: { matches: '(a+)+$' } }, { s: input })).toBe(false);
    expect(ok({ s: { matches: '^(a|aa)+$' } }, { s: input })).toBe(false);
  });
});

describe('shown values', () => {
  it('never shows a secret', () => {
    expect(shownValue('client_secret', 'sup3r-s3cret')).toBe('[REDACTED]');
    expect(shownValue('options.client_secret', 'sup3r-s3cret')).toBe('[REDACTED]');
    expect(shownValue('options', { client_secret: 'sup3r-s3cret', x: 1 })).not.toContain('sup3r');
    expect(shownValue('callbacks[2]', 'https://x')).toBe('https://x');
    expect(shownValue('x', undefined)).toBe('not set');
  });
});
