import rule from '../../rules/attack-protection-bot-detection.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, unavailable } from '../support/tenant.js';
import { expect, it } from 'vitest';

ruleTester(rule, {
  valid: [{ name: 'challenges when risky', tenant: tenant() }],
  invalid: [
    {
      name: 'never challenges password reset',
      tenant: tenant((t) => { t.botDetection = { challenge_password_policy: 'always', challenge_password_reset_policy: 'never' }; }),
      findings: [{ status: 'fail', messageId: 'never', severity: 'advice', field: 'challenge_password_reset_policy', value: 'never' }, { status: 'pass', field: undefined }],
    },
    {
      // Monitoring mode logs but does not challenge (Auth0 bot detection docs).
      name: 'monitoring mode: the policies have no effect',
      tenant: tenant((t) => { t.botDetection = { challenge_password_policy: 'when_risky', challenge_password_reset_policy: 'when_risky', monitoring_mode_enabled: true }; }),
      findings: [
        { status: 'fail', messageId: 'monitoring', severity: 'advice', field: 'monitoring_mode_enabled', value: true },
        { status: 'fail', messageId: 'monitoring' },
      ],
    },
    { name: 'unset policies mean never', tenant: tenant((t) => { t.botDetection = {}; }), findings: [{ status: 'fail', field: 'challenge_password_policy' }, { status: 'fail', messageId: 'never', field: 'challenge_password_reset_policy' }] },
  ],
});

it('is n/a on plans without bot detection', () => {
  expect(run(rule, tenant(unavailable('botDetection', 'unavailable-on-plan'))).map((f) => f.status)).toEqual(['n/a']);
});
it('is unknown when the scope is missing', () => {
  expect(run(rule, tenant(unavailable('botDetection'))).map((f) => f.status)).toEqual(['unknown']);
});
