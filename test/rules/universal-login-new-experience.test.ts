import rule from '../../rules/universal-login-new-experience.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

ruleTester(rule, {
  valid: [{ name: 'new experience', tenant: tenant() }],
  invalid: [
    { name: 'classic', tenant: tenant((t) => { t.prompts = { universal_login_experience: 'classic' }; }), findings: [{ status: 'fail', messageId: 'classic', field: 'universal_login_experience', value: 'classic' }] },
    { name: 'unset means classic', tenant: tenant((t) => { t.prompts = {}; }), findings: [{ status: 'fail', value: 'classic' }] },
  ],
});
