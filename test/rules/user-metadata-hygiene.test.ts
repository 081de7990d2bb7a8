import { expect, it } from 'vitest';
import rule from '../../rules/user-metadata-hygiene.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';

const TOKEN = 'ghp_R4nd0mL00k1ngT0k3nV4lu3xYz9';
const users = (...sample: { user_id: string; user_metadata?: unknown; app_metadata?: unknown }[]): Mutator => (t) => {
  t.usersSample = { total: sample.length, unverified: 0, sample };
};

ruleTester(rule, {
  valid: [
    { name: 'the baseline sample', tenant: tenant() },
    {
      name: 'small metadata; secret-sounding keys without secret values',
      tenant: tenant(users({ user_id: 'auth0|1', user_metadata: { preferred_language: 'en' }, app_metadata: { password_changed_at: '2026-01-02T03:04:05.000Z', token_count: 3, has_api_key: true } })),
    },
  ],
  invalid: [
    {
      name: 'oversized user_metadata',
      tenant: tenant(users({ user_id: 'auth0|big', user_metadata: { notes: 'x'.repeat(20_000) } })),
      findings: [{ status: 'fail', messageId: 'large', severity: 'advice', resource: 'auth0|big', field: 'user_metadata' }],
    },
    {
      name: 'a configured limit',
      tenant: tenant(users({ user_id: 'auth0|mid', app_metadata: { blob: 'y'.repeat(2_000) } })),
      settings: { maxMetadataBytes: 1_024 },
      findings: [{ status: 'fail', messageId: 'large', resource: 'auth0|mid', field: 'app_metadata' }],
    },
    {
      name: 'a stored access token, nested',
      tenant: tenant(users({ user_id: 'auth0|leak', app_metadata: { github: { access_token: TOKEN } } })),
      findings: [{ status: 'fail', messageId: 'secret', resource: 'auth0|leak', field: 'app_metadata.github.access_token', value: ['app_metadata.github.access_token'] }],
    },
  ],
});

it('never echoes a metadata value', () => {
  const fs = run(rule, tenant(users({ user_id: 'auth0|leak', app_metadata: { github: { access_token: TOKEN } } })));
  expect(JSON.stringify(fs)).not.toContain(TOKEN);
});

it('is n/a without a sample', () => {
  expect(run(rule, tenant((t) => { t.usersSample = { total: 0, unverified: 0, sample: [] }; }))).toMatchObject([{ status: 'n/a' }]);
});
