import { enabledClientsOf } from '../src/engine/connections.js';
import { bothPlans, defineRule, NOT_EVALUATED_MESSAGE, notEvaluated, type FindingDraft } from '../src/engine/define-rule.js';
import type { ClientData, ConnectionData } from '../src/snapshot/resources.js';

/** A connection whose name says it is for testing: `acme-test`, `Sandbox DB`, `qa_users`, `dev2`, … */
const TEST_NAME = /(^|[^a-z0-9])(test|tests|testing|dev|devel|development|sandbox|staging|stage|stg|qa|uat|demo|dummy|fake|mock|tmp|temp|poc|trial)\d*([^a-z0-9]|$)/i;
/** Below this many connections, "every connection enabled" is normal (one database plus a social login). */
const ALL_THRESHOLD = 3;

const ref = (c: ClientData) => ({ type: 'client', id: c.client_id, name: c.name ?? c.client_id });
const looksLikeTest = (conn: ConnectionData) => TEST_NAME.test(conn.name) || (!!conn.display_name && TEST_NAME.test(conn.display_name));

export default defineRule({
  id: 'app-connections-intended',
  title: 'Applications have only their intended connections enabled, and no test connection in production',
  topics: bothPlans('p1.authentication.application-integration'),
  severity: 'advice',
  checks: ['APP-14'],
  rationale:
    'Every connection enabled on an application is a way to log in to it. A test, sandbox or demo connection left enabled in production is usually a database with weak or shared passwords, test accounts, or an IdP nobody monitors; and when new connections are enabled for every application by default, an app nobody reviewed accepts logins from identity sources it was never meant to trust (an internal enterprise IdP on a customer app, a social login on an admin console).',
  remediation:
    'Dashboard → Applications → Applications → <app> → Connections: enable only the connections this app is meant to use, and delete or disable test/sandbox connections in the production tenant (Authentication → <type> → <connection> → Applications); or PATCH /api/v2/connections/{id}/clients with `[{ "client_id": "…", "status": false }]` for each app that must not use the connection.',
  docs: 'https://auth0.com/docs/get-started/applications/update-application-connections',
  needs: ['clients', 'connections'],
  wants: ['connectionClients'],
  messages: {
    ...NOT_EVALUATED_MESSAGE,
    ok: 'Application {name} has {count} connection(s) enabled: {connections}',
    test: 'Application {name} has connection {connection} enabled, whose name looks like a test connection, in a production tenant',
    all: 'Application {name} has every connection of the tenant enabled ({count}): review which ones it really needs',
    incomplete: 'Applications enabled on connection {connection} are not in the data',
  },
  failSummary: {
    test: 'have a test-looking connection enabled in production',
    all: 'have every connection of the tenant enabled',
  },
  evaluate({ clients, connections, wants }, ctx) {
    const cc = wants.connectionClients;
    // connection → client ids enabled on it; /connections/{id}/clients first, the legacy field as fallback.
    const enabled = new Map<string, ReadonlySet<string>>();
    const missing: ConnectionData[] = [];
    for (const conn of connections) {
      const ids = enabledClientsOf(conn, cc);
      if (ids) enabled.set(conn.id, new Set(ids));
      else missing.push(conn);
    }
    if (missing.length) {
      if (!cc.ok) return [notEvaluated(cc)];
      return missing.map((conn) => ({
        status: 'unknown' as const,
        messageId: 'incomplete' as const,
        data: { connection: conn.name },
        resource: { type: 'connection', id: conn.id, name: conn.name },
        field: 'enabled_clients',
      }));
    }
    // client id → its connections, in connection order: one pass, not connections × clients.
    const byClient = new Map<string, ConnectionData[]>();
    for (const conn of connections) {
      for (const id of enabled.get(conn.id) ?? []) {
        const list = byClient.get(id) ?? [];
        list.push(conn);
        byClient.set(id, list);
      }
    }
    const out: FindingDraft<'ok' | 'test' | 'all' | 'incomplete' | 'resource-unavailable'>[] = [];
    for (const c of clients) {
      if (c.global) continue;
      const mine = byClient.get(c.client_id) ?? [];
      if (mine.length === 0) continue;
      const resource = ref(c);
      const name = resource.name;
      const before = out.length;
      if (ctx.env === 'prod') {
        for (const conn of mine.filter(looksLikeTest)) {
          out.push({ status: 'fail', messageId: 'test', data: { name, connection: conn.name }, resource, field: 'connections', value: conn.name });
        }
      }
      // With Organizations the connections offered are chosen per organization: all enabled is expected.
      const orgApp = c.organization_usage === 'allow' || c.organization_usage === 'require';
      if (!orgApp && connections.length >= ALL_THRESHOLD && mine.length === connections.length) {
        out.push({ status: 'fail', messageId: 'all', data: { name, count: mine.length }, resource, field: 'connections', value: mine.map((x) => x.name) });
      }
      if (out.length === before) {
        out.push({ status: 'pass', messageId: 'ok', data: { name, count: mine.length, connections: mine.map((x) => x.name).join(', ') }, resource });
      }
    }
    return out;
  },
});
