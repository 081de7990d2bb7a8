/**
 * The Deploy CLI export, one handler per section, as data: what `a0deploy export` writes under each
 * top-level YAML key (the Deploy CLI's own handler name) and directory path, the shape the value
 * must have, the snapshot resources the reader builds from it, and the REACH of the source: what the
 * Deploy CLI strips or never reads, so that no export can hold it. The code that reads each
 * section (how it maps into those resources, where its findings are located) is the section's
 * handler in handlers.ts, under the same key.
 *
 * Every citation is a file (and line) of `auth0/auth0-deploy-cli` at commit a00a0554 (v8.43.0 + 3
 * commits), as read and replayed in the project's reference notes on the Deploy CLI's reach; a test
 * (test/sources/deploy-cli-reach.test.ts) holds this table against those notes and the format
 * reference, so a row cannot drift from what the Deploy CLI does.
 *
 * Two kinds of absence, kept apart on purpose (src/snapshot/snapshot.ts FAILURE_REASONS):
 * - out of reach (`out-of-reach`): the Deploy CLI never writes it (signing keys, logs, users, flags
 *   outside its allowlist…). A check that needs it "needs a live audit": it is not a read failure
 *   and does not stop the offline gate, since no export could ever answer it.
 * - not in this export (`not-in-export`): a section the Deploy CLI does write, missing from this copy
 *   (AUTH0_EXCLUDED, a 403 at export time, an older CLI). The audit fails closed on it, as before.
 */
import type { ResourceKey } from '../../snapshot/resources.js';

/** The Deploy CLI version the reach below was read from. */
export const DEPLOY_CLI_REFERENCE = 'auth0-deploy-cli 8.43.0 (commit a00a0554)';

export type SectionShape = 'object' | 'array';

/** A field of a resource the reader builds that the Deploy CLI never writes. */
export interface FieldReach {
  resource: ResourceKey;
  /** Dot path in the resource's data, as rules name it in a finding's `field`. */
  field: string;
  why: string;
  /** Deploy CLI source file and line (at DEPLOY_CLI_REFERENCE). */
  cite: string;
  /**
   * Whether this export holds it anyway (INCLUDED_PROPS, a hand-edited file); default: some item
   * has a value at `field`. A held field is judged like any other.
   */
  heldIf?: (data: unknown) => boolean;
}

/** The entry the Deploy CLI filters out of the exported APIs, named as rules name it in a finding's `field`. */
export const MANAGEMENT_API_FIELD = 'management-api';
const isManagementApi = (rs: unknown): boolean =>
  !!rs && typeof rs === 'object' && (rs as { is_system?: unknown }).is_system === true && String((rs as { identifier?: unknown }).identifier ?? '').endsWith('/api/v2/');

export interface SectionHandler {
  /** The top-level YAML key, which is also the Deploy CLI handler's name. */
  key: string;
  /** What the YAML key holds (a directory export is read into the same shape). */
  shape: SectionShape;
  /** Older exports also wrote this shape (read as well). */
  legacyShape?: SectionShape;
  /** Where the directory format keeps it, relative to the export root. */
  path: string;
  /**
   * The directory format keeps one JSON file per item in the section's folder, and nothing else
   * to read: the reader lists the folder (formats.ts). Other sections have a reader of their own.
   */
  dirItems?: true;
  /** Snapshot resources built from it; empty: the audit does not read this section. */
  resources: readonly ResourceKey[];
  /** How the reader turns it into those resources, in one line. */
  read: string;
  /** Fields the Deploy CLI strips or never reads, whatever the export: out of reach. */
  strips?: readonly FieldReach[];
  /**
   * Current Deploy CLI versions leave the section out whatever the tenant holds: its absence says
   * nothing about the tenant and is out of reach, not "excluded". A present section is read.
   */
  absentOnCurrentExports?: { why: string; cite: string };
  /** Removed from the Deploy CLI: only older exports hold it. */
  legacy?: boolean;
}

