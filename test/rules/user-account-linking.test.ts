import rule from '../../rules/user-account-linking.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const user = (id: string, ...identities: string[]) => ({ user_id: id, identities: identities.map((c) => ({ connection: c, provider: c === 'google-oauth2' ? 'google-oauth2' : 'auth0' })) });

ruleTester(rule, {
  valid: [
    { name: 'the baseline sample (no linked user: n/a)', tenant: tenant() },
    { name: 'a linked user', tenant: tenant((t) => { t.usersSample = { total: 2, unverified: 0, sample: [user('auth0|1', 'acme-customers', 'google-oauth2'), user('auth0|2', 'acme-customers')] }; }) },
  ],
  invalid: [
    {
      name: 'share of linked users',
      tenant: tenant((t) => { t.usersSample = { total: 2, unverified: 0, sample: [user('auth0|1', 'acme-customers', 'google-oauth2'), user('auth0|2', 'acme-customers')] }; }),
      findings: [{ status: 'pass', messageId: 'linked', resource: 'users-sample' }],
    },
    {
      name: 'nobody linked (weak evidence: n/a)',
      tenant: tenant((t) => { t.usersSample = { total: 1, unverified: 0, sample: [user('auth0|2', 'acme-customers')] }; }),
      findings: [{ status: 'n/a', messageId: 'none', resource: 'users-sample', field: 'identities', value: 0 }],
    },
  ],
});
