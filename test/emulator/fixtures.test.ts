/**
 * The fixture tenants in fixtures/tenants: valid against the resource registry's zod schemas,
 * internally consistent, free of real secrets, and true to their descriptions.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMAIL_TEMPLATE_NAMES, RESOURCES, isResourceKey } from '../../src/snapshot/resources.js';
import type { TenantFixture } from './fixture.js';
import { REPO_ROOT } from '../support/tenant.js';
import { loadFixture } from './server.js';

const ROOT = REPO_ROOT;
const DIR = join(ROOT, 'fixtures', 'tenants');
const NAMES = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();
const load = (name: string): TenantFixture => loadFixture(join(DIR, `${name}.json`));

/** Keys whose string values are secrets in real API responses. */
const SECRET_KEYS = new Set([
  'client_secret',
  'app_secret',
  'api_key',
  'datadogApiKey',
  'splunkToken',
  'httpAuthorization',
  'segmentWriteKey',
  'mixpanelServiceAccountPassword',
  'accessKeyId',
  'secretAccessKey',
  'smtp_pass',
  'twilio_token',
  'auth_token',
  'LEGACY_API_KEY',
  'signing_secret',
]);

function secretViolations(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => secretViolations(v, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const p = `${path}.${k}`;
    const secretish = SECRET_KEYS.has(k) || (k === 'value' && path.includes('httpCustomHeaders'));
    if (secretish && typeof v === 'string' && v !== '' && !v.startsWith('FIXTURE-SECRET-')) out.push(p);
    out.push(...secretViolations(v, p));
  }
  return out;
}

