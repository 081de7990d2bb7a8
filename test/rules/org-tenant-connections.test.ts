import rule from '../../rules/org-tenant-connections.js';
import { evaluateRule } from '../../src/engine/evaluate.js';
import { DEFAULT_SETTINGS } from '../../src/run.js';
import type { Snapshot } from '../../src/snapshot/snapshot.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, tenantFrom, type Mutator } from '../support/tenant.js';
import { describe, expect, it } from 'vitest';

const withOrgTenants = (s: Snapshot, orgTenants: unknown) =>
  evaluateRule(rule, s, {
    ctx: { now: new Date('2026-11-22T00:00:00Z'), env: 'prod', plan: 'b2b', settings: DEFAULT_SETTINGS },
    ruleSettings: { [rule.id]: { options: { orgTenants } } },
  });

const federation: Mutator = (t) => {
  t.connections = [
    ...(t.connections ?? []),
    { id: 'con_eu', name: 'hooli-eu-tenant', strategy: 'oidc', options: { discovery_url: 'https://hooli-eu.eu.auth0.com/.well-known/openid-configuration', client_id: 'x' } },
    { id: 'con_us', name: 'hooli-us-tenant', strategy: 'samlp', options: { signInEndpoint: 'https://login.hooli-us.example/samlp/abc' } },
  ];
};
const b2b = (...m: Mutator[]) => tenantFrom('b2b-organizations', ...m);

// Without the rule option `orgTenants` there is nothing to check: n/a.
ruleTester(rule, {
  valid: [
    { name: 'no org tenants configured (B2C baseline)', tenant: tenant() },
    { name: 'no org tenants configured (B2B fixture)', tenant: b2b(federation) },
  ],
  invalid: [],
});

describe('with org tenants configured (rule option orgTenants)', () => {
  it('passes each connection that points at an org tenant, by discovery URL or sign-in endpoint', () => {
    const fs = withOrgTenants(b2b(federation), ['hooli-eu.eu.auth0.com', 'https://LOGIN.hooli-us.example/']);
    expect(fs.map((f) => [f.status, f.resource?.id, f.message])).toEqual([
      ['pass', 'con_eu', 'Connection hooli-eu-tenant (oidc) federates org tenant hooli-eu.eu.auth0.com (through options.discovery_url)'],
      ['pass', 'con_us', 'Connection hooli-us-tenant (samlp) federates org tenant login.hooli-us.example (through options.signInEndpoint)'],
    ]);
  });

  it('fails an org tenant no connection points at', () => {
    const fs = withOrgTenants(b2b(federation), ['hooli-eu.eu.auth0.com', 'vandelay.eu.auth0.com']);
    expect(fs.find((f) => f.status === 'fail')).toMatchObject({
      messageId: 'not-connected',
      severity: 'blocker',
      resource: { type: 'org-tenant', id: 'vandelay.eu.auth0.com' },
      field: 'connections',
    });
  });

  it('matches an Okta connection by its domain', () => {
    const fs = withOrgTenants(b2b(), ['umbrella.okta.com']);
    expect(fs.map((f) => f.status)).toEqual(['fail']);
    const okta = withOrgTenants(b2b((t) => { t.connections = [{ id: 'con_o', name: 'o', strategy: 'okta', options: { domain: 'umbrella.okta.com' } }]; }), ['umbrella.okta.com']);
    expect(okta.map((f) => f.status)).toEqual(['pass']);
  });

  it('is unknown, not failed, when connection options are hidden', () => {
    const fs = withOrgTenants(b2b(federation, (t) => { t.connections = (t.connections ?? []).map(({ options: _o, ...c }) => c); }), ['vandelay.eu.auth0.com']);
    expect(fs.map((f) => f.status)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
    expect(fs[0]).toMatchObject({ messageId: 'hidden', field: 'options' });
  });

  it('ignores an option that is not a list of domains', () => {
    expect(withOrgTenants(b2b(federation), 'hooli-eu.eu.auth0.com').map((f) => f.status)).toEqual(['n/a']);
    expect(withOrgTenants(b2b(federation), [42, '']).map((f) => f.status)).toEqual(['n/a']);
  });
});

it('is n/a by default', () => {
  expect(run(rule, b2b(federation)).map((f) => f.status)).toEqual(['n/a']);
});
