/**
 * A throwaway PostgreSQL server for the tests: `initdb` and `pg_ctl` from /usr/lib/postgresql/15/bin
 * (or PG_BIN), run as the `postgres` user when the tests run as root (the server refuses root), on
 * a temporary directory and a free port. `stop()` shuts it down and deletes the directory.
 * Without the binaries: outside CI the suite is skipped with a one-line reason; with CI set it fails.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PG_BIN = process.env['PG_BIN'] ?? '/usr/lib/postgresql/15/bin';
export const PG_AVAILABLE = existsSync(join(PG_BIN, 'postgres')) && existsSync(join(PG_BIN, 'initdb'));
export const PG_SKIP_REASON = PG_AVAILABLE ? undefined : `PostgreSQL binaries not found in ${PG_BIN} (apt-get install postgresql, or set PG_BIN)`;
if (!PG_AVAILABLE && process.env['CI']) throw new Error(`CI is set and ${PG_SKIP_REASON}: the PostgreSQL store cannot be tested`);

export interface PgServer {
  url: string;
  /** The URL with the password, for tests that check it is never printed. */
  password: string;
  port: number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function asPostgres(cmd: string, args: string[]): string {
  const opts = { encoding: 'utf8' as const, timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'] };
  if (!isRoot()) return execFileSync(cmd, args, opts);
  return execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], opts);
}

export async function startPostgres(): Promise<PgServer> {
  const dir = mkdtempSync(join(tmpdir(), 'a0r-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  const password = `pw-${Math.random().toString(36).slice(2)}-Secr3t`;
  const pwfile = join(dir, 'pw');
  try {
    execFileSync('sh', ['-c', `printf '%s' "$1" > "$2" && chmod 644 "$2"`, 'sh', password, pwfile]);
    asPostgres(join(PG_BIN, 'initdb'), ['-D', data, '-U', 'readiness', '--pwfile', pwfile, '-A', 'scram-sha-256', '--no-sync', '-E', 'UTF8']);
    rmSync(pwfile);
    asPostgres(join(PG_BIN, 'pg_ctl'), [
      '-D', data, '-l', join(dir, 'log'), '-w', '-t', '60',
      '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
      'start',
    ]);
  } catch (e) {
    // A server that did not start leaves nothing behind (a half-started one is stopped).
    try {
      asPostgres(join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop']);
    } catch {
      /* it was not running */
    }
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  let stopped = false;
  return {
    url: `postgres://readiness:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    password,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        asPostgres(join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A fresh database on the server, for one test's isolation. */
export async function createDatabase(server: PgServer, name: string): Promise<string> {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: server.url });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await c.end();
  }
  return server.url.replace(/\/postgres$/, `/${name}`);
}
