import { defineRule, type FindingDraft } from '../src/engine/define-rule.js';

/** Strategies that can federate another Auth0 tenant. */
const FEDERATING = new Set(['oidc', 'samlp', 'okta']);
/** Options that name the upstream tenant: discovery document, issuer, sign-in endpoint. */
const HOST_FIELDS = ['discovery_url', 'issuer', 'domain', 'authorization_endpoint', 'signInEndpoint', 'metadataUrl'] as const;

/** `https://Login.Acme.com/path` or `login.acme.com` → `login.acme.com`; `undefined` if not a host. */
function hostOf(v: unknown): string | undefined {
  if (typeof v !== 'string' || !v.trim()) return undefined;
  const s = v.trim();
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `https://${s}`).hostname.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

type Msg = 'connected' | 'not-connected' | 'hidden';

export default defineRule({
  id: 'org-tenant-connections',
  appliesWhen: 'organizations',
  title: 'Each organization tenant is federated through an OIDC, SAML or Okta connection',
  topics: ['b2b.p3.authentication.connect-multi-idp-org-tenant'],
  // Catalog ENT-07 is the topic's only evidence: a configured org tenant nothing connects to fails it.
  severity: 'blocker',
  checks: ['ENT-07'],
  rationale:
    'In the multi-IdP organization pattern, an organization that needs its own identity providers gets its own Auth0 tenant, and the main tenant reaches it through an OIDC, SAML or Okta connection whose issuer or sign-in endpoint is that tenant. An org tenant no connection points at is unreachable from your applications: its users cannot log in through the main tenant.',
  remediation:
    'In the main tenant: Dashboard → Authentication → Enterprise → OpenID Connect (or SAML) → Create Connection with the org tenant\'s discovery URL `https://<org tenant domain>/.well-known/openid-configuration` and an application registered in the org tenant; enable it on the organization. Or POST /api/v2/connections with `strategy: "oidc"` and `options.discovery_url`, then POST /api/v2/organizations/{id}/enabled_connections. List the org tenants in this rule\'s option `orgTenants` (domains) so the audit can check them.',
  docs: 'https://auth0.com/docs/get-started/architecture-scenarios/multiple-organization-architecture/multiple-idp-orgs',
  needs: ['connections'],
  messages: {
    connected: 'Connection {name} ({strategy}) federates org tenant {tenant} (through {field})',
    'not-connected': 'No OIDC, SAML or Okta connection points at org tenant {tenant}: its users cannot log in through this tenant',
    hidden: 'Options of connection {name} are not visible: grant read:connections_options',
  },
  failSummary: {
    'not-connected': 'have no OIDC, SAML or Okta connection pointing at them, so their users cannot log in through this tenant',
  },
  options: {
    orgTenants: { type: 'string[]', description: 'domains or URLs of the tenants organizations connect to' },
  },
  evaluate({ connections }, ctx) {
    // No org tenants configured: there is nothing to look for (the topic is out of scope without them).
    const configured = Array.isArray(ctx.options.orgTenants) ? ctx.options.orgTenants : [];
    const tenants = [...new Set(configured.map(hostOf).filter((h): h is string => !!h))];
    if (tenants.length === 0) return [];
    const out: FindingDraft<Msg>[] = [];
    const reached = new Set<string>();
    let blind = false;
    for (const c of connections.filter((x) => FEDERATING.has(x.strategy))) {
      const resource = { type: 'connection', id: c.id, name: c.name };
      if (!c.options) {
        blind = true;
        out.push({ status: 'unknown', messageId: 'hidden', data: { name: c.name }, resource, field: 'options' });
        continue;
      }
      for (const field of HOST_FIELDS) {
        const host = hostOf(c.options[field]);
        if (!host || !tenants.includes(host)) continue;
        reached.add(host);
        out.push({ status: 'pass', messageId: 'connected', data: { name: c.name, strategy: c.strategy, tenant: host, field: `options.${field}` }, resource });
        break;
      }
    }
    // With some options hidden, an unreached tenant may be behind them: the unknown findings say so.
    if (!blind) {
      for (const t of tenants.filter((x) => !reached.has(x))) {
        out.push({ status: 'fail', messageId: 'not-connected', data: { tenant: t }, resource: { type: 'org-tenant', id: t, name: t }, field: 'connections', value: null });
      }
    }
    return out;
  },
});
