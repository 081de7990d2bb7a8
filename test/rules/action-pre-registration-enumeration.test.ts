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
// Auth0's "Deny registration by location" example (pre-user-registration trigger docs):
// https://auth0.com/docs/customize/actions/explore-triggers/signup-and-login-triggers/pre-user-registration-trigger
const GEO = `exports.onExecutePreUserRegistration = async (event, api) => {
  if (event.request.geoip.continentCode === "NA") {
    api.access.deny('no_signups_from_north_america', 'You are not allowed to register.');
  }
};`;
// An invite code checked against a service: a lookup, but not of the identity being registered.
const INVITE = `exports.onExecutePreUserRegistration = async (event, api) => {
  const res = await fetch('https://invites.acme.example/check?code=' + encodeURIComponent(event.request.query.invite_code));
  if (!(await res.json()).valid) api.access.deny('invalid_invite', 'A valid invitation is required.');
  const blocked = ['mailinator.com'].includes(event.user.email.split('@')[1]);
  if (blocked) api.access.deny('domain', 'Use another email address.');
};`;
// The same enumeration through an alias, an SDK call and a variable holding the URL.
const ALIASED = `const { ManagementClient } = require('auth0');
exports.onExecutePreUserRegistration = async (event, api) => {
  const { email } = event.user;
  const mgmt = new ManagementClient({ domain: event.secrets.DOMAIN, clientId: event.secrets.ID, clientSecret: event.secrets.SECRET });
  const found = await mgmt.usersByEmail.getByEmail({ email });
  if (found.data.length) api.access.deny('taken', 'Sign-up failed.');
};`;
const ENRICHES = `exports.onExecutePreUserRegistration = async (event, api) => {
  api.user.setUserMetadata('signup_source', event.request.query.utm_source || 'direct');
};`;

ruleTester(rule, {
  valid: [
    { name: 'no pre-user-registration Action (baseline)', tenant: tenant() },
    { name: 'a pre-user-registration Action that only enriches the profile', tenant: tenant((t) => { t.actions = [preReg('enrich', ENRICHES)]; }) },
    { name: 'deny on geography (Auth0 example) reveals no account', tenant: tenant((t) => { t.actions = [preReg('geo', GEO)]; }) },
    { name: 'deny on an invite code or an email domain reveals no account', tenant: tenant((t) => { t.actions = [preReg('invite', INVITE)]; }) },
  ],
  invalid: [
    {
      name: 'denies sign-up of existing customers',
      tenant: tenant((t) => { t.actions = [...(t.actions ?? []), preReg('legacy-check', ENUMERATES)]; }),
      findings: [{ status: 'fail', messageId: 'deny', severity: 'warning', resource: 'legacy-check', field: 'deployed_version.code:4:5' }],
    },
    {
      name: 'denies after a Management API lookup of the email, through destructuring',
      tenant: tenant((t) => { t.actions = [preReg('aliased', ALIASED)]; }),
      findings: [{ status: 'fail', messageId: 'deny', resource: 'aliased', field: 'deployed_version.code:6:26' }],
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
  expect(f?.message).toBe('Pre-user-registration Action legacy-check denies sign-ups at 4:5 ("An account already exists for this email address.") after looking up the identity being registered (fetch at 2:21): check the answer cannot reveal that an account exists');
});

it('says why a deny without an identity lookup passes', () => {
  const [f] = run(rule, tenant((t) => { t.actions = [preReg('geo', GEO)]; }));
  expect(f).toMatchObject({ status: 'pass', messageId: 'deny-no-lookup' });
});

it('a deny before the lookup is not one that follows it', () => {
  const code = ENUMERATES.replace("const res", "api.access.deny('closed', 'Sign-ups are closed.');\n  const res").replace(/\n  if \(\(await res.json\(\)\).exists\) \{\n    api.access.deny\([^)]*\);\n  \}/, '');
  const [f] = run(rule, tenant((t) => { t.actions = [preReg('early', code)]; }));
  expect(f).toMatchObject({ status: 'pass', messageId: 'deny-no-lookup' });
});