describe.each(NAMES)('fixture %s', (name) => {
  const f = load(name);
  const r = f.resources;

  it('has a description and a canonical tenant domain', () => {
    expect(f.description.length).toBeGreaterThan(40);
    expect(f.domain).toMatch(/^[a-z0-9-]+\.(us|eu|au|jp|uk|ca)\.auth0\.com$/);
  });

  it('validates every resource against the registry schema', () => {
    for (const [key, value] of Object.entries(r)) {
      expect(isResourceKey(key), `unknown resource key ${key}`).toBe(true);
      if (!isResourceKey(key)) continue;
      const parsed = RESOURCES[key].schema.safeParse(value);
      expect(parsed.success, `${key}: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
    }
    for (const key of f.planGated ?? []) {
      expect(isResourceKey(key), `planGated ${key}`).toBe(true);
      expect(r, `a plan-gated resource has no data: ${key}`).not.toHaveProperty(key);
    }
  });

  it('has the global client once, and named, typed, unique clients', () => {
    const clients = r.clients ?? [];
    const global = clients.filter((c) => c.global);
    expect(global).toHaveLength(1);
    expect(global[0]?.name).toBe('All Applications');
    const ids = clients.map((c) => c.client_id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of clients) {
      expect(c.client_id).toMatch(/^[A-Za-z0-9]{32}$/);
      expect(c.name).toBeTruthy();
      if (!c.global) expect(c.app_type, c.name).toMatch(/^(spa|regular_web|native|non_interactive)$/);
    }
  });

  it('has unique connections enabled only on existing, non-global clients', () => {
    const clientIds = new Set((r.clients ?? []).filter((c) => !c.global).map((c) => c.client_id));
    const conns = r.connections ?? [];
    expect(new Set(conns.map((c) => c.id)).size).toBe(conns.length);
    expect(new Set(conns.map((c) => c.name)).size).toBe(conns.length);
    for (const c of conns) {
      expect(c.id).toMatch(/^con_[A-Za-z0-9]{16}$/);
      expect(c.options, c.name).toBeTruthy();
      for (const id of c.enabled_clients ?? []) expect(clientIds.has(id), `${c.name} → ${id}`).toBe(true);
    }
  });

  it('lists every email template (null = Auth0 default) and binds only existing actions', () => {
    expect(Object.keys(r.emailTemplates ?? {}).sort()).toEqual([...EMAIL_TEMPLATE_NAMES].sort());
    for (const [tname, t] of Object.entries(r.emailTemplates ?? {})) if (t) expect(t.template).toBe(tname);
    const actionIds = new Set((r.actions ?? []).map((a) => a.id));
    for (const b of r.postLoginBindings ?? []) expect(actionIds.has(b.action?.id ?? '')).toBe(true);
  });

  it('holds no real secrets: every secret-bearing value starts with FIXTURE-SECRET-', () => {
    expect(secretViolations(r)).toEqual([]);
    expect(secretViolations(f.logs ?? [])).toEqual([]);
    expect(secretViolations(f.users ?? [])).toEqual([]);
  });

  it('lists the enabled clients of every connection, as the connections do', () => {
    const conns = r.connections ?? [];
    expect(Object.keys(r.connectionClients ?? {}).sort()).toEqual(conns.map((c) => c.id).sort());
    for (const c of conns) expect(r.connectionClients?.[c.id], c.name).toEqual(c.enabled_clients ?? []);
  });

  it('has one system Management API, unique APIs, and grants and permissions that point at them', () => {
    const apis = r.resourceServers ?? [];
    expect(apis.filter((a) => a.is_system).map((a) => a.identifier)).toEqual([`https://${f.domain}/api/v2/`]);
    expect(new Set(apis.map((a) => a.identifier)).size).toBe(apis.length);
    expect(new Set(apis.map((a) => a.id)).size).toBe(apis.length);
    const scopesOf = (aud: string) => new Set(apis.find((a) => a.identifier === aud)?.scopes?.map((s) => s.value));
    const clientIds = new Set((r.clients ?? []).map((c) => c.client_id));
    const grants = r.clientGrants ?? [];
    expect(new Set(grants.map((g) => g.id)).size).toBe(grants.length);
    for (const g of grants) {
      expect(clientIds.has(g.client_id), g.id).toBe(true);
      const scopes = scopesOf(g.audience);
      expect(scopes.size, `${g.id} → ${g.audience}`).toBeGreaterThan(0);
      for (const s of g.scope ?? []) expect(scopes.has(s), `${g.id}: ${s}`).toBe(true);
      expect(g.id).toMatch(/^cgr_[A-Za-z0-9]{16}$/);
    }
    const roles = r.roles ?? [];
    expect(new Set(roles.map((x) => x.id)).size).toBe(roles.length);
    expect(Object.keys(r.rolePermissions ?? {}).sort()).toEqual(roles.map((x) => x.id).sort());
    for (const [role, perms] of Object.entries(r.rolePermissions ?? {})) {
      for (const p of perms) expect(scopesOf(p.resource_server_identifier).has(p.permission_name), `${role}: ${p.permission_name}`).toBe(true);
    }
  });

  it('keys organization sub-resources by existing organizations and connections', () => {
    const orgIds = (r.organizations ?? []).map((o) => o.id).sort();
    for (const key of ['organizationConnections', 'organizationMembers', 'organizationDiscoveryDomains'] as const) {
      expect(Object.keys(r[key] ?? {}).sort(), key).toEqual(orgIds);
    }
    const conns = new Map((r.connections ?? []).map((c) => [c.id, c]));
    for (const [org, list] of Object.entries(r.organizationConnections ?? {})) {
      for (const oc of list) {
        const c = conns.get(oc.connection_id);
        expect(c, `${org} → ${oc.connection_id}`).toBeDefined();
        expect(oc.connection).toEqual({ name: c?.name, strategy: c?.strategy });
      }
    }
    for (const [org, m] of Object.entries(r.organizationMembers ?? {})) {
      expect(m.count).toBeLessThanOrEqual(50); // the collector reads one page of 50
      if (m.more) expect(m.count).toBe(50);
      const total = f.memberTotals?.[org];
      if (total !== undefined) expect({ count: Math.min(total, 50), more: total > 50 }).toEqual(m);
    }
    for (const org of Object.keys(f.memberTotals ?? {})) expect(orgIds).toContain(org);
    for (const list of Object.values(r.organizationDiscoveryDomains ?? {})) {
      for (const d of list) {
        expect(['pending', 'verified']).toContain(d.status);
        expect(d).toMatchObject({ verification_host: `_auth0-challenge.${d.domain}`, verification_txt: expect.stringMatching(/^auth0-domain-verification=/) });
      }
    }
    for (const s of r.scimConfigurations ?? []) {
      const c = conns.get(s.connection_id);
      expect(c, s.connection_id).toBeDefined();
      expect([s.connection_name, s.strategy]).toEqual([c?.name, c?.strategy]);
    }
  });

  it('has exactly one current signing key, with a real public certificate', () => {
    const keys = r.signingKeys ?? [];
    expect(keys.filter((k) => k.current)).toHaveLength(1);
    expect(new Set(keys.map((k) => k.kid)).size).toBe(keys.length);
    for (const k of keys) {
      const cert = new X509Certificate(String(k.cert));
      expect(cert.subject).toBe(`CN=${f.domain}`);
      expect(cert.fingerprint).toBe(k.fingerprint);
      expect(String(k.thumbprint)).toBe(String(k.fingerprint).replaceAll(':', ''));
      expect(String(k.pkcs7)).toMatch(/^-----BEGIN PKCS7-----\r\n[\s\S]+\r\n-----END PKCS7-----$/);
      expect(JSON.stringify(k)).not.toMatch(/PRIVATE KEY/);
    }
  });

  it('has raw logs and users with unique ids, and their computed searches under resources', () => {
    const logIds = (f.logs ?? []).map((l) => l.log_id);
    expect(new Set(logIds).size).toBe(logIds.length);
    for (const l of f.logs ?? []) expect(new Date(l.date).toISOString()).toBe(l.date);
    const userIds = (f.users ?? []).map((u) => u.user_id);
    expect(new Set(userIds).size).toBe(userIds.length);
    // Computed by the collector through the emulator: test/emulator/emulator.test.ts checks they agree.
    expect(r.logEvents !== undefined).toBe(f.logs !== undefined);
    expect(r.usersSample !== undefined).toBe(f.users !== undefined);
    if (f.logs || f.users) expect(f.asOf).toBe('2026-11-22T00:00:00.000Z'); // test/support's collectedAt
  });
});

describe('fixture scenarios match their descriptions', () => {
  it('brand-new is Auth0 defaults', () => {
    const r = load('brand-new').resources;
    expect(r.customDomains).toEqual([]);
    expect(r.emailProvider).toBeNull();
    expect(r.brandingTheme).toBeNull();
    expect(r.brandingTemplate).toBeNull();
    expect(Object.values(r.emailTemplates ?? {}).every((t) => t === null)).toBe(true);
    expect(r.guardianFactors?.map((g) => g.name)).toEqual([
      'sms', 'push-notification', 'email', 'duo', 'otp', 'webauthn-roaming', 'webauthn-platform', 'recovery-code',
    ]);
    expect(r.guardianFactors?.some((g) => g.enabled)).toBe(false);
    expect(r.guardianPolicies).toEqual([]);
    expect(r.logStreams).toEqual([]);
    expect(r.breachedPasswordDetection).toMatchObject({ enabled: false, shields: [] });
    expect(r.botDetection?.challenge_password_policy).toBe('never');
    expect(r.tenantSettings).toMatchObject({ sandbox_version: '18', enabled_locales: ['en'] });
    expect(r.tenantSettings?.support_email).toBeUndefined();
    expect(r.clients?.map((c) => c.name)).toEqual(['All Applications', 'Default App']);
    expect(r.connections?.find((c) => c.strategy === 'google-oauth2')?.options?.client_id).toBe('');
    // Only the system Management API, no grants, roles, legacy rules or hooks, organizations.
    expect(r.resourceServers?.map((a) => a.name)).toEqual(['Auth0 Management API']);
    expect([r.clientGrants, r.roles, r.rules, r.hooks, r.scimConfigurations, r.forms, r.eventStreams]).toEqual([[], [], [], [], [], [], []]);
    expect(r.rolePermissions).toEqual({});
    // The key the tenant was created with, and the next one.
    expect(r.signingKeys?.map((k) => [k.current, k.next])).toEqual([[true, false], [false, true]]);
    // A free development tenant: no Enterprise features.
    expect(load('brand-new').planGated).toEqual(['networkAcls', 'selfServiceProfiles']);
    // Logins straight on the canonical domain (no custom domain yet), one unverified user.
    expect(r.logEvents?.canonicalDomainLogins?.count).toBe(5);
    expect(r.logEvents?.rateLimits?.count).toBe(0);
    expect(r.usersSample).toMatchObject({ total: 2, unverified: 1 });
  });

  it('go-live-ready-b2c has everything in place', () => {
    const r = load('go-live-ready-b2c').resources;
    expect(r.customDomains?.[0]).toMatchObject({ status: 'ready', domain: 'login.acme.example', type: 'auth0_managed_certs' });
    expect(r.emailProvider).toMatchObject({ name: 'sendgrid', enabled: true, default_from_address: 'no-reply@acme.example' });
    for (const [name, t] of Object.entries(r.emailTemplates ?? {})) {
      if (name === 'user_invitation') continue; // B2C: no organization invitations
      expect(t, name).toMatchObject({ enabled: true });
      expect(t?.subject && t.from && t.body, name).toBeTruthy();
    }
    for (const name of ['verify_email', 'reset_email'] as const) {
      expect(r.emailTemplates?.[name]?.resultUrl).toMatch(/^https:\/\//);
      expect(r.emailTemplates?.[name]?.urlLifetimeInSeconds).toBeLessThanOrEqual(432000);
    }
    expect(r.tenantSettings?.flags?.enable_custom_domain_in_emails).toBe(true);
    expect(r.tenantSettings?.sandbox_version).toBe('22');
    expect(r.guardianPolicies).toEqual(['all-applications']);
    expect(r.guardianFactors?.filter((g) => g.enabled).map((g) => g.name).sort()).toEqual(
      ['email', 'otp', 'recovery-code', 'webauthn-roaming'],
    );
    expect(r.logStreams?.filter((s) => s.status === 'active')).toHaveLength(1);
    for (const c of r.clients ?? []) {
      for (const url of [...(c.callbacks ?? []), ...(c.allowed_logout_urls ?? []), ...(c.web_origins ?? [])]) {
        expect(url, c.name).not.toMatch(/localhost|127\.0\.0\.1|^http:|\*/);
      }
    }
    expect(new Set(r.clients?.map((c) => c.app_type))).toEqual(new Set([undefined, 'regular_web', 'spa', 'native', 'non_interactive']));
    expect(r.actions?.[0]).toMatchObject({ runtime: 'node22', all_changes_deployed: true });
    expect(r.actions?.[0]?.code).toContain('api.idToken.setCustomClaim');
    expect(r.postLoginBindings?.[0]?.action?.id).toBe(r.actions?.[0]?.id);

    // APIs (API-01..06): one of its own, RS256, short-lived tokens, RBAC enforced with permissions in the token.
    const own = r.resourceServers?.filter((a) => !a.is_system) ?? [];
    expect(own).toHaveLength(1);
    for (const a of r.resourceServers ?? []) {
      expect(a.signing_alg, a.name).toMatch(/^(RS256|PS256)$/);
      expect(a.token_lifetime, a.name).toBeLessThanOrEqual(86400);
      expect(a.token_lifetime_for_web, a.name).toBeLessThanOrEqual(86400);
    }
    expect(own[0]).toMatchObject({ enforce_policies: true, token_dialect: 'access_token_authz', skip_consent_for_verifiable_first_party_clients: true });
    // Grants (GR-01, GR-02): no allow_all_scopes; the deploy client on the Management API; every M2M client has one.
    const grants = r.clientGrants ?? [];
    expect(grants.some((g) => g.allow_all_scopes)).toBe(false);
    const mapi = `https://${load('go-live-ready-b2c').domain}/api/v2/`;
    const deploy = r.clients?.find((c) => /deploy/i.test(c.name ?? ''));
    expect(grants.filter((g) => g.audience === mapi).map((g) => g.client_id)).toEqual([deploy?.client_id]);
    for (const c of r.clients ?? []) {
      if (c.app_type === 'non_interactive' && c.grant_types?.includes('client_credentials')) {
        expect(grants.some((g) => g.client_id === c.client_id), c.name).toBe(true);
      }
    }
    // Roles with permissions (ROLE-01), no enabled legacy code (ACT-04), no organizations.
    expect(r.roles?.length).toBeGreaterThan(0);
    for (const role of r.roles ?? []) expect(r.rolePermissions?.[role.id]?.length, role.name).toBeGreaterThan(0);
    expect([...(r.rules ?? []), ...(r.hooks ?? [])].filter((x) => x.enabled)).toEqual([]);
    expect([r.organizationConnections, r.organizationMembers, r.organizationDiscoveryDomains]).toEqual([{}, {}, {}]);
    expect(r.signingKeys?.filter((k) => k.current)).toHaveLength(1);
    expect(r.networkAcls?.every((a) => a.active && a.rule?.scope)).toBe(true);
    // Logs (CD-04, LOG-03, LOG-04): logins only on the custom domain, no rate limits, no deprecations.
    for (const q of ['canonicalDomainLogins', 'rateLimits', 'deprecations'] as const) expect(r.logEvents?.[q]?.count, q).toBe(0);
    expect(load('go-live-ready-b2c').logs?.filter((l) => ['s', 'ss', 'f', 'fp', 'fu'].includes(l.type)).every((l) => l.hostname === 'login.acme.example')).toBe(true);
    expect(r.usersSample).toMatchObject({ total: 5, unverified: 0 });
  });

  it('b2b-organizations is an Organizations tenant with its gaps', () => {
    const f = load('b2b-organizations');
    const r = f.resources;
    expect(f.planGated).toEqual(['botDetection']);
    expect(r.organizations?.length).toBeGreaterThanOrEqual(3);
    expect(r.connections?.map((c) => c.strategy).sort()).toEqual(['auth0', 'okta', 'samlp']);
    expect(r.connections?.find((c) => c.strategy === 'auth0')?.options?.disable_signup).toBe(true);
    expect(r.clients?.filter((c) => c.organization_usage === 'require')).toHaveLength(2);
    expect(r.emailTemplates?.user_invitation?.enabled).toBe(true);
    expect(r.guardianPolicies).toEqual([]);
    expect(r.guardianFactors?.some((g) => g.enabled)).toBe(true);
    expect(r.logStreams?.map((s) => s.status).sort()).toEqual(['active', 'paused']);

    // Organization sub-resources, with gaps: Vandelay has no connection and no members; Hooli
    // joins anyone who logs in with the shared database; Umbrella's domain is not verified.
    const org = (name: string) => r.organizations?.find((o) => o.name === name)?.id ?? '';
    expect(r.organizationConnections?.[org('vandelay-industries')]).toEqual([]);
    expect(r.organizationMembers?.[org('vandelay-industries')]).toEqual({ count: 0, more: false });
    expect(r.organizationConnections?.[org('hooli')]).toMatchObject([{ assign_membership_on_login: true, connection: { strategy: 'auth0' } }]);
    expect(r.organizationMembers?.[org('initech')]).toEqual({ count: 50, more: true });
    expect(f.memberTotals).toEqual({ [org('initech')]: 137 });
    expect(r.organizationDiscoveryDomains?.[org('umbrella-corp')]?.map((d) => d.status)).toEqual(['pending']);
    // SCIM for the SAML connection, a self-service SSO profile, a form.
    expect(r.scimConfigurations?.map((s) => s.connection_name)).toEqual(['initech-saml']);
    expect(r.selfServiceProfiles).toHaveLength(1);
    expect(r.forms).toHaveLength(1);
    // A legacy API (HS256, 30-day tokens, RBAC off) whose permissions a role carries.
    const legacy = r.resourceServers?.find((a) => a.signing_alg === 'HS256');
    expect(legacy).toMatchObject({ token_lifetime: 2592000, enforce_policies: false });
    expect(Object.values(r.rolePermissions ?? {}).flat().some((p) => p.resource_server_identifier === legacy?.identifier)).toBe(true);
    // A disabled legacy rule, an old current signing key, a disabled event stream.
    expect(r.rules?.map((x) => x.enabled)).toEqual([false]);
    expect(r.signingKeys?.find((k) => k.current)?.current_since).toBe('2023-03-07T14:11:22.000Z');
    expect(r.eventStreams?.map((e) => e.status)).toEqual(['disabled']);
    // Logs: Admin Console logins on the canonical domain, one deprecation notice; the rate-limit
    // event is older than the 7-day lookback.
    expect(r.logEvents?.canonicalDomainLogins?.count).toBe(2);
    expect(r.logEvents?.deprecations?.count).toBe(1);
    expect(r.logEvents?.rateLimits?.count).toBe(0);
    expect(f.logs?.filter((l) => l.type === 'api_limit')).toHaveLength(1);
    expect(r.usersSample).toMatchObject({ total: 6, unverified: 1 });
    expect(r.usersSample?.sample.filter((u) => (u.identities?.length ?? 0) > 1)).toHaveLength(1);
  });

  it('large hides its problems on the last page at page size 100', () => {
    const r = load('large').resources;
    const clients = r.clients ?? [];
    const conns = r.connections ?? [];
    expect(clients.length).toBeGreaterThanOrEqual(400);
    expect(conns.length).toBeGreaterThanOrEqual(250);
    expect(r.actions?.length).toBe(300);
    expect(r.organizations?.length).toBe(60);
    expect(r.logStreams).toHaveLength(1);
    expect(r.resourceServers?.length).toBe(101);
    expect(r.roles?.length).toBe(41);
    expect(Math.max(...Object.values(r.rolePermissions ?? {}).map((p) => p.length))).toBe(150);
    expect(r.clientGrants?.length).toBeGreaterThan(100);
    const l = load('large');
    expect(Object.values(l.memberTotals ?? {}).every((n) => n > 50)).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(l, null, 2))).toBeLessThanOrEqual(2 * 1024 * 1024);

    // The legacy API is the only one with a problem, and the last one (page=1 at per_page=100).
    const apis = r.resourceServers ?? [];
    const weakApis = apis.filter((a) => a.signing_alg !== 'RS256' || (a.token_lifetime ?? 0) > 86400);
    expect(weakApis).toEqual([apis.at(-1)]);
    expect(apis.at(-1)).toMatchObject({ name: 'Legacy Partner Reports API', signing_alg: 'HS256' });

    const lastClients = clients.slice(Math.floor((clients.length - 1) / 100) * 100);
    const localhost = clients.filter((c) => c.callbacks?.some((u) => u.includes('localhost')));
    expect(localhost.map((c) => c.name)).toEqual(['Legacy Partner Portal']);
    expect(lastClients).toContain(localhost[0]);
    expect(clients.at(-1)?.callbacks).toContain('http://localhost:3000/callback');

    const lastConns = conns.slice(Math.floor((conns.length - 1) / 100) * 100);
    const devKeys = conns.filter((c) => c.strategy !== 'auth0' && c.options?.client_id === '');
    expect(devKeys).toEqual([conns.at(-1)]);
    expect(conns.at(-1)?.strategy).toBe('github');
    const weakDb = conns.filter((c) => c.strategy === 'auth0' && c.options?.brute_force_protection !== true);
    expect(weakDb.map((c) => c.name)).toEqual(['legacy-import-users']);
    expect(lastConns).toContain(weakDb[0]);
    const strategies = conns.map((c) => c.strategy);
    expect(strategies.filter((s) => s === 'auth0' || ['samlp', 'okta', 'oidc', 'waad'].includes(s)).length).toBeGreaterThan(250);
  });

  it('large.json is what scripts/generate-large-fixture.mjs produces', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'scripts', 'generate-large-fixture.mjs'), '--check'], {
      encoding: 'utf8',
    });
    expect(out).toContain('up to date');
  });
});
