import rule from '../../rules/api-token-encryption.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const MGMT = { id: 'rs_mgmt', identifier: 'https://acme-prod.us.auth0.com/api/v2/', is_system: true };
const api = (id: string, token_encryption?: { format?: string; encryption_key?: { name?: string; alg?: string; kid?: string; pem?: string } | null } | null) => ({ id, name: id, identifier: `https://api.acme.example/${id}`, is_system: false, ...(token_encryption === undefined ? {} : { token_encryption }) });
const PEM = '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----\n';

ruleTester(rule, {
  valid: [
    { name: 'JWE with a key', tenant: tenant((t) => { t.resourceServers = [MGMT, api('health', { format: 'compact-nested-jwe', encryption_key: { name: 'k1', alg: 'RSA-OAEP-256', pem: PEM } })]; }) },
    { name: 'JWE with a key whose PEM is not returned', tenant: tenant((t) => { t.resourceServers = [api('health', { format: 'compact-nested-jwe', encryption_key: { kid: 'k1', alg: 'RSA-OAEP-384' } })]; }) },
  ],
  invalid: [
    {
      name: 'plain signed tokens',
      tenant: tenant((t) => { t.resourceServers = [api('orders')]; }),
      findings: [{ status: 'fail', messageId: 'plain', severity: 'advice', resource: 'orders', field: 'token_encryption', value: null }],
    },
    {
      name: 'JWE without a key',
      tenant: tenant((t) => { t.resourceServers = [api('health', { format: 'compact-nested-jwe', encryption_key: null })]; }),
      findings: [{ status: 'fail', messageId: 'no-key', resource: 'health', field: 'token_encryption.encryption_key' }],
    },
  ],
});
