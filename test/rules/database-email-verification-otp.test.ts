import rule from '../../rules/database-email-verification-otp.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';
import { expect, it } from 'vitest';

const DB = 'con_oc6Y0qlxwai0R1Hi';

const attributes = (value: unknown): Mutator => (t) => {
  t.connections = (t.connections ?? []).map((c) => (c.id === DB ? { ...c, options: { ...(c.options ?? {}), attributes: value } } : c));
};
const emailAttribute = (extra: Record<string, unknown>) => ({
  email: { identifier: { active: true }, signup: { status: 'required', verification: { active: true } }, profile_required: true, ...extra },
});

ruleTester(rule, {
  valid: [
    { name: 'email verified with a one-time code', tenant: tenant(attributes(emailAttribute({ verification_method: 'otp' }))) },
    { name: 'phone-only attributes: no email to verify', tenant: tenant(attributes({ phone_number: { identifier: { active: true } } })) },
  ],
  invalid: [
    {
      name: 'baseline: no attributes configuration (CheckMate flexible_identifiers_disabled)',
      tenant: tenant(),
      findings: [{ status: 'fail', messageId: 'classic', severity: 'advice', resource: DB, field: 'options.attributes', value: null }],
    },
    {
      name: 'verification by link (CheckMate verification_by_link_method)',
      tenant: tenant(attributes(emailAttribute({ verification_method: 'link' }))),
      findings: [{ status: 'fail', messageId: 'link', resource: 'acme-customers', field: 'options.attributes.email.verification_method', value: 'link' }],
    },
    {
      name: 'verification method not set',
      tenant: tenant(attributes(emailAttribute({}))),
      findings: [{ status: 'fail', messageId: 'link', field: 'options.attributes.email.verification_method', value: null }],
    },
    {
      name: 'options hidden without read:connections_options',
      tenant: tenant((t) => { t.connections = (t.connections ?? []).map(({ options: _o, ...c }) => c); }),
      findings: [{ status: 'unknown', messageId: 'hidden', resource: DB, field: 'options' }],
    },
  ],
});

it('is n/a without database connections', () => {
  expect(run(rule, tenant((t) => { t.connections = []; })).map((f) => f.status)).toEqual(['n/a']);
});
