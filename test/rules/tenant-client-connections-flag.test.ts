import rule from '../../rules/tenant-client-connections-flag.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, tenantFrom } from '../support/tenant.js';

const flag = (value: boolean | undefined) =>
  tenant((t) => { t.tenantSettings = { ...t.tenantSettings, flags: { ...t.tenantSettings?.flags, enable_client_connections: value } }; });

ruleTester(rule, {
  valid: [{ name: 'flag off', tenant: tenant() }],
  invalid: [
    { name: 'a brand-new tenant has it on', tenant: tenantFrom('brand-new'), findings: [{ status: 'fail', messageId: 'on', severity: 'advice', resource: 'enable_client_connections', field: 'flags.enable_client_connections', value: true }] },
    { name: 'flag not reported: Auth0 default (on)', tenant: flag(undefined), findings: [{ status: 'fail', messageId: 'default', field: 'flags.enable_client_connections', value: null }] },
    { name: 'no flags at all', tenant: tenant((t) => { t.tenantSettings = { ...t.tenantSettings, flags: null }; }), findings: [{ status: 'fail', messageId: 'default' }] },
  ],
});
