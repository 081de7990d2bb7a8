import { defineRule } from '../src/engine/define-rule.js';

/** SAML enterprise strategies: PingFederate connections share the samlp request options. */
const SAML_STRATEGIES = new Set(['samlp', 'pingfederate']);

export default defineRule({
  id: 'saml-request-signing',
  title: 'SAML connections sign their requests with RSA-SHA256',
  topics: ['b2b.p2.authentication.enterprise-login'],
  severity: 'warning',
  checks: ['ENT-03'],
  rationale:
    'An unsigned SAML AuthnRequest can be forged or altered on its way to the identity provider (for example its AssertionConsumerService URL or requested NameID format), and many enterprise IdPs require signed requests. SHA-1 signatures and digests are deprecated and rejected by a growing number of IdPs: a connection still on them fails the day the customer\'s IdP hardens its policy.',
  remediation:
    'Dashboard → Authentication → Enterprise → SAML → <connection> → Settings: turn on Sign Request, choose Sign Request Algorithm RSA-SHA256 and digest SHA256, and give the IdP the connection\'s signing certificate. Or PATCH /api/v2/connections/{id} with `options.signSAMLRequest: true`, `options.signatureAlgorithm: "rsa-sha256"`, `options.digestAlgorithm: "sha256"` (PATCH replaces the whole `options` object: send it complete).',
  docs: 'https://auth0.com/docs/authenticate/protocols/saml/saml-sso-integrations/sign-and-encrypt-saml-requests',
  needs: ['connections'],
  messages: {
    signed: 'SAML connection {name} signs its requests with {algorithm} / {digest}',
    unsigned: 'SAML connection {name} sends unsigned authentication requests',
    weak: 'SAML connection {name} signs its requests with {algorithm} / {digest}: use rsa-sha256 / sha256',
    hidden: 'Options of SAML connection {name} are not visible: grant read:connections_options',
  },
  failSummary: {
    unsigned: 'send unsigned authentication requests',
    weak: 'sign requests with a weak algorithm',
  },
  evaluate({ connections }) {
    return connections
      .filter((c) => SAML_STRATEGIES.has(c.strategy))
      .map((c) => {
        const resource = { type: 'connection', id: c.id, name: c.name };
        if (!c.options) return { status: 'unknown' as const, messageId: 'hidden' as const, data: { name: c.name }, resource, field: 'options' };
        const o = c.options;
        // Absent algorithms take the API defaults (rsa-sha256, sha256).
        const algorithm = typeof o.signatureAlgorithm === 'string' ? o.signatureAlgorithm : 'rsa-sha256 (default)';
        const digest = typeof o.digestAlgorithm === 'string' ? o.digestAlgorithm : 'sha256 (default)';
        const data = { name: c.name, algorithm, digest };
        if (o.signSAMLRequest !== true) {
          return { status: 'fail' as const, messageId: 'unsigned' as const, data, resource, field: 'options.signSAMLRequest', value: o.signSAMLRequest ?? null };
        }
        if (o.signatureAlgorithm !== undefined && o.signatureAlgorithm !== 'rsa-sha256') {
          return { status: 'fail' as const, messageId: 'weak' as const, data, resource, field: 'options.signatureAlgorithm', value: o.signatureAlgorithm };
        }
        if (o.digestAlgorithm !== undefined && o.digestAlgorithm !== 'sha256') {
          return { status: 'fail' as const, messageId: 'weak' as const, data, resource, field: 'options.digestAlgorithm', value: o.digestAlgorithm };
        }
        return { status: 'pass' as const, messageId: 'signed' as const, data, resource };
      });
  },
});
