/**
 * Deploy CLI assets → snapshot resources.
 *
 * - Exports carry no ids (AUTH0_EXPORT_IDENTIFIERS is off by default) and reference clients,
 *   connections and actions by NAME. Every item keeps its id when the export has one, else gets
 *   a stable synthetic id `name:<name>`; every reference by name resolves to the same id, so
 *   `connectionClients`, grants, organization connections and post-login bindings agree with
 *   the lists they point into.
 * - A section absent from the export (excluded, or never managed) makes every resource it would
 *   hold `not-in-export`: absent is not off. Resources no Deploy CLI section holds at all
 *   (signing keys, logs, users, organization members, SCIM) are `not-in-export` too.
 * - A value holding an unresolved keyword makes the resource it belongs to `error` ("unresolved
 *   keyword ##KEY## at file:line"), except in secret fields (client secrets, provider
 *   credentials, log-stream sinks…: whatever the redactor removes), which the audit never
 *   judges; the Deploy CLI's own secret placeholders there are normal and not even reported.
 * - Every resource is validated against its registry schema and redacted, like a live read.
 */
import { redact, REDACTED } from '../../snapshot/redact.js';
import { tolerantParse } from '../../snapshot/validate.js';
import { EMAIL_TEMPLATE_NAMES, RESOURCE_KEYS, RESOURCES, type ResourceKey } from '../../snapshot/resources.js';
import { failure, ok, type ResourceFailure, type ResourceResult, type SnapshotResources, type UnheldField } from '../../snapshot/snapshot.js';
import { isItem, itemsOf, type Assets, type Item, type Section } from './formats.js';
import { hasSentinel, type MarkerEntry, type MarkerRegistry } from './keywords.js';
import { HANDLER_BY_KEY, NEVER_EXPORTED, reachDetail, SECTION_HANDLERS } from './sections.js';

/** Resources no Deploy CLI section holds: never in an export (the reach table, sections.ts). */
export const NOT_IN_DEPLOY_CLI: readonly ResourceKey[] = NEVER_EXPORTED.map((n) => n.resource);

/** The resources each Deploy CLI section holds (or helps hold), from the reach table (sections.ts). */
export const SECTION_RESOURCES: Readonly<Partial<Record<Section, readonly ResourceKey[]>>> = Object.fromEntries(
  SECTION_HANDLERS.filter((h) => h.resources.length && h.key !== 'migrations').map((h) => [h.key, h.key === 'pages' ? ['tenantSettings'] : h.resources]),
);

/** Pages of the Deploy CLI → tenant-settings keys (the login page lives on the global client). */
const PAGE_KEYS: Record<string, string> = {
  error_page: 'error_page',
  password_reset: 'change_password',
  guardian_multifactor: 'guardian_mfa_page',
};
const PAGE_TITLES = 'error, password-reset and MFA';

/** Prompts the live collector reads custom text for (see fetchers.ts). */
const CUSTOM_TEXT_PROMPTS = ['login', 'signup', 'reset-password'];

/** Secret placeholders the Deploy CLI writes on export: normal, never reported. */
const DEPLOY_CLI_PLACEHOLDER =
  /^##(?:CONNECTIONS_[A-Z0-9_]+_SECRET|LOGSTREAMS_[A-Z0-9_]+_SECRET|CAPTCHA_[A-Z0-9_]+|[A-Z0-9]+_API_KEY|SMTP_(?:HOSTNAME|PORT|USER|PASS)|SES_(?:ACCESS_KEY_ID|ACCESS_SECRET_KEY|AWS_REGION)|AZURE_CS_CONNECTION_KEY|MS365_[A-Z0-9_]+|TWILIO_AUTH_TOKEN|EVENT_STREAM_[A-Z0-9_]+)##$/;

/** What every export lacks and a live read has: said once, since checks on it cannot run offline. */
export const MANAGEMENT_API_NOTE =
  'note: a Deploy CLI export never holds the Auth0 Management API resource server, nor the grants of the client the Deploy CLI runs as: they are not audited from an export';

export function isDeployCliPlaceholder(marker: string): boolean {
  return DEPLOY_CLI_PLACEHOLDER.test(marker);
}

