#!/usr/bin/env node
/**
 * Generates fixtures/deploy-cli/<tenant>/{yaml,directory}/…: for each fixture tenant of
 * fixtures/tenants/, the export `a0deploy export` (Deploy CLI v8) would write for it, in both
 * formats, plus the Deploy CLI config (`config.json`) the export was made with.
 *
 *   node scripts/generate-deploy-cli-exports.mjs            # (re)writes fixtures/deploy-cli/<tenant>/
 *   node scripts/generate-deploy-cli-exports.mjs --check    # exit 1 if the committed exports are stale
 *
 * Deterministic (same fixtures, same bytes), plain Node + the `yaml` package, no network. Only the
 * four tenant folders are written; fixtures/deploy-cli/cases/ (hand-written) is never touched.
 *
 * What an export holds, as the Deploy CLI writes it (auth0-deploy-cli, src/tools/auth0/handlers,
 * src/context/{yaml,directory}, src/readonly.ts; see /work/shared/reference/deploy-cli-format.md):
 * - no ids (AUTH0_EXPORT_IDENTIFIERS off): `client_id`, connection/role/org/log-stream ids,
 *   `custom_domain_id`, `themeId` are stripped; references are NAMES (`enabled_clients`, grant
 *   `client_id`, organization connections, trigger bindings by `action_name`);
 * - read-only fields stripped: tenant `sandbox_versions_available` (not `sandbox_version`: exported
 *   since Deploy CLI 7.16.0) and flags outside the Deploy CLI's allowlist (tenant.ts:120-147, e.g.
 *   `enable_custom_domain_in_emails`, `enable_sso`); client `client_secret`, `global`, `tenant`, `callback_url_template`…;
 *   connection `realms`; database `options.configuration`; guardian factor `trial_expired`;
 * - secrets as the Deploy CLI's placeholders: connection `options.client_secret` →
 *   `##CONNECTIONS_<STRATEGY>_SECRET##`; email provider credentials → `##SENDGRID_API_KEY##`,
 *   `##SES_ACCESS_KEY_ID##`…; log-stream sink secrets → `##LOGSTREAMS_<TYPE>_SECRET##`; hook
 *   secrets → `_VALUE_NOT_SHOWN_`;
 * - the global client is not exported (its custom login page, if any, is the `login` page); the
 *   tenant pages (error, password reset, MFA) move from the tenant settings to `pages`;
 * - the "Auth0 Management API" resource server is excluded; the grants of the client the Deploy CLI
 *   runs as (AUTH0_CLIENT_ID) are not exported; plan-gated features (403) are skipped;
 * - sections named in AUTH0_EXCLUDED (config.json) are not written;
 * - side files for code and HTML: action code, rule/hook scripts, custom database scripts, page,
 *   email and Universal Login template HTML; YAML form bodies.
 * Directory format: a0deploy creates an empty folder for a section with no items (none for
 * Actions and Hooks); git keeps no empty folder, so such folders get a `.gitkeep` here (the
 * Deploy CLI ignores it). Action `code` paths are written as a0deploy writes them: relative to
 * where the export ran (`directory/actions/<name>/code.js`, from fixtures/deploy-cli/<tenant>/).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TENANTS_DIR = join(ROOT, 'fixtures/tenants');
const OUT_DIR = join(ROOT, 'fixtures/deploy-cli');

/**
 * Per tenant: the Deploy CLI config the export was made with.
 * - `excluded`: AUTH0_EXCLUDED. The Deploy CLI docs recommend excluding log streams on free
 *   tenants: brand-new (a development tenant on the free plan) is exported that way, so its
 *   export shows what "not in the export" does to an audit.
 * - `deployClient`: the name of the client the Deploy CLI runs as (AUTH0_CLIENT_ID), if the tenant
 *   has one.
 */
