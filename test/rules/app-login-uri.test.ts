import rule from '../../rules/app-login-uri.js';
import type { ClientData } from '../../src/snapshot/resources.js';
import { expect, it } from 'vitest';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, tenantFrom, unavailable, type Mutator } from '../support/tenant.js';

const patch = (name: string, p: Partial<ClientData>): Mutator => (t) => {
  t.clients = (t.clients ?? []).map((c) => (c.name === name ? { ...c, ...p } : c));
};
const noTenantRoute: Mutator = (t) => {
  t.tenantSettings = { ...t.tenantSettings, default_redirection_uri: null };
};
const orgs: Mutator = (t) => {
  t.organizations = [{ id: 'org_1', name: 'globex' }];
};

ruleTester(rule, {
  valid: [
    { name: 'SPA and web app have https login routes (native and M2M apps are not examined)', tenant: tenant() },
    { name: 'B2B organizations tenant', tenant: tenantFrom('b2b-organizations') },
    { name: 'web app without its own login route, covered by the tenant Login URI', tenant: tenant(patch('Acme Web Store', { initiate_login_uri: null })) },
    // Auth0 "Invite Organization Members" allows the invitation route to be the tenant Login URI
    // or the Application Login URI: https://auth0.com/docs/manage-users/organizations/configure-organizations/invite-members
    { name: 'organization app without its own route, covered by the tenant Login URI', tenant: tenant(orgs, patch('Acme Web Store', { organization_usage: 'require', initiate_login_uri: null })) },
    { name: 'organization placeholder in the login route', tenant: tenant(patch('Acme Web Store', { initiate_login_uri: 'https://{organization_name}.acme.example/login' })) },
  ],
  invalid: [
    {
      name: 'web app without a login route and no tenant Login URI',
      tenant: tenant(noTenantRoute, patch('Acme Web Store', { initiate_login_uri: null })),
      findings: [{ status: 'fail', messageId: 'missing', severity: 'warning', resource: 'Acme Web Store', field: 'initiate_login_uri', value: null }],
    },
    {
      name: 'web app without a login route, tenant settings unreadable: not evaluated',
      tenant: tenant(unavailable('tenantSettings'), patch('Acme Web Store', { initiate_login_uri: null })),
      findings: [{ status: 'unknown', messageId: 'coverage-unknown', resource: 'Acme Web Store' }],
    },
    {
      name: 'a tenant Login URI that is not https does not cover the app',
      tenant: tenant((t) => { t.tenantSettings = { ...t.tenantSettings, default_redirection_uri: 'http://www.acme.example/login' }; }, patch('Acme Web Store', { initiate_login_uri: null })),
      findings: [{ status: 'fail', messageId: 'missing', resource: 'Acme Web Store' }],
    },
    {
      name: 'plain http login route',
      tenant: tenant(patch('Acme Account (SPA)', { initiate_login_uri: 'http://app.acme.example/login' })),
      findings: [{ status: 'fail', messageId: 'insecure', resource: 'Acme Account (SPA)', field: 'initiate_login_uri', value: 'http://app.acme.example/login' }],
    },
    {
      name: 'localhost login route',
      tenant: tenant(patch('Acme Account (SPA)', { initiate_login_uri: 'https://localhost:4200/login' })),
      findings: [{ status: 'fail', messageId: 'insecure', resource: 'Acme Account (SPA)' }],
    },
    {
      name: 'organization app that receives invitations, no tenant Login URI either: blocker',
      tenant: tenant(orgs, noTenantRoute, patch('Acme Web Store', { organization_usage: 'require', initiate_login_uri: '' })),
      findings: [{ status: 'fail', messageId: 'missing', severity: 'blocker', resource: 'Acme Web Store' }],
    },
    {
      name: 'organization app, organizations unreadable, no tenant Login URI: assumed to receive invitations',
      tenant: tenant(unavailable('organizations'), noTenantRoute, patch('Acme Web Store', { organization_usage: 'allow', initiate_login_uri: null })),
      findings: [{ status: 'fail', messageId: 'missing', severity: 'blocker', resource: 'Acme Web Store' }],
    },
    {
      name: 'organization app but no organization exists, no tenant Login URI: warning',
      tenant: tenant(noTenantRoute, patch('Acme Web Store', { organization_usage: 'require', initiate_login_uri: null })),
      findings: [{ status: 'fail', messageId: 'missing', severity: 'warning', resource: 'Acme Web Store' }],
    },
  ],
});

it('says the tenant route covers an app without its own', () => {
  const fs = run(rule, tenant(patch('Acme Web Store', { initiate_login_uri: null })));
  expect(fs.find((f) => f.resource?.name === 'Acme Web Store')).toMatchObject({ status: 'pass', messageId: 'covered' });
});
