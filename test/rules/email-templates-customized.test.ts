import rule from '../../rules/email-templates-customized.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, unavailable } from '../support/tenant.js';
import { describe, expect, it } from 'vitest';

ruleTester(rule, {
  valid: [{ name: 'every applicable template customised', tenant: tenant() }],
  invalid: [
    {
      name: 'verification email still the default',
      tenant: tenant((t) => { t.emailTemplates = { ...t.emailTemplates, verify_email: null, verify_email_by_code: null }; }),
      findings: [{ status: 'fail', messageId: 'default', resource: 'verify_email', field: 'template' }],
    },
    {
      name: 'reset email disabled',
      tenant: tenant((t) => { t.emailTemplates = { ...t.emailTemplates, reset_email: { template: 'reset_email', enabled: false, subject: 's', from: 'f', body: 'b' }, reset_email_by_code: null }; }),
      findings: [{ status: 'fail', messageId: 'disabled', resource: 'reset_email', field: 'enabled', value: false }],
    },
    {
      name: 'blocked-account template without subject while brute force notifies',
      tenant: tenant((t) => { t.emailTemplates = { ...t.emailTemplates, blocked_account: { template: 'blocked_account', enabled: true, from: 'a@acme.example', body: '<p/>' } }; }),
      findings: [{ status: 'fail', messageId: 'incomplete', resource: 'blocked_account', field: 'subject' }],
    },
    {
      // A Deploy CLI directory export keeps the body in emails/<template>.html; emails/blocked_account.json
      // without it gives a template with no `body` key: the body is unknown, not missing.
      name: 'a template whose body file is missing from the export',
      tenant: tenant((t) => { t.emailTemplates = { ...t.emailTemplates, blocked_account: { template: 'blocked_account', enabled: true, from: 'a@acme.example', subject: 'Blocked' } }; }),
      findings: [{ status: 'unknown', messageId: 'body-unknown', resource: 'blocked_account', field: 'body' }],
    },
    {
      name: 'a body the API reports empty is "no body"',
      tenant: tenant((t) => { t.emailTemplates = { ...t.emailTemplates, blocked_account: { template: 'blocked_account', enabled: true, from: 'a@acme.example', subject: 'Blocked', body: null } }; }),
      findings: [{ status: 'fail', messageId: 'incomplete', resource: 'blocked_account', field: 'body' }],
    },
    {
      name: 'organizations make the invitation template applicable',
      tenant: tenant((t) => { t.organizations = [{ id: 'org_1', name: 'acme-partners' }]; }),
      findings: [{ status: 'fail', messageId: 'default', resource: 'user_invitation' }],
    },
  ],
});

it('does not require templates for features that are off', () => {
  const fs = run(rule, tenant((t) => {
    t.bruteForceProtection = { enabled: true, shields: ['block'] };
    t.emailTemplates = { ...t.emailTemplates, blocked_account: null };
  }));
  expect(fs.find((f) => f.resource?.id === 'blocked_account')).toBeUndefined();
});

it('assumes a template applies when it cannot tell, and says so', () => {
  const fs = run(rule, tenant(unavailable('connections'), (t) => { t.emailTemplates = { ...t.emailTemplates, verify_email: null, verify_email_by_code: null }; }));
  const f = fs.find((x) => x.resource?.id === 'verify_email');
  expect(f?.status).toBe('fail');
  expect(f?.message).toContain('assumed');
});

describe('an empty template From uses the provider default (issue 10, defect 1)', () => {
  const noFrom = (t: Parameters<Parameters<typeof tenant>[0]>[0]) => {
    t.emailTemplates = { ...t.emailTemplates, blocked_account: { template: 'blocked_account', enabled: true, from: '', subject: 'Blocked', body: '<p/>' } };
  };

  it('is complete when the provider has a default From address', () => {
    const fs = run(rule, tenant(noFrom));
    const f = fs.find((x) => x.resource?.id === 'blocked_account');
    expect(f?.status).toBe('pass');
  });

  it('is incomplete when the provider has no default From address either', () => {
    const fs = run(rule, tenant(noFrom, (t) => { t.emailProvider = { name: 'sendgrid', enabled: true }; }));
    const f = fs.find((x) => x.resource?.id === 'blocked_account');
    expect(f).toMatchObject({ status: 'fail', messageId: 'incomplete', field: 'from' });
  });

  it('is incomplete with no provider of your own (Auth0 test provider)', () => {
    const fs = run(rule, tenant(noFrom, (t) => { t.emailProvider = null; }));
    expect(fs.find((x) => x.resource?.id === 'blocked_account')).toMatchObject({ status: 'fail', field: 'from' });
  });

  it('is unknown, not failed, when the provider could not be read', () => {
    const fs = run(rule, tenant(noFrom, unavailable('emailProvider')));
    const f = fs.find((x) => x.resource?.id === 'blocked_account');
    expect(f).toMatchObject({ status: 'unknown', messageId: 'from-unchecked', field: 'from' });
    expect(f?.message).toContain('read:email_provider');
  });
});
