import rule from '../../rules/saml-federated-logout.js';
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
    { name: 'B2B fixture: sign-out enabled with an SLO endpoint', tenant: b2b() },
  ],
  invalid: [
    {
      name: 'sign-out disabled',
      tenant: b2b(samlOptions((o) => ({ ...o, disableSignout: true }))),
      findings: [{ status: 'fail', messageId: 'disabled', severity: 'advice', resource: SAML, field: 'options.disableSignout', value: true }],
    },
    {
      name: 'no Sign Out URL',
      tenant: b2b(samlOptions(({ signOutEndpoint: _s, ...o }) => o)),
      findings: [{ status: 'fail', messageId: 'no-endpoint', resource: 'initech-saml', field: 'options.signOutEndpoint', value: null }],
    },
    {
      name: 'options hidden without read:connections_options',
      tenant: b2b((t) => { t.connections = (t.connections ?? []).map(({ options: _o, ...c }) => c); }),
      findings: [{ status: 'unknown', messageId: 'hidden', resource: SAML, field: 'options' }],
    },
  ],
});

it('names the logout endpoint, and ignores non-SAML enterprise connections', () => {
  const fs = run(rule, b2b());
  expect(fs.map((f) => f.message)).toEqual(['SAML connection initech-saml sends logout requests to https://idp.initech.example/saml2/slo']);
});
