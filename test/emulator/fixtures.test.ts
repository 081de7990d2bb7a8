/**
 * The fixture tenants in fixtures/tenants: valid against the resource registry's zod schemas,
 * internally consistent, free of real secrets, and true to their descriptions.
 */
import { execFileSync } from 'node:child_process';
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
  });

  it('large hides its problems on the last page at page size 100', () => {
    const r = load('large').resources;
    const clients = r.clients ?? [];
    const conns = r.connections ?? [];
    expect(clients.length).toBeGreaterThanOrEqual(400);
    expect(conns.length).toBeGreaterThanOrEqual(250);
    expect(r.actions?.length).toBe(50);
    expect(r.organizations?.length).toBe(60);
    expect(r.logStreams).toHaveLength(1);

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