export interface MapContext {
  markers: MarkerRegistry;
  warnings: string[];
  /** AUTH0_EXCLUDED / AUTH0_INCLUDED_ONLY of the Deploy CLI config, to explain absent sections. */
  excluded?: ReadonlySet<string>;
  includedOnly?: ReadonlySet<string>;
  configPath?: string;
  /** The export's format: a directory export loses empty folders to git (see absentText). */
  format?: 'yaml' | 'directory';
}

/** Sections a directory export keeps in files at the root, not in a folder of their own. */
const ROOT_FILE_SECTIONS = new Set<Section>(['tenant', 'migrations']);

const secretKeyCache = new Map<string, boolean>();
/** A key whose value the redactor removes (so the audit never judges it). */
function isSecretKey(k: string): boolean {
  let v = secretKeyCache.get(k);
  if (v === undefined) {
    const asString = (redact({ [k]: 'x' }) as Record<string, unknown>)[k];
    const asObject = (redact({ [k]: { x: 1 } }) as Record<string, unknown>)[k];
    v = asString === REDACTED || asObject === REDACTED;
    secretKeyCache.set(k, v);
  }
  return v;
}

type WithId = Item & { id: string };

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Older exports name cross-origin authentication `cross_origin_auth` (deprecated by the API, which
 * returns `cross_origin_authentication`). a0deploy import sends the old value under the new name
 * when only the old one is set (tools/auth0/handlers/clients.ts, sanitizeCrossOriginAuth): read it so.
 */
function crossOriginAlias(c: Item): Item {
  if (!('cross_origin_auth' in c)) return c;
  const { cross_origin_auth: legacy, ...rest } = c;
  return 'cross_origin_authentication' in rest ? rest : { ...rest, cross_origin_authentication: legacy };
}

/** Synthetic ids: stable, unique within one list, the same wherever a name refers to the item. */
class Ids {
  private readonly byName = new Map<string, string>();
  private readonly used = new Set<string>();

  assign(item: Item, idKey: string, name: string | undefined, index: number): string {
    let id = str(item[idKey]) ?? `name:${name ?? `#${index}`}`;
    if (this.used.has(id)) {
      let n = 2;
      while (this.used.has(`${id}#${n}`)) n++;
      id = `${id}#${n}`;
    }
    this.used.add(id);
    if (name !== undefined && !this.byName.has(name)) this.byName.set(name, id);
    return id;
  }

  /** The id a reference by name (or by id, in exports made with identifiers) points to. */
  ref(nameOrId: string): string {
    return this.byName.get(nameOrId) ?? (this.used.has(nameOrId) ? nameOrId : `name:${nameOrId}`);
  }

  knows(nameOrId: string): boolean {
    return this.byName.has(nameOrId) || this.used.has(nameOrId);
  }
}

