/**
 * Configuration drift between two tenants (the cross-tenant check X-04): each snapshot is normalised to the
 * fields that should be equal across environments, resources matched by name, then compared.
 *
 * Compared: actions (code hash, runtime, secret names, triggers) and the post-login binding order;
 * connection options (password policy fields, disable_signup, import_mode, attributes,
 * domain_aliases); attack protection; MFA factors and policy; prompts, branding and email
 * template body hashes; tenant flags, session lifetimes, enabled_locales and the settings rules
 * read (support email and URL, default redirection URI, runtime, error and password pages);
 * custom domains (how many, type and status); the email provider (name, enabled, from address);
 * log streams (type, status, filters); resource servers (identifier, scopes, enforce_policies,
 * token_dialect); roles and their permissions; clients (app_type, grant_types, callback, logout,
 * web-origin and CORS URL lists, login URI, token endpoint auth method); rules and hooks.
 * The table of what is compared and how it is normalised is in docs/cli.md ("diff").
 * Ignored: ids, secrets (only secret names are compared), client_id, domains — every string has
 * the tenant's own domain, its name and its custom domains replaced by placeholders, so
 * `https://acme-qa.us.auth0.com/api/v2/` equals `https://acme-prod.us.auth0.com/api/v2/` — and any
 * path matching a `drift.ignore` pattern of the config.
 */
import { createHash } from 'node:crypto';
import { dataOf, type Snapshot } from '../snapshot/snapshot.js';
import type { ResourceKey } from '../snapshot/resources.js';
import { mdText } from '../report/markdown.js';

export const DRIFT_SCHEMA_VERSION = 1;

/** section → resource name → normalised fields. */
export type Normalised = Record<string, Record<string, Record<string, unknown>>>;

export interface DriftSide {
  label: string;
  domain: string;
  source: string;
}

export interface DriftEntry {
  /** `section/name` or `section/name/field` (the path `drift.ignore` patterns match). */
  path: string;
  section: string;
  name: string;
  field?: string;
  kind: 'only-in-a' | 'only-in-b' | 'changed';
  a?: unknown;
  b?: unknown;
}

export interface DriftReport {
  kind: 'drift';
  schemaVersion: number;
  a: DriftSide;
  b: DriftSide;
  drift: boolean;
  entries: DriftEntry[];
  /** Resources one side could not read: not compared, and not counted as drift. */
  notCompared: { side: 'a' | 'b'; resource: string; reason: string }[];
  /** Differences left out by `drift.ignore`. */
  ignored: number;
  ignorePatterns: string[];
}

const hash = (s: string | null | undefined): string | null => (typeof s === 'string' ? createHash('sha256').update(s).digest('hex').slice(0, 16) : null);
const sorted = <T>(xs: readonly T[] | null | undefined): T[] => [...(xs ?? [])].sort();
type Obj = Record<string, unknown>;
const pick = (o: Obj | null | undefined, keys: readonly string[]): Obj => {
  const out: Obj = {};
  if (!o) return out;
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
};
const byName = <T extends Obj>(items: readonly T[] | undefined, f: (x: T) => Obj, nameOf: (x: T) => unknown = (x) => x.name): Record<string, Obj> => {
  const out: Record<string, Obj> = {};
  for (const it of items ?? []) {
    const name = nameOf(it);
    if (typeof name === 'string' && name) out[name] = f(it);
  }
  return out;
};

/** Strings naming this tenant (domain, name, custom domains), longest first, and their placeholder. */
function tenantTokens(s: Snapshot): [string, string][] {
  const tokens: [string, string][] = [];
  const domain = s.tenant.domain;
  if (domain && domain.includes('.')) {
    tokens.push([domain, '{tenant-domain}']);
    tokens.push([domain.split('.')[0] as string, '{tenant}']);
  }
  for (const cd of dataOf(s, 'customDomains') ?? []) if (cd.domain) tokens.push([cd.domain, '{custom-domain}']);
  return tokens.sort((x, y) => y[0].length - x[0].length);
}

function replaceTokens(v: unknown, tokens: [string, string][]): unknown {
  if (typeof v === 'string') {
    let s = v;
    for (const [t, p] of tokens) s = s.split(t).join(p);
    return s;
  }
  if (Array.isArray(v)) return v.map((x) => replaceTokens(x, tokens));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replaceTokens(x, tokens)]));
  return v;
}

