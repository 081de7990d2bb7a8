import { expect, it } from 'vitest';
import rule from '../../rules/action-pre-registration-enumeration.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const preReg = (id: string, code: string) => ({ id, name: id, supported_triggers: [{ id: 'pre-user-registration', version: 'v2' }], runtime: 'node22', code, deployed_version: { code, deployed: true } });
const ENUMERATES = `exports.onExecutePreUserRegistration = async (event, api) => {
  const res = await fetch('https://legacy.acme.example/exists?email=' + encodeURIComponent(event.user.email));
  if ((await res.json()).exists) {
    api.access.deny('existing_customer', 'An account already exists for this email address.');
  }
};`;
const ENRICHES = `exports.onExecutePreUserRegistration = async (event, api) => {
  api.user.setUserMetadata('signup_source', event.request.query.utm_source || 'direct');
};`;

ruleTester(rule, {
  valid: [
    { name: 'no pre-user-registration Action (baseline)', tenant: tenant() },
    { name: 'a pre-user-registration Action that only enriches the profile', tenant: tenant((t) => { t.actions = [preReg('enrich', ENRICHES)]; }) },
  ],
  invalid: [
    {
      name: 'denies sign-up of existing customers',
      tenant: tenant((t) => { t.actions = [...(t.actions ?? []), preReg('dedupe', ENRICHES.replace('api.user', 'api.access.deny("x", "y"); api.user')), preReg('legacy-check', ENUMERATES)]; }),
      findings: [
        { status: 'fail', messageId: 'deny', severity: 'warning', resource: 'legacy-check', field: 'deployed_version.code:4:5' },
        { status: 'fail', resource: 'dedupe', field: 'deployed_version.code:2:3' },
      ],
    },
    {
      name: 'code that does not parse',
      tenant: tenant((t) => { t.actions = [preReg('broken', 'exports.onExecutePreUserRegistration = async (event, api) => {')]; }),
      findings: [{ status: 'unknown', messageId: 'syntax', resource: 'broken' }],
    },
  ],
});

it('quotes the message users see', () => {
  const [f] = run(rule, tenant((t) => { t.actions = [preReg('legacy-check', ENUMERATES)]; }));
  expect(f?.message).toBe('Pre-user-registration Action legacy-check denies sign-ups at 4:5 ("An account already exists for this email address."): check the message cannot reveal that an account exists');
});
