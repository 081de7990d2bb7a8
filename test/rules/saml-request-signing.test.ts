import rule from '../../rules/saml-request-signing.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, tenantFrom, type Mutator } from '../support/tenant.js';
import { expect, it } from 'vitest';

const SAML = 'con_Rd8EpEhTFYBomjxD';

const b2b = (...m: Mutator[]) => tenantFrom('b2b-organizations', ...m);
const samlOptions = (change: (o: Record<string, unknown>) => Record<string, unknown>): Mutator => (t) => {
  t.connections = (t.connections ?? []).map((c) => (c.id === SAML ? { ...c, options: change({ ...(c.options ?? {}) }) } : c));
};

ruleTester(rule, {
  valid: [
    { name: 'B2C baseline: no SAML connection (n/a)', tenant: tenant() },
    { name: 'B2B fixture: signed with rsa-sha256 / sha256', tenant: b2b() },
    { name: 'algorithms absent: the API defaults are rsa-sha256 / sha256', tenant: b2b(samlOptions(({ signatureAlgorithm: _s, digestAlgorithm: _d, ...o }) => o)) },
  ],
  invalid: [
    {
      name: 'unsigned requests',
      tenant: b2b(samlOptions((o) => ({ ...o, signSAMLRequest: false }))),
      findings: [{ status: 'fail', messageId: 'unsigned', severity: 'warning', resource: SAML, field: 'options.signSAMLRequest', value: false }],
    },
    {
      name: 'signSAMLRequest absent (defaults to false)',
      tenant: b2b(samlOptions(({ signSAMLRequest: _s, ...o }) => o)),
      findings: [{ status: 'fail', messageId: 'unsigned', resource: 'initech-saml', field: 'options.signSAMLRequest', value: null }],
    },
    {
      name: 'RSA-SHA1 signature',
      tenant: b2b(samlOptions((o) => ({ ...o, signatureAlgorithm: 'rsa-sha1' }))),
      findings: [{ status: 'fail', messageId: 'weak', resource: SAML, field: 'options.signatureAlgorithm', value: 'rsa-sha1' }],
    },
    {
      name: 'SHA-1 digest',
      tenant: b2b(samlOptions((o) => ({ ...o, digestAlgorithm: 'sha1' }))),
      findings: [{ status: 'fail', messageId: 'weak', resource: SAML, field: 'options.digestAlgorithm', value: 'sha1' }],
    },
    {
      name: 'a PingFederate connection is a SAML connection too',
      tenant: b2b((t) => { t.connections = [...(t.connections ?? []), { id: 'con_ping', name: 'hooli-ping', strategy: 'pingfederate', options: { pingFederateBaseUrl: 'https://sso.hooli.example' } }]; }),
      findings: [{ status: 'fail', messageId: 'unsigned', resource: 'con_ping' }],
    },
    {
      name: 'options hidden without read:connections_options',
      tenant: b2b((t) => { t.connections = (t.connections ?? []).map(({ options: _o, ...c }) => c); }),
      findings: [{ status: 'unknown', messageId: 'hidden', resource: SAML, field: 'options' }],
    },
  ],
});

it('says which defaults it assumed', () => {
  expect(run(rule, b2b(samlOptions(({ signatureAlgorithm: _s, digestAlgorithm: _d, ...o }) => o)))[0]?.message).toBe(
    'SAML connection initech-saml signs its requests with rsa-sha256 (default) / sha256 (default)',
  );
});
