import rule from '../../rules/enterprise-connection-in-use.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, tenantFrom, unavailable, type Mutator } from '../support/tenant.js';
import { expect, it } from 'vitest';

const SAML = 'con_Rd8EpEhTFYBomjxD';
const OKTA = 'con_9GemCIBBjpperlHc';
const ORG = 'org_K6efDEkTwxVC4zWX';

/** The current API: no inline `enabled_clients`, `/connections/{id}/clients` instead. */
const fromEndpoint = (map: Record<string, string[]>): Mutator => (t) => {
  t.connections = (t.connections ?? []).map(({ enabled_clients: _e, ...c }) => c);
  t.connectionClients = map;
};
const b2b = (...m: Mutator[]) => tenantFrom('b2b-organizations', ...m);
const noOrgConnections: Mutator = (t) => { t.organizationConnections = {}; };

ruleTester(rule, {
  valid: [
    { name: 'B2C baseline: no enterprise connection (n/a)', tenant: tenant() },
    { name: 'B2B fixture: SAML and Okta connections enabled on applications', tenant: b2b() },
    { name: 'enabled only on an organization', tenant: b2b(fromEndpoint({ [SAML]: [], [OKTA]: [] }), (t) => { t.organizationConnections = { [ORG]: [{ connection_id: SAML }, { connection_id: OKTA }] }; }) },
  ],
  invalid: [
    {
      name: 'enabled applications unreadable and not on any organization: unknown',
      tenant: b2b(fromEndpoint({}), unavailable('connectionClients'), noOrgConnections),
      findings: [{ status: 'unknown', messageId: 'resource-unavailable', resource: SAML }, { status: 'unknown', messageId: 'resource-unavailable', resource: 'umbrella-okta' }],
    },
    {
      name: 'on no application, and organization connections unreadable: unknown',
      tenant: b2b(fromEndpoint({ [SAML]: [], [OKTA]: [] }), unavailable('organizationConnections')),
      findings: [{ status: 'unknown', messageId: 'resource-unavailable', resource: 'initech-saml' }, { status: 'unknown', messageId: 'resource-unavailable', resource: 'umbrella-okta' }],
    },
    {
      name: 'connection missing from connectionClients',
      tenant: b2b(fromEndpoint({ [SAML]: ['gruzpURvcInVgv2dpxRZoJKMVlvaBNty'] }), noOrgConnections),
      findings: [{ status: 'pass', resource: SAML }, { status: 'unknown', messageId: 'clients-unknown', resource: OKTA, field: 'enabled_clients' }],
    },
  ],
});

it('names applications and organizations', () => {
  const fs = run(rule, b2b(fromEndpoint({ [SAML]: [], [OKTA]: [] }), (t) => { t.organizationConnections = { [ORG]: [{ connection_id: SAML }] }; }));
  expect(fs.map((f) => f.message)).toEqual(['Enterprise connection initech-saml (samlp) is enabled on 1 organization(s): Initech']);
});

it('a connection in use on an application passes even when organization connections are unreadable', () => {
  expect(run(rule, b2b(unavailable('organizationConnections'))).map((f) => f.status)).toEqual(['pass', 'pass']);
});

it('is n/a when enterprise connections are enabled nowhere', () => {
  expect(run(rule, b2b(fromEndpoint({ [SAML]: [], [OKTA]: [] }), noOrgConnections)).map((f) => f.status)).toEqual(['n/a']);
});
