import rule from '../../rules/database-custom-scripts-mode.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, tenantFrom, type Mutator } from '../support/tenant.js';
import { expect, it } from 'vitest';

const LOGIN = 'function login(email, password, callback) {\n  callback(null, { user_id: "1", email });\n}\n';
const GET_USER = 'function getByEmail(email, callback) {\n  callback(null);\n}\n';

const customDb = (options: Record<string, unknown>): Mutator => (t) => {
  t.connections = [
    ...(t.connections ?? []),
    { id: 'con_legacy', name: 'legacy-users', strategy: 'auth0', options: { enabledDatabaseCustomization: true, ...options } },
  ];
};

ruleTester(rule, {
  valid: [
    { name: 'baseline: no custom database', tenant: tenant() },
    { name: 'import mode with Login and Get User', tenant: tenant(customDb({ import_mode: true, customScripts: { login: LOGIN, get_user: GET_USER } })) },
  ],
  invalid: [
    {
      name: 'proxy mode (import off) must be attested (CheckMate checkEnabledDatabaseCustomization)',
      tenant: tenant(customDb({ import_mode: false, customScripts: { login: LOGIN, get_user: GET_USER } })),
      // Auth0 documents legacy authentication (no import) as a supported use of custom databases: advice.
      findings: [{ status: 'fail', messageId: 'proxy', severity: 'advice', resource: 'con_legacy', field: 'options.import_mode', value: false }],
    },
    {
      name: 'import_mode absent is proxy mode',
      tenant: tenant(customDb({ customScripts: { login: LOGIN } })),
      findings: [{ status: 'fail', messageId: 'proxy', resource: 'legacy-users', field: 'options.import_mode', value: null }],
    },
    {
      name: 'import mode without Get User',
      tenant: tenant(customDb({ import_mode: true, customScripts: { login: LOGIN } })),
      findings: [{ status: 'fail', messageId: 'migration-incomplete', resource: 'con_legacy', field: 'options.customScripts.get_user', value: null }],
    },
    {
      name: 'import mode with an empty Login script',
      tenant: tenant(customDb({ import_mode: true, customScripts: { login: '  ', get_user: GET_USER } })),
      findings: [{ status: 'fail', messageId: 'migration-incomplete', field: 'options.customScripts.login' }],
    },
    {
      name: 'options hidden without read:connections_options: custom or not cannot be told',
      tenant: tenant((t) => { t.connections = (t.connections ?? []).map(({ options: _o, ...c }) => c); }),
      findings: [{ status: 'unknown', messageId: 'hidden', resource: 'con_oc6Y0qlxwai0R1Hi', field: 'options' }],
    },
  ],
});

it('passes the large fixture legacy import connection, and names both missing scripts', () => {
  const ok = run(rule, tenantFrom('large'));
  expect(ok.map((f) => `${f.status} ${f.resource?.name}`)).toEqual(['pass legacy-import-users']);
  const none = run(rule, tenant(customDb({ import_mode: true })));
  expect(none.find((f) => f.resource?.id === 'con_legacy')?.message).toContain('no login and get_user script');
});

it('is n/a when no database connection is customised', () => {
  expect(run(rule, tenant()).map((f) => f.status)).toEqual(['n/a']);
});
