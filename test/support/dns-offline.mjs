/**
 * Preloaded (`node --import`) into CLI child processes by tests: every name under `.invalid`
 * (RFC 6761: never resolves) fails as the system resolver would, ENOTFOUND, without sending a
 * DNS query; so tests of a mistyped tenant domain never leave the machine.
 */
import dns from 'node:dns';

const original = dns.lookup;
dns.lookup = function lookup(hostname, options, callback) {
  const cb = typeof options === 'function' ? options : callback;
  if (typeof hostname === 'string' && /\.invalid\.?$/i.test(hostname)) {
    const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname });
    process.nextTick(cb, err);
    return {};
  }
  return original.call(dns, hostname, options, callback);
};
