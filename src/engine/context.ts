/**
 * The tenant's context: what a verdict is for. A rule judges a tenant in its context, and every
 * report says which context it assumed on its first lines ("Judged as …"):
 *
 * - **Environment** (dev / qa / prod): the guides demonstrate Phase 1 Milestones 1–2 on the
 *   development tenant; production-only checks count at Go-Live milestones, never at those.
 * - **Subscription** (declared, or inferred from what the API refuses): a feature the subscription
 *   does not include makes its rule's findings `n/a` with where it is available. When the
 *   subscription is not known, findings of plan-gated features are advice at most.
 * - **What is in use** (derived from the tenant, never asked): a rule about social login, phone
 *   MFA, organizations, passwords, sign-up or legacy extensibility applies only when the tenant
 *   uses it; when it does, its findings count at the first Go-Live the feature is live for.
 *
 * A light module (no zod, no SDK): rules import the ids, the engine the logic.
 */
import type { Snapshot } from '../snapshot/snapshot.js';
import type { ResourceData, ResourceKey } from '../snapshot/resources.js';
import type { Environment } from './status.js';
import { SOCIAL_STRATEGIES } from './strategies.js';

export const SUBSCRIPTIONS = ['free', 'essentials', 'professional', 'enterprise'] as const;
export type Subscription = (typeof SUBSCRIPTIONS)[number];

export const ADD_ONS = ['attack-protection', 'highly-regulated-identity', 'adaptive-mfa', 'mfa'] as const;
export type AddOn = (typeof ADD_ONS)[number];

export const SUBSCRIPTION_TITLE: Record<Subscription, string> = {
  free: 'Free',
  essentials: 'Essentials',
  professional: 'Professional',
  enterprise: 'Enterprise',
};
export const ADD_ON_TITLE: Record<AddOn, string> = {
  'attack-protection': 'Attack Protection',
  'highly-regulated-identity': 'Highly Regulated Identity',
  'adaptive-mfa': 'Adaptive MFA',
  mfa: 'MFA',
};

/** A feature of the Auth0 subscription that a rule's subject needs. */
export interface Feature {
  title: string;
  /** Subscriptions that include it as standard. */
  includedIn: readonly Subscription[];
  /** An add-on that brings it to these subscriptions. */
  addOn?: { id: AddOn; on: readonly Subscription[] };
  /** Auth0's page that states the plan (cited in the finding and docs/rules.md). */
  docs: string;
  /** When a tenant needs it at all: worded after "needed only if". */
  neededOnlyIf: string;
}

/**
 * Features by id. Availability as Auth0's docs state it (each page carries a plan banner); where
 * a feature is also sold as an add-on to a lower plan, the add-on is listed and the declared
 * `addOns` unlock it.
 */
export const FEATURES = {
  'highly-regulated-identity': {
    title: 'Highly Regulated Identity (PAR, JAR, JWE, mTLS token binding)',
    includedIn: [],
    addOn: { id: 'highly-regulated-identity', on: ['enterprise'] },
    docs: 'https://auth0.com/docs/secure/highly-regulated-identity',
    neededOnlyIf: 'the applications move money, health records or other regulated data, or a FAPI profile is required',
  },
  'private-key-jwt': {
    title: 'Private Key JWT client authentication',
    includedIn: ['enterprise'],
    docs: 'https://auth0.com/docs/get-started/applications/configure-private-key-jwt',
    neededOnlyIf: 'confidential clients must authenticate without a shared secret',
  },
  'back-channel-logout': {
    title: 'OIDC Back-Channel Logout',
    includedIn: ['enterprise'],
    docs: 'https://auth0.com/docs/authenticate/login/logout/back-channel-logout/configure-back-channel-logout',
    neededOnlyIf: 'sessions in several applications must end together when one logs out',
  },
  'breached-password-detection': {
    title: 'Breached Password Detection',
    includedIn: ['professional', 'enterprise'],
    docs: 'https://auth0.com/docs/secure/attack-protection/breached-password-detection',
    neededOnlyIf: 'users sign in with passwords',
  },
  'bot-detection': {
    title: 'Bot Detection',
    includedIn: [],
    addOn: { id: 'attack-protection', on: ['enterprise'] },
    docs: 'https://auth0.com/docs/secure/attack-protection/bot-detection',
    neededOnlyIf: 'sign-up or password login is exposed to automated traffic',
  },
  'tenant-acl': {
    title: 'Tenant Access Control List',
    includedIn: ['enterprise'],
    docs: 'https://auth0.com/docs/secure/tenant-access-control-list/limits',
    neededOnlyIf: 'traffic must be blocked or allowed by IP, country or user agent before it reaches Auth0',
  },
  'self-service-sso': {
    title: 'Self-Service SSO',
    includedIn: ['professional', 'enterprise'],
    docs: 'https://auth0.com/docs/authenticate/enterprise-connections/self-service-SSO/manage-self-service-sso',
    neededOnlyIf: 'business customers configure their own SSO connection',
  },
} as const satisfies Record<string, Feature>;
export type FeatureId = keyof typeof FEATURES;
export const FEATURE_IDS = Object.keys(FEATURES) as FeatureId[];

