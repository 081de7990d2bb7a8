import rule from '../../rules/organization-invitations.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';

const WEB = 'gCE1ulcboH8woQCmjvMVi7aE9KAJu0ze';
const SPA = 'yKXsfHXWtIbildtZnX9esbRSV7IEgOzZ';
const INVITATION = { template: 'user_invitation', enabled: true, from: 'Acme <no-reply@acme.example>', subject: 'You are invited to {{ organization.display_name }}', body: '<p><a href="{{ url }}">Accept</a></p>', syntax: 'liquid' };
const orgs: Mutator = (t) => { t.organizations = [{ id: 'org_1', name: 'initech' }]; };
const invitation = (tpl: Record<string, unknown> | null): Mutator => (t) => { t.emailTemplates = { ...t.emailTemplates, user_invitation: tpl }; };
const set = (id: string, fields: Record<string, unknown>): Mutator => (t) => {
  t.clients = (t.clients ?? []).map((c) => (c.client_id === id ? { ...c, ...fields } : c));
};
const noTenantRoute: Mutator = (t) => { t.tenantSettings = { ...t.tenantSettings, default_redirection_uri: null }; };

ruleTester(rule, {
  valid: [
    { name: 'no organizations (baseline)', tenant: tenant() },
    { name: 'a branded invitation landing on the portal login route', tenant: tenant(orgs, invitation(INVITATION), set(WEB, { organization_usage: 'require' })) },
    { name: 'an org app without its own route falls back to the tenant route', tenant: tenant(orgs, invitation(INVITATION), set(WEB, { organization_usage: 'require', initiate_login_uri: undefined })) },
    { name: 'no org app yet, tenant route set', tenant: tenant(orgs, invitation(INVITATION)) },
  ],
  invalid: [
    {
      name: 'the invitation email is the Auth0 default',
      tenant: tenant(orgs, invitation(null), set(WEB, { organization_usage: 'require' })),
      findings: [{ status: 'fail', messageId: 'template-default', severity: 'warning', resource: 'user_invitation', field: 'template' }],
    },
    {
      name: 'the invitation email is disabled',
      tenant: tenant(orgs, invitation({ ...INVITATION, enabled: false })),
      findings: [{ status: 'fail', messageId: 'template-disabled', resource: 'user_invitation', field: 'enabled', value: false }],
    },
    {
      name: 'the invitation email has no subject',
      tenant: tenant(orgs, invitation({ ...INVITATION, subject: '' })),
      findings: [{ status: 'fail', messageId: 'template-incomplete', resource: 'user_invitation', field: 'subject' }],
    },
    {
      name: 'invitations are sent but the link has nowhere to land: blocker',
      tenant: tenant(orgs, invitation(INVITATION), noTenantRoute, set(SPA, { organization_usage: 'allow', initiate_login_uri: 'http://localhost:3000/login' }), set(WEB, { organization_usage: 'require' })),
      findings: [
        { status: 'fail', messageId: 'no-route', severity: 'blocker', resource: SPA, field: 'initiate_login_uri', value: 'http://localhost:3000/login' },
        { status: 'pass', messageId: 'app-route', resource: WEB },
      ],
    },
    {
      name: 'no landing route while the invitation email is not in use yet: warning',
      tenant: tenant(orgs, invitation(null), noTenantRoute, set(SPA, { organization_usage: 'allow', initiate_login_uri: undefined })),
      findings: [{ status: 'fail', messageId: 'no-route', severity: 'warning', resource: SPA }, { status: 'fail', messageId: 'template-default', resource: 'user_invitation' }],
    },
    {
      name: 'no org app and no tenant route',
      tenant: tenant(orgs, invitation(INVITATION), noTenantRoute),
      findings: [{ status: 'fail', messageId: 'tenant-none', severity: 'blocker', resource: 'tenant-settings', field: 'default_redirection_uri', value: null }],
    },
  ],
});
