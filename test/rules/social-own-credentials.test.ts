import rule from '../../rules/social-own-credentials.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, tenantFrom, type Mutator } from '../support/tenant.js';
import { expect, it } from 'vitest';

const GOOGLE = 'con_9gI3QzNMQhQ1gx8A';

const googleOptions = (change: (o: Record<string, unknown>) => Record<string, unknown>): Mutator => (t) => {
  t.connections = (t.connections ?? []).map((c) => (c.id === GOOGLE ? { ...c, options: change({ ...(c.options ?? {}) }) } : c));
};

ruleTester(rule, {
  valid: [{ name: 'baseline: Google with its own client ID', tenant: tenant() }],
  invalid: [
    {
      name: 'empty client_id: Auth0 developer keys',
      tenant: tenant(googleOptions((o) => ({ ...o, client_id: '', client_secret: '' }))),
      findings: [{ status: 'fail', messageId: 'dev-keys', severity: 'blocker', resource: GOOGLE, field: 'options.client_id', value: '' }],
    },
    {
      name: 'client_id missing',
      tenant: tenant(googleOptions(({ client_id: _c, client_secret: _s, ...o }) => o)),
      findings: [{ status: 'fail', messageId: 'dev-keys', resource: 'google-oauth2', field: 'options.client_id', value: null }],
    },
    {
      name: 'an Apple connection on developer keys beside a compliant Google one',
      tenant: tenant((t) => { t.connections = [...(t.connections ?? []), { id: 'con_apple', name: 'apple', strategy: 'apple', options: { scope: ['email', 'name'] } }]; }),
      findings: [{ status: 'fail', messageId: 'dev-keys', resource: 'con_apple' }, { status: 'pass', messageId: 'own', resource: GOOGLE }],
    },
    {
      name: 'options hidden without read:connections_options',
      tenant: tenant((t) => { t.connections = (t.connections ?? []).map(({ options: _o, ...c }) => c); }),
      findings: [{ status: 'unknown', messageId: 'hidden', resource: GOOGLE, field: 'options' }],
    },
  ],
});

it('is a warning outside production (prod-only check)', () => {
  const fs = run(rule, tenant(googleOptions((o) => ({ ...o, client_id: '' }))), { env: 'dev' });
  expect(fs[0]).toMatchObject({ status: 'fail', severity: 'warning' });
});

it('finds the GitHub connection on developer keys in the large fixture, and the brand-new Google one', () => {
  expect(run(rule, tenantFrom('large')).filter((f) => f.status === 'fail').map((f) => f.resource?.name)).toEqual(['github-devkeys-legacy']);
  expect(run(rule, tenantFrom('brand-new')).map((f) => f.status)).toEqual(['fail']);
});

it('ignores database and enterprise connections', () => {
  expect(run(rule, tenant((t) => { t.connections = (t.connections ?? []).filter((c) => c.strategy === 'auth0'); })).map((f) => f.status)).toEqual(['n/a']);
});
