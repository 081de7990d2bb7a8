/**
 * What some tests need from outside the repository: the official Management API description and
 * the field corpus (both in the sibling `../shared/` folder of a development checkout), and a
 * Chromium binary. Without one, those tests are skipped, each naming what is missing and why, on
 * one line; with `CI=true` (or `AUTH0_READINESS_REQUIRE_ALL=1`) they are required and a missing
 * one fails the run instead of being skipped.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './tenant.js';

export interface Requirement {
  /** Short name, as the skip line says it. */
  name: string;
  /** The file or folder that must exist. */
  path: string;
  /** What the tests that need it check, and how to provide it. */
  why: string;
}

export const SHARED_DIR = join(REPO_ROOT, '..', 'shared');

export const REQUIREMENTS = {
  spec: {
    name: 'the Management API description',
    path: join(SHARED_DIR, 'spec', 'management-api-oas.json'),
    why: 'the emulator conformance test validates every answer against it; place it at ../shared/spec/',
  },
  field: {
    name: 'the field corpus',
    path: join(SHARED_DIR, 'field', 'SOURCES.md'),
    why: 'the ten public Deploy CLI exports audited by test/field/corpus.test.ts; place them at ../shared/field/',
  },
  reference: {
    name: 'the Deploy CLI references',
    path: join(SHARED_DIR, 'reference', 'deploy-cli-reach.md'),
    why: 'the reach table is checked against deploy-cli-format.md and deploy-cli-reach.md; place them at ../shared/reference/',
  },
  chromium: {
    name: 'Chromium',
    path: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    why: 'the HTML report is tested in a real browser; apt-get install chromium, or set CHROMIUM_PATH to a Chromium binary',
  },
} as const satisfies Record<string, Requirement>;

/** Whether missing requirements fail the run rather than skip: in CI, or when asked. */
export function requireAll(env: NodeJS.ProcessEnv = process.env): boolean {
  const flag = (v: string | undefined) => v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
  return flag(env['CI']) || flag(env['AUTH0_READINESS_REQUIRE_ALL']);
}

/** The one line that says what is skipped and why. */
export const skipLine = (r: Requirement) => `skipped: ${r.name} is not at ${r.path} (${r.why}); CI=true requires it`;

/**
 * Whether the tests needing `r` can run. When `r` is missing: throws in CI (the test file fails to
 * load, naming what is missing), otherwise prints the skip line once and returns false.
 */
export function available(r: Requirement, env: NodeJS.ProcessEnv = process.env): boolean {
  if (existsSync(r.path)) return true;
  if (requireAll(env)) throw new Error(`${r.name} is required (CI) but not at ${r.path}: ${r.why}`);
  process.stderr.write(`${skipLine(r)}\n`);
  return false;
}
