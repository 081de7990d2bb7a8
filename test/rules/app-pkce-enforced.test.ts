import { expect, it } from 'vitest';
import rule from '../../rules/app-pkce-enforced.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, unavailable, type Mutator } from '../support/tenant.js';

const ENFORCE = `exports.onExecutePostLogin = async (event, api) => {
  const publicApps = [event.secrets.SPA_ID, event.secrets.MOBILE_ID];
  if (!publicApps.includes(event.client.client_id)) return;
  const { code_challenge, code_challenge_method } = event.request.query;
  if (!code_challenge || code_challenge_method !== 'S256') {
    api.access.deny('PKCE required');
  }
};
`;

const action = (code: string, bound = true, id = 'act_pkce'): Mutator => (t) => {
  t.actions = [...(t.actions ?? []), { id, name: 'Require PKCE', supported_triggers: [{ id: 'post-login', version: 'v3' }], code, deployed_version: { code, deployed: true } }];
  if (bound) t.postLoginBindings = [...(t.postLoginBindings ?? []), { action: { id, name: 'Require PKCE' } }];
};

ruleTester(rule, {
  valid: [
    { name: 'a bound post-login Action denies logins without code_challenge', tenant: tenant(action(ENFORCE)) },
    {
      name: 'bracket access and an aliased api object',
      tenant: tenant(action("exports.onExecutePostLogin = async (event, api) => { const a = api.access; if (!event.request.query['code_challenge']) a.deny('no PKCE'); };")),
    },
    {
      name: 'member access: if (!event.request.query.code_challenge) api.access.deny(…)',
      tenant: tenant(action("exports.onExecutePostLogin = async (event, api) => { if (!event.request.query.code_challenge) api.access.deny('PKCE required'); };")),
    },
    {
      name: 'optional member access: event.request.query?.code_challenge',
      tenant: tenant(action("exports.onExecutePostLogin = async (event, api) => { if (!event.request?.query?.code_challenge) api.access.deny('PKCE required'); };")),
    },
    {
      name: 'one level of aliasing: const q = event.request.query; q.code_challenge',
      tenant: tenant(action("exports.onExecutePostLogin = async (event, api) => {\n  const q = event.request.query;\n  if (!q.code_challenge) api.access.deny('PKCE required');\n};")),
    },
    {
      name: 'aliasing through destructuring: const { query } = event.request; query.code_challenge',
      tenant: tenant(action("exports.onExecutePostLogin = async (event, api) => {\n  const { query } = event.request;\n  if (!query['code_challenge']) api.access.deny('PKCE required');\n};")),
    },
    {
      name: 'destructuring from an alias, renamed: const q = event.request.query; const { code_challenge: cc } = q',
      tenant: tenant(action("exports.onExecutePostLogin = async (event, api) => {\n  const q = event.request.query;\n  const { code_challenge: cc = '' } = q;\n  if (!cc) api.access.deny('PKCE required');\n};")),
    },
    {
      name: "the 'in' operator: 'code_challenge' in event.request.query",
      tenant: tenant(action("exports.onExecutePostLogin = async (event, api) => { if (!('code_challenge' in event.request.query)) api.access.deny('PKCE required'); };")),
    },
    {
      name: 'no SPA or native app with the authorization code grant: nothing to check, even with Actions unreadable',
      tenant: tenant(unavailable('actions'), (t) => {
        t.clients = (t.clients ?? []).filter((c) => c.app_type !== 'spa' && c.app_type !== 'native');
      }),
    },
  ],
  invalid: [
    {
      name: 'no enforcing Action (the baseline tenant)',
      tenant: tenant(),
      findings: [
        { status: 'fail', messageId: 'not-enforced', severity: 'advice', resource: 'Acme Account (SPA)', field: 'grant_types[0]', value: 'authorization_code' },
        { status: 'fail', messageId: 'not-enforced', resource: 'Acme Mobile' },
      ],
    },
    {
      name: 'the enforcing Action is not bound',
      tenant: tenant(action(ENFORCE, false)),
      findings: [{ status: 'fail', messageId: 'not-enforced', resource: 'Acme Mobile' }, { status: 'fail', messageId: 'not-enforced', resource: 'Acme Account (SPA)' }],
    },
    {
      name: 'reads code_challenge but never denies',
      tenant: tenant(action("exports.onExecutePostLogin = async (event, api) => { console.log(event.request.query.code_challenge); };")),
      findings: [{ status: 'fail', messageId: 'not-enforced', resource: 'Acme Account (SPA)' }, { status: 'fail', messageId: 'not-enforced', resource: 'Acme Mobile' }],
    },
    {
      name: 'a local variable that merely shares the name is not the request parameter',
      tenant: tenant(action("exports.onExecutePostLogin = async (event, api) => { const code_challenge = event.user.app_metadata.flag; if (!code_challenge) api.access.deny('no'); };")),
      findings: [{ status: 'fail', messageId: 'not-enforced', resource: 'Acme Account (SPA)' }, { status: 'fail', messageId: 'not-enforced', resource: 'Acme Mobile' }],
    },
    {
      name: 'a bound Action that does not parse',
      tenant: tenant(action('exports.onExecutePostLogin = async (event, api) => { if (', true, 'act_broken')),
      findings: [{ status: 'unknown', messageId: 'unparsable', resource: 'Acme Account (SPA)' }, { status: 'unknown', messageId: 'unparsable', resource: 'Acme Mobile' }],
    },
    { name: 'Actions unreadable', tenant: tenant(unavailable('actions')), findings: [{ status: 'unknown', messageId: 'resource-unavailable' }] },
    { name: 'bindings unreadable', tenant: tenant(action(ENFORCE), unavailable('postLoginBindings')), findings: [{ status: 'unknown', messageId: 'resource-unavailable' }] },
  ],
});

it('names the Action and where it reads and denies', () => {
  const f = run(rule, tenant(action(ENFORCE))).find((x) => x.resource?.name === 'Acme Mobile');
  expect(f?.message).toContain('Require PKCE');
  expect(f?.message).toContain('4:11');
  expect(f?.message).toContain('6:5');
});

it('reports the syntax error position', () => {
  const f = run(rule, tenant(action('exports.onExecutePostLogin = async (event, api) => {\n  if (', true, 'act_broken')))[0];
  expect(f?.message).toMatch(/syntax error at 2:\d+/);
});

it('gives the position of a member-access read', () => {
  const f = run(rule, tenant(action("exports.onExecutePostLogin = async (event, api) => {\n  const q = event.request.query;\n  if (!q.code_challenge) api.access.deny('PKCE required');\n};"))).find((x) => x.resource?.name === 'Acme Mobile');
  expect(f?.message).toContain('reads code_challenge at 3:8');
});
