import { expect, it } from 'vitest';
import rule from '../../rules/action-custom-claims.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';

const BASELINE_ACTION = '384215e7-2a08-4c31-ae07-f4dddccd2fe1';
const action = (id: string, code: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: id,
  supported_triggers: [{ id: 'post-login', version: 'v3' }],
  runtime: 'node22',
  status: 'built',
  all_changes_deployed: true,
  code,
  deployed_version: { code, runtime: 'node22', deployed: true },
  ...extra,
});
const only = (...actions: ReturnType<typeof action>[]): Mutator => (t) => {
  t.actions = actions;
  t.postLoginBindings = actions.map((a) => ({ id: `bnd_${a.id}`, display_name: a.name, action: { id: a.id, name: a.name } }));
};
const LOGGER = 'exports.onExecutePostLogin = async (event) => { console.log(event.user.user_id); };';

ruleTester(rule, {
  valid: [
    { name: 'the baseline action adds ID- and access-token claims', tenant: tenant() },
    {
      name: 'the api parameter renamed',
      tenant: tenant(only(action('claims', "exports.onExecutePostLogin = async (e, a) => { a.accessToken.setCustomClaim('https://acme.example/tier', e.user.app_metadata.tier); };"))),
    },
  ],
  invalid: [
    {
      name: 'the baseline action, located',
      tenant: tenant(),
      findings: [{ status: 'pass', messageId: 'claims', resource: BASELINE_ACTION }],
    },
    {
      name: 'bound actions set no claim (evidence absent: n/a)',
      tenant: tenant(only(action('logger', LOGGER))),
      findings: [{ status: 'n/a', messageId: 'none', field: 'post-login bindings', value: 1 }],
    },
    {
      name: 'a claims action that is not bound does not count',
      tenant: tenant((t) => {
        t.actions = [action('claims', "exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaim('x', 1); };")];
        t.postLoginBindings = [];
      }),
      findings: [{ status: 'n/a', messageId: 'none', value: 0 }],
    },
    {
      name: 'a claims action whose build failed',
      tenant: tenant(only(action('claims', "exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaim('x', 1); };", { status: 'failed', deployed_version: null }))),
      findings: [{ status: 'fail', messageId: 'not-built', resource: 'claims', field: 'status', value: 'failed' }],
    },
    {
      name: 'code that does not parse',
      tenant: tenant(only(action('broken', 'exports.onExecutePostLogin = async (event, api) => { api.idToken.setCustomClaim(;'))),
      findings: [{ status: 'unknown', messageId: 'syntax', resource: 'broken', field: 'deployed_version.code:1:81' }],
    },
  ],
});

it('reports the line and column of each claim', () => {
  const fs = run(rule, tenant());
  expect(fs[0]?.message).toBe('Post-login Action Add customer claims adds custom claims to the ID token and access token (line:column 9:3, 10:3)');
});
