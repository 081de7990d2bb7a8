import rule from '../../rules/self-service-sso-profiles.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

ruleTester(rule, {
  valid: [
    { name: 'the go-live-ready baseline (none: n/a)', tenant: tenant() },
    { name: 'a profile', tenant: tenant((t) => { t.selfServiceProfiles = [{ id: 'ssp_1', name: 'Partner SSO onboarding', allowed_strategies: ['samlp', 'oidc'] }]; }) },
  ],
  invalid: [
    {
      name: 'one pass per profile, with the IdP types it offers',
      tenant: tenant((t) => { t.selfServiceProfiles = [{ id: 'ssp_1', name: 'Partner SSO onboarding', allowed_strategies: ['samlp', 'oidc'] }]; }),
      findings: [{ status: 'pass', messageId: 'profile', resource: 'ssp_1' }],
    },
    { name: 'no profile (evidence absent: n/a)', tenant: tenant((t) => { t.selfServiceProfiles = []; }), findings: [{ status: 'n/a', messageId: 'none', field: 'self-service-profiles' }] },
  ],
});
