import rule from '../../rules/mfa-factor-enabled.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const factors = (...enabled: string[]) =>
  tenant((t) => { t.guardianFactors = (t.guardianFactors ?? []).map((f) => ({ ...f, enabled: enabled.includes(f.name) })); });

ruleTester(rule, {
  valid: [{ name: 'otp, webauthn, email', tenant: tenant() }],
  invalid: [
    { name: 'no factor', tenant: factors(), findings: [{ status: 'fail', messageId: 'none', severity: 'blocker' }] },
    { name: 'only recovery codes do not count', tenant: factors('recovery-code'), findings: [{ status: 'fail', messageId: 'none' }] },
    { name: 'weak factors only', tenant: factors('sms', 'email'), findings: [{ status: 'fail', messageId: 'weak-only', severity: 'advice' }, { status: 'pass', resource: 'sms' }] },
  ],
});
