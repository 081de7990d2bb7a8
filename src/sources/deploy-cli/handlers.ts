/**
 * One handler per Deploy CLI export section, as the Deploy CLI itself keeps one per section: each
 * owns, for its section,
 * - its reach row (sections.ts: YAML key, directory path, shape, resources, what the Deploy CLI
 *   strips), found by the same key;
 * - how its assets map into snapshot resources (`map`, run by mapAssets in map.ts);
 * - where a finding about its resources sits in the export (`places`, read by locate.ts).
 * Adding or changing a section touches its handler here and its reach row; a test
 * (test/sources/deploy-cli-handlers.test.ts) holds the two lists to one handler per row.
 *
 * mapAssets runs the handlers in the order of HANDLERS: the order of the warnings the read gives
 * follows it. A section another section's resource is built from (`pages` into the tenant
 * settings and the global client, `databases` into the connections) has no `map` of its own: the
 * handler of the resource reads it, and its `feeds` says which.
 */
import { EMAIL_TEMPLATE_NAMES, type ResourceKey } from '../../snapshot/resources.js';
import { failure } from '../../snapshot/snapshot.js';
import { isItem, itemsOf, type Item, type Section } from './formats.js';
import { Ids, str, type MapState, type WithId } from './map-context.js';
import { HANDLER_BY_KEY, reachDetail, type SectionHandler } from './sections.js';

/** Where the export keeps a resource type of a section: its directory folder (or file) and the key that names an item. */
export interface Place {
  /** Relative to the export root: a folder of JSON files, or one `.json` file. */
  dir: string;
  /** The key whose value names the item (matched against the finding's resource); none: the section is the item. */
  key?: string;
}

export interface DeployCliHandler {
  /** The section's top-level YAML key (its reach row in sections.ts has the same key). */
  key: string;
  /** Map the section's assets into snapshot resources; none: the audit does not read it, or another handler does (`feeds`). */
  map?: (m: MapState) => void;
  /** The section whose handler reads this one into its resources. */
  feeds?: string;
  /** Resource type (a finding's `resource.type`) → where the section keeps it, for locate.ts. */
  places?: Readonly<Record<string, Place>>;
}

/** Pages of the Deploy CLI → tenant-settings keys (the login page lives on the global client). */
const PAGE_KEYS: Record<string, string> = {
  error_page: 'error_page',
  password_reset: 'change_password',
  guardian_multifactor: 'guardian_mfa_page',
};
const PAGE_TITLES = 'error, password-reset and MFA';

/** Prompts the live collector reads custom text for (see fetchers.ts). */
const CUSTOM_TEXT_PROMPTS = ['login', 'signup', 'reset-password'];

/** What every export lacks and a live read has: said once, since checks on it cannot run offline. */
export const MANAGEMENT_API_NOTE =
  'note: a Deploy CLI export never holds the Auth0 Management API resource server, nor the grants of the client the Deploy CLI runs as: they are not audited from an export';

/** attackProtection sub-objects: the snapshot resource, the YAML sub-key, the finding's resource id (and directory file name). */
export const ATTACK_PROTECTION_PARTS = [
  { resource: 'bruteForceProtection', sub: 'bruteForceProtection', id: 'brute-force-protection' },
  { resource: 'suspiciousIpThrottling', sub: 'suspiciousIpThrottling', id: 'suspicious-ip-throttling' },
  { resource: 'breachedPasswordDetection', sub: 'breachedPasswordDetection', id: 'breached-password-detection' },
  { resource: 'botDetection', sub: 'botDetection', id: 'bot-detection' },
] as const;

/** Legacy rules and hooks: current Deploy CLI versions leave `hooks` out whatever the tenant holds (sections.ts), so its absence is out of reach, unless the export's own config excluded it. */
function mapLegacyList(k: 'rules' | 'hooks'): (m: MapState) => void {
  return ({ assets, ctx, has, absent, set, fail }) => {
    const current = HANDLER_BY_KEY.get(k)?.absentOnCurrentExports;
    const excludedByConfig = ctx.excluded?.has(k) || (ctx.includedOnly !== undefined && !ctx.includedOnly.has(k));
    if (!has(k) && current && !excludedByConfig) fail(k, failure('out-of-reach', `${k} is not in the export: ${reachDetail(current)}`));
    else if (!has(k)) fail(k, absent(k));
    else {
      const ids = new Ids();
      const list = itemsOf(assets.sections[k]).map((x, i) => ({ ...x, id: ids.assign(x, 'id', str(x.name), i) }));
      set(k, list, list);
    }
  };
}

