import rule from '../../rules/database-scripts-no-secrets.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, tenantFrom, type Mutator } from '../support/tenant.js';
import { expect, it } from 'vitest';

const SECRET = 'sk_live_9f8A7b6C5d4E3f2A1b0C';
const LEAKY_LOGIN = [
  'function login(email, password, callback) {',
  `  const API_KEY = "${SECRET}";`,
  "  const request = require('request');",
  "  request.post({ url: 'https://svc:hunter22pw@legacy.example/auth', json: { email, password } }, (err, res, body) => {",
  '    if (err) return callback(err);',
  '    callback(null, { user_id: body.id, email: body.email });',
  '  });',
  '}',
].join('\n');
const CLEAN_GET_USER = [
  'function getByEmail(email, callback) {',
  "  const request = require('request');",
  "  request.get({ url: configuration.LEGACY_API_URL + '/users', headers: { 'x-api-key': configuration.LEGACY_API_KEY } }, (err, res, body) => {",
  '    if (err) return callback(err);',
  '    callback(null, body);',
  '  });',
  '}',
].join('\n');

const scripts = (customScripts: Record<string, unknown>): Mutator => (t) => {
  t.connections = [
    ...(t.connections ?? []),
    { id: 'con_legacy', name: 'legacy-users', strategy: 'auth0', options: { enabledDatabaseCustomization: true, import_mode: true, customScripts } },
  ];
};

ruleTester(rule, {
  valid: [
    { name: 'scripts read secrets from configuration', tenant: tenant(scripts({ login: CLEAN_GET_USER.replace('getByEmail', 'login'), get_user: CLEAN_GET_USER })) },
    { name: 'the large fixture legacy import scripts', tenant: tenantFrom('large') },
  ],
  invalid: [
    {
      name: 'a lowercase-word password in a database script',
      tenant: tenant(scripts({ login: "function login(email, password, callback) {\n  const conn = mysql({ host: 'db.acme.example', user: 'app', password: 'secret' });\n  callback(null);\n}" })),
      findings: [{ status: 'fail', resource: 'con_legacy' }],
    },
    {
      name: 'an API key literal and credentials in a URL (CheckMate checkDASHardCodedValues, Dashboard externalize-config)',
      tenant: tenant(scripts({ login: LEAKY_LOGIN, get_user: CLEAN_GET_USER })),
      findings: [
        { status: 'fail', messageId: 'secret', severity: 'warning', resource: 'con_legacy', field: 'options.customScripts.login', value: '2:9' },
        { status: 'fail', messageId: 'secret', resource: 'con_legacy', field: 'options.customScripts.login', value: '4:18' },
        { status: 'pass', messageId: 'clean', resource: 'con_legacy' },
      ],
    },
    {
      name: 'a script that does not parse is unknown, with its position',
      tenant: tenant(scripts({ login: 'function login(email, password, callback) {\n  const x = ;\n}' })),
      findings: [{ status: 'unknown', messageId: 'syntax', resource: 'legacy-users', field: 'options.customScripts.login' }],
    },
    {
      name: 'options hidden without read:connections_options',
      tenant: tenant((t) => { t.connections = (t.connections ?? []).map(({ options: _o, ...c }) => c); }),
      findings: [{ status: 'unknown', messageId: 'hidden', resource: 'con_oc6Y0qlxwai0R1Hi', field: 'options' }],
    },
  ],
});

it('gives line:column and a masked preview, never the secret', () => {
  const fs = run(rule, tenant(scripts({ login: LEAKY_LOGIN })));
  const hit = fs.find((f) => f.value === '2:9');
  expect(hit?.message).toBe(`Script login of database connection legacy-users hard-codes a secret in API_KEY at 2:9 (sk_… (${SECRET.length} chars)): move it to configuration`);
  const all = JSON.stringify(fs);
  expect(all).not.toContain(SECRET);
  expect(all).not.toContain('hunter22pw');
});

it('reports the syntax error position once, 1-based', () => {
  const fs = run(rule, tenant(scripts({ login: 'function login(email, password, callback) {\n  const x = ;\n}' })));
  expect(fs[0]?.message).toBe('Script login of database connection legacy-users does not parse (Unexpected token at 2:13): not checked for secrets');
});

it('is n/a without custom database scripts', () => {
  expect(run(rule, tenant()).map((f) => f.status)).toEqual(['n/a']);
});