const PASSWORD_FIELDS = ['passwordPolicy', 'password_complexity_options', 'password_history', 'password_dictionary', 'password_no_personal_info', 'disable_signup', 'import_mode', 'attributes', 'domain_aliases', 'brute_force_protection', 'requires_username', 'validation'];
const SESSION_FIELDS = ['session_lifetime', 'idle_session_lifetime', 'ephemeral_session_lifetime', 'idle_ephemeral_session_lifetime'];
/** Tenant settings the rules read, beside the session lifetimes and flags. */
const TENANT_FIELDS = ['sandbox_version', 'default_directory', 'default_audience', 'device_flow'];
/** Tenant settings that name the environment's own addresses: compared between versions of one tenant only. */
const TENANT_URL_FIELDS = ['support_email', 'support_url', 'default_redirection_uri', 'error_page', 'change_password', 'guardian_mfa_page', 'allowed_logout_urls'];
/** Client URL lists and login settings the rules read (strings have the tenant's own domains as placeholders). */
const CLIENT_URL_FIELDS = ['callbacks', 'allowed_logout_urls', 'web_origins', 'allowed_origins'];

/** The resources X-04 reads (for "not compared" reporting). */
export const DRIFT_RESOURCES: readonly ResourceKey[] = [
  'actions', 'postLoginBindings', 'connections', 'bruteForceProtection', 'suspiciousIpThrottling', 'breachedPasswordDetection', 'botDetection',
  'guardianFactors', 'guardianPolicies', 'prompts', 'branding', 'emailTemplates', 'tenantSettings', 'resourceServers', 'roles', 'rolePermissions',
  'clients', 'rules', 'hooks', 'customDomains', 'emailProvider', 'logStreams',
];

/**
 * `sameTenant`: the two sides are versions of one tenant (`diff` of two exports of it). Then the
 * values that differ by environment are compared too — client URL lists, the support email and
 * URLs —; between two tenants (QA → prod, X-04) they are expected to differ and are not.
 */
