import rule from '../../rules/action-password-reset-mfa.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';

const resetAction = (id: string, code: string) => ({ id, name: id, supported_triggers: [{ id: 'password-reset-post-challenge', version: 'v1' }], runtime: 'node22', code, deployed_version: { code, deployed: true } });
const CHALLENGE = `exports.onExecutePostChallenge = async (event, api) => {
  const factors = event.user.enrolledFactors.map((f) => ({ type: f.type }));
  if (factors.length) api.authentication.challengeWithAny(factors);
};`;
const LOG_ONLY = 'exports.onExecutePostChallenge = async (event) => { console.log(event.user.user_id); };';
const withActions = (...a: ReturnType<typeof resetAction>[]): Mutator => (t) => { t.actions = [...(t.actions ?? []), ...a]; };

ruleTester(rule, {
  valid: [
    { name: 'a post-challenge Action asks for an enrolled factor', tenant: tenant(withActions(resetAction('reset-mfa', CHALLENGE))) },
    { name: 'a challenging Action beside a logging one', tenant: tenant(withActions(resetAction('reset-mfa', CHALLENGE), resetAction('log', LOG_ONLY))) },
    { name: 'no database connection', tenant: tenant((t) => { t.connections = (t.connections ?? []).filter((c) => c.strategy !== 'auth0'); }) },
    {
      name: 'self-service password reset disabled on the database',
      tenant: tenant((t) => { t.connections = (t.connections ?? []).map((c) => (c.strategy === 'auth0' ? { ...c, options: { disable_self_service_change_password: true } } : c)); }),
    },
  ],
  invalid: [
    {
      name: 'no password-reset Action (baseline)',
      tenant: tenant(),
      findings: [{ status: 'fail', messageId: 'none', severity: 'advice', field: 'actions.supported_triggers', value: 'password-reset-post-challenge' }],
    },
    {
      name: 'a post-challenge Action that never challenges',
      tenant: tenant(withActions(resetAction('log', LOG_ONLY))),
      findings: [
        { status: 'fail', messageId: 'no-challenge', resource: 'log', field: 'deployed_version.code' },
        { status: 'fail', messageId: 'none' },
      ],
    },
    {
      name: 'code that does not parse',
      tenant: tenant(withActions(resetAction('broken', 'exports.onExecutePostChallenge = ('))),
      findings: [{ status: 'unknown', messageId: 'syntax', resource: 'broken' }],
    },
  ],
});