export const TENANTS = {
  'brand-new': { excluded: ['logStreams'] },
  'go-live-ready-b2c': { deployClient: 'Auth0 Deploy CLI (GitHub Actions)' },
  'b2b-organizations': {},
  large: {},
};

// ------------------------------------------------------------------------------------------------
// What the Deploy CLI keeps and strips

/** Tenant flags the Deploy CLI manages (tools/auth0/handlers/tenant.ts), minus the read-only ones. */
const ALLOWED_TENANT_FLAGS = new Set([
  'change_pwd_flow_v1',
  'enable_client_connections',
  'enable_apis_section',
  'enable_pipeline2',
  'enable_dynamic_client_registration',
  'allow_legacy_tokeninfo_endpoint',
  'enable_legacy_profile',
  'enable_idtoken_api2',
  'enable_public_signup_user_exists_error',
  'allow_legacy_delegation_grant_types',
  'allow_legacy_ro_grant_types',
  'disable_clickjack_protection_headers',
  'no_disclose_enterprise_connections',
  'disable_management_api_sms_obfuscation',
  'enforce_client_authentication_on_passwordless_start',
  'trust_azure_adfs_email_verified_connection_property',
  'enable_adfs_waad_email_verification',
  'revoke_refresh_token_grant',
  'dashboard_log_streams_next',
  'dashboard_insights_view',
  'disable_fields_map_fix',
  'require_pushed_authorization_requests',
  'mfa_show_factor_list_on_enrollment',
]);
const TENANT_READ_ONLY = ['sandbox_versions_available'];
const PAGE_KEYS = [
  ['guardian_multifactor', 'guardian_mfa_page'],
  ['password_reset', 'change_password'],
  ['error_page', 'error_page'],
];
const CLIENT_READ_ONLY = ['client_secret', 'callback_url_template', 'signing_keys', 'global', 'tenant', 'custom_login_page_preview', 'config_route', 'owners'];
const SINK_SECRETS = ['httpAuthorization', 'splunkToken', 'datadogApiKey', 'mixpanelServiceAccountPassword', 'segmentWriteKey'];
const EMAIL_CREDENTIAL_PLACEHOLDERS = {
  ses: { accessKeyId: '##SES_ACCESS_KEY_ID##', secretAccessKey: '##SES_ACCESS_SECRET_KEY##', region: '##SES_AWS_REGION##' },
  smtp: { smtp_host: '##SMTP_HOSTNAME##', smtp_port: '##SMTP_PORT##', smtp_user: '##SMTP_USER##', smtp_pass: '##SMTP_PASS##' },
  azure_cs: { connectionString: '##AZURE_CS_CONNECTION_KEY##' },
  ms365: { tenantId: '##MS365_TENANT_ID##', clientId: '##MS365_CLIENT_ID##', clientSecret: '##MS365_CLIENT_SECRET##' },
};
/** Credential fields the Management API returns (the rest never leaves Auth0). */
const EMAIL_CREDENTIALS_RETURNED = ['region', 'smtp_host', 'smtp_port', 'smtp_user', 'domain'];
/** Fields the Deploy CLI puts first in every exported object (utils formatResults); the rest sorted. */
const IMPORTANT_FIELDS = ['name', 'client_id', 'audience', 'template', 'identifier', 'strategy', 'script', 'stage', 'id'];
const MANAGEMENT_API = 'Auth0 Management API';

// ------------------------------------------------------------------------------------------------
// Helpers

const clone = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
const omit = (o, keys) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
const isObj = (v) => !!v && typeof v === 'object' && !Array.isArray(v);

/** Top-level key order as the Deploy CLI writes it. */
function formatResult(o) {
  if (!isObj(o)) return o;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined);
  const first = IMPORTANT_FIELDS.filter((k) => keys.includes(k));
  const rest = keys.filter((k) => !IMPORTANT_FIELDS.includes(k)).sort();
  return Object.fromEntries([...first, ...rest].map((k) => [k, o[k]]));
}

