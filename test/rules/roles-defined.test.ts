import rule from '../../rules/roles-defined.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const ORDERS = 'https://api.acme.example/orders';

ruleTester(rule, {
  valid: [
    { name: 'the go-live-ready baseline', tenant: tenant() },
    {
      name: 'roles with permissions',
      tenant: tenant((t) => {
        t.roles = [{ id: 'rol_1', name: 'Store Support' }];
        t.rolePermissions = { rol_1: [{ permission_name: 'read:all_orders', resource_server_identifier: ORDERS }] };
      }),
    },
  ],
  invalid: [
    {
      name: 'a role without permissions',
      tenant: tenant((t) => {
        t.roles = [{ id: 'rol_1', name: 'Store Support' }, { id: 'rol_2', name: 'Placeholder' }];
        t.rolePermissions = { rol_1: [{ permission_name: 'read:all_orders', resource_server_identifier: ORDERS }], rol_2: [] };
      }),
      findings: [
        { status: 'fail', messageId: 'empty', severity: 'advice', resource: 'rol_2', field: 'permissions', value: [] },
        { status: 'pass', messageId: 'permissions', resource: 'rol_1' },
      ],
    },
    {
      name: 'permissions of a role not read',
      tenant: tenant((t) => { t.roles = [{ id: 'rol_1', name: 'Store Support' }]; t.rolePermissions = {}; }),
      findings: [{ status: 'unknown', messageId: 'not-read', resource: 'rol_1' }],
    },
    {
      name: 'no role: RBAC not used (n/a, evidence)',
      tenant: tenant((t) => { t.roles = []; t.rolePermissions = {}; }),
      findings: [{ status: 'n/a', messageId: 'none' }],
    },
  ],
});
