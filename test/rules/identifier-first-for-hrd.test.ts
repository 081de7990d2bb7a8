import { expect, it } from 'vitest';
import rule from '../../rules/identifier-first-for-hrd.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, tenantFrom, unavailable, type Mutator } from '../support/tenant.js';

const identifierFirst = (on: boolean | undefined): Mutator => (t) => { t.prompts = { ...t.prompts, identifier_first: on }; };
const samlWithAliases: Mutator = (t) => {
  t.connections = [...(t.connections ?? []), { id: 'con_saml', name: 'initech-saml', strategy: 'samlp', enabled_clients: ['app1'], options: { domain_aliases: ['initech.example'] } }];
};

ruleTester(rule, {
  valid: [
    { name: 'B2B tenant: SAML and Okta with IdP domains, identifier first on', tenant: tenantFrom('b2b-organizations') },
    { name: 'no connection routes by domain: n/a', tenant: tenant(identifierFirst(false)) },
    { name: 'classic experience (Lock does HRD itself): n/a', tenant: tenant(samlWithAliases, identifierFirst(false), (t) => { t.prompts = { ...t.prompts, universal_login_experience: 'classic' }; }) },
    {
      name: 'a connection with IdP domains but enabled on no application: n/a',
      tenant: tenant(identifierFirst(false), (t) => { t.connections = [{ id: 'con_x', name: 'old-adfs', strategy: 'adfs', enabled_clients: [], options: { domain_aliases: ['old.example'] } }]; }),
    },
  ],
  invalid: [
    {
      name: 'HRD by IdP domain with identifier first off',
      tenant: tenantFrom('b2b-organizations', identifierFirst(false)),
      findings: [{ status: 'fail', messageId: 'off', severity: 'advice', resource: 'identifier_first', field: 'identifier_first', value: false }],
    },
    { name: 'identifier first not reported', tenant: tenant(samlWithAliases, identifierFirst(undefined)), findings: [{ status: 'fail', messageId: 'off', value: null }] },
    { name: 'connections unreadable', tenant: tenant(unavailable('connections')), findings: [{ status: 'unknown', messageId: 'resource-unavailable', resource: 'identifier_first' }] },
  ],
});

it('names the connections and their domains', () => {
  const [f] = run(rule, tenantFrom('b2b-organizations', identifierFirst(false)));
  expect(f?.message).toContain('initech-saml (initech.example)');
  expect(f?.message).toContain('umbrella-okta (umbrella.example)');
});

it('reads the enabled applications from /connections/{id}/clients when the connection omits them', () => {
  const fs = run(rule, tenant(identifierFirst(false), (t) => {
    t.connections = [{ id: 'con_saml', name: 'initech-saml', strategy: 'samlp', options: { domain_aliases: ['initech.example'] } }];
    t.connectionClients = { con_saml: [] };
  }));
  expect(fs.map((f) => f.status)).toEqual(['n/a']);
});
