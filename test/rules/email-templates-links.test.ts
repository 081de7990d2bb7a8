import rule from '../../rules/email-templates-links.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const verify = (patch: Record<string, unknown>) =>
  tenant((t) => { t.emailTemplates = { ...t.emailTemplates, verify_email: { ...t.emailTemplates?.verify_email, ...patch } }; });

ruleTester(rule, {
  valid: [{ name: 'https redirects, short lifetimes', tenant: tenant() }],
  invalid: [
    { name: 'localhost redirect', tenant: verify({ resultUrl: 'http://localhost:3000/verified' }), findings: [{ status: 'fail', messageId: 'bad-redirect', resource: 'verify_email', field: 'resultUrl', value: 'http://localhost:3000/verified' }] },
    { name: 'no redirect', tenant: verify({ resultUrl: null }), findings: [{ status: 'fail', messageId: 'no-redirect', field: 'resultUrl' }] },
    { name: 'links live 30 days', tenant: verify({ urlLifetimeInSeconds: 2_592_000 }), findings: [{ status: 'fail', messageId: 'long-lived', field: 'urlLifetimeInSeconds', value: 2_592_000 }] },
    { name: 'a stricter configured maximum', settings: { maxEmailLinkLifetimeSeconds: 3600 }, tenant: tenant(), findings: [{ status: 'fail', messageId: 'long-lived', resource: 'reset_email' }, { status: 'fail', messageId: 'long-lived', resource: 'verify_email' }] },
  ],
});