export function mapAssets(assets: Assets, ctx: MapContext): SnapshotResources {
  const S = assets.sections;
  const has = (k: Section) => S[k] !== undefined;
  const results: Partial<Record<ResourceKey, ResourceResult<unknown>>> = {};
  const taint = new Map<ResourceKey, MarkerEntry[]>();
  const taintTitles = new Map<MarkerEntry, Set<string>>();

  const absentText = (...sections: Section[]): string => {
    const names = sections.join(' and ');
    const verb = sections.length > 1 ? 'are' : 'is';
    const excluded = sections.filter((s) => ctx.excluded?.has(s) || (ctx.includedOnly && !ctx.includedOnly.has(s)));
    let why = excluded.length && ctx.configPath ? `excluded by ${ctx.configPath}` : 'excluded or not managed';
    if (!excluded.length && ctx.format === 'directory' && !sections.some((s) => ROOT_FILE_SECTIONS.has(s))) {
      // a0deploy writes no folder for zero Actions or Hooks, and git keeps no empty folder.
      why += sections.some((s) => s === 'actions' || s === 'hooks') ? ', or there are none: a0deploy writes no folder then' : ', or its folder was empty and git did not keep it';
    }
    return `${names} ${verb} not in the export (${why})`;
  };
  const absent = (...sections: Section[]): ResourceFailure => failure('not-in-export', absentText(...sections));

  /** Record the unresolved keywords found in `sources` outside secret fields against `keys`. */
  const check = (keys: readonly ResourceKey[], ...sources: unknown[]) => {
    for (const src of sources) {
      scan(src, false, false, (m, secret) => {
        if (secret) {
          if (!m.reported && !isDeployCliPlaceholder(m.marker)) ctx.warnings.push(`${m.file}:${m.line}: unresolved keyword ${m.marker} in a secret field (never judged by the audit)`);
          m.reported = true;
          return;
        }
        for (const k of keys) {
          const list = taint.get(k) ?? [];
          if (!list.includes(m)) list.push(m);
          taint.set(k, list);
          const titles = taintTitles.get(m) ?? new Set<string>();
          titles.add(RESOURCES[k].title);
          taintTitles.set(m, titles);
        }
      });
    }
  };
  const scan = (v: unknown, secret: boolean, inSecrets: boolean, on: (m: MarkerEntry, secret: boolean) => void): void => {
    if (typeof v === 'string') {
      // The Deploy CLI's own placeholder for a value it never exports: not a keyword to resolve
      // (dropPlaceholders below makes the field unheld instead of the resource unknown).
      if (hasSentinel(v) && placeholderIn(ctx.markers, v) !== undefined) {
        for (const m of ctx.markers.markersIn(v)) m.reported = true;
        return;
      }
      if (hasSentinel(v)) for (const m of ctx.markers.markersIn(v)) on(m, secret);
    } else if (Array.isArray(v)) {
      for (const x of v) scan(x, secret, inSecrets, on);
    } else if (isItem(v)) {
      for (const [k, x] of Object.entries(v)) {
        if (hasSentinel(k)) for (const m of ctx.markers.markersIn(k)) on(m, secret);
        const childSecret = secret || isSecretKey(k) || (inSecrets && k !== 'name');
        scan(x, childSecret, k === 'secrets' && Array.isArray(x), on);
      }
    }
  };
  const set = (key: ResourceKey, data: unknown, ...sources: unknown[]) => {
    results[key] = ok(data);
    check([key], ...sources);
  };
  const fail = (key: ResourceKey, f: ResourceFailure) => {
    results[key] = f;
  };

  // Ids first: references resolve against every item the export names, whichever section is complete.
  const clientIds = new Ids();
  const clientItems = itemsOf(S.clients).map((c, i): Item => ({ ...crossOriginAlias(c), client_id: clientIds.assign(c, 'client_id', str(c.name), i) }));
  const connIds = new Ids();
  const dbItems = itemsOf(S.databases).map((d): Item => ({ ...d, strategy: str(d.strategy) ?? 'auth0' }));
  const connItems = [...dbItems, ...itemsOf(S.connections)].map((c, i): WithId => ({ ...c, id: connIds.assign(c, 'id', str(c.name), i) }));
  const actionIds = new Ids();
  const actionItems = itemsOf(S.actions).map((a, i): WithId => ({ ...a, id: actionIds.assign(a, 'id', str(a.name), i) }));
  const pages = itemsOf(S.pages);
  const loginPage = pages.find((p) => p.name === 'login');

  // tenantSettings ← tenant + pages (+ legacy migrations flags)
  if (!has('tenant')) fail('tenantSettings', absent('tenant'));
  else if (!isItem(S.tenant)) fail('tenantSettings', failure('error', `${assets.origin.tenant ?? 'tenant'}: tenant is not an object`));
  else {
    const t: Item = { ...S.tenant };
    const tenantPages: Item[] = [];
    for (const p of pages) {
      const key = typeof p.name === 'string' ? PAGE_KEYS[p.name] : undefined;
      if (!key) continue;
      const { name: _n, ...page } = p;
      t[key] = page;
      tenantPages.push(page);
    }
    if (isItem(S.migrations)) {
      const flags = isItem(t.flags) ? t.flags : {};
      const legacy = Object.fromEntries(Object.entries(S.migrations).filter(([, v]) => typeof v === 'boolean'));
      t.flags = { ...legacy, ...flags };
    }
    set('tenantSettings', t, S.tenant, tenantPages, S.migrations);
    // Without `pages` the tenant settings are still what the export says; only the error,
    // password-reset and MFA pages are unknown: the findings about them, not the whole resource.
    const read = results.tenantSettings;
    if (!has('pages') && read?.ok) {
      const detail = `${absentText('pages')}: the ${PAGE_TITLES} pages of the tenant settings are unknown`;
      read.unheld = Object.values(PAGE_KEYS).map((field) => ({ field, detail }));
    }
  }

  // clients (+ the global client's login page)
  if (!has('clients')) fail('clients', absent('clients'));
  else {
    const clients: Item[] = [...clientItems];
    if (loginPage) {
      clients.push({
        client_id: 'global',
        name: 'All Applications',
        global: true,
        custom_login_page_on: loginPage.enabled === true,
        ...(typeof loginPage.html === 'string' ? { custom_login_page: loginPage.html } : {}),
      });
    }
    set('clients', clients, clientItems, loginPage);
  }

  const clientRef = (v: unknown): string => (typeof v === 'string' ? clientIds.ref(v) : String(v));
  const unknownClients = new Set<string>();

  // connections ← databases + connections; connectionClients ← their enabled_clients (names)
  if (!has('databases') || !has('connections')) {
    const missing = (['databases', 'connections'] as const).filter((k) => !has(k));
    const f = failure('not-in-export', `${absentText(...missing)}${missing.length === 1 ? ': the connections are incomplete' : ''}`);
    fail('connections', f);
    fail('connectionClients', f);
  } else {
    const conns = connItems.map((c): WithId => {
      if (!Array.isArray(c.enabled_clients)) return c;
      const ids = c.enabled_clients.map((n: unknown) => {
        if (has('clients') && typeof n === 'string' && !clientIds.knows(n) && !unknownClients.has(n)) {
          unknownClients.add(n);
          ctx.warnings.push(`connection ${String(c.name)} enables "${n}", which is not among the exported clients`);
        }
        return clientRef(n);
      });
      return { ...c, enabled_clients: ids };
    });
    set('connections', conns, connItems);
    const unlisted = conns.filter((c) => !Array.isArray(c.enabled_clients)).map((c) => String(c.name));
    if (unlisted.length) {
      fail('connectionClients', failure('not-in-export', `the export does not list the enabled applications of ${unlisted.length === 1 ? 'connection' : 'connections'} ${unlisted.slice(0, 5).join(', ')}${unlisted.length > 5 ? ', …' : ''}`));
    } else {
      set('connectionClients', Object.fromEntries(conns.map((c) => [c.id, c.enabled_clients as string[]])), connItems.map((c) => c.enabled_clients));
    }
  }

  // clientGrants (client by name)
  if (!has('clientGrants')) fail('clientGrants', absent('clientGrants'));
  else {
    const grants = itemsOf(S.clientGrants).map((g, i) => ({
      ...g,
      id: str(g.id) ?? `name:${String(g.client_id)}|${String(g.audience ?? i)}`,
      client_id: clientRef(g.client_id),
    }));
    set('clientGrants', grants, S.clientGrants);
  }

  // resourceServers (the export never holds the Management API)
  if (!has('resourceServers')) fail('resourceServers', absent('resourceServers'));
  else {
    const rsIds = new Ids();
    set('resourceServers', itemsOf(S.resourceServers).map((r, i) => ({ ...r, id: rsIds.assign(r, 'id', str(r.name) ?? str(r.identifier), i) })), S.resourceServers);
  }
  if (has('resourceServers') || has('clientGrants')) ctx.warnings.push(MANAGEMENT_API_NOTE);

  // roles + rolePermissions
  if (!has('roles')) {
    fail('roles', absent('roles'));
    fail('rolePermissions', absent('roles'));
  } else {
    const roleIds = new Ids();
    const roles = itemsOf(S.roles).map((r, i): WithId => ({ ...r, id: roleIds.assign(r, 'id', str(r.name), i) }));
    set('roles', roles.map(({ permissions: _p, ...r }) => r), roles.map(({ permissions: _p, ...r }) => r));
    set('rolePermissions', Object.fromEntries(roles.map((r) => [r.id, itemsOf(r.permissions)])), roles.map((r) => r.permissions));
  }

  // legacy rules and hooks. Current Deploy CLI versions leave `hooks` out whatever the tenant holds
  // (sections.ts): its absence is out of reach, unless the export's own config excluded it.
  for (const k of ['rules', 'hooks'] as const) {
    const current = HANDLER_BY_KEY.get(k)?.absentOnCurrentExports;
    const excludedByConfig = ctx.excluded?.has(k) || (ctx.includedOnly !== undefined && !ctx.includedOnly.has(k));
    if (!has(k) && current && !excludedByConfig) fail(k, failure('out-of-reach', `${k} is not in the export: ${reachDetail(current)}`));
    else if (!has(k)) fail(k, absent(k));
    else {
      const ids = new Ids();
      const list = itemsOf(S[k]).map((x, i) => ({ ...x, id: ids.assign(x, 'id', str(x.name), i) }));
      set(k, list, list);
    }
  }

  // actions (code from side files; `deployed` = all changes deployed)
  if (!has('actions')) fail('actions', absent('actions'));
  else {
    const actions = actionItems.map((a) => {
      const deployed = a.deployed === true || a.all_changes_deployed === true;
      const code = typeof a.code === 'string' ? a.code : undefined;
      const { deployed: _d, ...rest } = a;
      return {
        ...rest,
        code,
        all_changes_deployed: deployed,
        // All changes deployed: the deployed version is the one in the export.
        ...(deployed ? { deployed_version: { ...(code !== undefined ? { code } : {}), ...(typeof a.runtime === 'string' ? { runtime: a.runtime } : {}), deployed: true } } : {}),
      };
    });
    set('actions', actions, actionItems);
  }

  // postLoginBindings ← triggers['post-login'] (by action name)
  if (!has('triggers')) fail('postLoginBindings', assets.partial.triggers ? failure('not-in-export', assets.partial.triggers) : absent('triggers'));
  else if (!isItem(S.triggers)) fail('postLoginBindings', failure('error', `${assets.origin.triggers ?? 'triggers'}: triggers is not an object`));
  else {
    const bound = itemsOf(S.triggers['post-login']);
    const bindings = bound.map((b) => {
      const name = str(b.action_name) ?? str(b.display_name) ?? '';
      return { display_name: str(b.display_name) ?? name, action: { id: actionIds.ref(name), name } };
    });
    set('postLoginBindings', bindings, bound);
  }

  // organizations (+ connections by name, discovery domains)
  if (!has('organizations')) {
    for (const k of ['organizations', 'organizationConnections', 'organizationDiscoveryDomains'] as const) fail(k, absent('organizations'));
  } else {
    const orgIds = new Ids();
    const orgs = itemsOf(S.organizations).map((o, i): WithId => ({ ...o, id: orgIds.assign(o, 'id', str(o.name), i) }));
    set('organizations', orgs.map(({ connections: _c, discovery_domains: _d, ...o }) => o), orgs.map(({ connections: _c, discovery_domains: _d, ...o }) => o));
    const listed = (key: string) => orgs.length === 0 || orgs.some((o) => Array.isArray(o[key]));
    if (!listed('connections')) fail('organizationConnections', failure('not-in-export', 'the export does not list the connections of its organizations'));
    else {
      const record = Object.fromEntries(
        orgs.map((o) => [
          o.id,
          itemsOf(o.connections).map((c) => {
            const { name, connection, connection_id, ...rest } = c;
            const ref = str(name) ?? (isItem(connection) ? str(connection.name) : undefined) ?? str(connection_id) ?? '';
            return { ...rest, connection_id: connIds.ref(ref) };
          }),
        ]),
      );
      set('organizationConnections', record, orgs.map((o) => o.connections));
    }
    if (!listed('discovery_domains')) fail('organizationDiscoveryDomains', failure('not-in-export', 'the export does not list discovery domains (a Deploy CLI version without them)'));
    else set('organizationDiscoveryDomains', Object.fromEntries(orgs.map((o) => [o.id, itemsOf(o.discovery_domains)])), orgs.map((o) => o.discovery_domains));
  }

  // emailProvider: `{}` or no provider name = the built-in provider only (when the section is there)
  if (!has('emailProvider')) fail('emailProvider', absent('emailProvider'));
  else {
    const p = S.emailProvider;
    set('emailProvider', isItem(p) && str(p.name) ? p : null, p);
  }

  // emailTemplates: the export lists customised templates; the others are still the default
  if (!has('emailTemplates')) fail('emailTemplates', absent('emailTemplates'));
  else {
    const listed = new Map(itemsOf(S.emailTemplates).map((t) => [String(t.template ?? t.name), t]));
    set('emailTemplates', Object.fromEntries(EMAIL_TEMPLATE_NAMES.map((n) => [n, listed.get(n) ?? null])), EMAIL_TEMPLATE_NAMES.map((n) => listed.get(n)));
  }

  // attackProtection sub-objects
  const ap = S.attackProtection;
  for (const [key, sub] of [
    ['bruteForceProtection', 'bruteForceProtection'],
    ['suspiciousIpThrottling', 'suspiciousIpThrottling'],
    ['breachedPasswordDetection', 'breachedPasswordDetection'],
    ['botDetection', 'botDetection'],
  ] as const) {
    if (!has('attackProtection')) fail(key, absent('attackProtection'));
    else if (!isItem(ap) || !isItem(ap[sub])) fail(key, failure('not-in-export', `attackProtection.${sub} is not in the export (not readable when exported, e.g. not on the plan, or excluded)`));
    else set(key, ap[sub], ap[sub]);
  }

  // guardian
  if (!has('guardianFactors')) fail('guardianFactors', absent('guardianFactors'));
  else set('guardianFactors', itemsOf(S.guardianFactors), S.guardianFactors);
  if (!has('guardianPolicies')) fail('guardianPolicies', absent('guardianPolicies'));
  else {
    const gp = S.guardianPolicies;
    const policies = isItem(gp) ? gp.policies : gp;
    if (Array.isArray(policies)) set('guardianPolicies', policies, policies);
    else fail('guardianPolicies', failure('error', `${assets.origin.guardianPolicies ?? 'guardianPolicies'}: expected {"policies": [...]}`));
  }
  if (!has('guardianPhoneFactorSelectedProvider')) fail('guardianPhoneProvider', absent('guardianPhoneFactorSelectedProvider'));
  else set('guardianPhoneProvider', S.guardianPhoneFactorSelectedProvider, S.guardianPhoneFactorSelectedProvider);

  // logStreams, customDomains
  if (!has('logStreams')) fail('logStreams', absent('logStreams'));
  else {
    const ids = new Ids();
    set('logStreams', itemsOf(S.logStreams).map((l, i) => ({ ...l, id: ids.assign(l, 'id', str(l.name), i) })), S.logStreams);
  }
  if (!has('customDomains')) fail('customDomains', absent('customDomains'));
  else {
    const domains = itemsOf(S.customDomains);
    set('customDomains', domains, S.customDomains);
    // `domain` and `type` are all the Deploy CLI needs to create a custom domain: an entry written
    // by hand has no `status`. Read it; a finding about its status is unknown (this copy lacks it).
    const noStatus = domains.filter((d) => typeof d.status !== 'string').map((d) => String(d.domain));
    const read = results.customDomains;
    if (noStatus.length && read?.ok) {
      read.unheld = [{ field: 'status', detail: `the export gives no status for ${noStatus.slice(0, 3).join(', ')}${noStatus.length > 3 ? ', …' : ''} (a hand-written entry): whether it is verified is unknown` }];
    }
  }

  // prompts (+ customText: language → prompt → screen, turned into prompt → language → screen)
  if (!has('prompts') || !isItem(S.prompts)) {
    fail('prompts', absent('prompts'));
    fail('promptsCustomText', absent('prompts'));
  } else {
    const { customText, partials: _p, screenRenderers: _s, ...settings } = S.prompts;
    if (assets.partial.prompts) fail('prompts', failure('not-in-export', assets.partial.prompts));
    else set('prompts', settings, settings);
    if (!isItem(customText)) fail('promptsCustomText', failure('not-in-export', 'prompts.customText is not in the export'));
    else {
      const out: Record<string, Record<string, unknown>> = {};
      for (const [lang, byPrompt] of Object.entries(customText)) {
        for (const [prompt, screens] of Object.entries(isItem(byPrompt) ? byPrompt : {})) (out[prompt] ??= {})[lang] = isItem(screens) ? screens : {};
      }
      const tenantLocales = isItem(S.tenant) && Array.isArray(S.tenant.enabled_locales) ? S.tenant.enabled_locales.filter((l): l is string => typeof l === 'string') : [];
      const locales = new Set([...(tenantLocales.length ? tenantLocales : ['en']), ...Object.keys(customText)]);
      // Not listed = not customised: what the live read returns as `{}`.
      for (const prompt of CUSTOM_TEXT_PROMPTS) for (const lang of locales) (out[prompt] ??= {})[lang] ??= {};
      set('promptsCustomText', out, customText);
    }
  }

  // branding (+ the Universal Login page template)
  if (!has('branding') || !isItem(S.branding)) {
    fail('branding', absent('branding'));
    fail('brandingTemplate', absent('branding'));
  } else {
    const { templates, ...branding } = S.branding;
    if (assets.partial.branding) fail('branding', failure('not-in-export', assets.partial.branding));
    else set('branding', branding, branding);
    const ul = itemsOf(templates).find((t) => t.template === 'universal_login');
    if (!ul) set('brandingTemplate', null);
    // a body file missing from the export (a partial checkout, HTML left out) is not in the export, not a broken read
    else if (typeof ul.body !== 'string') fail('brandingTemplate', failure('not-in-export', 'the Universal Login page template is listed but its body file is not in the export'));
    else set('brandingTemplate', { body: ul.body }, ul.body);
  }

  // themes → the default theme
  if (!has('themes')) fail('brandingTheme', absent('themes'));
  else {
    const themes = itemsOf(S.themes);
    if (themes.length > 1) ctx.warnings.push(`${assets.origin.themes ?? 'themes'}: ${themes.length} themes: the first is read as the default theme`);
    set('brandingTheme', themes[0] ?? null, themes[0]);
  }

  // the lists with nothing to resolve
  for (const [key, section, nameKey] of [
    ['selfServiceProfiles', 'selfServiceProfiles', 'name'],
    ['forms', 'forms', 'name'],
    ['networkAcls', 'networkACLs', 'description'],
    ['eventStreams', 'eventStreams', 'name'],
    ['phoneProviders', 'phoneProviders', 'name'],
  ] as const) {
    if (!has(section)) fail(key, absent(section));
    else {
      const ids = new Ids();
      set(key, itemsOf(S[section]).map((x, i) => ({ ...x, id: ids.assign(x, 'id', str(x[nameKey]), i) })), S[section]);
    }
  }

  // Finalise: unresolved keywords, shape, redaction.
  const resources: Record<string, ResourceResult<unknown>> = {};
  for (const key of RESOURCE_KEYS) {
    const title = RESOURCES[key].title;
    const r = results[key];
    if (!r) {
      const never = NEVER_EXPORTED.find((n) => n.resource === key);
      resources[key] = failure(never ? 'out-of-reach' : 'not-in-export', never ? `${title}: ${reachDetail(never)}` : `${title} is not part of a Deploy CLI export`);
      continue;
    }
    if (!r.ok) {
      resources[key] = r;
      continue;
    }
    const tainted = taint.get(key);
    if (tainted?.length) {
      const first = tainted[0] as MarkerEntry;
      const more = tainted.length > 1 ? ` (and ${tainted.length - 1} more)` : '';
      resources[key] = failure('error', `unresolved keyword ${first.marker} at ${first.file}:${first.line}${more}`);
      continue;
    }
    // The Deploy CLI's placeholders are never judged as values: dropped, and the field unheld.
    const placeholders = dropPlaceholders(ctx.markers, r.data);
    // Tolerant: a null for an optional value, or inside a list, is read as absent (as from the API).
    const parsed = tolerantParse(RESOURCES[key].schema, placeholders.data, key);
    if (!parsed.ok) {
      const where = `: ${parsed.error}`;
      resources[key] = failure('error', `the export does not have the expected shape${where}`);
      ctx.warnings.push(`${title}: the export does not have the expected shape${where}: the resource is unknown`);
      continue;
    }
    const read = ok(restoreDeep(ctx.markers, redact(parsed.data)));
    const unheld = [...(r.unheld ?? []), ...strippedFields(key, parsed.data), ...placeholders.unheld];
    resources[key] = unheld.length ? { ...read, unheld } : read;
  }

  // One warning per unresolved keyword occurrence.
  for (const [m, titles] of taintTitles) {
    if (m.reported) continue;
    m.reported = true;
    ctx.warnings.push(`${m.file}:${m.line}: unresolved keyword ${m.marker}: ${[...titles].join(', ')} unknown`);
  }
  for (const m of ctx.markers.entries) {
    if (m.reported) continue;
    m.reported = true;
    if (!isDeployCliPlaceholder(m.marker)) ctx.warnings.push(`${m.file}:${m.line}: unresolved keyword ${m.marker}`);
  }
  return resources as SnapshotResources;
}

