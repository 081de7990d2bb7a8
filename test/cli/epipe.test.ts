/**
 * `auth0-readiness rules --format json | head -c 100` ends quietly: `head` closes the pipe after
 * 100 bytes, the CLI's next write fails with EPIPE, and it exits 0 with nothing on stderr (issue 10
 * §5). The built CLI in a real shell pipeline (the JSON is larger than a pipe buffer, so the CLI is
 * still writing when `head` leaves): run `npm run build` first.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/auth0-readiness.js', import.meta.url));
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function pipeline(args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  // The CLI's stderr goes to a file of its own; bash prints the CLI's exit status (not head's) last.
  const dir = mkdtempSync(join(tmpdir(), 'epipe-'));
  const err = join(dir, 'stderr');
  const script = `${q(process.execPath)} ${q(BIN)} ${args.map(q).join(' ')} 2>${q(err)} | head -c 100; echo; echo "status=\${PIPESTATUS[0]}"`;
  return new Promise((resolve) => {
    execFile('bash', ['-c', script], { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }, timeout: 60_000 }, (_err, stdout) => {
      const m = /status=(\d+)\s*$/.exec(stdout);
      const stderr = readFileSync(err, 'utf8');
      rmSync(dir, { recursive: true, force: true });
      resolve({ code: m ? Number(m[1]) : -1, stderr, stdout });
    });
  });
}

describe('a reader that closes stdout early (EPIPE)', () => {
  it('rules --format json | head -c 100: exit 0, no stack trace', { timeout: 60_000 }, async () => {
    const r = await pipeline(['rules', '--format', 'json']);
    expect(r.stdout.startsWith('[')).toBe(true);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
