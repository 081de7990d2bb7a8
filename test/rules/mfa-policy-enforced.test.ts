import rule from '../../rules/mfa-policy-enforced.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, unavailable } from '../support/tenant.js';

const never = (t: Parameters<Parameters<typeof tenant>[0]>[0]) => { t.guardianPolicies = []; };
const mfaAction = (bound: boolean) => (t: Parameters<Parameters<typeof tenant>[0]>[0]) => {
  t.actions = [...(t.actions ?? []), { id: 'act_mfa', name: 'Require MFA for admins', code: "exports.onExecutePostLogin = async (event, api) => { if (event.user.app_metadata.admin) api.multifactor.enable('any'); };" }];
  if (bound) t.postLoginBindings = [...(t.postLoginBindings ?? []), { action: { id: 'act_mfa', name: 'Require MFA for admins' } }];
};

ruleTester(rule, {
  valid: [
    { name: 'policy all-applications', tenant: tenant() },
    { name: 'policy never, bound Action enables MFA', tenant: tenant(never, mfaAction(true)) },
    {
      name: 'policy never, an enabled legacy Rule sets context.multifactor',
      tenant: tenant(never, (t) => {
        t.rules = [{ id: 'rul_1', name: 'Require MFA', enabled: true, script: "function (user, context, callback) { context.multifactor = { provider: 'any', allowRememberBrowser: false }; callback(null, user, context); }" }];
      }),
    },
  ],
  invalid: [
    { name: 'policy never, no Action', tenant: tenant(never), findings: [{ status: 'fail', messageId: 'never', field: 'policies', value: [] }] },
    { name: 'an MFA Action that is not bound does nothing', tenant: tenant(never, mfaAction(false)), findings: [{ status: 'fail', messageId: 'never' }] },
    {
      name: 'a disabled legacy Rule, or one that only reads context.multifactor, requires nothing',
      tenant: tenant(never, (t) => {
        t.rules = [
          { id: 'rul_1', name: 'Old MFA', enabled: false, script: "function (user, context, callback) { context.multifactor = { provider: 'any' }; callback(null, user, context); }" },
          { id: 'rul_2', name: 'Log', enabled: true, script: 'function (user, context, callback) { console.log(context.multifactor); callback(null, user, context); }' },
        ];
      }),
      findings: [{ status: 'fail', messageId: 'never' }],
    },
    { name: 'policy never, Actions unreadable', tenant: tenant(never, unavailable('actions')), findings: [{ status: 'unknown', messageId: 'never-unknown' }] },
  ],
});