/** A list with nothing to resolve: each item gets its id (or one from `nameKey`). */
function mapPlainList(key: ResourceKey, section: Section, nameKey: string): (m: MapState) => void {
  return ({ assets, has, absent, set, fail }) => {
    if (!has(section)) fail(key, absent(section));
    else {
      const ids = new Ids();
      set(key, itemsOf(assets.sections[section]).map((x, i) => ({ ...x, id: ids.assign(x, 'id', str(x[nameKey]), i) })), assets.sections[section]);
    }
  };
}

export const HANDLERS: readonly DeployCliHandler[] = [
  {
    // tenantSettings ← tenant + pages (+ legacy migrations flags)
    key: 'tenant',
    map: ({ assets, refs, has, absent, absentText, set, fail, result }) => {
      const S = assets.sections;
      if (!has('tenant')) fail('tenantSettings', absent('tenant'));
      else if (!isItem(S.tenant)) fail('tenantSettings', failure('error', `${assets.origin.tenant ?? 'tenant'}: tenant is not an object`));
      else {
        const t: Item = { ...S.tenant };
        const tenantPages: Item[] = [];
        for (const p of refs.pages) {
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
        const read = result('tenantSettings');
        if (!has('pages') && read?.ok) {
          const detail = `${absentText('pages')}: the ${PAGE_TITLES} pages of the tenant settings are unknown`;
          read.unheld = Object.values(PAGE_KEYS).map((field) => ({ field, detail }));
        }
      }
    },
  },
  { key: 'migrations', feeds: 'tenant' },
  // the error, password-reset and MFA pages go into the tenant settings, the login page onto the global client
  { key: 'pages', feeds: 'tenant' },
  {
    // clients (+ the global client's login page)
    key: 'clients',
    map: ({ refs, has, absent, set, fail }) => {
      if (!has('clients')) fail('clients', absent('clients'));
      else {
        const clients: Item[] = [...refs.clientItems];
        const loginPage = refs.loginPage;
        if (loginPage) {
          clients.push({
            client_id: 'global',
            name: 'All Applications',
            global: true,
            custom_login_page_on: loginPage.enabled === true,
            ...(typeof loginPage.html === 'string' ? { custom_login_page: loginPage.html } : {}),
          });
        }
        set('clients', clients, refs.clientItems, loginPage);
      }
    },
    places: { client: { dir: 'clients', key: 'name' } },
  },
  // database connections: read with the other connections (the connections handler)
  { key: 'databases', feeds: 'connections', places: { connection: { dir: 'database-connections', key: 'name' } } },
  {
    // connections ← databases + connections; connectionClients ← their enabled_clients (names)
    key: 'connections',
    map: ({ ctx, refs, has, absentText, set, fail }) => {
      const clientRef = (v: unknown): string => (typeof v === 'string' ? refs.clientIds.ref(v) : String(v));
      const unknownClients = new Set<string>();
      if (!has('databases') || !has('connections')) {
        const missing = (['databases', 'connections'] as const).filter((k) => !has(k));
        const f = failure('not-in-export', `${absentText(...missing)}${missing.length === 1 ? ': the connections are incomplete' : ''}`);
        fail('connections', f);
        fail('connectionClients', f);
      } else {
        const conns = refs.connItems.map((c): WithId => {
          if (!Array.isArray(c.enabled_clients)) return c;
          const ids = c.enabled_clients.map((n: unknown) => {
            if (has('clients') && typeof n === 'string' && !refs.clientIds.knows(n) && !unknownClients.has(n)) {
              unknownClients.add(n);
              ctx.warnings.push(`connection ${String(c.name)} enables "${n}", which is not among the exported clients`);
            }
            return clientRef(n);
          });
          return { ...c, enabled_clients: ids };
        });
        set('connections', conns, refs.connItems);
        const unlisted = conns.filter((c) => !Array.isArray(c.enabled_clients)).map((c) => String(c.name));
        if (unlisted.length) {
          fail('connectionClients', failure('not-in-export', `the export does not list the enabled applications of ${unlisted.length === 1 ? 'connection' : 'connections'} ${unlisted.slice(0, 5).join(', ')}${unlisted.length > 5 ? ', …' : ''}`));
        } else {
          set('connectionClients', Object.fromEntries(conns.map((c) => [c.id, c.enabled_clients as string[]])), refs.connItems.map((c) => c.enabled_clients));
        }
      }
    },
    places: { connection: { dir: 'connections', key: 'name' } },
  },
  {
    // clientGrants (client by name)
    key: 'clientGrants',
    map: ({ assets, refs, has, absent, set, fail }) => {
      if (!has('clientGrants')) fail('clientGrants', absent('clientGrants'));
      else {
        const clientRef = (v: unknown): string => (typeof v === 'string' ? refs.clientIds.ref(v) : String(v));
        const grants = itemsOf(assets.sections.clientGrants).map((g, i) => ({
          ...g,
          id: str(g.id) ?? `name:${String(g.client_id)}|${String(g.audience ?? i)}`,
          client_id: clientRef(g.client_id),
        }));
        set('clientGrants', grants, assets.sections.clientGrants);
      }
    },
    places: { 'client-grant': { dir: 'grants' } },
  },
  {
    // resourceServers (the export never holds the Management API)
    key: 'resourceServers',
    map: ({ assets, ctx, has, absent, set, fail }) => {
      const S = assets.sections;
      if (!has('resourceServers')) fail('resourceServers', absent('resourceServers'));
      else {
        const rsIds = new Ids();
        set('resourceServers', itemsOf(S.resourceServers).map((r, i) => ({ ...r, id: rsIds.assign(r, 'id', str(r.name) ?? str(r.identifier), i) })), S.resourceServers);
      }
      if (has('resourceServers') || has('clientGrants')) ctx.warnings.push(MANAGEMENT_API_NOTE);
    },
    places: { 'resource-server': { dir: 'resource-servers', key: 'name' } },
  },
  {
    // roles + rolePermissions
    key: 'roles',
    map: ({ assets, has, absent, set, fail }) => {
      if (!has('roles')) {
        fail('roles', absent('roles'));
        fail('rolePermissions', absent('roles'));
      } else {
        const roleIds = new Ids();
        const roles = itemsOf(assets.sections.roles).map((r, i): WithId => ({ ...r, id: roleIds.assign(r, 'id', str(r.name), i) }));
        set('roles', roles.map(({ permissions: _p, ...r }) => r), roles.map(({ permissions: _p, ...r }) => r));
        set('rolePermissions', Object.fromEntries(roles.map((r) => [r.id, itemsOf(r.permissions)])), roles.map((r) => r.permissions));
      }
    },
    places: { role: { dir: 'roles', key: 'name' } },
  },
  { key: 'rules', map: mapLegacyList('rules'), places: { rule: { dir: 'rules', key: 'name' } } },
  { key: 'hooks', map: mapLegacyList('hooks'), places: { hook: { dir: 'hooks', key: 'name' } } },
  {
    // actions (code from side files; `deployed` = all changes deployed)
    key: 'actions',
    map: ({ refs, has, absent, set, fail }) => {
      if (!has('actions')) fail('actions', absent('actions'));
      else {
        const actions = refs.actionItems.map((a) => {
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
        set('actions', actions, refs.actionItems);
      }
    },
    places: { action: { dir: 'actions', key: 'name' } },
  },
  {
    // postLoginBindings ← triggers['post-login'] (by action name)
    key: 'triggers',
    map: ({ assets, refs, has, absent, set, fail }) => {
      const S = assets.sections;
      if (!has('triggers')) fail('postLoginBindings', assets.partial.triggers ? failure('not-in-export', assets.partial.triggers) : absent('triggers'));
      else if (!isItem(S.triggers)) fail('postLoginBindings', failure('error', `${assets.origin.triggers ?? 'triggers'}: triggers is not an object`));
      else {
        const bound = itemsOf(S.triggers['post-login']);
        const bindings = bound.map((b) => {
          const name = str(b.action_name) ?? str(b.display_name) ?? '';
          return { display_name: str(b.display_name) ?? name, action: { id: refs.actionIds.ref(name), name } };
        });
        set('postLoginBindings', bindings, bound);
      }
    },
  },
  {
    // organizations (+ connections by name, discovery domains)
    key: 'organizations',
    map: ({ assets, refs, has, absent, set, fail }) => {
      if (!has('organizations')) {
        for (const k of ['organizations', 'organizationConnections', 'organizationDiscoveryDomains'] as const) fail(k, absent('organizations'));
        return;
      }
      const orgIds = new Ids();
      const orgs = itemsOf(assets.sections.organizations).map((o, i): WithId => ({ ...o, id: orgIds.assign(o, 'id', str(o.name), i) }));
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
              return { ...rest, connection_id: refs.connIds.ref(ref) };
            }),
          ]),
        );
        set('organizationConnections', record, orgs.map((o) => o.connections));
      }
      if (!listed('discovery_domains')) fail('organizationDiscoveryDomains', failure('not-in-export', 'the export does not list discovery domains (a Deploy CLI version without them)'));
      else set('organizationDiscoveryDomains', Object.fromEntries(orgs.map((o) => [o.id, itemsOf(o.discovery_domains)])), orgs.map((o) => o.discovery_domains));
    },
    places: { organization: { dir: 'organizations', key: 'name' } },
  },
  {
    // emailProvider: `{}` or no provider name = the built-in provider only (when the section is there)
    key: 'emailProvider',
    map: ({ assets, has, absent, set, fail }) => {
      if (!has('emailProvider')) fail('emailProvider', absent('emailProvider'));
      else {
        const p = assets.sections.emailProvider;
        set('emailProvider', isItem(p) && str(p.name) ? p : null, p);
      }
    },
    places: { 'email-provider': { dir: 'emails/provider.json' } },
  },
  {
    // emailTemplates: the export lists customised templates; the others are still the default
    key: 'emailTemplates',
    map: ({ assets, has, absent, set, fail }) => {
      if (!has('emailTemplates')) fail('emailTemplates', absent('emailTemplates'));
      else {
        const listed = new Map(itemsOf(assets.sections.emailTemplates).map((t) => [String(t.template ?? t.name), t]));
        set('emailTemplates', Object.fromEntries(EMAIL_TEMPLATE_NAMES.map((n) => [n, listed.get(n) ?? null])), EMAIL_TEMPLATE_NAMES.map((n) => listed.get(n)));
      }
    },
    places: { 'email-template': { dir: 'emails', key: 'template' } },
  },
  {
    // attackProtection sub-objects, one resource each (located by locate.ts through ATTACK_PROTECTION_PARTS)
    key: 'attackProtection',
    map: ({ assets, has, absent, set, fail }) => {
      const ap = assets.sections.attackProtection;
      for (const { resource: key, sub } of ATTACK_PROTECTION_PARTS) {
        if (!has('attackProtection')) fail(key, absent('attackProtection'));
        else if (!isItem(ap) || !isItem(ap[sub])) fail(key, failure('not-in-export', `attackProtection.${sub} is not in the export (not readable when exported, e.g. not on the plan, or excluded)`));
        else set(key, ap[sub], ap[sub]);
      }
    },
  },
  {
    key: 'guardianFactors',
    map: ({ assets, has, absent, set, fail }) => {
      if (!has('guardianFactors')) fail('guardianFactors', absent('guardianFactors'));
      else set('guardianFactors', itemsOf(assets.sections.guardianFactors), assets.sections.guardianFactors);
    },
    places: { 'mfa-factor': { dir: 'guardian/factors', key: 'name' } },
  },
  {
    key: 'guardianPolicies',
    map: ({ assets, has, absent, set, fail }) => {
      if (!has('guardianPolicies')) fail('guardianPolicies', absent('guardianPolicies'));
      else {
        const gp = assets.sections.guardianPolicies;
        const policies = isItem(gp) ? gp.policies : gp;
        if (Array.isArray(policies)) set('guardianPolicies', policies, policies);
        else fail('guardianPolicies', failure('error', `${assets.origin.guardianPolicies ?? 'guardianPolicies'}: expected {"policies": [...]}`));
      }
    },
    places: { 'mfa-policy': { dir: 'guardian/policies.json' } },
  },
  {
    key: 'guardianPhoneFactorSelectedProvider',
    map: ({ assets, has, absent, set, fail }) => {
      if (!has('guardianPhoneFactorSelectedProvider')) fail('guardianPhoneProvider', absent('guardianPhoneFactorSelectedProvider'));
      else set('guardianPhoneProvider', assets.sections.guardianPhoneFactorSelectedProvider, assets.sections.guardianPhoneFactorSelectedProvider);
    },
  },
  { key: 'logStreams', map: mapPlainList('logStreams', 'logStreams', 'name'), places: { 'log-stream': { dir: 'log-streams', key: 'name' } } },
  {
    key: 'customDomains',
    map: ({ assets, has, absent, set, fail, result }) => {
      if (!has('customDomains')) fail('customDomains', absent('customDomains'));
      else {
        const domains = itemsOf(assets.sections.customDomains);
        set('customDomains', domains, assets.sections.customDomains);
        // `domain` and `type` are all the Deploy CLI needs to create a custom domain: an entry written
        // by hand has no `status`. Read it; a finding about its status is unknown (this copy lacks it).
        const noStatus = domains.filter((d) => typeof d.status !== 'string').map((d) => String(d.domain));
        const read = result('customDomains');
        if (noStatus.length && read?.ok) {
          read.unheld = [{ field: 'status', detail: `the export gives no status for ${noStatus.slice(0, 3).join(', ')}${noStatus.length > 3 ? ', …' : ''} (a hand-written entry): whether it is verified is unknown` }];
        }
      }
    },
    places: { 'custom-domain': { dir: 'custom-domains/custom-domains.json', key: 'domain' } },
  },
  {
    // prompts (+ customText: language → prompt → screen, turned into prompt → language → screen)
    key: 'prompts',
    map: ({ assets, has, absent, set, fail }) => {
      const S = assets.sections;
      if (!has('prompts') || !isItem(S.prompts)) {
        fail('prompts', absent('prompts'));
        fail('promptsCustomText', absent('prompts'));
        return;
      }
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
    },
    places: { prompts: { dir: 'prompts/prompts.json' }, 'custom-text': { dir: 'prompts/custom-text.json' } },
  },
  {
    // branding (+ the Universal Login page template)
    key: 'branding',
    map: ({ assets, has, absent, set, fail }) => {
      const S = assets.sections;
      if (!has('branding') || !isItem(S.branding)) {
        fail('branding', absent('branding'));
        fail('brandingTemplate', absent('branding'));
        return;
      }
      const { templates, ...branding } = S.branding;
      if (assets.partial.branding) fail('branding', failure('not-in-export', assets.partial.branding));
      else set('branding', branding, branding);
      const ul = itemsOf(templates).find((t) => t.template === 'universal_login');
      if (!ul) set('brandingTemplate', null);
      // a body file missing from the export (a partial checkout, HTML left out) is not in the export, not a broken read
      else if (typeof ul.body !== 'string') fail('brandingTemplate', failure('not-in-export', 'the Universal Login page template is listed but its body file is not in the export'));
      else set('brandingTemplate', { body: ul.body }, ul.body);
    },
    places: { branding: { dir: 'branding/branding.json' }, 'branding-template': { dir: 'branding/branding.json' } },
  },
  {
    // themes → the default theme
    key: 'themes',
    map: ({ assets, ctx, has, absent, set, fail }) => {
      if (!has('themes')) fail('brandingTheme', absent('themes'));
      else {
        const themes = itemsOf(assets.sections.themes);
        if (themes.length > 1) ctx.warnings.push(`${assets.origin.themes ?? 'themes'}: ${themes.length} themes: the first is read as the default theme`);
        set('brandingTheme', themes[0] ?? null, themes[0]);
      }
    },
    places: { theme: { dir: 'themes' } },
  },
  { key: 'selfServiceProfiles', map: mapPlainList('selfServiceProfiles', 'selfServiceProfiles', 'name') },
  { key: 'forms', map: mapPlainList('forms', 'forms', 'name'), places: { form: { dir: 'forms', key: 'name' } } },
  { key: 'networkACLs', map: mapPlainList('networkAcls', 'networkACLs', 'description') },
  { key: 'eventStreams', map: mapPlainList('eventStreams', 'eventStreams', 'name') },
  { key: 'phoneProviders', map: mapPlainList('phoneProviders', 'phoneProviders', 'name') },
  // Sections the audit does not read (their reach rows say why).
  { key: 'actionModules' },
  { key: 'rulesConfigs' },
  { key: 'guardianFactorProviders' },
  { key: 'guardianFactorTemplates' },
  { key: 'guardianPhoneFactorMessageTypes' },
  { key: 'riskAssessment' },
  { key: 'phoneTemplates' },
  { key: 'flows' },
  { key: 'flowVaultConnections' },
  { key: 'userAttributeProfiles' },
  { key: 'connectionProfiles' },
  { key: 'tokenExchangeProfiles' },
  { key: 'supplementalSignals' },
  { key: 'rateLimitPolicies' },
];

/** The reach row (sections.ts) of a handler. */
export function reachOf(h: DeployCliHandler): SectionHandler | undefined {
  return HANDLER_BY_KEY.get(h.key);
}

/** Resource type → where the export keeps it (YAML section, directory folder or file, matching key), in handler order. */
export const PLACES: Readonly<Record<string, readonly (Place & { section: string })[]>> = (() => {
  const out: Record<string, (Place & { section: string })[]> = {};
  for (const h of HANDLERS) for (const [type, place] of Object.entries(h.places ?? {})) (out[type] ??= []).push({ section: h.key, ...place });
  return out;
})();
