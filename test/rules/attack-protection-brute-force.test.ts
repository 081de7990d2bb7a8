import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { DEFAULT_SETTINGS } from '../../src/engine/default-settings.js';
import rule from '../../rules/attack-protection-brute-force.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

ruleTester(rule, {
  valid: [{ name: 'enabled, block and notify, empty allow-list', tenant: tenant() }],
  invalid: [
    { name: 'disabled', tenant: tenant((t) => { t.bruteForceProtection = { enabled: false, shields: ['block'] }; }), findings: [{ status: 'fail', messageId: 'disabled', severity: 'blocker', field: 'enabled', value: false }] },
    { name: 'no block shield', tenant: tenant((t) => { t.bruteForceProtection = { enabled: true, shields: ['user_notification'] }; }), findings: [{ status: 'fail', messageId: 'no-block', severity: 'blocker', field: 'shields' }] },
    { name: 'no user notification is advice', tenant: tenant((t) => { t.bruteForceProtection = { enabled: true, shields: ['block'] }; }), findings: [{ status: 'fail', messageId: 'no-notification', severity: 'advice' }] },
    {
      name: 'a non-empty allow-list needs review',
      tenant: tenant((t) => { t.bruteForceProtection = { enabled: true, shields: ['block', 'user_notification'], allowlist: ['10.0.0.1'] }; }),
      findings: [{ status: 'fail', messageId: 'allowlist', severity: 'warning', field: 'allowlist', value: ['10.0.0.1'] }],
    },
  ],
});

describe('what a pass says it blocks', () => {
  const passMessage = (mode?: string) => {
    const s = tenant((t) => {
      t.bruteForceProtection = { enabled: true, shields: ['block', 'user_notification'], max_attempts: 5, ...(mode ? { mode } : {}) };
    });
    return evaluate([rule], s, { ctx: { now: new Date('2026-12-01T00:00:00Z'), env: 'prod', plan: 'b2c', settings: DEFAULT_SETTINGS } }).find((f) => f.status === 'pass')?.message;
  };
  it("Auth0's default mode (per account and IP address) blocks the attacking address, not the account", () => {
    expect(passMessage()).toBe('Brute-force protection is enabled and blocks the attacking IP address for that account after 5 failed attempts');
    expect(passMessage('count_per_identifier_and_ip')).toBe(passMessage());
  });
  it('count_per_identifier blocks the account from every address', () => {
    expect(passMessage('count_per_identifier')).toBe('Brute-force protection is enabled and blocks the account (from every IP address) after 5 failed attempts');
  });
});
