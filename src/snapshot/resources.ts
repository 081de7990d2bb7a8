/**
 * The resource registry: every piece of tenant configuration a rule may read, keyed by a stable
 * resource key. Each entry says which Management API paths it comes from, which read scopes it
 * needs (least privilege, never `read:client_keys`), and the zod schema of its data.
 *
 * The schemas are deliberately loose (unknown fields pass through) and list only the fields the
 * rules read, all optional: the Management API omits fields freely, and an offline export holds
 * less than the live API. They validate live responses, saved snapshots and exports alike, so a
 * rule sees one shape whatever the source.
 */
import { z } from 'zod';
import { RESOURCE_META, type ResourceMeta } from './resource-meta.js';

export { RESOURCE_META, type ResourceMeta };

const str = z.string().optional();
const bool = z.boolean().optional();
const num = z.number().optional();
const strArr = z.array(z.string()).optional();

export const TenantSettings = z.looseObject({
  friendly_name: z.string().nullish(),
  picture_url: z.string().nullish(),
  support_email: z.string().nullish(),
  support_url: z.string().nullish(),
  default_redirection_uri: z.string().nullish(),
  allowed_logout_urls: z.array(z.string()).nullish(),
  enabled_locales: strArr,
  sandbox_version: str,
  /** Legacy Extensibility runtime override for Rules and Hooks; "" (the default) = follow `sandbox_version`. */
  legacy_sandbox_version: z.string().nullish(),
  session_lifetime: num,
  idle_session_lifetime: num,
  ephemeral_session_lifetime: num,
  idle_ephemeral_session_lifetime: num,
  session_cookie: z.looseObject({ mode: str }).nullish(),
  default_audience: z.string().nullish(),
  default_directory: z.string().nullish(),
  flags: z.record(z.string(), z.unknown()).nullish(),
  error_page: z.looseObject({ html: z.string().nullish(), show_log_link: bool, url: z.string().nullish() }).nullish(),
  change_password: z.looseObject({ enabled: bool, html: z.string().nullish() }).nullish(),
  guardian_mfa_page: z.looseObject({ enabled: bool, html: z.string().nullish() }).nullish(),
  /** The tenant is on the Unified Phone Experience (its phone provider is `GET /branding/phone/providers`). */
  phone_consolidated_experience: bool,
});

export const CustomDomain = z.looseObject({
  custom_domain_id: str,
  domain: z.string(),
  primary: bool,
  is_default: bool,
  /** Always returned by the API; absent from a hand-written Deploy CLI entry (domain and type are enough to create one). */
  status: str,
  type: str,
  custom_client_ip_header: z.string().nullish(),
});

export const Prompts = z.looseObject({
  universal_login_experience: str,
  identifier_first: bool,
  webauthn_platform_first_factor: bool,
});

/** prompt → language → custom text (an empty object means "not customised"). */
export const PromptsCustomText = z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown())));

export const Branding = z.looseObject({
  logo_url: str,
  favicon_url: str,
  colors: z.looseObject({ primary: str, page_background: z.unknown().optional() }).optional(),
  font: z.looseObject({ url: str }).optional(),
});

/** `null`: the API answered 404, no theme has been created. */
export const BrandingTheme = z.looseObject({ themeId: str, displayName: str }).nullable();

/** `null`: the API answered 404, no custom Universal Login page template. */
export const BrandingTemplate = z.looseObject({ body: str }).nullable();

/** `null`: the API answered 404, the tenant sends mail through Auth0's built-in test provider. */
export const EmailProvider = z
  .looseObject({
    name: z.string(),
    enabled: bool,
    default_from_address: str,
    credentials: z.unknown().optional(),
    settings: z.unknown().optional(),
  })
  .nullable();

export const EMAIL_TEMPLATE_NAMES = [
  'verify_email',
  'verify_email_by_code',
  'reset_email',
  'reset_email_by_code',
  'welcome_email',
  'blocked_account',
  'stolen_credentials',
  'enrollment_email',
  'mfa_oob_code',
  'user_invitation',
  'change_password',
  'password_reset',
] as const;
export type EmailTemplateName = (typeof EMAIL_TEMPLATE_NAMES)[number];

export const EmailTemplate = z.looseObject({
  template: str,
  enabled: bool,
  from: z.string().nullish(),
  subject: z.string().nullish(),
  body: z.string().nullish(),
  syntax: str,
  resultUrl: z.string().nullish(),
  urlLifetimeInSeconds: z.number().nullish(),
});
/** Template name → template, or `null` when the API answered 404 (still the Auth0 default). */
export const EmailTemplates = z.partialRecord(z.enum(EMAIL_TEMPLATE_NAMES), EmailTemplate.nullable());

