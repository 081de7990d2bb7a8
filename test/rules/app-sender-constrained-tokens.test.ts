import rule from '../../rules/app-sender-constrained-tokens.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';

const popEverywhere: Mutator = (t) => {
  t.clients = (t.clients ?? []).map((c) => (c.global ? c : { ...c, require_proof_of_possession: true }));
};

ruleTester(rule, {
  valid: [
    { name: 'every token-receiving app requires DPoP or mTLS', tenant: tenant(popEverywhere) },
    {
      name: 'apps without a token grant are not examined',
      tenant: tenant(popEverywhere, (t) => {
        t.clients = [...(t.clients ?? []), { client_id: 'saml_1', name: 'SAML only', app_type: 'regular_web', grant_types: [] }];
      }),
    },
  ],
  invalid: [
    {
      name: 'bearer tokens (the baseline tenant)',
      tenant: tenant(),
      findings: [
        { status: 'fail', messageId: 'bearer', severity: 'advice', resource: 'Acme Account (SPA)', field: 'require_proof_of_possession', value: null },
        { status: 'fail', messageId: 'bearer', resource: 'Acme Orders Service' },
        { status: 'fail', messageId: 'bearer', resource: 'Acme Web Store' },
        { status: 'fail', messageId: 'bearer', resource: 'Acme Mobile' },
        { status: 'fail', messageId: 'bearer', resource: 'Auth0 Deploy CLI (GitHub Actions)' },
      ],
    },
    {
      name: 'explicitly off on one app',
      tenant: tenant(popEverywhere, (t) => {
        t.clients = (t.clients ?? []).map((c) => (c.name === 'Acme Mobile' ? { ...c, require_proof_of_possession: false } : c));
      }),
      findings: [{ status: 'fail', resource: 'Acme Mobile', value: false }, { status: 'pass', resource: 'Acme Web Store' }],
    },
  ],
});
