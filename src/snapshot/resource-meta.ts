/**
 * What each resource key is, where it is read and with which scopes: the registry's metadata,
 * without the zod schemas (src/snapshot/resources.ts adds them), so `rules`, `explain` and the
 * docs load without zod.
 */
export interface ResourceMeta {
  title: string;
  paths: readonly string[];
  scopes: readonly string[];
}

export const RESOURCE_META = {
  tenantSettings: {
    title: 'Tenant settings',
    paths: ['/tenants/settings'],
    scopes: ['read:tenant_settings'],
  },
  customDomains: {
    title: 'Custom domains',
    paths: ['/custom-domains'],
    scopes: ['read:custom_domains'],
  },
  prompts: {
    title: 'Universal Login prompt settings',
    paths: ['/prompts'],
    scopes: ['read:prompts'],
  },
  promptsCustomText: {
    title: 'Universal Login custom text per enabled locale',
    paths: ['/prompts/{prompt}/custom-text/{language}'],
    scopes: ['read:prompts'],
  },
  branding: {
    title: 'Branding settings',
    paths: ['/branding'],
    scopes: ['read:branding'],
  },
  brandingTheme: {
    title: 'Universal Login default theme',
    paths: ['/branding/themes/default'],
    scopes: ['read:branding'],
  },
  brandingTemplate: {
    title: 'Universal Login page template',
    paths: ['/branding/templates/universal-login'],
    scopes: ['read:branding'],
  },
  emailProvider: {
    title: 'Email provider',
    paths: ['/emails/provider'],
    scopes: ['read:email_provider'],
  },
  emailTemplates: {
    title: 'Email templates',
    paths: ['/email-templates/{templateName}'],
    scopes: ['read:email_templates'],
  },
  bruteForceProtection: {
    title: 'Brute-force protection',
    paths: ['/attack-protection/brute-force-protection'],
    scopes: ['read:attack_protection'],
  },
  suspiciousIpThrottling: {
    title: 'Suspicious IP throttling',
    paths: ['/attack-protection/suspicious-ip-throttling'],
    scopes: ['read:attack_protection'],
  },
  breachedPasswordDetection: {
    title: 'Breached password detection',
    paths: ['/attack-protection/breached-password-detection'],
    scopes: ['read:attack_protection'],
  },
  botDetection: {
    title: 'Bot detection',
    paths: ['/attack-protection/bot-detection'],
    scopes: ['read:attack_protection'],
  },
  guardianFactors: {
    title: 'MFA factors',
    paths: ['/guardian/factors'],
    scopes: ['read:guardian_factors'],
  },
  guardianPolicies: {
    title: 'MFA policy',
    paths: ['/guardian/policies'],
    scopes: ['read:mfa_policies'],
  },
  guardianPhoneProvider: {
    title: 'MFA phone (SMS/voice) provider',
    paths: ['/guardian/factors/phone/selected-provider'],
    scopes: ['read:guardian_factors'],
  },
  phoneProviders: {
    title: 'Tenant phone providers (Unified Phone Experience)',
    paths: ['/branding/phone/providers'],
    scopes: ['read:phone_providers'],
  },
  logStreams: {
    title: 'Log streams',
    paths: ['/log-streams'],
    scopes: ['read:log_streams'],
  },
  clients: {
    title: 'Applications',
    paths: ['/clients'],
    scopes: ['read:clients'],
  },
  connections: {
    title: 'Connections',
    paths: ['/connections'],
    scopes: ['read:connections', 'read:connections_options'],
  },
  actions: {
    title: 'Actions',
    paths: ['/actions/actions'],
    scopes: ['read:actions'],
  },
  postLoginBindings: {
    title: 'Post-login trigger bindings',
    paths: ['/actions/triggers/post-login/bindings'],
    scopes: ['read:actions'],
  },
  organizations: {
    title: 'Organizations',
    paths: ['/organizations'],
    scopes: ['read:organizations'],
  },
  connectionClients: {
    title: 'Applications enabled per connection',
    paths: ['/connections/{id}/clients'],
    scopes: ['read:connections'],
    /** connection id → enabled client ids */
  },
  resourceServers: {
    title: 'APIs (resource servers)',
    paths: ['/resource-servers'],
    scopes: ['read:resource_servers'],
  },
  clientGrants: {
    title: 'Client grants',
    paths: ['/client-grants'],
    scopes: ['read:client_grants'],
  },
  roles: {
    title: 'Roles',
    paths: ['/roles'],
    scopes: ['read:roles'],
  },
  rolePermissions: {
    title: 'Permissions per role',
    paths: ['/roles/{id}/permissions'],
    scopes: ['read:roles'],
    /** role id → permissions */
  },
  rules: {
    title: 'Rules (legacy)',
    paths: ['/rules'],
    scopes: ['read:rules'],
  },
  hooks: {
    title: 'Hooks (legacy)',
    paths: ['/hooks'],
    scopes: ['read:hooks'],
  },
  organizationConnections: {
    title: 'Connections enabled per organization',
    paths: ['/organizations/{id}/enabled_connections'],
    scopes: ['read:organization_connections'],
    /** organization id → enabled connections */
  },
  organizationMembers: {
    title: 'Members per organization (first page)',
    paths: ['/organizations/{id}/members'],
    scopes: ['read:organization_members'],
    /** organization id → how many members were seen on the first page, and whether there are more */
  },
  organizationDiscoveryDomains: {
    title: 'Discovery domains per organization',
    paths: ['/organizations/{id}/discovery-domains'],
    scopes: ['read:organization_discovery_domains'],
  },
  scimConfigurations: {
    title: 'SCIM configurations',
    paths: ['/connections-scim-configurations'],
    scopes: ['read:scim_config'],
  },
  selfServiceProfiles: {
    title: 'Self-service SSO profiles',
    paths: ['/self-service-profiles'],
    scopes: ['read:self_service_profiles'],
  },
  forms: {
    title: 'Forms',
    paths: ['/forms'],
    scopes: ['read:forms'],
  },
  signingKeys: {
    title: 'Signing keys',
    paths: ['/keys/signing'],
    scopes: ['read:signing_keys'],
  },
  networkAcls: {
    title: 'Tenant network ACLs',
    paths: ['/network-acls'],
    scopes: ['read:network_acls'],
  },
  eventStreams: {
    title: 'Event streams',
    paths: ['/event-streams'],
    scopes: ['read:event_streams'],
  },
  logEvents: {
    title: 'Tenant log searches (--with-logs)',
    paths: ['/logs'],
    scopes: ['read:logs'],
  },
  usersSample: {
    title: 'A sample of users (--with-users)',
    paths: ['/users'],
    scopes: ['read:users'],
  },
} as const satisfies Record<string, ResourceMeta>;

export type ResourceKey = keyof typeof RESOURCE_META;