export const BruteForceProtection = z.looseObject({
  enabled: bool,
  shields: strArr,
  allowlist: strArr,
  mode: str,
  max_attempts: num,
});

export const SuspiciousIpThrottling = z.looseObject({
  enabled: bool,
  shields: strArr,
  allowlist: strArr,
  stage: z.record(z.string(), z.looseObject({ max_attempts: num, rate: num })).optional(),
});

export const BreachedPasswordDetection = z.looseObject({
  enabled: bool,
  shields: strArr,
  admin_notification_frequency: strArr,
  method: str,
  stage: z.record(z.string(), z.looseObject({ shields: strArr })).optional(),
});

export const BotDetection = z.looseObject({
  bot_detection_level: str,
  challenge_password_policy: str,
  challenge_passwordless_policy: str,
  challenge_password_reset_policy: str,
  allowlist: strArr,
  monitoring_mode_enabled: bool,
});

export const GuardianFactor = z.looseObject({ name: z.string(), enabled: z.boolean(), trial_expired: bool });
export const GuardianPolicies = z.array(z.string());
export const GuardianPhoneProvider = z.looseObject({ provider: str });
/** A tenant-level phone provider (Unified Phone Experience): `twilio` or `custom`. */
export const PhoneProvider = z.looseObject({
  id: str,
  name: z.string(),
  channel: str,
  /** `true`: the provider is disabled. */
  disabled: bool,
  /** Redacted wholesale in snapshots (like every `configuration`): no rule reads it. */
  configuration: z.unknown().optional(),
});

export const LogStream = z.looseObject({
  id: str,
  name: str,
  type: str,
  status: str,
  filters: z.array(z.looseObject({ type: str, name: str })).nullish(),
  sink: z.unknown().optional(),
});

export const Client = z.looseObject({
  client_id: z.string(),
  name: str,
  app_type: z.string().nullish(),
  global: bool,
  is_first_party: bool,
  callbacks: strArr,
  allowed_logout_urls: strArr,
  web_origins: strArr,
  allowed_origins: strArr,
  grant_types: strArr,
  initiate_login_uri: z.string().nullish(),
  cross_origin_authentication: bool,
  custom_login_page_on: bool,
  custom_login_page: z.string().nullish(),
  oidc_conformant: bool,
  token_endpoint_auth_method: z.string().nullish(),
  jwt_configuration: z.looseObject({ alg: str, lifetime_in_seconds: num }).nullish(),
  refresh_token: z.looseObject({ rotation_type: str, expiration_type: str, infinite_token_lifetime: bool, infinite_idle_token_lifetime: bool }).nullish(),
  organization_usage: str,
  organization_require_behavior: z.string().nullish(),
  organization_discovery_methods: strArr,
  require_proof_of_possession: bool,
  require_pushed_authorization_requests: bool,
  signed_request_object: z.looseObject({ required: bool, credentials: z.array(z.unknown()).optional() }).nullish(),
  oidc_logout: z.looseObject({ backchannel_logout_urls: strArr }).nullish(),
  /** Deprecated in favour of `oidc_logout` but still in the spec (create/update) and in older exports. */
  oidc_backchannel_logout: z.looseObject({ backchannel_logout_urls: strArr }).nullish(),
  client_authentication_methods: z.record(z.string(), z.unknown()).nullish(),
});

export const Connection = z.looseObject({
  id: z.string(),
  name: z.string(),
  strategy: z.string(),
  display_name: str,
  enabled_clients: strArr,
  is_domain_connection: bool,
  /** Absent when the token lacks `read:connections_options`: "not visible", never "defaults". */
  options: z.record(z.string(), z.unknown()).nullish(),
});

export const Action = z.looseObject({
  id: z.string(),
  name: z.string(),
  supported_triggers: z.array(z.looseObject({ id: z.string(), version: str })).optional(),
  runtime: str,
  status: str,
  all_changes_deployed: bool,
  code: str,
  secrets: z.array(z.looseObject({ name: str })).optional(),
  deployed_version: z.looseObject({ code: str, runtime: str, deployed: bool }).nullish(),
});

export const ActionBinding = z.looseObject({
  id: str,
  display_name: str,
  action: z.looseObject({ id: z.string(), name: str }).optional(),
});

export const Organization = z.looseObject({
  id: z.string(),
  name: z.string(),
  display_name: str,
  branding: z.looseObject({ logo_url: str, colors: z.record(z.string(), z.string()).optional() }).optional(),
});

