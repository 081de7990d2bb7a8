import rule from '../../rules/api-sender-constrained-tokens.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const MGMT = { id: 'rs_mgmt', identifier: 'https://acme-prod.us.auth0.com/api/v2/', is_system: true };
const api = (id: string, proof_of_possession?: { mechanism?: string; required?: boolean; required_for?: string } | null) => ({ id, name: id, identifier: `https://api.acme.example/${id}`, is_system: false, ...(proof_of_possession === undefined ? {} : { proof_of_possession }) });

ruleTester(rule, {
  valid: [
    {
      name: 'DPoP and mTLS required',
      tenant: tenant((t) => { t.resourceServers = [MGMT, api('payments', { mechanism: 'dpop', required: true }), api('ledger', { mechanism: 'mtls', required: true, required_for: 'all_clients' })]; }),
    },
  ],
  invalid: [
    {
      name: 'bearer tokens',
      tenant: tenant((t) => { t.resourceServers = [api('orders'), api('legacy', null)]; }),
      findings: [
        { status: 'fail', messageId: 'bearer', severity: 'advice', resource: 'orders', field: 'proof_of_possession', value: null },
        { status: 'fail', messageId: 'bearer', resource: 'legacy' },
      ],
    },
    {
      name: 'DPoP accepted but not required',
      tenant: tenant((t) => { t.resourceServers = [api('payments', { mechanism: 'dpop', required: false })]; }),
      findings: [{ status: 'fail', messageId: 'optional', resource: 'payments', field: 'proof_of_possession.required', value: false }],
    },
  ],
});