/** Where a feature is available, for a sentence: "Enterprise with the Highly Regulated Identity add-on". */
export function availability(id: FeatureId): string {
  const f: Feature = FEATURES[id];
  const parts: string[] = [];
  if (f.includedIn.length) parts.push(`the ${f.includedIn.map((s) => SUBSCRIPTION_TITLE[s]).join(' and ')} plan${f.includedIn.length > 1 ? 's' : ''}`);
  if (f.addOn) parts.push(`${f.addOn.on.map((s) => SUBSCRIPTION_TITLE[s]).join(' and ')} with the ${ADD_ON_TITLE[f.addOn.id]} add-on`);
  return parts.join(', or ');
}

/** Is the feature on this subscription? `undefined` when the subscription is not known. */
export function featureIncluded(id: FeatureId, sub: Pick<SubscriptionContext, 'tier' | 'addOns'>): boolean | undefined {
  if (!sub.tier) return undefined;
  const f: Feature = FEATURES[id];
  return f.includedIn.includes(sub.tier) || (!!f.addOn && sub.addOns.includes(f.addOn.id) && f.addOn.on.includes(sub.tier));
}

/** What a rule's subject must be for the rule to apply: derived from the tenant, never asked. */
export const IN_USE = ['social-login', 'phone-mfa', 'mfa', 'organizations', 'passwords', 'sign-up', 'legacy-extensibility'] as const;
export type InUse = (typeof IN_USE)[number];

export const IN_USE_TEXT: Record<InUse, { yes: string; no: string; short: string }> = {
  'social-login': { yes: 'a social connection is enabled on an application', no: 'no social connection is enabled on an application', short: 'social login' },
  'phone-mfa': { yes: 'an SMS or voice MFA factor is enabled', no: 'no SMS or voice MFA factor is enabled', short: 'SMS/voice MFA' },
  mfa: { yes: 'an MFA factor is enabled', no: 'no MFA factor is enabled', short: 'MFA' },
  organizations: { yes: 'the tenant has organizations', no: 'the tenant has no organizations', short: 'organizations' },
  passwords: { yes: 'a database (password) connection exists', no: 'the tenant has no database (password) connection', short: 'passwords' },
  'sign-up': { yes: 'sign-up is open on a database connection', no: 'sign-up is disabled on every database connection', short: 'sign-up' },
  'legacy-extensibility': {
    yes: 'Rules, Hooks, custom-database or custom-social scripts exist',
    no: 'the tenant has no Rules, Hooks, custom-database or custom-social scripts',
    short: 'Rules/Hooks/custom DB scripts',
  },
};

/** A resource's data when it was read (the snapshot module's `dataOf`, without loading its schemas). */
function dataOf<K extends ResourceKey>(s: Snapshot, key: K): ResourceData<K> | undefined {
  const r = s.resources[key];
  return r && r.ok ? (r.data as ResourceData<K>) : undefined;
}

/** `undefined`: the resources that would tell could not be read. */
export type InUseFacts = Record<InUse, boolean | undefined>;

/**
 * Connection ids → the client ids each is enabled for: from /connections/{id}/clients, or the
 * legacy inline `enabled_clients` when every connection carries it; `undefined` when neither tells.
 */
export function enabledClientsByConnection(s: Snapshot): Map<string, string[]> | undefined {
  const conns = dataOf(s, 'connections');
  const per = dataOf(s, 'connectionClients');
  if (per) return new Map(Object.entries(per));
  if (conns?.every((c) => Array.isArray(c.enabled_clients))) return new Map(conns.map((c) => [c.id, c.enabled_clients ?? []]));
  return undefined;
}