export const ResourceServer = z.looseObject({
  id: str,
  name: str,
  identifier: z.string(),
  is_system: bool,
  signing_alg: str,
  token_lifetime: num,
  token_lifetime_for_web: num,
  allow_offline_access: bool,
  skip_consent_for_verifiable_first_party_clients: bool,
  enforce_policies: bool,
  token_dialect: str,
  scopes: z.array(z.looseObject({ value: z.string() })).optional(),
  token_encryption: z.looseObject({ format: str, encryption_key: z.looseObject({ name: str, alg: str, kid: str, pem: str }).nullish() }).nullish(),
  proof_of_possession: z.looseObject({ mechanism: str, required: bool, required_for: str }).nullish(),
  subject_type_authorization: z
    .looseObject({ user: z.looseObject({ policy: str }).optional(), client: z.looseObject({ policy: str }).optional() })
    .optional(),
});

export const ClientGrant = z.looseObject({
  id: str,
  client_id: z.string(),
  audience: z.string(),
  scope: strArr,
  allow_all_scopes: bool,
  subject_type: str,
  is_system: bool,
});

export const Role = z.looseObject({ id: z.string(), name: z.string(), description: str });
export const Permission = z.looseObject({ permission_name: z.string(), resource_server_identifier: z.string() });

export const LegacyRule = z.looseObject({ id: str, name: str, enabled: bool, script: str, order: num, stage: str });
export const LegacyHook = z.looseObject({ id: str, name: str, enabled: bool, script: str, triggerId: str });

export const OrganizationConnection = z.looseObject({
  connection_id: z.string(),
  assign_membership_on_login: bool,
  is_signup_enabled: bool,
  show_as_button: bool,
});
export const OrganizationMembers = z.looseObject({ count: z.number(), more: z.boolean() });
export const DiscoveryDomain = z.looseObject({ id: str, domain: z.string(), status: str });

export const ScimConfiguration = z.looseObject({ connection_id: z.string(), connection_name: str, strategy: str, tenant_name: str });
export const SelfServiceProfile = z.looseObject({ id: str, name: str, allowed_strategies: strArr });
export const Form = z.looseObject({ id: str, name: str });
export const SigningKey = z.looseObject({
  kid: z.string(),
  current: bool,
  next: bool,
  previous: bool,
  revoked: bool,
  current_since: str,
  current_until: str,
});
export const NetworkAcl = z.looseObject({
  id: str,
  description: str,
  active: bool,
  priority: num,
  rule: z
    .looseObject({
      action: z.record(z.string(), z.unknown()).optional(),
      match: z.record(z.string(), z.unknown()).optional(),
      not_match: z.record(z.string(), z.unknown()).optional(),
      scope: str,
      match_all: bool,
    })
    .optional(),
});
export const EventStream = z.looseObject({ id: str, name: str, status: str });

/** Log searches (opt-in `--with-logs`): query name → matches within the lookback window. */
export const LogQuery = z.looseObject({
  q: z.string(),
  /** Matching events on the first page (the search gives no total; see src/engine/logs.ts). */
  count: num,
  /** The first page was full: more events may match. */
  more: bool,
  /** An exact total, only where the source knew one (snapshots saved by earlier versions). */
  total: num,
  sample: z.array(z.looseObject({ type: str, date: str, hostname: str, client_id: str, client_name: str, description: str })),
});
export const LOG_QUERY_NAMES = ['canonicalDomainLogins', 'rateLimits', 'deprecations'] as const;
export const LogEvents = z.partialRecord(z.enum(LOG_QUERY_NAMES), LogQuery);

/** A sample of users (opt-in `--with-users`), with only what USR checks read. */
export const UsersSample = z.looseObject({
  total: z.number(),
  unverified: z.number(),
  sample: z.array(
    z.looseObject({
      user_id: z.string(),
      identities: z.array(z.looseObject({ provider: str, connection: str })).optional(),
      user_metadata: z.unknown().optional(),
      app_metadata: z.unknown().optional(),
    }),
  ),
});

/**
 * The registry. `paths` are the Management API v2 paths (for the docs and the emulator),
 * `scopes` the read scopes the token needs for them.
 */
