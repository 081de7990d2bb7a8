import { enabledClientsOf } from '../src/engine/connections.js';
import { defineRule, NOT_EVALUATED_MESSAGE, notEvaluated, type FindingDraft } from '../src/engine/define-rule.js';
import { SOCIAL_STRATEGIES } from '../src/engine/strategies.js';

type Msg = 'in-use' | 'clients-unknown' | 'resource-unavailable';

export default defineRule({
  id: 'social-connection-in-use',
  title: 'A social connection is enabled on an application',
  topics: ['b2c.p2.authentication.social-login', 'b2c.p2.provisioning.social-sign-up'],
  // Catalog SOC-02 is evidence: it passes for each social connection in use and is n/a otherwise.
  severity: 'advice',
  checks: ['SOC-02'],
  rationale:
    'Social login and social sign-up exist for users only when a social connection is enabled on the applications they use. This is the evidence that the feature is live; whether it is safe is judged by the other social-login checks (own credentials, account linking).',
  remediation:
    'Dashboard → Authentication → Social → <connection> → Applications: enable the connection on each application that offers it; or PATCH /api/v2/connections/{id}/clients with `[{ "client_id": "…", "status": true }]`.',
  docs: 'https://auth0.com/docs/authenticate/identity-providers/social-identity-providers',
  needs: ['connections'],
  wants: ['connectionClients', 'clients'],
  messages: {
    'in-use': 'Social connection {name} ({strategy}) is enabled on {count} application(s): {apps}',
    'clients-unknown': 'Could not tell which applications use social connection {name}: {detail}',
    ...NOT_EVALUATED_MESSAGE,
  },
  evaluate({ connections, wants }) {
    const clients = wants.clients.ok ? wants.clients.data : [];
    const global = new Set(clients.filter((c) => c.global === true).map((c) => c.client_id));
    const names = new Map(clients.map((c) => [c.client_id, c.name ?? c.client_id]));
    const out: FindingDraft<Msg>[] = [];
    for (const c of connections.filter((x) => SOCIAL_STRATEGIES.has(x.strategy))) {
      const resource = { type: 'connection', id: c.id, name: c.name };
      const ids = enabledClientsOf(c, wants.connectionClients);
      if (ids === undefined) {
        const cc = wants.connectionClients;
        out.push(
          cc.ok
            ? { status: 'unknown', messageId: 'clients-unknown', data: { name: c.name, detail: 'its enabled applications were not collected' }, resource, field: 'enabled_clients' }
            : notEvaluated(cc, resource),
        );
        continue;
      }
      const apps = ids.filter((id) => !global.has(id));
      // Evidence only: a social connection nobody can use is not evidence, and not a failure either.
      if (apps.length === 0) continue;
      out.push({
        status: 'pass',
        messageId: 'in-use',
        data: { name: c.name, strategy: c.strategy, count: apps.length, apps: apps.map((id) => names.get(id) ?? id).join(', ') },
        resource,
      });
    }
    return out;
  },
});
