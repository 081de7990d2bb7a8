import { bothPlans, defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'database-domain-connection',
  title: 'Database connections are not promoted to domain level',
  topics: bothPlans('p1.authentication.application-integration'),
  severity: 'advice',
  checks: [],
  checkmate: ['checkPromotedDBConnection'],
  rationale:
    'A domain-level connection is open to every third-party application of the tenant, including applications created through Dynamic Client Registration, on top of the first-party apps it is enabled on. Promoting the database connection lets any such application sign your users in with their passwords and ask for consent to their data; it should be a deliberate, reviewed choice.',
  remediation:
    'Dashboard → Authentication → Database → <connection> → Settings → Advanced: turn off "Promote Connection to Domain Level" unless third-party applications must use it; or PATCH /api/v2/connections/{id} with `{ "is_domain_connection": false }`. Keep it only with a documented reason (waive the finding in the config).',
  docs: 'https://auth0.com/docs/authenticate/identity-providers/promote-connections-to-domain-level',
  needs: ['connections'],
  messages: {
    private: 'Database connection {name} is not a domain-level connection',
    promoted: 'Database connection {name} is promoted to domain level: every third-party application can use it',
  },
  failSummary: {
    promoted: 'are promoted to domain level',
  },
  evaluate({ connections }) {
    return connections
      .filter((c) => c.strategy === 'auth0')
      .map((c) => {
        const resource = { type: 'connection', id: c.id, name: c.name };
        return c.is_domain_connection === true
          ? { status: 'fail' as const, messageId: 'promoted' as const, data: { name: c.name }, resource, field: 'is_domain_connection', value: true }
          : { status: 'pass' as const, messageId: 'private' as const, data: { name: c.name }, resource };
      });
  },
});