export const RESOURCES = {
  tenantSettings: {
    ...RESOURCE_META.tenantSettings,
    schema: TenantSettings,
  },
  customDomains: {
    ...RESOURCE_META.customDomains,
    schema: z.array(CustomDomain),
  },
  prompts: {
    ...RESOURCE_META.prompts,
    schema: Prompts,
  },
  promptsCustomText: {
    ...RESOURCE_META.promptsCustomText,
    schema: PromptsCustomText,
  },
  branding: {
    ...RESOURCE_META.branding,
    schema: Branding,
  },
  brandingTheme: {
    ...RESOURCE_META.brandingTheme,
    schema: BrandingTheme,
  },
  brandingTemplate: {
    ...RESOURCE_META.brandingTemplate,
    schema: BrandingTemplate,
  },
  emailProvider: {
    ...RESOURCE_META.emailProvider,
    schema: EmailProvider,
  },
  emailTemplates: {
    ...RESOURCE_META.emailTemplates,
    schema: EmailTemplates,
  },
  bruteForceProtection: {
    ...RESOURCE_META.bruteForceProtection,
    schema: BruteForceProtection,
  },
  suspiciousIpThrottling: {
    ...RESOURCE_META.suspiciousIpThrottling,
    schema: SuspiciousIpThrottling,
  },
  breachedPasswordDetection: {
    ...RESOURCE_META.breachedPasswordDetection,
    schema: BreachedPasswordDetection,
  },
  botDetection: {
    ...RESOURCE_META.botDetection,
    schema: BotDetection,
  },
  guardianFactors: {
    ...RESOURCE_META.guardianFactors,
    schema: z.array(GuardianFactor),
  },
  guardianPolicies: {
    ...RESOURCE_META.guardianPolicies,
    schema: GuardianPolicies,
  },
  guardianPhoneProvider: {
    ...RESOURCE_META.guardianPhoneProvider,
    schema: GuardianPhoneProvider,
  },
  phoneProviders: {
    ...RESOURCE_META.phoneProviders,
    schema: z.array(PhoneProvider),
  },
  logStreams: {
    ...RESOURCE_META.logStreams,
    schema: z.array(LogStream),
  },
  clients: {
    ...RESOURCE_META.clients,
    schema: z.array(Client),
  },
  connections: {
    ...RESOURCE_META.connections,
    schema: z.array(Connection),
  },
  actions: {
    ...RESOURCE_META.actions,
    schema: z.array(Action),
  },
  postLoginBindings: {
    ...RESOURCE_META.postLoginBindings,
    schema: z.array(ActionBinding),
  },
  organizations: {
    ...RESOURCE_META.organizations,
    schema: z.array(Organization),
  },
  connectionClients: {
    ...RESOURCE_META.connectionClients,
    schema: z.record(z.string(), z.array(z.string())),
  },
  resourceServers: {
    ...RESOURCE_META.resourceServers,
    schema: z.array(ResourceServer),
  },
  clientGrants: {
    ...RESOURCE_META.clientGrants,
    schema: z.array(ClientGrant),
  },
  roles: {
    ...RESOURCE_META.roles,
    schema: z.array(Role),
  },
  rolePermissions: {
    ...RESOURCE_META.rolePermissions,
    schema: z.record(z.string(), z.array(Permission)),
  },
  rules: {
    ...RESOURCE_META.rules,
    schema: z.array(LegacyRule),
  },
  hooks: {
    ...RESOURCE_META.hooks,
    schema: z.array(LegacyHook),
  },
  organizationConnections: {
    ...RESOURCE_META.organizationConnections,
    schema: z.record(z.string(), z.array(OrganizationConnection)),
  },
  organizationMembers: {
    ...RESOURCE_META.organizationMembers,
    schema: z.record(z.string(), OrganizationMembers),
  },
  organizationDiscoveryDomains: {
    ...RESOURCE_META.organizationDiscoveryDomains,
    schema: z.record(z.string(), z.array(DiscoveryDomain)),
  },
  scimConfigurations: {
    ...RESOURCE_META.scimConfigurations,
    schema: z.array(ScimConfiguration),
  },
  selfServiceProfiles: {
    ...RESOURCE_META.selfServiceProfiles,
    schema: z.array(SelfServiceProfile),
  },
  forms: {
    ...RESOURCE_META.forms,
    schema: z.array(Form),
  },
  signingKeys: {
    ...RESOURCE_META.signingKeys,
    schema: z.array(SigningKey),
  },
  networkAcls: {
    ...RESOURCE_META.networkAcls,
    schema: z.array(NetworkAcl),
  },
  eventStreams: {
    ...RESOURCE_META.eventStreams,
    schema: z.array(EventStream),
  },
  logEvents: {
    ...RESOURCE_META.logEvents,
    schema: LogEvents,
  },
  usersSample: {
    ...RESOURCE_META.usersSample,
    schema: UsersSample,
  },
} as const satisfies Record<string, ResourceSpec>;

export interface ResourceSpec extends ResourceMeta {
  schema: z.ZodType;
}

export type ResourceKey = keyof typeof RESOURCES;
export type ResourceData<K extends ResourceKey> = z.infer<(typeof RESOURCES)[K]['schema']>;
export type ResourceDataMap = { [K in ResourceKey]: ResourceData<K> };

export const RESOURCE_KEYS = Object.keys(RESOURCES) as ResourceKey[];

export function isResourceKey(s: string): s is ResourceKey {
  return Object.hasOwn(RESOURCES, s);
}

export type TenantSettingsData = ResourceData<'tenantSettings'>;
export type ClientData = ResourceData<'clients'>[number];
export type ConnectionData = ResourceData<'connections'>[number];
export type EmailTemplateData = z.infer<typeof EmailTemplate>;
