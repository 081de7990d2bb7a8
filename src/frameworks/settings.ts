/**
 * The audit settings (config `settings:`, src/engine/define-rule.ts RuleSettings) a framework
 * guardrail may bound, with their types. Kept here, not derived from DEFAULT_SETTINGS, so loading
 * a framework file does not load the rules.
 */
export const GUARDRAIL_SETTINGS: Readonly<Record<string, { type: 'number' | 'string'; description: string }>> = {
  minPasswordLength: { type: 'number', description: 'minimum password length database connections are held to' },
  maxEmailLinkLifetimeSeconds: { type: 'number', description: 'longest acceptable lifetime of verification and reset links, seconds' },
  maxTokenLifetimeSeconds: { type: 'number', description: "longest acceptable access-token lifetime of an API, seconds" },
  maxIdTokenLifetimeSeconds: { type: 'number', description: 'longest acceptable ID-token lifetime of an application, seconds' },
  recommendedNode: { type: 'number', description: 'minimum Node.js major for tenant and Action runtimes' },
  certificateWarningDays: { type: 'number', description: 'days before expiry at which a SAML certificate is flagged' },
  maxMetadataBytes: { type: 'number', description: 'largest acceptable user or app metadata, bytes' },
  companyDomain: { type: 'string', description: "the company's own domain" },
};
