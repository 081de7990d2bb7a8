/**
 * The config file, `auth0-readiness.config.yaml` (or `.json`): the gate, rule overrides, topic
 * scope, waivers, attestations, rule settings and the tenant list. Validated by zod; every
 * problem is reported with its path, one per line (exit 2). Flags override the file.
 */
import { z } from 'zod';
import { PLAN_IDS, SPECIAL_ATTESTATIONS } from '../catalog/schema.js';
import { ENVIRONMENTS, SEVERITIES } from '../engine/status.js';
import { ADD_ONS, SUBSCRIPTIONS } from '../engine/context.js';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'not a calendar date');

const RuleOverride = z.union([
  z.literal('off'),
  z.enum(SEVERITIES),
  z.strictObject({ severity: z.union([z.enum(SEVERITIES), z.literal('off')]).optional(), options: z.record(z.string(), z.unknown()).optional() }),
]);

export const WaiverSchema = z.strictObject({
  /** Rule id the waiver applies to. */
  rule: z.string().min(1),
  /** Resource id or name (a client id, a connection name, …); absent: every resource of the rule. */
  resource: z.string().min(1).optional(),
  reason: z.string().min(3, 'say why the finding is accepted'),
  expires: isoDate,
  owner: z.string().optional(),
  /** Only for this tenant alias (multi-tenant configs). */
  tenant: z.string().optional(),
});
export type Waiver = z.infer<typeof WaiverSchema>;

export const AttestationSchema = z.strictObject({
  /** A topic id (e.g. b2c.p1.quality-assurance.unit-testing) or a special id: env-tag, prodcheck, admin-mfa, status-subscription, admin-review. */
  topic: z.string().min(1),
  tenant: z.string().default('*'),
  status: z.enum(['done', 'not-applicable', 'in-progress']),
  owner: z.string().min(1),
  date: isoDate,
  /** A link or reference to the evidence; required for `done`. */
  evidence: z.string().min(1).optional(),
  /** Default: date + attestationMaxAgeDays. */
  expires: isoDate.optional(),
  note: z.string().optional(),
});
export type Attestation = z.infer<typeof AttestationSchema>;

export const TenantConfigSchema = z.strictObject({
  alias: z.string().regex(/^[a-z0-9][a-z0-9-_]*$/i, 'letters, digits, - and _'),
  domain: z.string().min(3),
  env: z.enum(ENVIRONMENTS),
  /** This tenant's Auth0 subscription and add-ons (default: the file's top-level ones). */
  subscription: z.enum(SUBSCRIPTIONS).optional(),
  addOns: z.array(z.enum(ADD_ONS)).optional(),
  /** Names of environment variables holding the credentials (never the secrets themselves). */
  credentials: z
    .strictObject({
      clientIdEnv: z.string().optional(),
      clientSecretEnv: z.string().optional(),
      tokenEnv: z.string().optional(),
    })
    .optional(),
  apiBaseUrl: z.url().optional(),
});

export const SettingsSchema = z.strictObject({
  companyDomain: z.string().optional(),
  maxEmailLinkLifetimeSeconds: z.number().int().positive().optional(),
  recommendedNode: z.number().int().min(12).optional(),
  maxTokenLifetimeSeconds: z.number().int().positive().optional(),
  maxIdTokenLifetimeSeconds: z.number().int().positive().optional(),
  minPasswordLength: z.number().int().min(1).optional(),
  certificateWarningDays: z.number().int().min(0).optional(),
  locales: z.array(z.string()).optional(),
  monitoringClients: z.array(z.string()).optional(),
  embeddedLoginClients: z.array(z.string()).optional(),
  thirdPartyClients: z.array(z.string()).optional(),
  maxMetadataBytes: z.number().int().positive().optional(),
});

export const ConfigSchema = z.strictObject({
  plan: z.enum(PLAN_IDS).optional(),
  env: z.enum(ENVIRONMENTS).optional(),
  /**
   * The tenant's Auth0 subscription (free, essentials, professional, enterprise): a feature it does
   * not include makes its checks n/a; unknown, plan-gated checks are advice at most.
   */
  subscription: z.enum(SUBSCRIPTIONS).optional(),
  /** Add-ons bought on top of the subscription (attack-protection, highly-regulated-identity, …). */
  addOns: z.array(z.enum(ADD_ONS)).optional(),
  require: z.string().optional(),
  failOn: z.enum([...SEVERITIES, 'none']).optional(),
  /**
   * Accept checks at or above failOn that could not be judged (a resource not read): by default
   * they fail the gate, naming the resources and the scopes to grant. `--allow-unknown` too.
   */
  allowUnknown: z.boolean().optional(),
  /** Rule overrides: `off`, a severity, or `{severity, options}`. */
  rules: z.record(z.string(), RuleOverride).optional(),
  /** Values of the catalog's config scope keys (selfSignup, mfa, inviteModel, legacySso, …). */
  scope: z.record(z.string(), z.boolean()).optional(),
  /** Topics taken out of scope, each with the reason. */
  outOfScope: z.array(z.strictObject({ topic: z.string(), reason: z.string().min(3, 'say why') })).optional(),
  waivers: z.array(WaiverSchema).optional(),
  attestations: z.array(AttestationSchema).optional(),
  /** Attestations without `expires` last this many days (default 90). */
  attestationMaxAgeDays: z.number().int().positive().optional(),
  settings: SettingsSchema.optional(),
  withLogs: z.union([z.boolean(), z.number().int().min(1).max(30)]).optional(),
  withUsers: z.boolean().optional(),
  withForms: z.boolean().optional(),
  /** Share of the Management API rate-limit bucket an audit never spends, percent (default 20; 0 for a dev tenant). */
  rateReserve: z.number().min(0).max(90).optional(),
  /** Requests an audit starts per second, at most. */
  maxRps: z.number().positive().max(1000).optional(),
  /** The tenants of a multi-tenant run (dev, QA, prod). */
  tenants: z.array(TenantConfigSchema).optional(),
  drift: z.strictObject({ ignore: z.array(z.string()).optional() }).optional(),
  /** Framework profiles to judge (shipped profile ids such as asvs-5.0-L2, or framework file paths relative to this file). */
  frameworks: z.array(z.string().min(1)).optional(),
  /** Framework profiles the gate requires: none of their automated requirements may fail or be unknown. */
  requireFrameworks: z.array(z.string().min(1)).optional(),
  /** Organisation policy files (docs/policies.md), relative to this file's directory; `--policy` adds more. */
  policies: z.array(z.string().min(1)).max(100).optional(),
  /** The run history store: a directory, or a postgres:// URL (better from AUTH0_READINESS_HISTORY: a URL may hold a password). */
  history: z.string().min(1).optional(),
});
export type Config = z.infer<typeof ConfigSchema>;

export const SPECIAL_ATTESTATION_IDS: readonly string[] = SPECIAL_ATTESTATIONS;
