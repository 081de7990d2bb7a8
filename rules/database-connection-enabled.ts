import { enabledClientsOf } from '../src/engine/connections.js';
import { bothPlans, defineRule, NOT_EVALUATED_MESSAGE, notEvaluated, type FindingDraft } from '../src/engine/define-rule.js';

type Msg = 'enabled' | 'unused' | 'none-enabled' | 'clients-unknown' | 'resource-unavailable';

export default defineRule({
  id: 'database-connection-enabled',
  title: 'A database connection is enabled on an application',
  topics: ['b2c.p1.provisioning.store-user-data', ...bothPlans('p1.authentication.username-password')],
  // Catalog DB-01: blocker when username-password is in scope (the topic scope decides that).
  severity: 'blocker',
  checks: ['DB-01'],
  rationale:
    'A database (`auth0`) connection stores the users who sign in with a password. If it is enabled on no application, nobody can sign up or log in with a password through Universal Login: the username-password flow the plan relies on does not exist for real users, and a connection left unused is configuration nobody tests.',
  remediation:
    'Dashboard → Authentication → Database → <connection> → Applications: enable the connection on each application that signs users in; or PATCH /api/v2/connections/{id}/clients with `[{ "client_id": "…", "status": true }]`. Remove a database connection nothing uses only once its users are migrated or no longer needed: DELETE /api/v2/connections/{id} deletes its users too.',
  docs: 'https://auth0.com/docs/authenticate/database-connections',
  needs: ['connections'],
  wants: ['connectionClients', 'clients'],
  messages: {
    enabled: 'Database connection {name} is enabled on {count} application(s): {apps}',
    unused: 'Database connection {name} is enabled on no application: remove it, or enable it where it is meant to be used',
    'none-enabled': 'Database connection {name} is enabled on no application: no application can sign users in with a password',
    'clients-unknown': 'Could not tell which applications use database connection {name}: {detail}',
    ...NOT_EVALUATED_MESSAGE,
  },
  failSummary: {
    unused: 'are enabled on no application',
    'none-enabled': 'are enabled on no application',
  },
  evaluate({ connections, wants }) {
    const dbs = connections.filter((c) => c.strategy === 'auth0');
    if (dbs.length === 0) return [];
    const clients = wants.clients.ok ? wants.clients.data : [];
    const global = new Set(clients.filter((c) => c.global === true).map((c) => c.client_id));
    const names = new Map(clients.map((c) => [c.client_id, c.name ?? c.client_id]));

    const rows = dbs.map((c) => {
      const ids = enabledClientsOf(c, wants.connectionClients);
      return { c, apps: ids?.filter((id) => !global.has(id)) };
    });
    // Another database connection is (or may be) in use: an unused one is clutter, not a blocker.
    const othersMayServe = rows.some((r) => r.apps === undefined || r.apps.length > 0);
    const out: FindingDraft<Msg>[] = [];
    for (const { c, apps } of rows) {
      const resource = { type: 'connection', id: c.id, name: c.name };
      if (apps === undefined) {
        const cc = wants.connectionClients;
        out.push(
          cc.ok
            ? { status: 'unknown', messageId: 'clients-unknown', data: { name: c.name, detail: 'its enabled applications were not collected' }, resource, field: 'enabled_clients' }
            : notEvaluated(cc, resource),
        );
        continue;
      }
      if (apps.length > 0) {
        out.push({ status: 'pass', messageId: 'enabled', data: { name: c.name, count: apps.length, apps: apps.map((id) => names.get(id) ?? id).join(', ') }, resource });
      } else if (othersMayServe) {
        out.push({ status: 'fail', messageId: 'unused', data: { name: c.name }, resource, field: 'enabled_clients', value: [], severity: 'advice' });
      } else {
        out.push({ status: 'fail', messageId: 'none-enabled', data: { name: c.name }, resource, field: 'enabled_clients', value: [] });
      }
    }
    return out;
  },
});
