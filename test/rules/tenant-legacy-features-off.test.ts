import { expect, it } from 'vitest';
import rule from '../../rules/tenant-legacy-features-off.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const flags = (patch: Record<string, unknown> | null) =>
  tenant((t) => { t.tenantSettings = { ...t.tenantSettings, flags: patch === null ? null : { ...t.tenantSettings?.flags, ...patch } }; });

ruleTester(rule, {
  valid: [
    { name: 'every legacy flag false', tenant: tenant() },
    { name: 'flags absent (new tenant default: off)', tenant: flags(null) },
  ],
  invalid: [
    { name: 'ID tokens accepted by the Management API', tenant: flags({ enable_idtoken_api2: true }), findings: [{ status: 'fail', messageId: 'on', severity: 'blocker', resource: 'enable_idtoken_api2', field: 'flags.enable_idtoken_api2', value: true }] },
    { name: '/oauth/ro', tenant: flags({ allow_legacy_ro_grant_types: true }), findings: [{ status: 'fail', messageId: 'on', resource: 'allow_legacy_ro_grant_types', field: 'flags.allow_legacy_ro_grant_types' }] },
    { name: '/oauth/access_token', tenant: flags({ allow_other_legacy_grant_types: true }), findings: [{ status: 'fail', messageId: 'on', resource: 'allow_other_legacy_grant_types' }] },
    { name: '/tokeninfo', tenant: flags({ allow_legacy_tokeninfo_endpoint: true }), findings: [{ status: 'fail', messageId: 'on', resource: 'allow_legacy_tokeninfo_endpoint' }] },
    { name: '/delegation', tenant: flags({ allow_legacy_delegation_grant_types: true }), findings: [{ status: 'fail', messageId: 'on', resource: 'allow_legacy_delegation_grant_types' }] },
    { name: 'legacy user profile', tenant: flags({ enable_legacy_profile: true }), findings: [{ status: 'fail', messageId: 'on', resource: 'enable_legacy_profile', field: 'flags.enable_legacy_profile' }] },
    {
      // Not in Auth0's readiness check; the API reference calls v1 "not recommended except for
      // backward compatibility" (https://auth0.com/docs/api/management/v2/tenants/patch-settings): a warning.
      name: 'the v1 change-password flow',
      tenant: flags({ change_pwd_flow_v1: true }),
      findings: [{ status: 'fail', messageId: 'on', severity: 'warning', resource: 'change_pwd_flow_v1', field: 'flags.change_pwd_flow_v1', value: true }],
    },
    {
      name: 'another *legacy* flag on',
      tenant: flags({ enable_legacy_logs_search_v2: true }),
      findings: [{ status: 'fail', messageId: 'other-on', resource: 'enable_legacy_logs_search_v2', field: 'flags.enable_legacy_logs_search_v2', value: true }],
    },
  ],
});

it('reports one finding per legacy flag, passes included', () => {
  const fs = run(rule, flags({ enable_legacy_profile: true }));
  expect(fs.map((f) => f.resource?.id).sort()).toEqual([
    'allow_legacy_delegation_grant_types',
    'allow_legacy_ro_grant_types',
    'allow_legacy_tokeninfo_endpoint',
    'allow_other_legacy_grant_types',
    'change_pwd_flow_v1',
    'enable_idtoken_api2',
    'enable_legacy_profile',
  ]);
  expect(fs.filter((f) => f.status === 'fail')).toHaveLength(1);
});

it('names the Dashboard readiness item of every flag', () => {
  expect([...(rule.dashboard ?? [])].sort()).toEqual(['legacy-delegation', 'legacy-idtoken-api2', 'legacy-other-grants', 'legacy-profile', 'legacy-ro', 'legacy-tokeninfo']);
});
