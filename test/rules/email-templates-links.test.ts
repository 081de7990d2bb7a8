import rule from '../../rules/email-templates-links.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, unavailable, type Mutator } from '../support/tenant.js';

type Patch = Record<string, unknown>;
type Edit = Mutator;
const template = (name: 'verify_email' | 'reset_email', patch: Patch, ...more: Mutator[]) =>
  tenant((t) => {
    t.emailTemplates = { ...t.emailTemplates, [name]: { ...t.emailTemplates?.[name], ...patch } };
  }, ...more);
const verify = (patch: Patch) => template('verify_email', patch);
const classic: Edit = (t) => { t.prompts = { ...t.prompts, universal_login_experience: 'classic' }; };
const noTenantRoute: Edit = (t) => { t.tenantSettings = { ...t.tenantSettings, default_redirection_uri: '' }; };
const noAppRoutes: Edit = (t) => {
  t.tenantSettings = { ...t.tenantSettings, default_redirection_uri: '' };
  t.clients = (t.clients ?? []).map((c) => ({ ...c, initiate_login_uri: undefined }));
};

// https://auth0.com/docs/customize/email/email-templates/customize-email-templates: "Redirect To"
// supports Liquid; `{application.callback_domain}/result_page` is the documented example; "Universal
// Login currently ignores the value of the Redirect To field in the Password Reset template and
// instead redirects to the default login route"; "By default, the lifetime is 432,000 seconds".
ruleTester(rule, {
  valid: [
    { name: 'https redirects, short lifetimes', tenant: tenant() },
    { name: 'the documented {{ application.callback_domain }} redirect', tenant: verify({ resultUrl: '{{ application.callback_domain }}/verified' }) },
    {
      name: 'a Liquid choice between https pages of yours',
      tenant: verify({ resultUrl: "{% if application.name == 'Acme%20Web' %}https://www.acme.example/ok{% else %}https://app.acme.example/ok{% endif %}" }),
    },
    { name: 'Universal Login, reset without a redirect, the tenant Login URI set', tenant: template('reset_email', { resultUrl: null }) },
    {
      name: 'Universal Login, reset without a redirect, every interactive app with its own Login URI',
      tenant: template('reset_email', { resultUrl: null }, noTenantRoute, (t) => {
        t.clients = (t.clients ?? []).map((c) => (c.app_type === 'native' ? { ...c, initiate_login_uri: 'https://m.acme.example/login' } : c));
      }),
    },
  ],
  invalid: [
    { name: 'localhost redirect', tenant: verify({ resultUrl: 'http://localhost:3000/verified' }), findings: [{ status: 'fail', messageId: 'bad-redirect', resource: 'verify_email', field: 'resultUrl', value: 'http://localhost:3000/verified' }] },
    { name: 'no redirect', tenant: verify({ resultUrl: null }), findings: [{ status: 'fail', messageId: 'no-redirect', field: 'resultUrl' }] },
    {
      name: 'Liquid naming a localhost page',
      tenant: verify({ resultUrl: "{% if application.name == 'Dev' %}http://localhost:3000/ok{% else %}https://www.acme.example/ok{% endif %}" }),
      findings: [{ status: 'fail', messageId: 'bad-redirect', field: 'resultUrl' }],
    },
    { name: 'Liquid whose target is unknowable', tenant: verify({ resultUrl: '{{ user.user_metadata.home }}' }), findings: [{ status: 'unknown', messageId: 'liquid-unjudged' }] },
    { name: 'Classic Login: the reset redirect is used and missing', tenant: template('reset_email', { resultUrl: null }, classic), findings: [{ status: 'fail', messageId: 'no-redirect', resource: 'reset_email' }] },
    {
      name: 'Universal Login, reset without a redirect and no login route anywhere',
      tenant: template('reset_email', { resultUrl: null }, noAppRoutes),
      findings: [{ status: 'fail', messageId: 'reset-no-route', resource: 'reset_email', field: 'resultUrl' }],
    },
    {
      name: 'the login experience cannot be read: the reset redirect is not judged',
      tenant: template('reset_email', { resultUrl: null }, unavailable('prompts')),
      findings: [{ status: 'unknown', messageId: 'resource-unavailable', resource: 'reset_email' }],
    },
    { name: 'links live 30 days', tenant: verify({ urlLifetimeInSeconds: 2_592_000 }), findings: [{ status: 'fail', messageId: 'long-lived', field: 'urlLifetimeInSeconds', value: 2_592_000 }] },
    { name: 'a stricter configured maximum', settings: { maxEmailLinkLifetimeSeconds: 3600 }, tenant: tenant(), findings: [{ status: 'fail', messageId: 'long-lived', resource: 'reset_email' }, { status: 'fail', messageId: 'long-lived', resource: 'verify_email' }] },
    {
      name: 'an unset lifetime is the five-day default, judged against a stricter maximum',
      settings: { maxEmailLinkLifetimeSeconds: 86_400 },
      tenant: verify({ urlLifetimeInSeconds: null }),
      findings: [{ status: 'fail', messageId: 'long-lived', resource: 'verify_email', value: null }],
    },
  ],
});
