/** The whole-file writer: atomic for files, and never replaces a device it is pointed at. */
import { lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeAtomically } from '../../src/output-files.js';

const dir = mkdtempSync(join(tmpdir(), 'a0r-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeAtomically', () => {
  it('writes a file whole, creating its folder', () => {
    const p = join(dir, 'a/b/report.json');
    writeAtomically(p, '{"ok":true}');
    expect(readFileSync(p, 'utf8')).toBe('{"ok":true}');
  });
  it('writes through to a device (here a link to /dev/null) instead of renaming a file over it', () => {
    // `--format json:/dev/null` run as root once replaced the device with a regular file.
    const link = join(dir, 'null');
    symlinkSync('/dev/null', link);
    writeAtomically(link, 'discarded');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});
