import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';

const messages = {
  encrypted: 'API {name} receives encrypted access tokens (JWE, {alg})',
  'no-key': 'API {name} has token encryption configured without an encryption key',
  plain: 'API {name} receives signed but readable access tokens: any holder can decode their claims',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'api-token-encryption',
  feature: 'highly-regulated-identity',
  title: 'APIs that carry sensitive claims receive encrypted access tokens (JWE)',
  topics: bothPlans('p2.authorization.api-integration'),
  severity: 'advice',
  checks: [],
  checkmate: ['checkJWEResourceServer'],
  rationale:
    'A signed JWT is only integrity-protected: the browser, the mobile app and every proxy between them and the API can base64-decode the claims. When access tokens carry personal data, internal ids or entitlements (custom claims), JSON Web Encryption keeps them readable only by the API that holds the private key.',
  remediation:
    'Generate an RSA key pair, then Dashboard → Applications → APIs → <API> → Settings → Token Settings → JSON Web Encryption (JWE): upload the public key (PEM); or PATCH /api/v2/resource-servers/{id} with `{ "token_encryption": { "format": "compact-nested-jwe", "encryption_key": { "name": "…", "alg": "RSA-OAEP-256", "pem": "…" } } }`. The API must decrypt, then validate the inner JWT. Requires the Highly Regulated Identity add-on.',
  docs: 'https://auth0.com/docs/get-started/apis/configure-json-web-encryption',
  needs: ['resourceServers'],
  messages,
  failSummary: {
    plain: 'receive readable (unencrypted) access tokens',
  },
  evaluate({ resourceServers }) {
    return resourceServers
      .filter((rs) => rs.is_system !== true)
      .map((rs): FindingDraft<Msg> => {
        const resource = { type: 'resource-server', id: rs.id ?? rs.identifier, name: rs.name ?? rs.identifier };
        const te = rs.token_encryption as { format?: unknown; encryption_key?: { alg?: unknown; pem?: unknown; kid?: unknown } | null } | null | undefined;
        if (te?.format !== 'compact-nested-jwe') {
          return { status: 'fail', messageId: 'plain', data: { name: resource.name }, resource, field: 'token_encryption', value: te?.format ?? null };
        }
        const key = te.encryption_key;
        if (!key || ![key.pem, key.alg, key.kid].some((v) => typeof v === 'string' && v.length > 0)) {
          return { status: 'fail', messageId: 'no-key', data: { name: resource.name }, resource, field: 'token_encryption.encryption_key', value: null };
        }
        return { status: 'pass', messageId: 'encrypted', data: { name: resource.name, alg: typeof key.alg === 'string' ? key.alg : 'RSA-OAEP' }, resource };
      });
  },
});
