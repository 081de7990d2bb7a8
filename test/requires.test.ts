/** What the suite needs from outside the repository: skipped with one line locally, required in CI. */
import { describe, expect, it } from 'vitest';
import { available, requireAll, skipLine, type Requirement } from './support/requires.js';

const MISSING: Requirement = { name: 'a thing', path: '/nonexistent/a-thing', why: 'a test reads it' };

describe('requirements', () => {
  it('CI=true (or AUTH0_READINESS_REQUIRE_ALL) requires them; unset, empty, 0 or false does not', () => {
    expect(requireAll({ CI: 'true' })).toBe(true);
    expect(requireAll({ CI: '1' })).toBe(true);
    expect(requireAll({ AUTH0_READINESS_REQUIRE_ALL: '1' })).toBe(true);
    for (const CI of [undefined, '', '0', 'false', 'FALSE']) expect(requireAll(CI === undefined ? {} : { CI })).toBe(false);
  });

  it('missing: skipped with one line naming it, where and why; in CI an error instead', () => {
    expect(available(MISSING, {})).toBe(false);
    expect(skipLine(MISSING)).toBe('skipped: a thing is not at /nonexistent/a-thing (a test reads it); CI=true requires it');
    expect(skipLine(MISSING)).not.toContain('\n');
    expect(() => available(MISSING, { CI: 'true' })).toThrow('a thing is required (CI) but not at /nonexistent/a-thing: a test reads it');
  });

  it('present: available, in CI or not', () => {
    const here: Requirement = { name: 'this file', path: new URL(import.meta.url).pathname, why: '' };
    expect(available(here, {})).toBe(true);
    expect(available(here, { CI: 'true' })).toBe(true);
  });
});
