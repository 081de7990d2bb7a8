import { enabledClientsOf } from '../src/engine/connections.js';
import { bothPlans, defineRule, NOT_EVALUATED_MESSAGE, notEvaluated, type FindingDraft } from '../src/engine/define-rule.js';
import { ENTERPRISE_STRATEGIES } from '../src/engine/strategies.js';

type Msg = 'in-use' | 'clients-unknown' | 'resource-unavailable';

export default defineRule({
  id: 'enterprise-connection-in-use',
  title: 'An enterprise connection is enabled on an application or organization',
  topics: ['b2b.p2.authentication.enterprise-login', 'b2b.p2.provisioning.enterprise-sign-up', ...bothPlans('p2.authentication.sso-legacy')],
  // Catalog ENT-01 is evidence: it passes for each enterprise connection in use and is n/a otherwise.
  severity: 'advice',
  checks: ['ENT-01'],
  rationale:
    'Enterprise login (SAML, OIDC, Okta, Entra ID, AD FS, Google Workspace, PingFederate, AD/LDAP) reaches users only through an application the connection is enabled on, or an organization it is enabled for. This is the evidence that customers\' identity providers are wired in; the other enterprise checks judge their security (request signing, certificates, home realm discovery, logout).',
  remediation:
    'Dashboard → Authentication → Enterprise → <strategy> → <connection> → Applications: enable it on each application; for B2B, Dashboard → Organizations → <org> → Connections → Enable Connections. Or PATCH /api/v2/connections/{id}/clients with `[{ "client_id": "…", "status": true }]`, and POST /api/v2/organizations/{id}/enabled_connections with `{ "connection_id": "…", "assign_membership_on_login": true }`.',
  docs: 'https://auth0.com/docs/authenticate/identity-providers/enterprise-identity-providers',
  needs: ['connections'],
  wants: ['connectionClients', 'clients', 'organizationConnections', 'organizations'],
  messages: {
    'in-use': 'Enterprise connection {name} ({strategy}) is enabled on {where}',
    'clients-unknown': 'Could not tell where enterprise connection {name} is used: {detail}',
    ...NOT_EVALUATED_MESSAGE,
  },
  evaluate({ connections, wants }) {
    const clients = wants.clients.ok ? wants.clients.data : [];
    const global = new Set(clients.filter((c) => c.global === true).map((c) => c.client_id));
    const appNames = new Map(clients.map((c) => [c.client_id, c.name ?? c.client_id]));
    const orgNames = new Map((wants.organizations.ok ? wants.organizations.data : []).map((o) => [o.id, o.display_name ?? o.name]));
    const orgConns = wants.organizationConnections;
    const out: FindingDraft<Msg>[] = [];
    for (const c of connections.filter((x) => ENTERPRISE_STRATEGIES.has(x.strategy))) {
      const resource = { type: 'connection', id: c.id, name: c.name };
      const apps = enabledClientsOf(c, wants.connectionClients)?.filter((id) => !global.has(id));
      const orgs = orgConns.ok
        ? Object.entries(orgConns.data)
            .filter(([, list]) => list.some((e) => e.connection_id === c.id))
            .map(([orgId]) => orgId)
        : undefined;
      if ((apps?.length ?? 0) > 0 || (orgs?.length ?? 0) > 0) {
        const where = [
          apps?.length ? `${apps.length} application(s): ${apps.map((id) => appNames.get(id) ?? id).join(', ')}` : undefined,
          orgs?.length ? `${orgs.length} organization(s): ${orgs.map((id) => orgNames.get(id) ?? id).join(', ')}` : undefined,
        ].filter(Boolean);
        out.push({ status: 'pass', messageId: 'in-use', data: { name: c.name, strategy: c.strategy, where: where.join('; ') }, resource });
        continue;
      }
      // Not seen in use: evidence only if we could see everywhere it might be.
      const blind = apps === undefined ? wants.connectionClients : !orgConns.ok ? orgConns : undefined;
      if (!blind) continue;
      out.push(
        blind.ok
          ? { status: 'unknown', messageId: 'clients-unknown', data: { name: c.name, detail: 'its enabled applications were not collected' }, resource, field: 'enabled_clients' }
          : notEvaluated(blind, resource),
      );
    }
    return out;
  },
});
