/**
 * A wrong domain, a closed port: the built CLI gives up at once (no retry budget spent on an
 * error that cannot heal), exits 3 and names the cause. Names under `.invalid` fail in a preloaded
 * resolver (test/support/dns-offline.mjs), so no DNS query leaves the machine.
 */
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import nock from 'nock';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../support/cli.js';
import { SourceError } from '../../src/errors.js';
import { takeSnapshot } from '../../src/run.js';
import '../support/dns-offline.mjs';

const DNS_OFFLINE = fileURLToPath(new URL('../support/dns-offline.mjs', import.meta.url));

function cli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCli(args, { env, nodeArgs: ['--import', DNS_OFFLINE], timeoutMs: 30_000 });
}

/** A port nothing listens on: bind one, note it, close it. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

const CREDS = { AUTH0_CLIENT_ID: 'id', AUTH0_CLIENT_SECRET: 'secret' };

afterAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
});

describe('network errors that cannot heal are not retried', () => {
  it('an unresolvable tenant domain: the source gives up within 5 s, naming the host', async () => {
    // In-process (this file preloads the same resolver), so the clock measures the tool, not a
    // child's start-up on a busy machine. Before the fix: 8 retries, 34 s.
    // Let the request reach the (preloaded, offline) resolver instead of nock's refusal.
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$|\.invalid(:\d+)?$/);
    const t0 = Date.now();
    const err = await takeSnapshot({ source: { kind: 'management-api', credentials: { domain: 'acme-nope.invalid', clientId: 'id', clientSecret: 'secret' } } }).catch((e: unknown) => e);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as Error).message).toContain('cannot resolve acme-nope.invalid');
  });
  it('an unresolvable tenant domain: exit 3, one line naming the host, no retries', async () => {
    const run = await cli(['audit', '--domain', 'acme-nope.invalid', '--log-level', 'info'], CREDS);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('cannot resolve acme-nope.invalid');
    // A mistyped or custom domain: the hint names the canonical one.
    expect(run.stderr).toContain('use the canonical *.auth0.com one, e.g. acme.us.auth0.com, not a custom domain');
    expect(run.stderr).not.toMatch(/retrying|\n\s+at /);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.ms).toBeLessThan(15_000);
  });
  it('the same with a token (no token request: the first API call finds it)', async () => {
    const run = await cli(['audit', '--domain', 'acme-nope.invalid', '--token', 'abc']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('cannot resolve acme-nope.invalid');
    expect(run.stdout).toBe('');
    expect(run.ms).toBeLessThan(15_000);
  });
  it('a closed port: exit 3, "connection refused" and the address', async () => {
    const port = await closedPort();
    const run = await cli(['audit', '--domain', 'acme.us.auth0.com', '--api-base-url', `http://127.0.0.1:${port}`], CREDS);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`connection refused by 127.0.0.1:${port}`);
    expect(run.ms).toBeLessThan(15_000);
  });
  it('snapshot with an unresolvable domain writes nothing and exits 3', async () => {
    const out = `${process.env.TMPDIR ?? '/tmp'}/a0r-dns-${process.pid}.json`;
    const run = await cli(['snapshot', '--domain', 'acme-nope.invalid', '--out', out], CREDS);
    expect(run.code).toBe(3);
    const { existsSync } = await import('node:fs');
    expect(existsSync(out)).toBe(false);
  });
});
