import rule from '../../rules/mfa-sms-provider.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, unavailable, type Mutator } from '../support/tenant.js';
import { describe, expect, it } from 'vitest';

const smsOn: Mutator = (t) => {
  t.guardianFactors = (t.guardianFactors ?? []).map((f) => (f.name === 'sms' ? { ...f, enabled: true } : f));
};
/** A legacy tenant: not on the Unified Phone Experience, no tenant phone provider. */
const legacy = (provider: string): Mutator => (t) => {
  t.tenantSettings = { ...t.tenantSettings, phone_consolidated_experience: false };
  t.phoneProviders = [];
  t.guardianPhoneProvider = { provider };
};
const sms = (provider: string) => tenant(smsOn, legacy(provider));
const twilio = { id: 'pro_1', name: 'twilio', channel: 'phone', disabled: false, configuration: { sid: 'AC1', delivery_methods: ['text'] } };

ruleTester(rule, {
  valid: [
    { name: 'sms through twilio (legacy)', tenant: sms('twilio') },
    { name: 'sms through the tenant phone provider (Unified Phone Experience)', tenant: tenant(smsOn) },
  ],
  invalid: [
    { name: "sms through Auth0's provider", tenant: sms('auth0'), findings: [{ status: 'fail', messageId: 'auth0-provider', severity: 'blocker', field: 'provider', value: 'auth0' }] },
    { name: "Auth0's provider on qa is a warning", env: 'qa', tenant: sms('auth0'), findings: [{ status: 'fail', severity: 'warning' }] },
  ],
});

it('is n/a when SMS is off', () => {
  expect(run(rule, tenant()).map((f) => f.status)).toEqual(['n/a']);
});
it('is unknown when SMS is on and the provider cannot be read', () => {
  const s = sms('twilio');
  unavailable('guardianPhoneProvider')({}, s);
  expect(run(rule, s).map((f) => f.status)).toEqual(['unknown']);
});

describe('Unified Phone Experience (issue 10, defect 5)', () => {
  it('an enabled tenant phone provider decides, whatever the stale legacy setting says', () => {
    const fs = run(rule, tenant(smsOn, (t) => {
      t.tenantSettings = { ...t.tenantSettings, phone_consolidated_experience: true };
      t.phoneProviders = [twilio];
      t.guardianPhoneProvider = { provider: 'auth0' };
    }));
    expect(fs).toMatchObject([{ status: 'pass', messageId: 'own-tenant', message: expect.stringContaining('twilio') }]);
  });

  it("on the Unified Phone Experience without an enabled provider it fails, without calling it Auth0's test provider", () => {
    const fs = run(rule, tenant(smsOn, (t) => {
      t.tenantSettings = { ...t.tenantSettings, phone_consolidated_experience: true };
      t.phoneProviders = [{ ...twilio, disabled: true }];
      t.guardianPhoneProvider = { provider: 'twilio' };
    }));
    expect(fs).toMatchObject([{ status: 'fail', messageId: 'no-tenant-provider' }]);
    expect(fs[0]?.message).not.toContain('test provider');
  });

  it('a tenant phone provider decides when the tenant flag is not visible', () => {
    const fs = run(rule, tenant(smsOn, (t) => {
      const { phone_consolidated_experience: _p, ...rest } = t.tenantSettings ?? {};
      t.tenantSettings = rest;
      t.phoneProviders = [{ ...twilio, name: 'custom' }];
      t.guardianPhoneProvider = { provider: 'auth0' };
    }));
    expect(fs).toMatchObject([{ status: 'pass', messageId: 'own-tenant' }]);
  });

  it("Auth0's test provider only when that is what the tenant uses (legacy, no tenant provider)", () => {
    const fs = run(rule, tenant(smsOn, (t) => {
      const { phone_consolidated_experience: _p, ...rest } = t.tenantSettings ?? {};
      t.tenantSettings = rest;
      t.phoneProviders = [];
      t.guardianPhoneProvider = { provider: 'auth0' };
    }));
    expect(fs).toMatchObject([{ status: 'fail', messageId: 'auth0-provider' }]);
  });

  it('is unknown, naming read:phone_providers, when the tenant providers cannot be read and the legacy setting may not apply', () => {
    const s = tenant(smsOn, (t) => {
      const { phone_consolidated_experience: _p, ...rest } = t.tenantSettings ?? {};
      t.tenantSettings = rest;
      t.guardianPhoneProvider = { provider: 'auth0' };
    });
    unavailable('phoneProviders')({}, s);
    const fs = run(rule, s);
    expect(fs).toMatchObject([{ status: 'unknown' }]);
    expect(fs[0]?.message).toContain('read:phone_providers');
  });
});
