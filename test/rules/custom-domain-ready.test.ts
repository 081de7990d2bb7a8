import rule from '../../rules/custom-domain-ready.js';
import { ruleTester } from '../support/rule-tester.js';
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
