import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'scim-provisioning',
  title: 'Enterprise connections receive SCIM provisioning',
  topics: ['b2b.p3.profile-management.scim-deprovisioning'],
  // Catalog ENT-06 is evidence: it passes for each SCIM configuration and is n/a without one.
  severity: 'advice',
  checks: ['ENT-06'],
  rationale:
    'Without SCIM, a user removed from the customer\'s directory keeps their Auth0 account and any refresh tokens until they expire: deprovisioning depends on someone telling you. Inbound SCIM lets the customer\'s IdP create, update and deactivate users on the enterprise connection as its directory changes.',
  remediation:
    'Dashboard → Authentication → Enterprise → <connection> → Provisioning: enable Sync user profiles using SCIM and give the customer\'s IdP the SCIM endpoint and a token; or POST /api/v2/connections/{id}/scim-configuration, then POST /api/v2/connections/{id}/scim-configuration/tokens.',
  docs: 'https://auth0.com/docs/authenticate/protocols/scim/configure-inbound-scim',
  needs: ['scimConfigurations'],
  messages: {
    configured: 'Connection {name}{strategy} receives SCIM provisioning',
  },
  evaluate({ scimConfigurations }) {
    return scimConfigurations.map((s) => ({
      status: 'pass' as const,
      messageId: 'configured' as const,
      data: { name: s.connection_name ?? s.connection_id, strategy: s.strategy ? ` (${s.strategy})` : '' },
      resource: { type: 'connection', id: s.connection_id, name: s.connection_name ?? s.connection_id },
    }));
  },
});