const sortKey = (o) => String(o.name ?? o.template ?? o.client_id ?? o.description ?? '');
const sorted = (list) => [...list].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));

/** `sanitize-filename` with `-` as replacement, as the Deploy CLI names files. */
export function sanitize(s) {
  let out = String(s)
    .replace(/[/?<>\\:*|"]/g, '-')
    // eslint-disable-next-line no-control-regex
    .replace(/[\x00-\x1f\x80-\x9f]/g, '-')
    .replace(/^\.+$/, '-')
    .replace(/^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i, '-')
    .replace(/[. ]+$/, '-');
  while (Buffer.byteLength(out) > 255) out = out.slice(0, -1);
  return out;
}

// ------------------------------------------------------------------------------------------------
// The export, as assets (the YAML document's shape, with side-file contents still inline)

export function exportAssets(fixture, opts) {
  const r = fixture.resources;
  const gated = new Set(fixture.planGated ?? []);
  const excluded = new Set(opts.excluded ?? []);
  const get = (k, empty) => (gated.has(k) ? undefined : clone(r[k] ?? empty));
  const a = {};

  const allClients = get('clients', []) ?? [];
  const globalClient = allClients.find((c) => c.global === true);
  const clients = allClients.filter((c) => c.global !== true);
  const clientName = new Map(allClients.map((c) => [c.client_id, c.name]));
  const namesOf = (ids) => (ids ?? []).map((id) => clientName.get(id) ?? id).sort();
  const deployClient = opts.deployClient ? clients.find((c) => c.name === opts.deployClient) : undefined;
  const connections = get('connections', []) ?? [];
  const connectionName = new Map(connections.map((c) => [c.id, c.name]));
  const connectionClients = get('connectionClients', {}) ?? {};
  const settings = get('tenantSettings', {});

  // tenant (pages and read-only fields removed; only the flags the Deploy CLI manages)
  if (settings) {
    const tenant = omit(settings, [...TENANT_READ_ONLY, ...PAGE_KEYS.flat(), 'login']);
    if (isObj(tenant.flags)) {
      tenant.flags = Object.fromEntries(Object.entries(tenant.flags).filter(([k]) => ALLOWED_TENANT_FLAGS.has(k)));
      if (Object.keys(tenant.flags).length === 0) delete tenant.flags;
    }
    a.tenant = tenant;
  }

  // pages: the login page of the global client, then the tenant-level pages that are set
  const pages = [];
  if (globalClient?.custom_login_page) pages.push({ name: 'login', enabled: !!globalClient.custom_login_page_on, html: globalClient.custom_login_page });
  for (const [name, key] of PAGE_KEYS) if (settings?.[key]) pages.push({ ...settings[key], name });
  a.pages = pages;

  const domains = get('customDomains', []);
  if (domains) a.customDomains = domains.map((d) => omit(d, ['custom_domain_id']));

  // prompts + custom text (language → prompt → screens, only what is customised, enabled locales)
  const prompts = get('prompts', {});
  if (prompts) {
    const text = get('promptsCustomText', {}) ?? {};
    const locales = settings?.enabled_locales?.length ? settings.enabled_locales : [];
    const customText = {};
    for (const lang of locales) {
      for (const [prompt, byLang] of Object.entries(text)) {
        const screens = byLang?.[lang];
        if (screens && Object.keys(screens).length) (customText[lang] ??= {})[prompt] = screens;
      }
    }
    a.prompts = { ...prompts, customText, partials: {} };
  }

  // branding (+ the page template: exported only when the tenant has a custom domain)
  const branding = get('branding', {});
  if (branding) {
    const template = get('brandingTemplate', null);
    a.branding = { ...branding, ...(template?.body && domains?.length ? { templates: [{ template: 'universal_login', body: template.body }] } : {}) };
  }
  if (!gated.has('brandingTheme')) {
    const theme = get('brandingTheme', null);
    a.themes = theme ? [omit(theme, ['themeId'])] : [];
  }

  // email provider (credentials → placeholders, as the Deploy CLI cannot read them back)
  if (!gated.has('emailProvider')) {
    const p = get('emailProvider', null);
    if (!p) a.emailProvider = {};
    else {
      const name = String(p.name);
      const placeholders = EMAIL_CREDENTIAL_PLACEHOLDERS[name] ?? { api_key: `##${name.toUpperCase()}_API_KEY##` };
      const returned = Object.fromEntries(Object.entries(p.credentials ?? {}).filter(([k]) => EMAIL_CREDENTIALS_RETURNED.includes(k)));
      a.emailProvider = { ...p, credentials: { ...placeholders, ...returned } };
    }
  }
  const templates = get('emailTemplates', {});
  if (templates) a.emailTemplates = Object.values(templates).filter(Boolean);

  // attack protection (a plan-gated part is skipped)
  const ap = {};
  for (const k of ['breachedPasswordDetection', 'bruteForceProtection', 'suspiciousIpThrottling', 'botDetection']) {
    const v = get(k, {});
    if (v) ap[k] = v;
  }
  a.attackProtection = ap;

  const factors = get('guardianFactors', []);
  if (factors) a.guardianFactors = factors.map((f) => omit(f, ['trial_expired']));
  a.guardianFactorProviders = [];
  a.guardianFactorTemplates = [];
  const policies = get('guardianPolicies', []);
  if (policies) a.guardianPolicies = { policies };
  const phone = get('guardianPhoneProvider', {});
  if (phone) a.guardianPhoneFactorSelectedProvider = phone;
  // Tenant phone providers: no id or read-only fields; Twilio credentials as the placeholder.
  const phoneProviders = get('phoneProviders', undefined);
  if (phoneProviders) {
    a.phoneProviders = phoneProviders.map((p) => ({
      ...omit(p, ['id', 'tenant', 'created_at', 'updated_at', 'credentials']),
      ...(p.name === 'twilio' ? { credentials: { auth_token: '##TWILIO_AUTH_TOKEN##' } } : {}),
    }));
  }

  const streams = get('logStreams', []);
  if (streams) {
    a.logStreams = streams.map((s) => {
      const out = omit(s, ['id']);
      if (isObj(out.sink)) {
        for (const k of SINK_SECRETS) if (k in out.sink) out.sink[k] = `##LOGSTREAMS_${String(s.type).toUpperCase()}_SECRET##`;
      }
      return out;
    });
  }

  a.clients = clients.map((c) => omit(c, [...CLIENT_READ_ONLY, 'client_id']));

  const withClients = (c) => ({ ...c, enabled_clients: namesOf(connectionClients[c.id] ?? c.enabled_clients) });
  a.databases = connections
    .filter((c) => c.strategy === 'auth0')
    .map((c) => {
      const out = withClients(omit(c, ['id']));
      if (isObj(out.options)) out.options = omit(out.options, ['configuration']);
      return out;
    });
  a.connections = connections
    .filter((c) => c.strategy !== 'auth0')
    .map((c) => {
      const out = withClients(omit(c, ['id', 'realms', 'provisioning_ticket_url']));
      if (isObj(out.options) && 'client_secret' in out.options) {
        out.options.client_secret = `##CONNECTIONS_${String(c.strategy).toUpperCase().replace(/[^A-Z0-9]/g, '_')}_SECRET##`;
      }
      return out;
    });

  const servers = get('resourceServers', []) ?? [];
  a.resourceServers = servers.filter((s) => s.name !== MANAGEMENT_API).map((s) => omit(s, ['id']));
  a.clientGrants = (get('clientGrants', []) ?? [])
    .filter((g) => !deployClient || g.client_id !== deployClient.client_id)
    .map((g) => ({ ...omit(g, ['id']), client_id: clientName.get(g.client_id) ?? g.client_id }));

  const rolePermissions = get('rolePermissions', {}) ?? {};
  a.roles = (get('roles', []) ?? []).map((role) => ({
    ...omit(role, ['id']),
    permissions: (rolePermissions[role.id] ?? []).map((p) => ({ permission_name: p.permission_name, resource_server_identifier: p.resource_server_identifier })),
  }));

  a.rules = (get('rules', []) ?? []).map((x) => omit(x, ['id']));
  a.rulesConfigs = [];
  // Hooks are deprecated: a current tenant answers 403 and the Deploy CLI leaves the section out
  // (hooks.ts:195-197). Only a tenant that still has Hooks gets the section.
  const hooks = (get('hooks', []) ?? []).map((h) => {
    const out = omit(h, ['id']);
    if (isObj(out.secrets)) out.secrets = Object.fromEntries(Object.keys(out.secrets).map((k) => [k, '_VALUE_NOT_SHOWN_']));
    return out;
  });
  if (hooks.length) a.hooks = hooks;

  a.actions = (get('actions', []) ?? []).map((x) => ({
    name: x.name,
    code: x.code ?? '',
    dependencies: x.dependencies ?? [],
    deployed: !!(x.deployed || x.all_changes_deployed),
    runtime: x.runtime,
    secrets: (x.secrets ?? []).map((s) => ({ name: s.name, ...(s.value !== undefined ? { value: s.value } : {}) })),
    status: x.status,
    supported_triggers: x.supported_triggers,
  }));
  a.triggers = {
    'post-login': (get('postLoginBindings', []) ?? []).map((b) => ({ action_name: b.action?.name ?? b.display_name, display_name: b.display_name })),
  };

  const orgConnections = get('organizationConnections', {}) ?? {};
  const orgDomains = get('organizationDiscoveryDomains', {}) ?? {};
  a.organizations = (get('organizations', []) ?? []).map((o) => ({
    ...omit(o, ['id']),
    connections: (orgConnections[o.id] ?? []).map((c) => ({
      name: c.connection?.name ?? connectionName.get(c.connection_id) ?? c.connection_id,
      ...omit(c, ['connection_id', 'connection']),
    })),
    discovery_domains: (orgDomains[o.id] ?? []).map((d) => omit(d, ['id'])),
  }));

  for (const [key, section] of [
    ['selfServiceProfiles', 'selfServiceProfiles'],
    ['forms', 'forms'],
    ['networkAcls', 'networkACLs'],
    ['eventStreams', 'eventStreams'],
  ]) {
    const v = get(key, []);
    if (v) a[section] = v.map((x) => omit(x, ['id', 'created_at', 'updated_at']));
  }

  for (const k of excluded) delete a[k];
  // Grant files are named after the API, the Management API included (not itself exported).
  Object.defineProperty(a, 'apiNames', { value: new Map(servers.map((s) => [s.identifier, s.name])), enumerable: false });
  return a;
}

// ------------------------------------------------------------------------------------------------
// Writers

const json = (v) => JSON.stringify(v, null, 2);

/** Sections in the order `a0deploy export` writes them to tenant.yaml. */
const YAML_ORDER = [
  'rules', 'rulesConfigs', 'hooks', 'pages', 'resourceServers', 'clients', 'databases', 'connections', 'tenant', 'emailProvider',
  'emailTemplates', 'clientGrants', 'guardianFactors', 'guardianFactorProviders', 'guardianFactorTemplates', 'guardianPolicies',
  'guardianPhoneFactorSelectedProvider', 'roles', 'branding', 'logStreams', 'prompts', 'customDomains', 'migrations', 'actions',
  'triggers', 'organizations', 'attackProtection', 'themes', 'forms', 'selfServiceProfiles', 'networkACLs', 'eventStreams', 'phoneProviders',
];

export function yamlFiles(a) {
  const files = {};
  const doc = {};
  const put = (k, v) => {
    if (v !== undefined) doc[k] = Array.isArray(v) ? sorted(v).map(formatResult) : formatResult(v);
  };
  for (const k of YAML_ORDER) {
    if (!(k in a)) continue;
    let v = a[k];
    if (k === 'pages') {
      v = v.map((p) => {
        if (p.html === undefined) return p;
        files[`pages/${p.name}.html`] = p.html;
        return { ...p, html: `./pages/${p.name}.html` };
      });
    } else if (k === 'clients') {
      v = v.map((c) => {
        if (!c.custom_login_page) return c;
        const f = `${sanitize(c.name)}_custom_login_page.html`;
        files[`clients/${f}`] = c.custom_login_page;
        return { ...c, custom_login_page: `./${f}` };
      });
    } else if (k === 'databases') {
      v = v.map((d) => {
        const scripts = d.options?.customScripts;
        if (!isObj(scripts)) return d;
        const folder = sanitize(d.name);
        const refs = {};
        for (const name of Object.keys(scripts).sort()) {
          files[`databases/${folder}/${sanitize(name)}.js`] = scripts[name];
          refs[name] = `./databases/${folder}/${sanitize(name)}.js`;
        }
        return { ...d, options: { ...d.options, customScripts: refs } };
      });
    } else if (k === 'emailTemplates') {
      v = v.map((t) => {
        files[`emailTemplates/${t.template}.html`] = t.body ?? '';
        return { ...t, body: `./emailTemplates/${t.template}.html` };
      });
    } else if (k === 'branding' && v.templates) {
      v = {
        ...v,
        templates: v.templates.map((t) => {
          files[`branding_templates/${t.template}.html`] = t.body;
          return { template: t.template, body: `./branding_templates/${t.template}.html` };
        }),
      };
    } else if (k === 'actions') {
      v = v.map((x) => {
        if (!x.code) return x;
        files[`actions/${sanitize(x.name)}/code.js`] = x.code;
        return { ...x, code: `./actions/${sanitize(x.name)}/code.js` };
      });
    } else if (k === 'rules' || k === 'hooks') {
      v = v.map((x) => {
        files[`${k}/${sanitize(x.name)}.js`] = x.script ?? '';
        return { ...x, script: `./${k}/${sanitize(x.name)}.js` };
      });
    } else if (k === 'forms') {
      v = v.map((f) => {
        files[`forms/${sanitize(f.name)}.json`] = json(f);
        return { name: f.name, body: `./forms/${sanitize(f.name)}.json` };
      });
    }
    put(k, v);
  }
  files['tenant.yaml'] = stringify(doc, { singleQuote: true, lineWidth: 0, aliasDuplicateObjects: false });
  return files;
}

export function directoryFiles(a, exportFolder) {
  const files = {};
  const folder = (name, list, write) => {
    if (list === undefined) return;
    if (list.length === 0) files[`${name}/.gitkeep`] = '';
    for (const x of sorted(list)) write(formatResult(x));
  };
  if (a.tenant) files['tenant.json'] = json(formatResult(a.tenant));
  folder('rules', a.rules, (x) => {
    files[`rules/${sanitize(x.name)}.js`] = x.script ?? '';
    files[`rules/${sanitize(x.name)}.json`] = json({ ...x, script: `./${sanitize(x.name)}.js` });
  });
  if (a.hooks?.length) {
    for (const x of sorted(a.hooks)) {
      files[`hooks/${sanitize(x.name)}.js`] = x.script ?? '';
      files[`hooks/${sanitize(x.name)}.json`] = json(formatResult({ ...x, script: `./${sanitize(x.name)}.js` }));
    }
  }
  folder('pages', a.pages, (p) => {
    const meta = { ...p };
    if (p.name !== 'error_page' || p.html !== undefined) {
      files[`pages/${p.name}.html`] = p.html ?? '';
      meta.html = `./${p.name}.html`;
    }
    files[`pages/${p.name}.json`] = json(meta);
  });
  folder('resource-servers', a.resourceServers, (x) => (files[`resource-servers/${sanitize(x.name)}.json`] = json(x)));
  folder('clients', a.clients, (c) => {
    const name = sanitize(c.name);
    if (c.custom_login_page) {
      files[`clients/${name}_custom_login_page.html`] = c.custom_login_page;
      c = { ...c, custom_login_page: `./${name}_custom_login_page.html` };
    }
    files[`clients/${name}.json`] = json(c);
  });
  if (a.databases !== undefined) {
    if (a.databases.length === 0) files['database-connections/.gitkeep'] = '';
    for (const d of sorted(a.databases).map(formatResult)) {
      const dir = `database-connections/${sanitize(d.name)}`;
      const scripts = d.options?.customScripts;
      let out = d;
      if (isObj(scripts)) {
        const refs = {};
        for (const name of Object.keys(scripts).sort()) {
          files[`${dir}/${sanitize(`${name}.js`)}`] = scripts[name];
          refs[name] = `./${sanitize(`${name}.js`)}`;
        }
        out = { ...d, options: { ...d.options, customScripts: refs } };
      }
      files[`${dir}/database.json`] = json(out);
    }
  }
  folder('connections', a.connections, (c) => (files[`connections/${sanitize(c.name)}.json`] = json(c)));
  if (a.emailProvider) files['emails/provider.json'] = json(formatResult(a.emailProvider));
  if (a.emailTemplates) {
    for (const t of sorted(a.emailTemplates).map(formatResult)) {
      files[`emails/${t.template}.html`] = t.body ?? '';
      files[`emails/${t.template}.json`] = json({ ...t, body: `./${t.template}.html` });
    }
  }
  const apiName = a.apiNames ?? new Map((a.resourceServers ?? []).map((s) => [s.identifier, s.name]));
  folder('grants', a.clientGrants, (g) => (files[`grants/${sanitize(`${g.client_id}-${apiName.get(g.audience) ?? g.audience}`)}.json`] = json(g)));
  if (a.guardianFactors) {
    for (const f of a.guardianFactors) files[`guardian/factors/${f.name}.json`] = json(f);
  }
  if (a.guardianPolicies) files['guardian/policies.json'] = json(a.guardianPolicies);
  if (a.guardianPhoneFactorSelectedProvider) files['guardian/phoneFactorSelectedProvider.json'] = json(a.guardianPhoneFactorSelectedProvider);
  if (a.phoneProviders) files['phone-providers/provider.json'] = json(a.phoneProviders);
  folder('roles', a.roles, (x) => (files[`roles/${sanitize(x.name)}.json`] = json(x)));
  if (a.branding) {
    const { templates, ...rest } = a.branding;
    files['branding/branding.json'] = json(formatResult(rest));
    for (const t of templates ?? []) {
      files[`branding/templates/${t.template}.html`] = t.body;
      files[`branding/templates/${t.template}.json`] = json({ template: t.template, body: `./${t.template}.html` });
    }
  }
  folder('log-streams', a.logStreams, (x) => (files[`log-streams/${sanitize(x.name)}.json`] = json(x)));
  if (a.prompts) {
    const { customText, partials, ...settings } = a.prompts;
    files['prompts/prompts.json'] = json(settings);
    files['prompts/custom-text.json'] = json(customText ?? {});
    files['prompts/partials.json'] = json(partials ?? {});
  }
  if (a.customDomains) files['custom-domains/custom-domains.json'] = json(a.customDomains.map(formatResult));
  if (a.actions?.length) {
    for (const x of sorted(a.actions)) {
      const name = sanitize(x.name);
      let code = '';
      if (x.code) {
        files[`actions/${name}/code.js`] = x.code;
        code = `${exportFolder}/actions/${name}/code.js`;
      }
      files[`actions/${name}.json`] = json({ ...x, code });
    }
  }
  if (a.triggers) files['triggers/triggers.json'] = json(a.triggers);
  folder('organizations', a.organizations, (o) => (files[`organizations/${sanitize(o.name)}.json`] = json(o)));
  if (a.attackProtection) {
    const names = { breachedPasswordDetection: 'breached-password-detection', bruteForceProtection: 'brute-force-protection', suspiciousIpThrottling: 'suspicious-ip-throttling', botDetection: 'bot-detection' };
    for (const [k, v] of Object.entries(a.attackProtection)) files[`attack-protection/${names[k]}.json`] = json(v);
  }
  if (a.themes) {
    if (a.themes.length === 0) files['themes/.gitkeep'] = '';
    a.themes.forEach((t, i) => (files[`themes/theme${i ? i : ''}.json`] = json(t)));
  }
  folder('forms', a.forms, (f) => (files[`forms/${sanitize(f.name)}.json`] = json(f)));
  folder('self-service-profiles', a.selfServiceProfiles, (x) => (files[`self-service-profiles/${sanitize(x.name)}.json`] = json(x)));
  folder('network-acls', a.networkACLs, (x) => (files[`network-acls/${sanitize(`${x.description}-p-${x.priority}`)}.json`] = json(x)));
  folder('event-streams', a.eventStreams, (x) => (files[`event-streams/${sanitize(x.name)}.json`] = json(x)));
  return files;
}

/** Every file of one tenant's exports, keyed by path relative to fixtures/deploy-cli/<tenant>/. */
export function tenantFiles(name) {
  const fixture = JSON.parse(readFileSync(join(TENANTS_DIR, `${name}.json`), 'utf8'));
  const opts = TENANTS[name];
  const assets = exportAssets(fixture, opts);
  const files = {};
  for (const [p, c] of Object.entries(yamlFiles(assets))) files[`yaml/${p}`] = c;
  for (const [p, c] of Object.entries(directoryFiles(assets, 'directory'))) files[`directory/${p}`] = c;
  const deployClient = opts.deployClient ? fixture.resources.clients?.find((c) => c.name === opts.deployClient) : undefined;
  files['config.json'] = `${json({
    AUTH0_DOMAIN: fixture.domain,
    ...(deployClient ? { AUTH0_CLIENT_ID: deployClient.client_id } : {}),
    AUTH0_ALLOW_DELETE: false,
    ...(opts.excluded?.length ? { AUTH0_EXCLUDED: opts.excluded } : {}),
    AUTH0_KEYWORD_REPLACE_MAPPINGS: {},
  })}\n`;
  return files;
}

function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    let names;
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

function main() {
  const check = process.argv.includes('--check');
  const stale = [];
  let count = 0;
  let bytes = 0;
  for (const name of Object.keys(TENANTS)) {
    const dir = join(OUT_DIR, name);
    const files = tenantFiles(name);
    if (check) {
      const onDisk = new Set(listFiles(dir));
      for (const [p, content] of Object.entries(files)) {
        let current;
        try {
          current = readFileSync(join(dir, p), 'utf8');
        } catch {
          current = undefined;
        }
        if (current !== content) stale.push(`${name}/${p}${current === undefined ? ' (missing)' : ''}`);
        onDisk.delete(p);
      }
      for (const p of onDisk) stale.push(`${name}/${p} (not generated)`);
      continue;
    }
    rmSync(dir, { recursive: true, force: true });
    for (const [p, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), content);
      count++;
      bytes += Buffer.byteLength(content);
    }
  }
  if (check) {
    if (stale.length) {
      process.stderr.write(`fixtures/deploy-cli is stale (${stale.length} file(s)); run node scripts/generate-deploy-cli-exports.mjs\n${stale.slice(0, 20).map((s) => `  ${s}\n`).join('')}`);
      process.exit(1);
    }
    process.stdout.write('fixtures/deploy-cli is up to date\n');
    return;
  }
  process.stdout.write(`wrote ${count} files (${bytes} bytes) under fixtures/deploy-cli/\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