const TENANT_FLAG_NEVER = 'a tenant flag outside the Deploy CLI allowlist: removeUnallowedTenantFlags drops it on export';
const TENANT_FLAG_CITE = 'src/tools/auth0/handlers/tenant.ts:120-147, 200';

/** Flags the audit's rules read that the Deploy CLI never exports (not in its allowlist). */
const NEVER_EXPORTED_FLAGS = ['enable_sso', 'allow_changing_enable_sso', 'disable_impersonation', 'remove_stale_idp_attributes', 'enable_custom_domain_in_emails', 'universal_login', 'new_universal_login_experience_enabled', 'enable_legacy_logs_search_v2', 'custom_domains_provisioning', 'genai_trial', 'remove_alg_from_jwks'] as const;

export const SECTION_HANDLERS: readonly SectionHandler[] = [
  {
    key: 'tenant',
    shape: 'object',
    path: 'tenant.json',
    resources: ['tenantSettings'],
    read: 'the tenant settings as exported, with the pages of `pages` put back in place; `sandbox_version` is exported (since Deploy CLI 7.16.0)',
    strips: [
      { resource: 'tenantSettings', field: 'sandbox_versions_available', why: 'read-only: stripped on export', cite: 'src/readonly.ts:11' },
      ...NEVER_EXPORTED_FLAGS.map((f) => ({ resource: 'tenantSettings' as const, field: `flags.${f}`, why: TENANT_FLAG_NEVER, cite: TENANT_FLAG_CITE })),
    ],
  },
  { key: 'migrations', shape: 'object', path: 'migrations.json', resources: ['tenantSettings'], read: 'legacy migration flags, merged under the tenant flags', legacy: true },
  {
    key: 'pages',
    shape: 'array',
    path: 'pages/<name>.json',
    resources: ['tenantSettings', 'clients'],
    read: 'error, password-reset and MFA pages back into the tenant settings; the login page as the global client',
  },
  {
    key: 'clients',
    shape: 'array',
    path: 'clients/<n>.json',
    resources: ['clients'],
    read: 'non-global clients by name (ids stripped unless --export_ids); `cross_origin_auth` read as `cross_origin_authentication`',
    strips: ['client_secret', 'signing_keys', 'callback_url_template', 'global', 'tenant', 'owners', 'config_route', 'custom_login_page_preview'].map((field) => ({
      resource: 'clients' as const,
      field,
      why: 'read-only: stripped on export',
      cite: 'src/readonly.ts:17-26',
    })),
  },
  { key: 'clientGrants', shape: 'array', dirItems: true, path: 'grants/<client>-<api name or audience>.json', resources: ['clientGrants'], read: 'grants, client by name (the grants of the client the Deploy CLI runs as are never exported)' },
  {
    key: 'connections',
    shape: 'array',
    path: 'connections/<n>.json',
    resources: ['connections', 'connectionClients'],
    read: 'non-database connections; `enabled_clients` by client name',
    strips: [
      { resource: 'connections', field: 'provisioning_ticket_url', why: 'read-only: stripped on export', cite: 'src/readonly.ts:8' },
      { resource: 'connections', field: 'realms', why: 'read-only: stripped on export (kept for databases)', cite: 'src/readonly.ts:8' },
    ],
  },
  {
    key: 'databases',
    shape: 'array',
    path: 'database-connections/<n>/database.json',
    resources: ['connections', 'connectionClients'],
    read: 'database connections (strategy auth0) with their custom scripts from side files',
    strips: [{ resource: 'connections', field: 'options.configuration', why: 'read-only: custom database settings are stripped on export', cite: 'src/readonly.ts:9' }],
  },
  {
    key: 'resourceServers',
    shape: 'array',
    dirItems: true,
    path: 'resource-servers/<n>.json',
    resources: ['resourceServers'],
    read: 'APIs as exported',
    strips: [
      {
        resource: 'resourceServers',
        field: MANAGEMENT_API_FIELD,
        why: 'the Deploy CLI filters the Auth0 Management API out of the exported APIs by name',
        cite: 'src/tools/auth0/handlers/resourceServers.ts:116-151',
        heldIf: (data) => Array.isArray(data) && data.some(isManagementApi),
      },
    ],
  },
  { key: 'roles', shape: 'array', dirItems: true, path: 'roles/<n>.json', resources: ['roles', 'rolePermissions'], read: 'tenant roles with their permissions' },
  { key: 'organizations', shape: 'array', dirItems: true, path: 'organizations/<n>.json', resources: ['organizations', 'organizationConnections', 'organizationDiscoveryDomains'], read: 'organizations, their connections by name and discovery domains' },
  { key: 'actions', shape: 'array', path: 'actions/<n>.json', resources: ['actions'], read: 'actions with code from side files; `deployed` is synthesised from `all_changes_deployed`' },
  { key: 'actionModules', shape: 'array', path: 'action-modules/<n>.json', resources: [], read: 'not read by the audit' },
  { key: 'triggers', shape: 'object', path: 'triggers/triggers.json', resources: ['postLoginBindings'], read: 'post-login bindings by action name' },
  { key: 'rules', shape: 'array', path: 'rules/<n>.json', resources: ['rules'], read: 'legacy rules with scripts from side files' },
  { key: 'rulesConfigs', shape: 'array', path: 'rules-configs/*.json', resources: [], read: 'not read: the Deploy CLI always writes `rulesConfigs: []`, even when keys exist' },
  {
    key: 'hooks',
    shape: 'array',
    path: 'hooks/<n>.json',
    resources: ['hooks'],
    read: 'legacy hooks with scripts from side files (secret values are `_VALUE_NOT_SHOWN_`)',
    absentOnCurrentExports: {
      why: 'Hooks are deprecated: the Management API refuses them and the Deploy CLI then leaves the section out, so a current export never shows whether legacy Hooks exist',
      cite: 'src/tools/auth0/handlers/hooks.ts:195-197',
    },
  },
  { key: 'emailProvider', shape: 'object', path: 'emails/provider.json', resources: ['emailProvider'], read: '`{}` or no provider name: the built-in provider only; credentials are placeholders, never judged' },
  { key: 'emailTemplates', shape: 'array', path: 'emails/<template>.json', resources: ['emailTemplates'], read: 'customised templates; a template not listed is the default' },
  { key: 'guardianFactors', shape: 'array', path: 'guardian/factors/<name>.json', resources: ['guardianFactors'], read: 'MFA factors' },
  { key: 'guardianFactorProviders', shape: 'array', path: 'guardian/providers/<factor>-<provider>.json', resources: [], read: 'not read: exported empty since Deploy CLI 8.23.0 (guardianFactorProviders.ts:56)' },
  { key: 'guardianFactorTemplates', shape: 'array', path: 'guardian/templates/<name>.json', resources: [], read: 'not read by the audit' },
  { key: 'guardianPolicies', shape: 'object', legacyShape: 'array', path: 'guardian/policies.json', resources: ['guardianPolicies'], read: '`{policies: [...]}`' },
  { key: 'guardianPhoneFactorSelectedProvider', shape: 'object', path: 'guardian/phoneFactorSelectedProvider.json', resources: ['guardianPhoneProvider'], read: 'the selected phone provider' },
  { key: 'guardianPhoneFactorMessageTypes', shape: 'object', path: 'guardian/phoneFactorMessageTypes.json', resources: [], read: 'not read by the audit' },
  {
    key: 'attackProtection',
    shape: 'object',
    path: 'attack-protection/',
    resources: ['bruteForceProtection', 'suspiciousIpThrottling', 'breachedPasswordDetection', 'botDetection'],
    read: 'one resource per sub-object; a sub-object the plan lacks is not in the export',
  },
  { key: 'riskAssessment', shape: 'object', path: 'risk-assessment/settings.json', resources: [], read: 'not read by the audit' },
  { key: 'branding', shape: 'object', path: 'branding/branding.json', resources: ['branding', 'brandingTemplate'], read: 'branding settings and the Universal Login page template' },
  { key: 'themes', shape: 'array', dirItems: true, path: 'themes/theme.json', resources: ['brandingTheme'], read: 'the first theme, as the default theme' },
  { key: 'prompts', shape: 'object', path: 'prompts/prompts.json', resources: ['prompts', 'promptsCustomText'], read: 'prompt settings and custom text (language → prompt, turned around)' },
  { key: 'customDomains', shape: 'array', path: 'custom-domains/custom-domains.json', resources: ['customDomains'], read: 'custom domains as exported (a point-in-time copy of status and verification)' },
  { key: 'logStreams', shape: 'array', dirItems: true, path: 'log-streams/<n>.json', resources: ['logStreams'], read: 'log streams (a suspended stream is exported without `status`: logStreams.ts:84-88)' },
  { key: 'phoneProviders', shape: 'array', path: 'phone-providers/provider.json', resources: ['phoneProviders'], read: 'phone providers' },
  { key: 'phoneTemplates', shape: 'array', path: 'phone-templates/<type>.json', resources: [], read: 'not read by the audit' },
  { key: 'forms', shape: 'array', dirItems: true, path: 'forms/<n>.json', resources: ['forms'], read: 'forms (YAML bodies from side files)' },
  { key: 'flows', shape: 'array', path: 'flows/<n>.json', resources: [], read: 'not read by the audit' },
  { key: 'flowVaultConnections', shape: 'array', path: 'flow-vault-connections/<n>.json', resources: [], read: 'not read by the audit' },
  { key: 'selfServiceProfiles', shape: 'array', dirItems: true, path: 'self-service-profiles/<n>.json', resources: ['selfServiceProfiles'], read: 'self-service SSO profiles' },
  { key: 'networkACLs', shape: 'array', dirItems: true, path: 'network-acls/<description>-p-<priority>.json', resources: ['networkAcls'], read: 'network ACLs' },
  { key: 'userAttributeProfiles', shape: 'array', path: 'user-attribute-profiles/<n>.json', resources: [], read: 'not read by the audit' },
  { key: 'connectionProfiles', shape: 'array', path: 'connection-profiles/<n>.json', resources: [], read: 'not read by the audit' },
  { key: 'tokenExchangeProfiles', shape: 'array', path: 'token-exchange-profiles/<n>.json', resources: [], read: 'not read by the audit' },
  { key: 'supplementalSignals', shape: 'object', path: 'supplemental-signals.json', resources: [], read: 'not read by the audit' },
  { key: 'rateLimitPolicies', shape: 'array', path: 'rate-limit-policies/<consumer_selector>.json', resources: [], read: 'not read by the audit' },
  { key: 'eventStreams', shape: 'array', dirItems: true, path: 'event-streams/<n>.json', resources: ['eventStreams'], read: 'event streams (webhook credentials are placeholders)' },
];