/**
 * The fields of a read resource the Deploy CLI strips on every export (sections.ts), when this
 * export indeed lacks them: out of reach. An export that holds one anyway (INCLUDED_PROPS re-adds
 * read-only fields) is judged on it. In a list, a field no item holds.
 */
export function strippedFields(key: ResourceKey, data: unknown): UnheldField[] {
  const out: UnheldField[] = [];
  for (const h of SECTION_HANDLERS) {
    for (const s of h.strips ?? []) {
      if (s.resource !== key) continue;
      const items = Array.isArray(data) ? data : [data];
      if (s.heldIf ? s.heldIf(data) : items.some((x) => valueAt(x, s.field) !== undefined)) continue;
      if (!out.some((u) => u.field === s.field)) out.push({ field: s.field, detail: reachDetail(s), reason: 'out-of-reach' });
    }
  }
  return out;
}

/** What the Deploy CLI writes for a value it never exports (hook secrets, log-stream sink secrets). */
const VALUE_NOT_SHOWN = '_VALUE_NOT_SHOWN_';

/** The Deploy CLI placeholder `v` consists of (`##LOGSTREAMS_SEGMENT_SECRET##`, `_VALUE_NOT_SHOWN_`), if it is one. */
function placeholderIn(markers: MarkerRegistry, v: string): string | undefined {
  if (v === VALUE_NOT_SHOWN) return v;
  if (!hasSentinel(v)) return undefined;
  const restored = markers.restore(v);
  return isDeployCliPlaceholder(restored) ? restored : undefined;
}

