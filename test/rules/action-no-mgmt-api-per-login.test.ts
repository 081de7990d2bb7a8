import { expect, it } from 'vitest';
import rule from '../../rules/action-no-mgmt-api-per-login.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';

const action = (id: string, code: string) => ({
  id,
  name: id,
  supported_triggers: [{ id: 'post-login', version: 'v3' }],
  runtime: 'node22',
  status: 'built',
  code,
  deployed_version: { code, deployed: true },
});
const bound = (...actions: ReturnType<typeof action>[]): Mutator => (t) => {
  t.actions = [...(t.actions ?? []), ...actions];
  t.postLoginBindings = [...(t.postLoginBindings ?? []), ...actions.map((a) => ({ action: { id: a.id, name: a.name } }))];
};

const SDK = `const { ManagementClient } = require('auth0');
exports.onExecutePostLogin = async (event, api) => {
  const management = new ManagementClient({ domain: event.secrets.DOMAIN, clientId: event.secrets.CLIENT_ID, clientSecret: event.secrets.CLIENT_SECRET });
  await management.users.update({ id: event.user.user_id }, { app_metadata: { last_seen: Date.now() } });
};`;
const FETCH = `exports.onExecutePostLogin = async (event, api) => {
  const token = event.secrets.MGMT_TOKEN;
  const res = await fetch(\`https://\${event.secrets.DOMAIN}/api/v2/users/\${event.user.user_id}/roles\`, { headers: { authorization: \`Bearer \${token}\` } });
  api.idToken.setCustomClaim('https://acme.example/roles', await res.json());
};`;
const TOKEN = `const axios = require('axios');
exports.onExecutePostLogin = async (event, api) => {
  const { data } = await axios.post('https://' + event.secrets.DOMAIN + '/oauth/token', { grant_type: 'client_credentials' });
  await axios.post('https://crm.acme.example/logins', { user: event.user.user_id }, { headers: { authorization: 'Bearer ' + data.access_token } });
};`;
const CACHED_TOKEN = `exports.onExecutePostLogin = async (event, api) => {
  let token = api.cache.get('crm_token')?.value;
  if (!token) {
    const res = await fetch(\`https://\${event.secrets.DOMAIN}/oauth/token\`, { method: 'POST' });
    token = (await res.json()).access_token;
    api.cache.set('crm_token', token, { ttl: 3600000 });
  }
};`;

// The rule's own remediation, followed: call only when needed, or reuse a cached token
// (Auth0 Actions limitations: https://auth0.com/docs/customize/actions/limitations).
const CONDITIONAL_SDK = `const { ManagementClient } = require('auth0');
exports.onExecutePostLogin = async (event, api) => {
  const management = new ManagementClient({ domain: event.secrets.DOMAIN, clientId: event.secrets.CLIENT_ID, clientSecret: event.secrets.CLIENT_SECRET });
  if (!event.user.app_metadata.synced) {
    await management.users.update({ id: event.user.user_id }, { app_metadata: { synced: true } });
  }
};`;
const EARLY_RETURN = `exports.onExecutePostLogin = async (event, api) => {
  if (event.stats.logins_count > 1) return;
  await fetch(\`https://\${event.secrets.DOMAIN}/api/v2/users/\${event.user.user_id}\`, { method: 'PATCH' });
};`;
const CACHED_MGMT = `exports.onExecutePostLogin = async (event, api) => {
  let token = api.cache.get('mgmt_token')?.value;
  if (!token) {
    const res = await fetch(\`https://\${event.secrets.DOMAIN}/oauth/token\`, { method: 'POST' });
    token = (await res.json()).access_token;
    api.cache.set('mgmt_token', token, { ttl: 3600000 });
  }
  const res = await fetch(\`https://\${event.secrets.DOMAIN}/api/v2/users/\${event.user.user_id}/roles\`, { headers: { authorization: 'Bearer ' + token } });
  api.idToken.setCustomClaim('https://acme.example/roles', await res.json());
};`;

ruleTester(rule, {
  valid: [
    { name: 'the baseline claims action', tenant: tenant() },
    { name: 'a token fetched once and cached with api.cache', tenant: tenant(bound(action('cached', CACHED_TOKEN))) },
    { name: 'a Management API call only when the data is missing', tenant: tenant(bound(action('conditional', CONDITIONAL_SDK))) },
    { name: 'a Management API call after an early return on later logins', tenant: tenant(bound(action('first-login', EARLY_RETURN))) },
    { name: 'a Management API call with its token cached in api.cache', tenant: tenant(bound(action('cached-mgmt', CACHED_MGMT))) },
    {
      name: 'a Management API client in an unbound action does not run on login',
      tenant: tenant((t) => { t.actions = [...(t.actions ?? []), action('unbound', SDK)]; }),
    },
  ],
  invalid: [
    {
      name: 'new ManagementClient on every login',
      tenant: tenant(bound(action('sdk', SDK))),
      findings: [{ status: 'fail', messageId: 'mgmt', severity: 'warning', resource: 'sdk', field: 'deployed_version.code:4:9' }],
    },
    {
      name: 'fetch to a /api/v2/ URL built in a template literal',
      tenant: tenant(bound(action('fetch', FETCH))),
      findings: [{ status: 'fail', messageId: 'mgmt', resource: 'fetch', field: 'deployed_version.code:3:27' }],
    },
    {
      name: 'a new client-credentials token on every login',
      tenant: tenant(bound(action('token', TOKEN))),
      findings: [{ status: 'fail', messageId: 'token', resource: 'token', field: 'deployed_version.code:3:73' }],
    },
    {
      name: 'code that does not parse',
      tenant: tenant(bound(action('broken', 'exports.onExecutePostLogin = async (event, api) => {'))),
      findings: [{ status: 'unknown', messageId: 'syntax', resource: 'broken' }],
    },
  ],
});

it('says what was found, where', () => {
  const fs = run(rule, tenant(bound(action('fetch', FETCH))));
  expect(fs.find((f) => f.resource?.id === 'fetch')?.message).toBe('Post-login Action fetch calls the Management API on every login, with neither a condition nor a cached token: a Management API URL (/api/v2/) at 3:27');
});

it('names the condition that makes a call pass', () => {
  const fs = run(rule, tenant(bound(action('conditional', CONDITIONAL_SDK))));
  expect(fs.find((f) => f.resource?.id === 'conditional')).toMatchObject({ status: 'pass', messageId: 'conditional' });
  const cached = run(rule, tenant(bound(action('cached-mgmt', CACHED_MGMT))));
  expect(cached.find((f) => f.resource?.id === 'cached-mgmt')).toMatchObject({ status: 'pass', messageId: 'cached-mgmt' });
});