export function normalise(s: Snapshot, opts: { sameTenant?: boolean } = {}): Normalised {
  const perTenant = !!opts.sameTenant;
  const n: Normalised = {};
  const actions = dataOf(s, 'actions');
  if (actions) {
    n.actions = byName(actions as Obj[], (a) => ({
      codeHash: hash(a.code as string | undefined),
      runtime: a.runtime ?? null,
      secrets: sorted(((a.secrets as { name?: string }[] | undefined) ?? []).map((x) => x.name ?? '')),
      triggers: sorted(((a.supported_triggers as { id?: string }[] | undefined) ?? []).map((t) => t.id ?? '')),
    }));
  }
  const bindings = dataOf(s, 'postLoginBindings');
  if (bindings) {
    n.bindings = { 'post-login': { order: (bindings as Obj[]).map((b) => ((b.action as Obj | undefined)?.name as string | undefined) ?? (b.display_name as string | undefined) ?? '?') } };
  }
  const connections = dataOf(s, 'connections');
  if (connections) n.connections = byName(connections as Obj[], (c) => ({ strategy: c.strategy, ...pick(c.options as Obj | undefined, PASSWORD_FIELDS) }));
  const ap: Record<string, Obj> = {};
  for (const key of ['bruteForceProtection', 'suspiciousIpThrottling', 'breachedPasswordDetection', 'botDetection'] as const) {
    const d = dataOf(s, key);
    if (d) ap[key] = { ...(d as Obj) };
  }
  if (Object.keys(ap).length) n['attack-protection'] = ap;
  const factors = dataOf(s, 'guardianFactors');
  const policies = dataOf(s, 'guardianPolicies');
  if (factors || policies) {
    n.mfa = {
      ...byName(factors as Obj[] | undefined, (f) => ({ enabled: f.enabled })),
      ...(policies ? { policy: { policies: sorted(policies) } } : {}),
    };
  }
  const prompts = dataOf(s, 'prompts');
  const branding = dataOf(s, 'branding');
  if (prompts || branding) {
    n.branding = {
      ...(prompts ? { prompts: { ...(prompts as Obj) } } : {}),
      ...(branding ? { branding: { ...(branding as Obj) } } : {}),
    };
  }
  const templates = dataOf(s, 'emailTemplates');
  if (templates) {
    const tokens = tenantTokens(s);
    n['email-templates'] = Object.fromEntries(
      Object.entries(templates as Record<string, Obj | null>).map(([name, t]) => [
        name,
        t ? { enabled: t.enabled ?? null, subject: t.subject ?? null, bodyHash: hash(replaceTokens(t.body, tokens) as string | undefined) } : { customised: false },
      ]),
    );
  }
  const ts = dataOf(s, 'tenantSettings');
  if (ts) n.tenant = { settings: { ...pick(ts as Obj, SESSION_FIELDS), ...pick(ts as Obj, perTenant ? [...TENANT_FIELDS, ...TENANT_URL_FIELDS] : TENANT_FIELDS), flags: ts.flags ?? {}, enabled_locales: ts.enabled_locales ?? [] } };
  // Custom domains: every name is the {custom-domain} placeholder, so they are compared by how many
  // there are and how they are set up, not by name.
  const cds = dataOf(s, 'customDomains');
  if (cds) n['custom-domains'] = { 'custom domains': { count: cds.length, setup: sorted((cds as Obj[]).map((c) => `${String(c.type ?? '?')} ${String(c.status ?? '?')}`)) } };
  const ep = dataOf(s, 'emailProvider') as Obj | null | undefined;
  if (ep !== undefined) {
    n['email-provider'] = { provider: ep && Object.keys(ep).length ? { name: ep.name ?? null, enabled: ep.enabled ?? null, default_from_address: ep.default_from_address ?? null } : { configured: false } };
  }
  const streams = dataOf(s, 'logStreams');
  if (streams) {
    n['log-streams'] = byName(streams as Obj[], (l) => ({
      type: l.type ?? null,
      status: l.status ?? null,
      filters: sorted(((l.filters as { name?: string }[] | undefined) ?? []).map((f) => f.name ?? '')),
      // Stream names often carry the tenant's name ("Datadog (acme-prod)"): matched with it as a placeholder.
    }), (l) => replaceTokens(l.name, tenantTokens(s)));
  }
  const rs = dataOf(s, 'resourceServers');
  if (rs) {
    n['resource-servers'] = byName(rs as Obj[], (r) => ({
      identifier: r.identifier,
      scopes: sorted(((r.scopes as { value?: string }[] | undefined) ?? []).map((x) => x.value ?? '')),
      enforce_policies: r.enforce_policies ?? false,
      token_dialect: r.token_dialect ?? null,
    }));
  }
  const roles = dataOf(s, 'roles');
  if (roles) {
    const perms = (dataOf(s, 'rolePermissions') ?? {}) as Record<string, { permission_name?: string; resource_server_identifier?: string }[]>;
    n.roles = byName(roles as Obj[], (r) => ({
      permissions: sorted((perms[r.id as string] ?? []).map((p) => `${p.resource_server_identifier ?? ''} ${p.permission_name ?? ''}`)),
    }));
  }
  const clients = dataOf(s, 'clients');
  if (clients) {
    n.clients = byName(clients as Obj[], (c) => ({
      app_type: c.app_type ?? null,
      grant_types: sorted(c.grant_types as string[] | undefined),
      ...(perTenant ? Object.fromEntries(CLIENT_URL_FIELDS.map((k) => [k, sorted(c[k] as string[] | undefined)])) : {}),
      ...(perTenant ? { initiate_login_uri: c.initiate_login_uri ?? null } : {}),
      token_endpoint_auth_method: c.token_endpoint_auth_method ?? null,
    }));
  }
  const rules = dataOf(s, 'rules');
  if (rules) n.rules = byName(rules as Obj[], (r) => ({ enabled: r.enabled ?? null, order: r.order ?? null, scriptHash: hash(r.script as string | undefined) }));
  const hooks = dataOf(s, 'hooks');
  if (hooks) n.hooks = byName(hooks as Obj[], (h) => ({ enabled: h.enabled ?? null, triggerId: h.triggerId ?? null, scriptHash: hash(h.script as string | undefined) }));
  return replaceTokens(n, tenantTokens(s)) as Normalised;
}