export function computeInUse(s: Snapshot): InUseFacts {
  const conns = dataOf(s, 'connections');
  const factors = dataOf(s, 'guardianFactors');
  const orgs = dataOf(s, 'organizations');
  const rulesR = s.resources.rules;
  const hooksR = s.resources.hooks;
  const enabled = enabledClientsByConnection(s);
  const social = conns?.filter((c) => SOCIAL_STRATEGIES.has(c.strategy));
  const dbs = conns?.filter((c) => c.strategy === 'auth0');

  let socialInUse: boolean | undefined;
  if (social && social.length === 0) socialInUse = false;
  else if (social && enabled) socialInUse = social.some((c) => (enabled.get(c.id) ?? []).length > 0);

  let signup: boolean | undefined;
  if (dbs && dbs.length === 0) signup = false;
  else if (dbs) {
    const open = dbs.filter((c) => c.options && c.options.disable_signup !== true);
    const unseen = dbs.some((c) => !c.options);
    signup = open.length > 0 ? (enabled ? open.some((c) => (enabled.get(c.id) ?? []).length > 0) : true) : unseen ? undefined : false;
  }

  // Code on the tenant runtime: custom database scripts, custom social (oauth2) connection scripts.
  const customScripts =
    dbs?.some((c) => c.options?.enabledDatabaseCustomization === true) ||
    conns?.some((c) => c.strategy === 'oauth2' && !!c.options && typeof c.options.scripts === 'object' && c.options.scripts !== null && Object.keys(c.options.scripts).length > 0);
  const rulesList = rulesR?.ok ? rulesR.data : undefined;
  const hooksList = hooksR?.ok ? hooksR.data : undefined;
  let legacy: boolean | undefined;
  if (customScripts || (rulesList?.length ?? 0) > 0 || (hooksList?.length ?? 0) > 0) legacy = true;
  else if (customScripts === false && rulesList && hooksList) legacy = false;
  else if (customScripts === false && rulesList && !hooksR?.ok && hooksR?.reason === 'not-in-export') legacy = false;

  return {
    'social-login': socialInUse,
    'phone-mfa': factors ? factors.some((f) => f.enabled && (f.name === 'sms' || f.name === 'phone' || f.name === 'voice')) : undefined,
    mfa: factors ? factors.some((f) => f.enabled && f.name !== 'recovery-code') : undefined,
    organizations: orgs ? orgs.length > 0 : undefined,
    passwords: dbs ? dbs.length > 0 : undefined,
    'sign-up': signup,
    'legacy-extensibility': legacy,
  };
}

export interface SubscriptionContext {
  /** The declared subscription; absent: not known. */
  tier?: Subscription;
  source: 'declared' | 'unknown';
  addOns: AddOn[];
  /** What the API itself showed about the plan (a feature refused as not on the subscription). */
  inferred: { feature: FeatureId; detail: string }[];
}

export interface TenantContext {
  environment: Environment;
  /** Where the environment came from: a flag, the config, or the default (production). */
  environmentSource: 'flag' | 'config' | 'default';
  subscription: SubscriptionContext;
  inUse: InUseFacts;
}

/** Names whose suffix says the tenant is not production (`acme-dev`, `acme-staging.eu.auth0.com`). */
const NON_PROD_NAME = /-(dev|development|qa|test|staging|stage|uat|sandbox)(\.|$)/i;

/** Hints for the "Judged as" line: a default environment on a tenant whose name says otherwise. */
export function contextHints(ctx: TenantContext, tenantDomain: string | undefined): string[] {
  const hints: string[] = [];
  const m = tenantDomain ? NON_PROD_NAME.exec(tenantDomain.split('.')[0] ?? '') : null;
  if (ctx.environmentSource === 'default' && m) {
    const env = /qa|test|uat/i.test(m[1] ?? '') ? 'qa' : 'dev';
    hints.push(`the tenant's name ends in -${m[1]}: if it is not production, pass --env ${env} (or set env in the config)`);
  }
  if (ctx.subscription.source === 'unknown') {
    hints.push('subscription not declared: checks of plan-gated features are advice at most (pass --subscription to judge them)');
  }
  return hints;
}
