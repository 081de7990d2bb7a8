import { enabledClientsOf } from '../src/engine/connections.js';
import { defineRule, NOT_EVALUATED_MESSAGE, notEvaluated, type FindingDraft } from '../src/engine/define-rule.js';
import { ENTERPRISE_STRATEGIES } from '../src/engine/strategies.js';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : []);
const list = (xs: string[], max = 3): string => (xs.length > max ? `${xs.slice(0, max).join(', ')} and ${xs.length - max} more` : xs.join(', '));

type Msg = 'aliases' | 'org-discovery' | 'unrouted' | 'clients-unknown' | 'hidden' | 'resource-unavailable';

export default defineRule({
  id: 'home-realm-discovery',
  title: 'Enterprise connections that share an application are routed by email domain',
  topics: ['b2b.p1.authentication.home-realm-discovery', 'b2b.p2.authentication.home-realm-discovery'],
  severity: 'warning',
  checks: ['ENT-02'],
  rationale:
    'When an application offers several connections, the login page must send each user to their own identity provider. Enterprise users do not know which button is theirs (and a button per customer leaks your customer list): Auth0 routes them by the domain of the email they type only when the connection lists that domain in `domain_aliases`, or when an organization with the connection has a verified discovery domain. Without either, users pick the wrong IdP, fail, or fall back to a password account — unless the application itself chooses the connection (`connection=` or `organization=` on /authorize), which the API cannot show.',
  remediation:
    'Dashboard → Authentication → Enterprise → <connection> → Login Experience (or Settings): add the customer\'s email domains to IdP Domains and turn on Identifier First in Authentication → Authentication Profile; or PATCH /api/v2/connections/{id} with `options.domain_aliases: ["customer.com"]` (PATCH replaces the whole `options` object: send it complete). With Organizations: POST /api/v2/organizations/{id}/discovery-domains and verify the domain. If your application routes users itself, attest app-side home realm discovery or waive the finding in the config.',
  docs: 'https://auth0.com/docs/authenticate/login/auth0-universal-login/identifier-first',
  needs: ['connections'],
  wants: ['connectionClients', 'clients', 'organizationConnections', 'organizationDiscoveryDomains'],
  messages: {
    aliases: 'Enterprise connection {name} shares {apps} with other connections and is routed by email domain ({domains})',
    'org-discovery': 'Enterprise connection {name} shares {apps} with other connections and is reached through organization discovery domains ({domains})',
    unrouted:
      'Enterprise connection {name} shares {apps} with other connections but has no domain_aliases and no verified organization discovery domain: users must find it themselves unless the application routes them (attest app-side home realm discovery or waive)',
    'clients-unknown': 'Could not tell which applications use connection {name}: {detail}',
    hidden: 'Options of enterprise connection {name} are not visible: grant read:connections_options',
    ...NOT_EVALUATED_MESSAGE,
  },
  failSummary: {
    unrouted: 'share applications with other connections but have no routing',
  },
  evaluate({ connections, wants }) {
    const clients = wants.clients.ok ? wants.clients.data : [];
    const global = new Set(clients.filter((c) => c.global === true).map((c) => c.client_id));
    const appNames = new Map(clients.map((c) => [c.client_id, c.name ?? c.client_id]));

    // Application → connections enabled on it (known ones); connections whose applications are unknown.
    const perApp = new Map<string, Set<string>>();
    const appsOf = new Map<string, string[]>();
    let blind = false;
    for (const c of connections) {
      const ids = enabledClientsOf(c, wants.connectionClients);
      if (ids === undefined) {
        blind = true;
        continue;
      }
      const apps = ids.filter((id) => !global.has(id));
      appsOf.set(c.id, apps);
      for (const a of apps) perApp.set(a, (perApp.get(a) ?? new Set()).add(c.id));
    }

    const orgConns = wants.organizationConnections;
    const discovery = wants.organizationDiscoveryDomains;
    const out: FindingDraft<Msg>[] = [];
    for (const c of connections.filter((x) => ENTERPRISE_STRATEGIES.has(x.strategy))) {
      const resource = { type: 'connection', id: c.id, name: c.name };
      const apps = appsOf.get(c.id);
      const shared = (apps ?? []).filter((a) => (perApp.get(a)?.size ?? 0) > 1);
      if (apps === undefined || (shared.length === 0 && blind)) {
        const cc = wants.connectionClients;
        out.push(
          cc.ok
            ? { status: 'unknown', messageId: 'clients-unknown', data: { name: c.name, detail: 'the enabled applications of some connections were not collected' }, resource, field: 'enabled_clients' }
            : notEvaluated(cc, resource),
        );
        continue;
      }
      // On no application, or alone on its applications: the application sends users straight to it.
      if (shared.length === 0) continue;
      const data = { name: c.name, apps: list(shared.map((a) => appNames.get(a) ?? a)) };
      if (!c.options) {
        out.push({ status: 'unknown', messageId: 'hidden', data, resource, field: 'options' });
        continue;
      }
      const aliases = strings(c.options.domain_aliases);
      if (aliases.length) {
        out.push({ status: 'pass', messageId: 'aliases', data: { ...data, domains: list(aliases) }, resource });
        continue;
      }
      if (!orgConns.ok) {
        out.push(notEvaluated(orgConns, resource));
        continue;
      }
      if (!discovery.ok) {
        out.push(notEvaluated(discovery, resource));
        continue;
      }
      const orgs = Object.entries(orgConns.data)
        .filter(([, enabled]) => enabled.some((e) => e.connection_id === c.id))
        .map(([orgId]) => orgId);
      const domains = orgs.flatMap((o) =>
        (discovery.data[o] ?? [])
          .filter((d) => d.status === 'verified' && (d as { use_for_organization_discovery?: unknown }).use_for_organization_discovery !== false)
          .map((d) => d.domain),
      );
      out.push(
        domains.length
          ? { status: 'pass', messageId: 'org-discovery', data: { ...data, domains: list(domains) }, resource }
          : { status: 'fail', messageId: 'unrouted', data, resource, field: 'options.domain_aliases', value: c.options.domain_aliases ?? null },
      );
    }
    return out;
  },
});
