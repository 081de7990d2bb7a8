import { expect, it } from 'vitest';
import rule from '../../rules/tenant-node-runtime.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, tenantFrom } from '../support/tenant.js';

const version = (sandbox_version: string | undefined) => tenant((t) => { t.tenantSettings = { ...t.tenantSettings, sandbox_version }; });
/** The Legacy Extensibility override that Rules and Hooks run on when set (OAS default ""). */
const legacy = (legacy_sandbox_version: string) => tenant((t) => { t.tenantSettings = { ...t.tenantSettings, legacy_sandbox_version }; });

ruleTester(rule, {
  valid: [
    { name: 'Node 22', tenant: tenant() },
    { name: 'a newer runtime', tenant: version('24') },
    { name: 'the recommendation is a setting', tenant: version('18'), settings: { recommendedNode: 18 } },
    { name: 'no Legacy Extensibility override (""): Rules and Hooks follow sandbox_version', tenant: legacy('') },
    { name: 'a Legacy Extensibility override on the recommended version', tenant: legacy('22') },
  ],
  invalid: [
    { name: 'a brand-new tenant still on Node 18', tenant: tenantFrom('brand-new'), findings: [{ status: 'fail', messageId: 'old', severity: 'blocker', resource: 'sandbox_version', field: 'sandbox_version', value: '18' }] },
    { name: 'Node 16 written with a prefix', tenant: version('v16'), findings: [{ status: 'fail', messageId: 'old', value: 'v16' }] },
    { name: 'not reported', tenant: version(undefined), findings: [{ status: 'unknown', messageId: 'unreported', field: 'sandbox_version', value: null }] },
    {
      // https://auth0.com/docs/customize/extensibility-runtime/best-practices: check the tenant runtime
      // "along with any Legacy Extensibility override set for Rules and Hooks".
      name: 'Rules and Hooks pinned to Node 12 by a Legacy Extensibility override, the tenant on 22',
      tenant: legacy('12'),
      findings: [
        { status: 'pass', messageId: 'ok', resource: 'sandbox_version' },
        { status: 'fail', messageId: 'legacy-old', resource: 'legacy_sandbox_version', field: 'legacy_sandbox_version', value: '12', severity: 'blocker' },
      ],
    },
    { name: 'an unreadable override', tenant: legacy('latest'), findings: [{ status: 'unknown', messageId: 'legacy-unreadable', value: 'latest' }] },
    { name: 'unreadable value', tenant: version('latest'), findings: [{ status: 'unknown', messageId: 'unreported', value: 'latest' }] },
  ],
});

// The runtime runs custom database scripts and Rules/Hooks; it is not a notification subscription
// (https://auth0.com/docs/customize/extensibility-runtime/migrate/from-node-18-to-node-22).
it('is filed under user migration and claims, not notifications', () => {
  expect(rule.topics).toEqual(expect.arrayContaining(['b2c.p1.provisioning.user-migration', 'b2b.p1.authorization.id-token-claims']));
  expect(rule.topics.some((t) => t.endsWith('.operations.notifications'))).toBe(false);
});