/** Resources no Deploy CLI section holds: the Deploy CLI never reads them on export. */
export const NEVER_EXPORTED: readonly { resource: ResourceKey; why: string; cite: string }[] = [
  { resource: 'signingKeys', why: 'the Deploy CLI never reads the tenant signing keys (keys/signing)', cite: 'no call to keys/signing under src/' },
  { resource: 'logEvents', why: 'the Deploy CLI never reads tenant logs', cite: 'no call to logs under src/' },
  { resource: 'usersSample', why: 'the Deploy CLI never reads users', cite: 'no call to users under src/' },
  {
    resource: 'organizationMembers',
    why: 'the Deploy CLI reads organizations with their connections, client grants, discovery domains and clients, never their members',
    cite: 'src/tools/auth0/handlers/organizations.ts:746-949',
  },
  {
    resource: 'scimConfigurations',
    why: 'the Deploy CLI keeps only the attribute mapping of a SCIM configuration and never reads its tokens',
    cite: 'src/tools/auth0/handlers/scimHandler.ts:100-108',
  },
];

export const HANDLER_BY_KEY: ReadonlyMap<string, SectionHandler> = new Map(SECTION_HANDLERS.map((h) => [h.key, h]));

/** The folder a section lives in in the directory format (`clients` of `clients/<n>.json`); undefined for a root file. */
export function folderOf(h: SectionHandler): string | undefined {
  const i = h.path.indexOf('/');
  return i > 0 ? h.path.slice(0, i) : undefined;
}

