import { describe, expect, it } from 'vitest';
import { parseFormats } from '../../src/cli/output.js';

describe('--format name[:path]', () => {
  it('defaults to the console on stdout', () => {
    expect(parseFormats([], undefined)).toEqual([{ name: 'console' }]);
  });
  it('takes several formats, one on stdout and the rest to files', () => {
    expect(parseFormats(['console', 'json:out/report.json'], undefined)).toEqual([{ name: 'console' }, { name: 'json', path: 'out/report.json' }]);
  });
  it('--output sends the stdout format to a file', () => {
    expect(parseFormats(['json'], 'r.json')).toEqual([{ name: 'json', path: 'r.json' }]);
  });
  it('rejects unknown formats, empty paths and two formats on stdout', () => {
    expect(() => parseFormats(['pdf'], undefined)).toThrow(/unknown format pdf/);
    expect(() => parseFormats(['json:'], undefined)).toThrow(/give a file/);
    expect(() => parseFormats(['console', 'json'], undefined)).toThrow(/only one --format/);
  });
});

import { Progress } from '../../src/cli/progress.js';

describe('progress on stderr', () => {
  const sink = () => {
    const chunks: string[] = [];
    return { chunks, stream: { write: (s: string) => chunks.push(s) } as unknown as NodeJS.WriteStream };
  };
  it('shows resources read of total, requests and rate-limit waits on a terminal', () => {
    const { chunks, stream } = sink();
    const p = new Progress(stream, true);
    p.onEvent({ type: 'start', resources: 3 });
    p.onEvent({ type: 'resource', key: 'clients', ok: true });
    p.onEvent({ type: 'retry', path: '/api/v2/clients', reason: 'HTTP 429', waitMs: 2000, attempt: 1 });
    p.onEvent({ type: 'resource', key: 'connections', ok: true });
    expect(chunks.at(-1)).toMatch(/2\/3 resources, 0 requests, 1 retried, waiting \d\.\ds for the rate limit/);
    p.clear();
    expect(chunks.at(-1)).toBe('\r\u001b[2K');
  });
  it('is silent when stderr is not a terminal', () => {
    const { chunks, stream } = sink();
    const p = new Progress(stream, false);
    p.onEvent({ type: 'start', resources: 3 });
    p.onEvent({ type: 'resource', key: 'clients', ok: true });
    p.clear();
    expect(chunks).toEqual([]);
  });
});

import { formatLogLine } from '../../src/cli/output.js';

describe('log lines on stderr', () => {
  it('text: one readable line with the level, message and key facts; no time, pid or tool noise', () => {
    const line = JSON.stringify({ level: 40, time: 1796488032514, tool: 'auth0-readiness', path: '/api/v2/clients', reason: 'HTTP 429', waitMs: 1000, attempt: 2, msg: 'retrying' });
    expect(formatLogLine(line)).toBe('auth0-readiness warn: retrying (path=/api/v2/clients, reason="HTTP 429", waitMs=1000, attempt=2)\n');
    expect(formatLogLine(JSON.stringify({ level: 40, source: 'deploy-cli', msg: 'tenant.yaml: no clients section' }))).toBe(
      'auth0-readiness warn: tenant.yaml: no clients section (source=deploy-cli)\n',
    );
  });
  it('a line that is not JSON passes through whole', () => {
    expect(formatLogLine('plain')).toBe('plain\n');
  });
});
