import rule from '../../rules/organization-apps.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';

const WEB = 'gCE1ulcboH8woQCmjvMVi7aE9KAJu0ze';
const SPA = 'yKXsfHXWtIbildtZnX9esbRSV7IEgOzZ';
const MOBILE = 'ZxFcbpR5mer2FO1lmzu83nRAE0vOo2Lt';
const orgs: Mutator = (t) => { t.organizations = [{ id: 'org_1', name: 'initech' }]; };
const set = (id: string, fields: Record<string, unknown>): Mutator => (t) => {
  t.clients = (t.clients ?? []).map((c) => (c.client_id === id ? { ...c, ...fields } : c));
};

ruleTester(rule, {
  valid: [
    { name: 'no organizations (baseline)', tenant: tenant() },
    {
      name: 'a portal that requires an organization and prompts for it, an account app that allows one',
      tenant: tenant(orgs, set(WEB, { organization_usage: 'require', organization_require_behavior: 'pre_login_prompt', organization_discovery_methods: ['email'] }), set(SPA, { organization_usage: 'allow' })),
    },
    { name: 'post-login prompt', tenant: tenant(orgs, set(WEB, { organization_usage: 'require', organization_require_behavior: 'post_login_prompt' })) },
    { name: 'no prompt: the app always sends the organization', tenant: tenant(orgs, set(WEB, { organization_usage: 'require', organization_require_behavior: 'no_prompt' })) },
  ],
  invalid: [
    {
      name: 'requires an organization without saying how to find it',
      tenant: tenant(orgs, set(WEB, { organization_usage: 'require' }), set(SPA, { organization_usage: 'allow' })),
      findings: [
        { status: 'fail', messageId: 'no-behavior', severity: 'warning', resource: WEB, field: 'organization_require_behavior', value: null },
        { status: 'pass', messageId: 'allow', resource: SPA },
      ],
    },
    {
      name: 'organizations exist but no application accepts them',
      tenant: tenant(orgs),
      findings: [
        { status: 'fail', messageId: 'deny', resource: WEB, field: 'organization_usage', value: null },
        { status: 'fail', messageId: 'deny', resource: MOBILE },
        { status: 'fail', messageId: 'deny', resource: 'Acme Account (SPA)' },
      ],
    },
  ],
});
