import rule from '../../rules/home-realm-discovery.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, tenantFrom, unavailable, type Mutator } from '../support/tenant.js';
import { expect, it } from 'vitest';

const SAML = 'con_Rd8EpEhTFYBomjxD';
const OKTA = 'con_9GemCIBBjpperlHc';
const DB = 'con_ELQjIBo5zJb6wrYM';
const PORTAL = 'gruzpURvcInVgv2dpxRZoJKMVlvaBNty';
const ADMIN = 'IGuw8yJZaikgQBCg9zPYlH4Shr0jJcAx';
const ORG = 'org_K6efDEkTwxVC4zWX';

const b2b = (...m: Mutator[]) => tenantFrom('b2b-organizations', ...m);
const withoutAliases = (id: string): Mutator => (t) => {
  t.connections = (t.connections ?? []).map((c) => {
    if (c.id !== id) return c;
    const { domain_aliases: _d, ...options } = c.options ?? {};
    return { ...c, options };
  });
};
const fromEndpoint = (map: Record<string, string[]>): Mutator => (t) => {
  t.connections = (t.connections ?? []).map(({ enabled_clients: _e, ...c }) => c);
  t.connectionClients = map;
};

ruleTester(rule, {
  valid: [
    { name: 'B2C baseline: no enterprise connection (n/a)', tenant: tenant() },
    { name: 'B2B fixture: SAML and Okta share the portal with the database, both with domain aliases', tenant: b2b() },
    {
      name: 'no aliases, but the organization with the connection has a verified discovery domain',
      tenant: b2b(withoutAliases(SAML), (t) => {
        t.organizationConnections = { [ORG]: [{ connection_id: SAML }] };
        t.organizationDiscoveryDomains = { [ORG]: [{ id: 'dd_1', domain: 'initech.example', status: 'verified' }] };
      }),
    },
    { name: 'an enterprise connection alone on its application needs no HRD', tenant: b2b(withoutAliases(SAML), fromEndpoint({ [DB]: [ADMIN], [SAML]: [PORTAL], [OKTA]: [] })) },
  ],
  invalid: [
    {
      name: 'SAML connection without aliases on a shared application, its organization without a discovery domain',
      tenant: b2b(withoutAliases(SAML), (t) => { t.organizationDiscoveryDomains = {}; }),
      findings: [
        { status: 'fail', messageId: 'unrouted', severity: 'warning', resource: SAML, field: 'options.domain_aliases', value: null },
        { status: 'pass', messageId: 'aliases', resource: OKTA },
      ],
    },
    {
      name: 'B2B fixture without aliases: Initech has a verified discovery domain, Umbrella only a pending one',
      tenant: b2b(withoutAliases(SAML), withoutAliases(OKTA)),
      findings: [
        { status: 'pass', messageId: 'org-discovery', resource: SAML },
        { status: 'fail', messageId: 'unrouted', resource: OKTA, field: 'options.domain_aliases', value: null },
      ],
    },
    {
      name: 'a pending discovery domain does not route users',
      tenant: b2b(withoutAliases(SAML), (t) => {
        t.organizationConnections = { [ORG]: [{ connection_id: SAML }] };
        t.organizationDiscoveryDomains = { [ORG]: [{ id: 'dd_1', domain: 'initech.example', status: 'pending' }] };
      }),
      findings: [{ status: 'fail', messageId: 'unrouted', resource: 'initech-saml' }],
    },
    {
      name: 'no aliases and discovery domains unreadable: unknown',
      tenant: b2b(withoutAliases(SAML), unavailable('organizationDiscoveryDomains')),
      findings: [{ status: 'unknown', messageId: 'resource-unavailable', resource: SAML }],
    },
    {
      name: 'no aliases and organization connections unreadable: unknown',
      tenant: b2b(withoutAliases(SAML), unavailable('organizationConnections')),
      findings: [{ status: 'unknown', messageId: 'resource-unavailable', resource: SAML }],
    },
    {
      name: 'enabled applications unreadable: unknown',
      tenant: b2b(fromEndpoint({}), unavailable('connectionClients')),
      findings: [{ status: 'unknown', messageId: 'resource-unavailable', resource: SAML }, { status: 'unknown', resource: OKTA }],
    },
    {
      name: 'options hidden without read:connections_options',
      tenant: b2b((t) => { t.connections = (t.connections ?? []).map(({ options: _o, ...c }) => c); }),
      findings: [{ status: 'unknown', messageId: 'hidden', resource: SAML, field: 'options' }, { status: 'unknown', messageId: 'hidden', resource: 'umbrella-okta' }],
    },
  ],
});

it('names the shared applications and the routing domains', () => {
  const fs = run(rule, b2b());
  expect(fs.map((f) => f.message)).toEqual([
    'Enterprise connection initech-saml shares Globex Partner Portal with other connections and is routed by email domain (initech.example)',
    'Enterprise connection umbrella-okta shares Globex Partner Portal with other connections and is routed by email domain (umbrella.example)',
  ]);
});

it('cannot rule out a shared application while some connection\'s applications are unknown', () => {
  const fs = run(rule, b2b(fromEndpoint({ [SAML]: [PORTAL], [OKTA]: [ADMIN] })));
  expect(fs.every((f) => f.status === 'unknown' && f.messageId === 'clients-unknown')).toBe(true);
});
