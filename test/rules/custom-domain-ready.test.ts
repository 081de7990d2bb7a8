import { expect, it } from 'vitest';
import rule from '../../rules/custom-domain-ready.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

ruleTester(rule, {
  valid: [
    { name: 'one ready domain', tenant: tenant() },
  ],
  invalid: [
    { name: 'no custom domain', tenant: tenant((t) => { t.customDomains = []; }), findings: [{ status: 'fail', messageId: 'none', severity: 'blocker' }] },
    {
      name: 'only a pending domain',
      tenant: tenant((t) => { t.customDomains = [{ domain: 'login.acme.example', custom_domain_id: 'cd_1', status: 'pending_verification' }]; }),
      findings: [{ status: 'fail', messageId: 'not-ready', severity: 'blocker', resource: 'cd_1', field: 'status', value: 'pending_verification' }],
    },
    {
      name: 'a failed domain beside a ready one is a warning',
      tenant: tenant((t) => { t.customDomains = [...(t.customDomains ?? []), { domain: 'old.acme.example', custom_domain_id: 'cd_2', status: 'failed' }]; }),
      findings: [{ status: 'fail', severity: 'warning', resource: 'cd_2', value: 'failed' }, { status: 'pass', resource: 'login.acme.example' }],
    },
  ],
});

// Auth0's readiness check lists a custom domain as a recommended (non-critical) fix
// (https://auth0.com/docs/deploy-monitor/pre-deployment-checks/production-check-recommended-fixes);
// the finding says we go further, and why (catalog Decision 3; issue 16 §3).
it('says Auth0 rates it recommended and why it is required here', () => {
  const [none] = run(rule, tenant((t) => { t.customDomains = []; }));
  expect(none?.message).toContain('Auth0 rates this recommended; required here because');
  const [pending] = run(rule, tenant((t) => { t.customDomains = [{ domain: 'login.acme.example', custom_domain_id: 'cd_1', status: 'pending_verification' }]; }));
  expect(pending?.message).toContain('required here because');
});

it('does not claim a custom domain is needed for passkeys in general', () => {
  expect(rule.rationale).not.toMatch(/is needed for passkeys/);
  expect(rule.rationale).toContain('native Passkey APIs');
});