/**
 * The resource's data without the Deploy CLI's placeholders, which stand for a value the export
 * never holds (src/context/defaults.ts writes `##…##` whether or not the tenant has a value;
 * `_VALUE_NOT_SHOWN_` is what the API returns for a secret): judging one as the literal value would
 * be judging the exporter. Each becomes an unheld field, out of reach. Fields the redactor removes
 * anyway (secrets) are left to it. In a list, paths are relative to the item, as rules name them.
 */
function dropPlaceholders(markers: MarkerRegistry, data: unknown): { data: unknown; unheld: UnheldField[] } {
  const unheld: UnheldField[] = [];
  const walk = (v: unknown, path: string[]): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x, path));
    if (!isItem(v)) return v;
    const out: Item = {};
    for (const [k, x] of Object.entries(v)) {
      const p = typeof x === 'string' && !isSecretKey(k) ? placeholderIn(markers, x) : undefined;
      if (p === undefined) {
        out[k] = walk(x, [...path, k]);
        continue;
      }
      const field = [...path, k].join('.');
      if (!unheld.some((u) => u.field === field)) {
        unheld.push({ field, reason: 'out-of-reach', detail: `the export holds the Deploy CLI placeholder ${p} in place of the value (src/context/defaults.ts): needs a live audit` });
      }
    }
    return out;
  };
  const out = walk(data, []);
  return { data: out, unheld };
}

function valueAt(v: unknown, path: string): unknown {
  let cur = v;
  for (const part of path.split('.')) {
    if (!isItem(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

function restoreDeep(markers: MarkerRegistry, v: unknown): unknown {
  if (typeof v === 'string') return hasSentinel(v) ? markers.restore(v) : v;
  if (Array.isArray(v)) return v.map((x) => restoreDeep(markers, x));
  if (isItem(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [hasSentinel(k) ? markers.restore(k) : k, restoreDeep(markers, x)]));
  return v;
}
