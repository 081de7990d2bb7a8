import { expect, it } from 'vitest';
import rule from '../../rules/action-no-hardcoded-secrets.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, unavailable } from '../support/tenant.js';

const KEY = 'sk_live_51HxQ2eLkdIwHu7ix9Zq3TvB';
const LEAKY = `const axios = require('axios');
const API_KEY = '${KEY}';
exports.onExecutePostLogin = async (event, api) => {
  await axios.post('https://crm.acme.example/logins', { user: event.user.user_id }, { headers: { 'x-api-key': API_KEY } });
};`;
const CLEAN = `exports.onExecutePostLogin = async (event, api) => {
  const apiKey = event.secrets.API_KEY;
  api.idToken.setCustomClaim('https://acme.example/tier', 'gold');
};`;
const action = (id: string, code: string, deployed?: string) => ({
  id,
  name: id,
  supported_triggers: [{ id: 'post-login', version: 'v3' }],
  runtime: 'node22',
  code,
  ...(deployed === undefined ? {} : { deployed_version: { code: deployed, deployed: true } }),
});

ruleTester(rule, {
  valid: [
    { name: 'the baseline action', tenant: tenant() },
    { name: 'a secret read from event.secrets', tenant: tenant((t) => { t.actions = [action('clean', CLEAN, CLEAN)]; }) },
    { name: 'Rules and Hooks not on the plan', tenant: tenant(unavailable('rules', 'unavailable-on-plan'), unavailable('hooks', 'unavailable-on-plan')) },
  ],
  invalid: [
    {
      name: 'a lowercase-word API key in an Action',
      tenant: tenant((t) => { t.actions = [action('weak', "exports.onExecutePostLogin = async (event, api) => {\n  const client = crm({ apiKey: 'changeme' });\n};")]; }),
      findings: [{ status: 'fail', resource: 'weak' }],
    },
    {
      name: 'an API key in a literal',
      tenant: tenant((t) => { t.actions = [action('leaky', LEAKY, LEAKY)]; }),
      findings: [{ status: 'fail', messageId: 'secrets', severity: 'warning', resource: 'leaky', field: 'code:2:7', value: ['code:2:7 API_KEY = sk_… (32 chars)'] }],
    },
    {
      name: 'removed from the draft, still in the deployed version',
      tenant: tenant((t) => { t.actions = [action('leaky', CLEAN, LEAKY)]; }),
      findings: [{ status: 'fail', messageId: 'secrets', resource: 'leaky', field: 'deployed_version.code:2:7' }],
    },
    {
      name: 'a password in an anonymous legacy Rule',
      tenant: tenant((t) => { t.rules = [{ id: 'rul_1', name: 'crm sync', enabled: true, script: "function (user, context, callback) {\n  const password = 'Hunter2-Sup3rSecret!';\n  callback(null, user, context);\n}" }]; }),
      findings: [{ status: 'fail', messageId: 'secrets', resource: 'rul_1', field: 'script:2:9' }],
    },
    {
      name: 'credentials in a URL in a Hook',
      tenant: tenant((t) => { t.hooks = [{ id: 'h1', name: 'notify', enabled: true, triggerId: 'post-user-registration', script: "module.exports = function (user, context, cb) {\n  require('request').post('https://svc:pa55w0rdX@hooks.acme.example/new');\n  cb();\n};" }]; }),
      findings: [{ status: 'fail', messageId: 'secrets', resource: 'h1', field: 'script:2:27' }],
    },
    {
      name: 'code that does not parse',
      tenant: tenant((t) => { t.actions = [action('broken', 'const = ;')]; }),
      findings: [{ status: 'unknown', messageId: 'syntax', resource: 'broken', field: 'code:1:7' }],
    },
    {
      name: 'Rules unreadable (missing scope)',
      tenant: tenant(unavailable('rules')),
      findings: [{ status: 'unknown', messageId: 'resource-unavailable', resource: 'rules' }, { status: 'pass', messageId: 'clean' }],
    },
    {
      name: 'Hooks unreadable (missing scope)',
      tenant: tenant(unavailable('hooks')),
      findings: [{ status: 'unknown', messageId: 'resource-unavailable', resource: 'hooks' }],
    },
  ],
});

it('never shows the secret itself', () => {
  const fs = run(rule, tenant((t) => { t.actions = [action('leaky', LEAKY, LEAKY)]; }));
  expect(JSON.stringify(fs)).not.toContain(KEY);
  expect(fs[0]?.message).toBe('Action leaky hard-codes 1 credential(s): API_KEY at 2:7 (sk_… (32 chars))');
});

import { expect as expectCode, it as itCode } from 'vitest';
import { run as runRule } from '../support/rule-tester.js';

itCode('code that is not available is unknown, never clean', () => {
  const fs = runRule(rule, tenant((t) => { t.actions = [{ id: 'a1', name: 'From export', runtime: 'node22' }]; }));
  expectCode(fs.find((f) => f.resource?.id === 'a1')?.status).toBe('unknown');
});