/** "why (Deploy CLI file, version)": the detail a finding outside the reach carries. */
export function reachDetail(r: { why: string; cite: string }): string {
  return `${r.why} (${r.cite}, ${DEPLOY_CLI_REFERENCE}): needs a live audit`;
}

const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : `a ${typeof v}`);

/**
 * Why a section's value does not have the shape the Deploy CLI writes, or undefined when it does.
 * A list must hold only mappings (one per item). Such a section is not "zero items": it fails the read.
 */
export function shapeError(h: SectionHandler, v: unknown): string | undefined {
  const shapes = [h.shape, ...(h.legacyShape ? [h.legacyShape] : [])];
  const isList = Array.isArray(v);
  const isMap = !!v && typeof v === 'object' && !isList;
  if (isList && shapes.includes('array')) {
    const bad = (v as unknown[]).findIndex((x) => !x || typeof x !== 'object' || Array.isArray(x));
    return bad < 0 || h.key === 'guardianPolicies' ? undefined : `${h.key}[${bad}] is ${kindOf((v as unknown[])[bad])}, expected a mapping (one per item)`;
  }
  if (isMap && shapes.includes('object')) return undefined;
  return `${h.key} is ${kindOf(v)}, expected ${h.shape === 'array' ? 'a list' : 'a mapping'}`;
}

