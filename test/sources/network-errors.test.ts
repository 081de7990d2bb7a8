/** Which network failures the transport retries: transient ones only, and only once the host answered. */
import { describe, expect, it } from 'vitest';
import { createTransport, describeNetworkError, isPermanentNetworkError } from '../../src/sources/management-api/transport.js';

const URL_ = 'https://acme.us.auth0.com/api/v2/clients';
const fetchFailed = (code: string, extra: Record<string, unknown> = {}) => new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code, ...extra }) });

function failingTransport(errors: unknown[]) {
  let calls = 0;
  const fetchImpl = (async () => {
    const e = errors[Math.min(calls, errors.length - 1)];
    calls++;
    if (e === 'ok') return new Response('[]', { status: 200 });
    throw e;
  }) as typeof fetch;
  const t = createTransport({ fetchImpl, sleep: async () => undefined, backoffMs: 1 });
  return { t, calls: () => calls };
}

describe('network errors', () => {
  it.each(['ENOTFOUND', 'ECONNREFUSED', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT'])('%s before any answer: one attempt, no retry', async (code) => {
    const { t, calls } = failingTransport([fetchFailed(code)]);
    await expect(t.fetch(URL_)).rejects.toThrow('fetch failed');
    expect(calls()).toBe(1);
    expect(t.stats.retries).toBe(0);
    expect(isPermanentNetworkError(fetchFailed(code))).toBe(true);
  });
  it.each(['ECONNRESET', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'EPIPE'])('%s is transient: retried', async (code) => {
    const { t, calls } = failingTransport([fetchFailed(code), 'ok']);
    expect((await t.fetch(URL_)).status).toBe(200);
    expect(calls()).toBe(2);
    expect(isPermanentNetworkError(fetchFailed(code))).toBe(false);
  });
  it('once the host has answered, a refused connection is a blip and is retried', async () => {
    const { t, calls } = failingTransport(['ok', fetchFailed('ECONNREFUSED'), 'ok']);
    expect((await t.fetch(URL_)).status).toBe(200);
    expect((await t.fetch(URL_)).status).toBe(200);
    expect(calls()).toBe(3);
  });
  it('names the cause in words', () => {
    expect(describeNetworkError(fetchFailed('ENOTFOUND', { hostname: 'acme-nope.us.auth0.com' }), 'x')).toBe('cannot resolve acme-nope.us.auth0.com (DNS ENOTFOUND): check the tenant domain');
    expect(describeNetworkError(fetchFailed('ECONNREFUSED', { address: '127.0.0.1', port: 4010 }), 'x')).toBe('connection refused by 127.0.0.1:4010');
    expect(describeNetworkError(fetchFailed('CERT_HAS_EXPIRED'), 'acme.us.auth0.com')).toBe('TLS error talking to acme.us.auth0.com (CERT_HAS_EXPIRED)');
  });
});
