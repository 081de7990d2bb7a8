/**
 * The rule contract. A rule declares the resources it `needs` (the collector fetches their union;
 * the view it receives is typed by them, so reading anything else does not compile) and those it
 * merely `wants` (passed as results, so the rule can decide what an unavailable one means).
 * `evaluate` is pure: no I/O, no clock (use `ctx.now`), no logging.
 */
import type { PlanId } from '../catalog/schema.js';
import type { FailureReason, ResourceResult } from '../snapshot/snapshot.js';
import type { ResourceData, ResourceKey } from '../snapshot/resources.js';
import type { RuleOptionsSchema } from './rule-options.js';
import type { Environment, Severity } from './status.js';
import type { FeatureId, InUse } from './context.js';

export interface ResourceRef {
  /** Resource type, e.g. `client`, `connection`, `custom-domain`, `log-stream`, `email-template`. */
  type: string;
  id: string;
  name?: string;
}

export type MessageData = Record<string, string | number | boolean | null | undefined>;

/** What a rule returns: one finding per resource examined, passes included. */
export interface FindingDraft<M extends string = string> {
  status: 'pass' | 'fail' | 'unknown' | 'n/a';
  messageId: M;
  data?: MessageData;
  resource?: ResourceRef;
  /** The field that decided the finding, as a path (`callbacks[2]`, `options.brute_force_protection`). */
  field?: string;
  /** The value of that field, when it helps (never a secret). */
  value?: unknown;
  /** Overrides the rule's default severity for this finding (e.g. AP-01: blocker when disabled). */
  severity?: Severity;
  /** For an `unknown` draft about a wanted resource that was not read: which, and why (set by `notEvaluated`). */
  missing?: { key: ResourceKey; reason: FailureReason; detail: string; scopes?: string[] }[];
}

/** Settings rules may read; defaults in DEFAULT_SETTINGS (src/run.ts), overridable by config. */
export interface RuleSettings {
  /** The company's own domain (e.g. `acme.com`), for naming and from-address checks. */
  companyDomain?: string;
  /** Longest acceptable lifetime of verification and reset links, seconds. */
  maxEmailLinkLifetimeSeconds: number;
  /** Minimum Node.js major for tenant and Action runtimes. */
  recommendedNode: number;
  /** Longest acceptable access-token lifetime of an API, seconds (API-03). */
  maxTokenLifetimeSeconds: number;
  /** Longest acceptable ID-token lifetime of an application, seconds (APP-12). */
  maxIdTokenLifetimeSeconds: number;
  /** Minimum password length for database connections (DB-02). */
  minPasswordLength: number;
  /** Days before expiry at which a SAML certificate is flagged (ENT-04). */
  certificateWarningDays: number;
  /** Locales the login pages must serve (TEN-15); default: the tenant's enabled locales. */
  locales?: string[];
  /** Client ids attested as monitoring clients allowed to use the password grant (APP-05, P-MON). */
  monitoringClients?: string[];
  /** Client ids attested as using embedded login (APP-09). */
  embeddedLoginClients?: string[];
  /** Client ids or names operated as third-party applications (partners, external developers) (APP-13). */
  thirdPartyClients?: string[];
  /** Largest acceptable user_metadata / app_metadata, bytes (USR-01). */
  maxMetadataBytes: number;
}

export interface RuleContext {
  now: Date;
  /** The canonical tenant domain (`acme.us.auth0.com`). */
  tenantDomain?: string;
  env: Environment;
  plan: PlanId;
  settings: RuleSettings;
  /** Per-rule options from config (`rules: { <id>: { options } }`). */
  options: Readonly<Record<string, unknown>>;
  /**
   * The catalog's config scope keys as the user set them (`scope: { selfSignup: false }`); a key
   * left out is absent here (its catalog default applies). Rules that carry out a scoped intent
   * (database-signup-intent) read it.
   */
  scope?: Readonly<Record<string, boolean>>;
}

export type NeedsView<N extends readonly ResourceKey[]> = { readonly [K in N[number]]: ResourceData<K> };
export type WantsView<W extends readonly ResourceKey[]> = { readonly [K in W[number]]: ResourceResult<ResourceData<K>> };
export type RuleView<N extends readonly ResourceKey[], W extends readonly ResourceKey[]> = NeedsView<N> & {
  readonly wants: WantsView<W>;
};

