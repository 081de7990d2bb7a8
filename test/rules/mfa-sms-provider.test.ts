import rule from '../../rules/mfa-sms-provider.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, unavailable } from '../support/tenant.js';
import { expect, it } from 'vitest';

const sms = (provider: string) => tenant((t) => {
  t.guardianFactors = (t.guardianFactors ?? []).map((f) => (f.name === 'sms' ? { ...f, enabled: true } : f));
  t.guardianPhoneProvider = { provider };
});

ruleTester(rule, {
  valid: [{ name: 'sms through twilio', tenant: sms('twilio') }],
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
