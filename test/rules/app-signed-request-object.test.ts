import rule from '../../rules/app-signed-request-object.js';
import type { ClientData } from '../../src/snapshot/resources.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';

const patch = (name: string, p: Partial<ClientData> & Record<string, unknown>): Mutator => (t) => {
  t.clients = (t.clients ?? []).map((c) => (c.name === name ? { ...c, ...p } : c));
};

ruleTester(rule, {
  valid: [
    {
      name: 'the confidential web app requires JAR with a registered key',
      tenant: tenant(patch('Acme Web Store', { signed_request_object: { required: true, credentials: [{ id: 'cred_jar' }] } })),
    },
  ],
  invalid: [
    {
      name: 'JAR not required (the baseline tenant)',
      tenant: tenant(),
      findings: [{ status: 'fail', messageId: 'optional', severity: 'advice', resource: 'Acme Web Store', field: 'signed_request_object.required', value: null }],
    },
    {
      name: 'required but no key to verify with',
      tenant: tenant(patch('Acme Web Store', { signed_request_object: { required: true, credentials: [] } })),
      findings: [{ status: 'fail', messageId: 'no-key', resource: 'Acme Web Store', field: 'signed_request_object.credentials' }],
    },
    {
      name: 'a confidential app on the implicit grant is examined too',
      tenant: tenant((t) => {
        t.clients = [...(t.clients ?? []), { client_id: 'legacy_1', name: 'Legacy portal', app_type: 'regular_web', token_endpoint_auth_method: 'client_secret_post', grant_types: ['implicit'] }];
      }),
      findings: [{ status: 'fail', messageId: 'optional', resource: 'legacy_1' }, { status: 'fail', messageId: 'optional', resource: 'Acme Web Store' }],
    },
  ],
});
