import rule from '../../rules/mfa-recovery-code.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';
import { expect, it } from 'vitest';

ruleTester(rule, {
  valid: [{ name: 'otp and webauthn backed by recovery codes', tenant: tenant() }],
  invalid: [
    {
      name: 'recovery codes off',
      tenant: tenant((t) => { t.guardianFactors = (t.guardianFactors ?? []).map((f) => (f.name === 'recovery-code' ? { ...f, enabled: false } : f)); }),
      findings: [{ status: 'fail', messageId: 'missing', severity: 'advice', resource: 'recovery-code' }],
    },
  ],
});

it('is n/a with only email MFA', () => {
  const s = tenant((t) => { t.guardianFactors = (t.guardianFactors ?? []).map((f) => ({ ...f, enabled: f.name === 'email' })); });
  expect(run(rule, s).map((f) => f.status)).toEqual(['n/a']);
});
