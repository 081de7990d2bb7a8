/**
 * The catalog's types, as zod schemas: plans → phases → milestones / workstreams → topics, plus
 * the dependencies between topics. The data lives in `catalog/` (b2c.ts, b2b.ts) and is validated
 * against these schemas when it is loaded. Ids are a contract (catalog.md, Decision 1).
 */
import { z } from 'zod';

import { PLAN_IDS, type PlanId } from './plans.js';

export { PLAN_IDS, type PlanId };

export const EVIDENCE_CLASSES = ['A', 'W', 'M', 'X'] as const;
export type EvidenceClass = (typeof EVIDENCE_CLASSES)[number];

/** Facts the scope rules detect from a tenant snapshot (see src/engine/scope.ts). */
export const FACTS = [
  'dbConnection',
  'customDb',
  'customDomain',
  'socialConnection',
  'enterpriseConnection',
  'organizations',
  'customApi',
  'roles',
  'm2mClient',
  'mfaFactor',
  'codeInTenant',
  'notificationShield',
  'smtpProvider',
  'outboundCalls',
  'multiConnectionApp',
] as const;
export type Fact = (typeof FACTS)[number];

export type ScopeRule =
  | { kind: 'always' }
  | { kind: 'fact'; fact: Fact }
  | { kind: 'config'; key: string; default: boolean }
  | { kind: 'topic'; topic: string }
  | { kind: 'any'; of: ScopeRule[] }
  | { kind: 'all'; of: ScopeRule[] };

export const ScopeRuleSchema: z.ZodType<ScopeRule> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('always') }),
    z.object({ kind: z.literal('fact'), fact: z.enum(FACTS) }),
    z.object({ kind: z.literal('config'), key: z.string().min(1), default: z.boolean() }),
    z.object({ kind: z.literal('topic'), topic: z.string().min(1) }),
    z.object({ kind: z.literal('any'), of: z.array(ScopeRuleSchema).min(2) }),
    z.object({ kind: z.literal('all'), of: z.array(ScopeRuleSchema).min(2) }),
  ]),
);

const TOPIC_ID = /^(b2c|b2b)\.p[123]\.[a-z0-9-]+\.[a-z0-9-]+$/;
const MILESTONE_ID = /^(b2c|b2b)\.p[123]\.m[1-9](-[a-z0-9-]+)?$/;
const WORKSTREAM_ID = /^(b2c|b2b)\.p[123]\.[a-z0-9-]+$/;

export const TopicSchema = z.strictObject({
  id: z.string().regex(TOPIC_ID),
  key: z.string(),
  title: z.string().min(1),
  evidence: z.enum(EVIDENCE_CLASSES),
  /** The scope rule as the catalog writes it (`in:`), for people. */
  inText: z.string(),
  scope: ScopeRuleSchema,
  /** The catalog's evidence list (`chk:`): check ids, proxies, attestations. */
  checks: z.array(z.string()),
  /** Needs a manual attestation to pass (§3). */
  attest: z.boolean(),
  /** An unverified required topic blocks its milestone (§3 default required set). */
  required: z.boolean(),
  /** For a P2 revisit workstream's topic: the P1 topic whose evidence it re-runs. */
  revisitOf: z.string().regex(TOPIC_ID).optional(),
  sources: z.array(z.string()).optional(),
  note: z.string().optional(),
});
export type Topic = z.infer<typeof TopicSchema>;

export const WorkstreamSchema = z.strictObject({
  id: z.string().regex(WORKSTREAM_ID),
  key: z.string(),
  title: z.string().min(1),
  /** The milestone this workstream closes (full id); absent in phases with one milestone for all. */
  milestone: z.string().regex(MILESTONE_ID),
  audience: z.string().optional(),
  aka: z.array(z.string()).optional(),
  parallel: z.array(z.string()).optional(),
  recommendedAfter: z.array(z.string()).optional(),
  revisitOf: z.string().regex(WORKSTREAM_ID).optional(),
  inferred: z.boolean().optional(),
  topics: z.array(TopicSchema),
});
export type Workstream = z.infer<typeof WorkstreamSchema>;

export const SPECIAL_ATTESTATIONS = ['prodcheck', 'env-tag', 'admin-mfa', 'status-subscription', 'admin-review'] as const;

export const MilestoneSchema = z.strictObject({
  id: z.string().regex(MILESTONE_ID),
  title: z.string().min(1),
  outcome: z.enum(['demo', 'production', 'demo-or-production']),
  /** Special attestations the milestone needs (prodcheck; env-tag on production tenants). */
  attest: z.array(z.enum(SPECIAL_ATTESTATIONS)),
  /** Placement or name inferred, not stated by the seeds (Decision 2). */
  inferred: z.boolean(),
});
export type Milestone = z.infer<typeof MilestoneSchema>;

export const PhaseSchema = z.strictObject({
  id: z.string().regex(/^(b2c|b2b)\.p[123]$/),
  title: z.string(),
  requires: z.array(z.string()),
  milestones: z.array(MilestoneSchema).min(1),
  workstreams: z.array(WorkstreamSchema).min(1),
});
export type Phase = z.infer<typeof PhaseSchema>;

export const DEPENDENCY_KINDS = ['precedes', 'only-if', 'recommends', 'advises', 'recommendedAfter'] as const;
export type DependencyKind = (typeof DEPENDENCY_KINDS)[number];

/** A dependency as the catalog writes it (its "dependencies" list): `*` matches any segment, a list any of its entries. */
export const DependencySchema = z.strictObject({
  from: z.array(z.string()).min(1),
  to: z.array(z.string()).min(1),
  kind: z.enum(DEPENDENCY_KINDS),
  /** A condition on the tenant; the dependency applies only when the fact holds. */
  when: z.enum(FACTS).optional(),
  sources: z.array(z.string()).optional(),
});
export type DependencySpec = z.infer<typeof DependencySchema>;

export const PlanSchema = z.strictObject({
  id: z.enum(PLAN_IDS),
  title: z.string(),
  phases: z.array(PhaseSchema).length(3),
});
export type Plan = z.infer<typeof PlanSchema>;
