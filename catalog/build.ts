/**
 * Small constructors that keep the plan data in b2c.ts / b2b.ts close to the way
 * catalog.md §1.3–§1.4 writes it. They only fill in ids and defaults; the result is validated by
 * the zod schemas in src/catalog/schema.ts when the catalog loads.
 */
import type { EvidenceClass, Fact, ScopeRule, Topic, Workstream, Milestone } from '../src/catalog/schema.js';

export const always: ScopeRule = { kind: 'always' };
export const fact = (f: Fact): ScopeRule => ({ kind: 'fact', fact: f });
export const config = (key: string, dflt: boolean): ScopeRule => ({ kind: 'config', key, default: dflt });
export const topic = (id: string): ScopeRule => ({ kind: 'topic', topic: id });
export const any = (...of: ScopeRule[]): ScopeRule => ({ kind: 'any', of });
export const all = (...of: ScopeRule[]): ScopeRule => ({ kind: 'all', of });

/** A topic before it is placed in a workstream: its id is filled in by `ws`. */
export type TopicDraft = Omit<Topic, 'id' | 'revisitOf'> & { revisitOf?: string };

export interface TopicOptions {
  attest?: boolean;
  required?: boolean;
  sources?: string[];
  note?: string;
  title?: string;
}

/** Humane titles for topic keys; a key not listed is title-cased. */
const TITLES: Record<string, string> = {
  'tenant-provision': 'Tenant provisioning',
  'custom-domains': 'Custom domains',
  'tenant-association': 'Tenant association with the subscription',
  'sdlc-support': 'SDLC support (dev, QA, prod tenants)',
  'store-user-data': 'Where user data is stored',
  'self-sign-up': 'Self sign-up',
  'universal-login': 'Universal Login',
  'username-password': 'Username and password authentication',
  'application-integration': 'Application integration',
  'anomaly-detection': 'Anomaly detection (attack protection)',
  'universal-login-page': 'Universal Login page branding',
  'custom-domain-naming': 'Custom domain naming',
  'change-password-page': 'Change-password page',
  'error-page': 'Error page',
  'email-templates': 'Email templates',
  'unit-testing': 'Unit testing',
  'mock-testing': 'Mock testing',
  'integration-testing': 'Integration testing',
  'password-reset': 'Password reset',
  'account-verification': 'Account verification',
  'blocking-users': 'Blocking users',
  'id-token-claims': 'ID token claims',
  'email-provider': 'Email provider',
  'api-integration': 'API integration',
  rbac: 'Role-based access control',
  'sso-legacy': 'SSO with legacy applications',
  'social-login': 'Social login',
  mfa: 'Multi-factor authentication',
  'social-sign-up': 'Social sign-up',
  'link-accounts': 'Account linking',
  'mfa-page': 'MFA page branding',
  'step-up-authentication': 'Step-up authentication',
  'verified-email-change': 'Verified email change',
  'signup-by-invitation': 'Sign-up by invitation',
  'companion-app': 'Companion app',
  'redirect-pages': 'Redirect pages',
  'provision-organization': 'Provisioning organizations',
  'provision-organization-users': 'Provisioning organization users',
  'user-invite': 'User invitations',
  'home-realm-discovery': 'Home realm discovery',
  'login-by-organization': 'Login by organization',
  'admin-portal': 'Administration portal',
  'm2m-authorization': 'Machine-to-machine authorization',
  'roles-permissions': 'Roles and permissions',
  'enterprise-login': 'Enterprise login',
  'enterprise-sign-up': 'Enterprise sign-up',
  'organization-admin-portal': 'Organization administration portal',
  'single-logout': 'Single logout',
  'federated-logout': 'Federated logout',
  'separate-tenant-multi-idp-org': 'Separate tenant for multi-IdP organizations',
  'connect-multi-idp-org-tenant': 'Connecting a multi-IdP organization tenant',
  'scim-deprovisioning': 'SCIM deprovisioning',
  'link-enterprise-to-database': 'Linking enterprise and database accounts',
  'multi-idp-org-tenant-branding': 'Branding of multi-IdP organization tenants',
  'self-signup-with-approval': 'Self sign-up with approval',
  'self-signup-new-organization': 'Self sign-up of a new organization',
  'self-service-sso-setup': 'Self-service SSO setup',
};

export function titleOf(key: string): string {
  return TITLES[key] ?? key.charAt(0).toUpperCase() + key.slice(1).replace(/-/g, ' ');
}

export function t(
  key: string,
  evidence: EvidenceClass,
  scope: ScopeRule,
  inText: string,
  checks: string[],
  o: TopicOptions = {},
): TopicDraft {
  return {
    key,
    title: o.title ?? titleOf(key),
    evidence,
    inText,
    scope,
    checks,
    // M and W topics need an attestation to pass (§3); X topics need other tenants.
    attest: o.attest ?? (evidence === 'M' || evidence === 'W'),
    required: o.required ?? false,
    ...(o.sources ? { sources: o.sources } : {}),
    ...(o.note ? { note: o.note } : {}),
  };
}

export interface WorkstreamOptions {
  title: string;
  audience?: string;
  aka?: string[];
  parallel?: string[];
  recommendedAfter?: string[];
  inferred?: boolean;
}

/** A workstream of phase `phaseId` closing milestone `ms` (e.g. `m1`), with its topics' ids filled in. */
export function ws(
  phaseId: string,
  key: string,
  milestones: Milestone[],
  ms: string,
  o: WorkstreamOptions,
  topics: TopicDraft[],
): Workstream {
  const id = `${phaseId}.${key}`;
  const milestone = milestones.find((m) => m.id === `${phaseId}.${ms}` || m.id.startsWith(`${phaseId}.${ms}-`));
  if (!milestone) throw new Error(`catalog: ${id} names milestone ${ms}, which ${phaseId} does not have`);
  return {
    id,
    key,
    title: o.title,
    milestone: milestone.id,
    ...(o.audience ? { audience: o.audience } : {}),
    ...(o.aka ? { aka: o.aka } : {}),
    ...(o.parallel ? { parallel: o.parallel } : {}),
    ...(o.recommendedAfter ? { recommendedAfter: o.recommendedAfter } : {}),
    ...(o.inferred ? { inferred: o.inferred } : {}),
    topics: topics.map((d) => ({ ...d, id: `${id}.${d.key}` })),
  };
}

/** A Phase 2 workstream that revisits a Phase 1 one: same topics, evidence re-run (catalog §1.4). */
export function revisit(
  phaseId: string,
  original: Workstream,
  milestones: Milestone[],
  ms: string,
): Workstream {
  const w = ws(
    phaseId,
    original.key,
    milestones,
    ms,
    { title: original.title, ...(original.audience ? { audience: original.audience } : {}) },
    original.topics.map(({ id, ...rest }) => ({ ...rest, revisitOf: id })),
  );
  return { ...w, revisitOf: original.id };
}

/** Look up a topic draft by key from already-built workstreams (B2B reuses B2C topics, §1.4). */
export function reuse(from: Workstream[], key: string): TopicDraft {
  for (const w of from) {
    const found = w.topics.find((x) => x.key === key);
    if (found) {
      const { id: _id, ...draft } = found;
      return draft;
    }
  }
  throw new Error(`catalog: no topic "${key}" to reuse`);
}