export interface RuleMeta {
  /** Stable forever; equals the file name under rules/. */
  id: string;
  title: string;
  /** Topic ids (both plans) this rule evidences. */
  topics: readonly string[];
  severity: Severity;
  /**
   * The most severe a finding of this rule can be, when some findings are raised above `severity`
   * (e.g. a warning rule whose finding is a blocker in one case). A finding that could not be
   * judged (unknown, error) takes it: what was not seen could be that bad (docs/statuses.md).
   */
  maxSeverity?: Severity;
  /**
   * A production-only check: it counts at Go-Live milestones only (the guides demonstrate
   * Milestones 1–2 on a development tenant), at full severity on `--env prod` and one level lower
   * elsewhere.
   */
  prodOnly?: boolean;
  /**
   * The subscription feature the rule's subject needs (src/engine/context.ts). On a subscription
   * without it the rule's findings are `n/a` ("available on …; needed only if …"); when the
   * subscription is not known they are advice at most.
   */
  feature?: FeatureId;
  /**
   * What must be in use for the rule to apply, derived from the tenant. When it is not, the rule
   * is `n/a` with that reason. When it is, the feature is live: its findings also count at the
   * plan's first Go-Live, whatever phase its topics are planned in.
   */
  appliesWhen?: InUse;
  /**
   * How the rule counts at the plan's first Go-Live when its topics are planned for a later phase
   * and its subject is not a live feature: `advice` (shown there, never holding it back — MFA
   * adoption is advice at Phase 1 Go-Live).
   */
  firstGoLive?: 'advice';
  /** Catalog check ids (§2.2) this rule implements; may be empty for a CheckMate/Dashboard-only rule. */
  checks: readonly string[];
  /** CheckMate function names this rule covers (src/coverage.ts CHECKMATE). */
  checkmate?: readonly string[];
  /** Dashboard readiness-check item keys this rule covers (src/coverage.ts DASHBOARD). */
  dashboard?: readonly string[];
  /** Off unless asked for: `logs` (--with-logs), `users` (--with-users), `forms` (--with-forms). */
  optIn?: 'logs' | 'users' | 'forms';
  rationale: string;
  /** What to do, with the Dashboard path and the Management API call. */
  remediation: string;
  docs: string;
  /** Message templates by id; `{name}` is replaced with `data.name`. */
  messages: Readonly<Record<string, string>>;
  /**
   * The options the rule reads from `ctx.options` (config `rules: { <id>: { options } }`), each
   * with its type: the config loader refuses any other option or a value of the wrong type.
   */
  options?: RuleOptionsSchema;
  /**
   * What is wrong with a group of resources failing alike, by message id: a predicate for a plural
   * subject, so reports say "2 clients have localhost or plain-http callback URLs (a, b)" — never
   * the rule's title, which states the passing condition.
   */
  failSummary?: Readonly<Record<string, string>>;
}

export interface Rule<N extends readonly ResourceKey[] = readonly ResourceKey[], W extends readonly ResourceKey[] = readonly ResourceKey[]>
  extends RuleMeta {
  needs: N;
  wants: W;
  evaluate(view: RuleView<N, W>, ctx: RuleContext): FindingDraft[];
}

/** Any rule, whatever its resources: what the registry and the engine hold. */
export interface AnyRule extends RuleMeta {
  needs: readonly ResourceKey[];
  wants: readonly ResourceKey[];
  evaluate(view: never, ctx: RuleContext): FindingDraft[];
}

export interface RuleInput<N extends readonly ResourceKey[], W extends readonly ResourceKey[], M extends string>
  extends Omit<RuleMeta, 'messages' | 'failSummary'> {
  needs: N;
  wants?: W;
  messages: Readonly<Record<M, string>>;
  failSummary?: Readonly<Partial<Record<NoInfer<M>, string>>>;
  evaluate(view: RuleView<N, W>, ctx: RuleContext): FindingDraft<NoInfer<M>>[];
}

export function defineRule<
  const N extends readonly ResourceKey[],
  const M extends string,
  const W extends readonly ResourceKey[] = readonly [],
>(rule: RuleInput<N, W, M>): Rule<N, W> & AnyRule {
  return { ...rule, wants: rule.wants ?? ([] as unknown as W) } as Rule<N, W> & AnyRule;
}

/** Render a message template: `{key}` → the value in `data`. */
export function renderMessage(template: string, data: MessageData | undefined): string {
  if (!template.includes('{')) return template;
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = data?.[k];
    return v === undefined || v === null ? `{${k}}` : String(v);
  });
}

/** The same topic in both plans: `bothPlans('p1.operations.logging')` → b2c and b2b ids. */
export function bothPlans(...suffixes: string[]): string[] {
  return suffixes.flatMap((s) => [`b2c.${s}`, `b2b.${s}`]);
}

/** An `unknown` draft for a wanted resource that could not be read (missing scope, error). */
export function notEvaluated(
  result: { ok: false; reason: FailureReason; detail: string; scopes?: string[]; key?: ResourceKey },
  resource?: ResourceRef,
): FindingDraft<'resource-unavailable'> {
  return {
    status: 'unknown',
    messageId: 'resource-unavailable',
    data: { detail: result.reason === 'missing-scope' ? `token lacks ${result.scopes?.join(' or ') ?? 'a read scope'}` : result.detail },
    ...(resource ? { resource } : {}),
    // The evaluator gives a wanted resource's failure its key: the finding then says which resource,
    // and one outside the source's reach is listed as needing a live audit (live-audit.ts).
    ...(result.key ? { missing: [{ key: result.key, reason: result.reason, detail: result.detail, ...(result.scopes ? { scopes: result.scopes } : {}) }] } : {}),
  };
}

/** The message every rule that uses `notEvaluated` must declare. */
export const NOT_EVALUATED_MESSAGE = { 'resource-unavailable': 'Not evaluated: {detail}' } as const;
