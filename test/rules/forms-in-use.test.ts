import rule from '../../rules/forms-in-use.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, unavailable, type Mutator } from '../support/tenant.js';

const PROGRESSIVE = `exports.onExecutePostLogin = async (event, api) => {
  if (!event.user.user_metadata.company) api.prompt.render('ap_9Tx1fNqL3ZcB');
};`;
const REDIRECT = `exports.onExecutePostLogin = async (event, api) => {
  if (event.stats.logins_count === 2) api.redirect.sendUserTo('https://www.acme.example/complete-profile');
};`;
const boundAction = (id: string, code: string): Mutator => (t) => {
  t.actions = [...(t.actions ?? []), { id, name: id, supported_triggers: [{ id: 'post-login' }], code, deployed_version: { code, deployed: true } }];
  t.postLoginBindings = [...(t.postLoginBindings ?? []), { action: { id, name: id } }];
};

ruleTester(rule, {
  valid: [
    { name: 'the baseline (no form: n/a)', tenant: tenant() },
    { name: 'a form', tenant: tenant((t) => { t.forms = [{ id: 'ap_9Tx1fNqL3ZcB', name: 'Complete your profile' }]; }) },
    { name: 'a post-login Action that renders a form', tenant: tenant(boundAction('progressive', PROGRESSIVE)) },
  ],
  invalid: [
    { name: 'a redirect to your own profile page', tenant: tenant(boundAction('redirect', REDIRECT)), findings: [{ status: 'pass', messageId: 'action', resource: 'redirect' }] },
    { name: 'neither (weak evidence: n/a)', tenant: tenant(), findings: [{ status: 'n/a', messageId: 'none', field: 'forms' }] },
    { name: 'no form and Actions unreadable', tenant: tenant(unavailable('actions')), findings: [{ status: 'unknown', messageId: 'resource-unavailable' }] },
    { name: 'no form and bindings unreadable', tenant: tenant(unavailable('postLoginBindings')), findings: [{ status: 'unknown', messageId: 'resource-unavailable' }] },
    {
      name: 'a form is evidence enough when Actions are unreadable',
      tenant: tenant(unavailable('actions'), (t) => { t.forms = [{ id: 'f1', name: 'Complete your profile' }]; }),
      findings: [{ status: 'pass', messageId: 'form', resource: 'f1' }],
    },
    {
      name: 'a bound Action that does not parse',
      tenant: tenant(boundAction('broken', 'exports.onExecutePostLogin = (')),
      findings: [{ status: 'unknown', messageId: 'syntax', resource: 'broken' }, { status: 'n/a', messageId: 'none' }],
    },
  ],
});
