import rule from '../../rules/tenant-default-directory.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, unavailable } from '../support/tenant.js';

const directory = (default_directory: string | undefined) => tenant((t) => { t.tenantSettings = { ...t.tenantSettings, default_directory }; });

ruleTester(rule, {
  valid: [
    { name: 'empty string (the API default)', tenant: tenant() },
    { name: 'absent', tenant: directory(undefined) },
  ],
  invalid: [
    {
      name: 'set to an existing database connection',
      tenant: tenant((t) => { t.tenantSettings = { ...t.tenantSettings, default_directory: t.connections?.[0]?.name ?? 'x' }; }),
      findings: [{ status: 'fail', messageId: 'set', severity: 'advice', resource: 'default_directory', field: 'default_directory' }],
    },
    { name: 'set to a connection that does not exist', tenant: directory('old-users-db'), findings: [{ status: 'fail', messageId: 'missing', severity: 'warning', field: 'default_directory', value: 'old-users-db' }] },
    { name: 'set, connections unreadable: reported without the existence check', tenant: tenant(unavailable('connections'), (t) => { t.tenantSettings = { ...t.tenantSettings, default_directory: 'old-users-db' }; }), findings: [{ status: 'fail', messageId: 'set', severity: 'advice' }] },
  ],
});