/** Dotted paths to leaves; arrays are leaves (compared whole). */
function flatten(o: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (o && typeof o === 'object' && !Array.isArray(o)) {
    const entries = Object.entries(o as Obj);
    if (!entries.length && prefix) out[prefix] = {};
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out[prefix] = o;
  return out;
}

/** `drift.ignore` patterns: `*` matches within one path segment (`/`), `**` across segments. */
export function ignoreMatcher(patterns: readonly string[]): (path: string) => boolean {
  const res = patterns.map((p) => {
    const src = p
      .split('**')
      .map((part) => part.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*'))
      .join('.*');
    // A pattern matches the path itself or anything under it (a section, a resource, a field prefix).
    return new RegExp(`^${src}(?:[/.].*)?$`);
  });
  return (path) => res.some((r) => r.test(path));
}

const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);

export function diffSnapshots(a: { side: DriftSide; snapshot: Snapshot }, b: { side: DriftSide; snapshot: Snapshot }, opts: { ignore?: readonly string[] } = {}): DriftReport {
  const unread = (snap: Snapshot) => DRIFT_RESOURCES.flatMap((key) => { const r = snap.resources[key]; return r && !r.ok ? [{ resource: key, detail: r.detail }] : []; });
  const sameTenant = a.snapshot.tenant.domain === b.snapshot.tenant.domain;
  const na = normalise(a.snapshot, { sameTenant });
  const nb = normalise(b.snapshot, { sameTenant });
  const aExport = a.snapshot.source.kind === 'deploy-cli';
  const bExport = b.snapshot.source.kind === 'deploy-cli';
  // An export beside a live read (or a snapshot of one): what exports never hold is not drift.
  const blind = aExport === bExport ? [] : withoutExportBlindSpots(aExport ? nb : na, aExport ? b.snapshot : a.snapshot, aExport ? na : nb);
  const report = diffNormalised({ side: a.side, normalised: na, unread: unread(a.snapshot) }, { side: b.side, normalised: nb, unread: unread(b.snapshot) }, opts);
  const exportSide = aExport ? ('a' as const) : ('b' as const);
  report.notCompared.push(...blind.map((resource) => ({ side: exportSide, resource, reason: 'never in a Deploy CLI export: not compared' })));
  return report;
}

/**
 * Remove from the live side what a Deploy CLI export never holds, and name each: the global client
 * ("All Applications"), the system APIs (the Auth0 Management API), and tenant flags the export does
 * not carry (the Deploy CLI manages only some; `a0deploy import` leaves the others as they are).
 */
function withoutExportBlindSpots(live: Normalised, liveSnapshot: Snapshot, exported: Normalised): string[] {
  const out: string[] = [];
  const clients = live.clients;
  for (const c of (dataOf(liveSnapshot, 'clients') ?? []) as Obj[]) {
    const name = c.name as string | undefined;
    if (c.global === true && name && clients && name in clients) {
      delete clients[name];
      out.push(`clients/${name}`);
    }
  }
  const apis = live['resource-servers'];
  const domain = liveSnapshot.tenant.domain;
  for (const r of (dataOf(liveSnapshot, 'resourceServers') ?? []) as Obj[]) {
    const name = r.name as string | undefined;
    if ((r.is_system === true || r.identifier === `https://${domain}/api/v2/`) && name && apis && name in apis) {
      delete apis[name];
      out.push(`resource-servers/${name}`);
    }
  }
  // Settings a modern export strips (sandbox_version) or leaves out: not compared.
  const liveSettings = live.tenant?.settings as Obj | undefined;
  const exportSettings = (exported.tenant?.settings ?? {}) as Obj;
  if (liveSettings && exported.tenant) {
    const absent = [...TENANT_FIELDS, ...TENANT_URL_FIELDS].filter((k) => k in liveSettings && !(k in exportSettings)).sort();
    for (const k of absent) delete liveSettings[k];
    if (absent.length) out.push(`tenant/settings ${absent.join(', ')}`);
  }
  const liveFlags = (live.tenant?.settings as Obj | undefined)?.flags as Obj | undefined;
  const exportFlags = ((exported.tenant?.settings as Obj | undefined)?.flags ?? {}) as Obj;
  if (liveFlags && exported.tenant) {
    const notCarried = Object.keys(liveFlags).filter((k) => !(k in exportFlags)).sort();
    for (const k of notCarried) delete liveFlags[k];
    if (notCarried.length) out.push(`tenant/settings flags.${notCarried.join(', flags.')}`);
  }
  return out;
}

/** One side of a drift comparison, already normalised (from a snapshot, or from a report's facts). */
export interface NormalisedSide {
  side: DriftSide;
  normalised: Normalised;
  /** Drift resources this side could not read. */
  unread: readonly { resource: string; detail: string }[];
}

export function diffNormalised(a: NormalisedSide, b: NormalisedSide, opts: { ignore?: readonly string[] } = {}): DriftReport {
  const ignorePatterns = [...(opts.ignore ?? [])];
  const ignored = ignoreMatcher(ignorePatterns);
  const notCompared: DriftReport['notCompared'] = [
    ...a.unread.map((u) => ({ side: 'a' as const, resource: u.resource, reason: u.detail })),
    ...b.unread.map((u) => ({ side: 'b' as const, resource: u.resource, reason: u.detail })),
  ];
  const na = a.normalised;
  const nb = b.normalised;
  const entries: DriftEntry[] = [];
  let ignoredCount = 0;
  const push = (e: DriftEntry) => {
    if (ignored(e.path)) ignoredCount++;
    else entries.push(e);
  };
  // A section only one side could read is not drift: it is reported under notCompared.
  const sections = [...new Set([...Object.keys(na), ...Object.keys(nb)])].filter((sec) => na[sec] && nb[sec]).sort();
  for (const section of sections) {
    const sa = na[section] ?? {};
    const sb = nb[section] ?? {};
    for (const name of [...new Set([...Object.keys(sa), ...Object.keys(sb)])].sort()) {
      const path = `${section}/${name}`;
      if (!(name in sb)) push({ path, section, name, kind: 'only-in-a' });
      else if (!(name in sa)) push({ path, section, name, kind: 'only-in-b' });
      else {
        const fa = flatten(sa[name]);
        const fb = flatten(sb[name]);
        for (const field of [...new Set([...Object.keys(fa), ...Object.keys(fb)])].sort()) {
          if (same(fa[field], fb[field])) continue;
          push({ path: `${path}/${field}`, section, name, field, kind: 'changed', ...(fa[field] !== undefined ? { a: fa[field] } : {}), ...(fb[field] !== undefined ? { b: fb[field] } : {}) });
        }
      }
    }
  }
  return { kind: 'drift', schemaVersion: DRIFT_SCHEMA_VERSION, a: a.side, b: b.side, drift: entries.length > 0, entries, notCompared, ignored: ignoredCount, ignorePatterns };
}

const show = (v: unknown) => (v === undefined ? '(absent)' : JSON.stringify(v));
const describe = (e: DriftEntry, r: DriftReport) =>
  e.kind === 'only-in-a' ? `only in ${r.a.label}` : e.kind === 'only-in-b' ? `only in ${r.b.label}` : `${r.a.label}: ${show(e.a)} · ${r.b.label}: ${show(e.b)}`;

export function renderDriftText(r: DriftReport): string {
  const lines = [`Drift ${r.a.label} (${r.a.domain}) → ${r.b.label} (${r.b.domain}): ${r.drift ? `${r.entries.length} difference(s)` : 'no drift'}`];
  let section = '';
  for (const e of r.entries) {
    if (e.section !== section) {
      section = e.section;
      lines.push('', `${section}`);
    }
    lines.push(`  ${e.kind === 'changed' ? '~' : e.kind === 'only-in-a' ? '-' : '+'} ${e.name}${e.field ? ` ${e.field}` : ''}: ${describe(e, r)}`);
  }
  if (r.notCompared.length) {
    lines.push('', 'Not compared (could not be read, or never in a Deploy CLI export):');
    for (const n of r.notCompared) lines.push(`  ${n.side === 'a' ? r.a.label : r.b.label}: ${n.resource} — ${n.reason}`);
  }
  if (r.ignored) lines.push('', `${r.ignored} difference(s) ignored by drift.ignore (${r.ignorePatterns.join(', ')})`);
  return `${lines.join('\n')}\n`;
}

/** Every value from a tenant, escaped as in every Markdown report (no markup, links, HTML, tables or @-mentions). */
const md = (s: string) => mdText(s, 300);

export function renderDriftMarkdown(r: DriftReport): string {
  const lines = [`## Drift: ${md(r.a.label)} → ${md(r.b.label)}`, '', r.drift ? `**${r.entries.length} difference(s)** between ${md(r.a.domain)} and ${md(r.b.domain)}.` : `No drift between ${md(r.a.domain)} and ${md(r.b.domain)}.`, ''];
  if (r.entries.length) {
    lines.push(`| Section | Name | Field | ${md(r.a.label)} | ${md(r.b.label)} |`, '| --- | --- | --- | --- | --- |');
    for (const e of r.entries) {
      const va = e.kind === 'only-in-b' ? '—' : e.kind === 'only-in-a' ? 'present' : md(show(e.a));
      const vb = e.kind === 'only-in-a' ? '—' : e.kind === 'only-in-b' ? 'present' : md(show(e.b));
      lines.push(`| ${md(e.section)} | ${md(e.name)} | ${e.field ? md(e.field) : ''} | ${va} | ${vb} |`);
    }
    lines.push('');
  }
  if (r.notCompared.length) {
    lines.push('Not compared (could not be read, or never in a Deploy CLI export):', '');
    for (const n of r.notCompared) lines.push(`- ${md(n.side === 'a' ? r.a.label : r.b.label)}: ${md(n.resource)} — ${md(n.reason)}`);
    lines.push('');
  }
  if (r.ignored) lines.push(`${r.ignored} difference(s) ignored by \`drift.ignore\`.`, '');
  return `${lines.join('\n')}`;
}
