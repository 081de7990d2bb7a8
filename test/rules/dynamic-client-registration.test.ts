import rule from '../../rules/dynamic-client-registration.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const dcr = (value: boolean | undefined) =>
  tenant((t) => { t.tenantSettings = { ...t.tenantSettings, flags: { ...t.tenantSettings?.flags, enable_dynamic_client_registration: value } }; });

ruleTester(rule, {
  valid: [
    { name: 'off', tenant: tenant() },
    { name: 'not reported (Auth0 default: off)', tenant: dcr(undefined) },
  ],
  invalid: [
    { name: 'on', tenant: dcr(true), findings: [{ status: 'fail', messageId: 'on', severity: 'advice', resource: 'enable_dynamic_client_registration', field: 'flags.enable_dynamic_client_registration', value: true }] },
  ],
});