const cell = (s: string): string => s.replace(/\|/g, '\\|');

/** docs/offline.md's reach table (the `reach` block, regenerated by `npm run docs`). */
export function renderReachTable(): string {
  const lines = [
    `What a Deploy CLI export can never hold, read from the Deploy CLI's own source (${DEPLOY_CLI_REFERENCE}). A check that needs it is listed under "Needs a live audit".`,
    '',
    '| Section (YAML key / directory path) | Snapshot resources | Never in an export (Deploy CLI source) |',
    '| --- | --- | --- |',
  ];
  for (const h of SECTION_HANDLERS) {
    const gaps = [
      ...(h.absentOnCurrentExports ? [`the whole section on current exports: ${h.absentOnCurrentExports.why} (\`${h.absentOnCurrentExports.cite}\`)`] : []),
      ...(h.strips ?? []).map((s) => `\`${s.field}\`: ${s.why} (\`${s.cite}\`)`),
    ];
    const resources = h.resources.length ? h.resources.map((r) => `\`${r}\``).join(', ') : `not read (${h.read})`;
    lines.push(`| \`${h.key}\` / \`${h.path}\`${h.legacy ? ' (older exports)' : ''} | ${cell(resources)} | ${cell(gaps.join('; ') || '—')} |`);
  }
  lines.push('', '| Resource no section holds | Why (Deploy CLI source) |', '| --- | --- |');
  for (const n of NEVER_EXPORTED) lines.push(`| \`${n.resource}\` | ${cell(n.why)} (\`${n.cite}\`) |`);
  lines.push(
    '',
    'Every export: whole-value placeholders the Deploy CLI writes in place of a value (`##…##` from `src/context/defaults.ts`, `_VALUE_NOT_SHOWN_`) are never judged as values; the field is out of reach.',
    '',
  );
  return lines.join('\n');
}
