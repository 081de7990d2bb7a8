/**
 * The canonical AuditReport: versioned JSON that every reporter reads and the package exports.
 * Bump SCHEMA_VERSION on any breaking change to this shape.
 */
import { z } from 'zod';
import { PLAN_IDS, EVIDENCE_CLASSES } from '../catalog/schema.js';
import { ENVIRONMENTS, FINDING_STATUSES, MILESTONE_STATUSES, SEVERITIES, TOPIC_STATUSES } from '../engine/status.js';
import { FAILURE_REASONS, SOURCE_KINDS } from '../snapshot/snapshot.js';
import { ADD_ONS, FEATURE_IDS, IN_USE, SUBSCRIPTIONS } from '../engine/context.js';

export const SCHEMA_VERSION = 1;

const ATTESTATION_STATES = ['current', 'expired', 'no-evidence', 'not-applicable', 'in-progress'] as const;

const countsOf = <T extends readonly [string, ...string[]]>(keys: T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number().int().nonnegative()])) as { [K in T[number]]: z.ZodNumber });

export const ResourceRefSchema = z.object({ type: z.string(), id: z.string(), name: z.string().optional() });

/** Where a finding's value sits in the files it was read from (a Deploy CLI export). */
export const SourceLocationSchema = z.object({
  /** The file, relative to the export's folder (`tenant.yaml`, `clients/Default App.json`). */
  file: z.string(),
  /** 1-based line of the offending value (or of the resource, when the value is not in the file). */
  line: z.number().int().positive(),
  column: z.number().int().positive().optional(),
});

export const FindingSchema = z.object({
  ruleId: z.string(),
  title: z.string(),
  topicIds: z.array(z.string()),
  severity: z.enum(SEVERITIES),
  status: z.enum(FINDING_STATUSES),
  messageId: z.string(),
  message: z.string(),
  resource: ResourceRefSchema.optional(),
  field: z.string().optional(),
  value: z.unknown().optional(),
  waiver: z.object({ reason: z.string(), expires: z.string(), owner: z.string().optional() }).optional(),
  missing: z
    .array(z.object({ key: z.string(), reason: z.enum(FAILURE_REASONS), detail: z.string(), scopes: z.array(z.string()).optional() }))
    .optional(),
  /** With `--from` a Deploy CLI export: the file and line the finding is about. */
  location: SourceLocationSchema.optional(),
  /** How the tenant's context shaped the finding (src/engine/evaluate.ts `Finding.context`). */
  context: z
    .object({
      production: z.literal(true).optional(),
      live: z.literal(true).optional(),
      home: z.string().optional(),
      firstGoLiveAdvice: z.literal(true).optional(),
      cappedBySubscription: z.string().optional(),
    })
    .optional(),
});

/**
 * What the verdict was judged as: the tenant's environment, subscription and what it uses
 * (src/engine/context.ts). Every format prints it on its first lines.
 */
export const ContextSchema = z.object({
  plan: z.enum(PLAN_IDS),
  environment: z.enum(ENVIRONMENTS),
  environmentSource: z.enum(['flag', 'config', 'default']),
  subscription: z.object({
    tier: z.enum(SUBSCRIPTIONS).optional(),
    source: z.enum(['declared', 'unknown']),
    addOns: z.array(z.enum(ADD_ONS)),
    /** What the API itself showed: a feature refused as not on the subscription. */
    inferred: z.array(z.object({ feature: z.enum(FEATURE_IDS as [string, ...string[]]), detail: z.string() })),
  }),
  /** What the tenant uses, derived from it (`null`: could not tell). */
  inUse: z.object(Object.fromEntries(IN_USE.map((k) => [k, z.boolean().nullable()])) as Record<(typeof IN_USE)[number], z.ZodNullable<z.ZodBoolean>>),
  /** Rules judged only at Go-Live milestones (production-only checks), with a finding in this report. */
  productionOnly: z.array(z.string()),
  /** Rules whose findings were advice at most because the subscription is not known. */
  cappedBySubscription: z.array(z.string()),
  /** One line each: what the reader may want to set (an environment the tenant's name suggests, a subscription). */
  hints: z.array(z.string()),
});
export type ReportContext = z.infer<typeof ContextSchema>;

/** What reporters need about a rule with findings in the report: once per rule. */
export const ReportRuleSchema = z.object({
  id: z.string(),
  title: z.string(),
  severity: z.enum(SEVERITIES),
  prodOnly: z.boolean().optional(),
  rationale: z.string().optional(),
  remediation: z.string().optional(),
  docs: z.string().optional(),
  topics: z.array(z.string()),
  checks: z.array(z.string()).optional(),
  checkmate: z.array(z.string()).optional(),
  dashboard: z.array(z.string()).optional(),
  /** What is wrong with a group of resources failing alike, by message id (a plural predicate). */
  failSummary: z.record(z.string(), z.string()).optional(),
});

const TitledSchema = z.object({ id: z.string(), title: z.string() });

/** One line of the fix-first list: a finding (or one finding on many resources), said once. */
export const FixItemSchema = z.object({
  ruleId: z.string(),
  /** The rule's title. */
  title: z.string(),
  messageId: z.string(),
  /** The first finding's message (the only one when `count` is 1). */
  message: z.string(),
  /** What is wrong, said of the whole item: the message for one resource, a plural summary for many. */
  summary: z.string().optional(),
  severity: z.enum(SEVERITIES),
  /** It makes a topic of the target milestone fail: the milestone cannot be reached without fixing it. */
  blocksTarget: z.boolean(),
  /** It touches a topic of the target milestone (failing or at risk). */
  inTarget: z.boolean(),
  /** Its severity is at or above the gate's `failOn`: it fails the gate by itself. */
  failsGate: z.boolean().optional(),
  /** How many resources it hits (0: the tenant as a whole). */
  count: z.number().int().nonnegative(),
  /** The first few of them. */
  resources: z.array(ResourceRefSchema),
  /** Topics it holds back (failing or at risk because of it), by title. */
  topics: z.array(TitledSchema),
  /** The earliest milestone of each phase it holds back. */
  milestones: z.array(TitledSchema),
  /** With a Deploy CLI export: where the first resource's value sits. */
  location: SourceLocationSchema.optional(),
});

export const FixFirstSchema = z.object({
  /** The milestone the list leads to: `--require`, else the first not satisfied up to Go-Live (absent when all are). */
  target: z.object({ id: z.string(), title: z.string(), status: z.enum(MILESTONE_STATUSES), required: z.boolean() }).optional(),
  /** Failing findings, deduplicated by rule and resource, most impact first. */
  items: z.array(FixItemSchema),
  /** Required topics of the target milestone, and its special attestations, that wait for an attestation. */
  attest: z.array(TitledSchema),
  /** What could not be checked, and the scopes that would let it be. */
  unchecked: z.object({
    resources: z.array(z.object({ key: z.string(), title: z.string(), status: z.string(), reason: z.string().optional() })),
    scopes: z.array(z.string()),
    /** Rules with findings that could not be evaluated. */
    rules: z.array(TitledSchema),
  }),
});

export const TopicReportSchema = z.object({
  id: z.string(),
  title: z.string(),
  phase: z.string(),
  workstream: z.string(),
  evidence: z.enum(EVIDENCE_CLASSES),
  status: z.enum(TOPIC_STATUSES),
  reasons: z.array(z.string()),
  scope: z.object({ inScope: z.boolean().optional(), reason: z.string() }),
  required: z.boolean(),
  rules: z.array(z.string()),
  counts: countsOf(FINDING_STATUSES),
  /** Only on an `unknown` topic: the worst status that is certain, and the worst it could be. */
  certain: z.enum(TOPIC_STATUSES).optional(),
  worstCase: z.enum(TOPIC_STATUSES).optional(),
  /** Only when it differs: the status Milestones 1–2 judge (before Go-Live), and why. */
  beforeGoLive: z.object({ status: z.enum(TOPIC_STATUSES), reasons: z.array(z.string()) }).optional(),
  /** A topic that needs an attestation: where it stands (`missing`: none in config). */
  attestation: z.enum([...ATTESTATION_STATES, 'missing']).optional(),
  /** Prerequisite topics that fail or could not be evaluated, and so hold this one back. */
  dependsOn: z.array(z.object({ topic: z.string(), status: z.enum(['fail', 'unknown']) })).optional(),
  /** Special attestations a Go-Live judgement of this topic rests on that are not current (admin-mfa, admin-review, status-subscription). */
  goLiveAttestations: z.array(z.object({ id: z.string(), state: z.enum([...ATTESTATION_STATES, 'missing']) })).optional(),
});

export const WorkstreamReportSchema = z.object({
  id: z.string(),
  title: z.string(),
  phase: z.string(),
  milestone: z.string(),
  status: z.enum(TOPIC_STATUSES),
  topics: z.array(z.string()),
});

export const MilestoneReportSchema = z.object({
  id: z.string(),
  title: z.string(),
  phase: z.string(),
  inferred: z.boolean(),
  status: z.enum(MILESTONE_STATUSES),
  reasons: z.array(z.string()),
  topics: z.array(z.string()),
  counts: countsOf(TOPIC_STATUSES),
  /** `reasons` as data, in the same order (absent in reports saved before it was carried). */
  details: z
    .array(
      z.union([
        z.object({ id: z.enum(['topic-fails', 'topic-unattested', 'topic-at-risk']), topic: z.string() }),
        z.object({ id: z.literal('topic-unknown'), topic: z.string(), worstCase: z.enum(['fail', 'at-risk']) }),
        z.object({ id: z.literal('attestation'), attestation: z.string(), state: z.enum([...ATTESTATION_STATES, 'missing']), detail: z.string().optional() }),
        z.object({ id: z.literal('cannot-change'), topics: z.array(z.string()) }),
      ]),
    )
    .optional(),
  /** `before-go-live`: a demo milestone (Phase 1 Milestones 1–2), judged on the topics' `beforeGoLive` view. */
  judged: z.enum(['before-go-live', 'go-live']).optional(),
  /** Special attestations the milestone needs (prodcheck; env-tag on production) that are not current. */
  attestations: z.array(z.object({ id: z.string(), state: z.enum([...ATTESTATION_STATES, 'missing']) })).optional(),
});

export const ResourceReportSchema = z.object({
  key: z.string(),
  title: z.string(),
  status: z.union([z.literal('ok'), z.enum(FAILURE_REASONS)]),
  reason: z.string().optional(),
  scopes: z.array(z.string()).optional(),
});

export const WaiverReportSchema = z.object({
  rule: z.string(),
  resource: z.string().optional(),
  reason: z.string(),
  expires: z.string(),
  owner: z.string().optional(),
  state: z.enum(['active', 'expired']),
  matched: z.number().int().nonnegative(),
});

export const AttestationReportSchema = z.object({
  id: z.string(),
  state: z.enum(ATTESTATION_STATES),
  owner: z.string(),
  date: z.string(),
  expires: z.string(),
  evidence: z.string().optional(),
});

const FailOnSchema = z.union([z.enum(SEVERITIES), z.literal('none')]);

/**
 * Why the gate failed, as data: an id and its values (renderers word it, src/report/reasons.ts).
 * New kinds are added as new members of the union.
 */
/** A framework requirement's status (src/frameworks/evaluate.ts): FAIL-dominant over its evidence. */
export const REQUIREMENT_STATUSES = ['pass', 'fail', 'unknown', 'manual', 'waived', 'n/a'] as const;
export type RequirementStatus = (typeof REQUIREMENT_STATUSES)[number];
/** How a requirement is judged: by our checks, by checks plus an attestation, only by an attestation, or not at all. */
export const AUTOMATIONS = ['automated', 'partial', 'manual', 'out-of-scope'] as const;

const EvidenceStatus = z.enum(['pass', 'fail', 'unknown', 'n/a']);
export const RequirementEvidenceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('rule'),
    id: z.string(),
    title: z.string(),
    status: EvidenceStatus,
    /** The rule's findings by status. */
    counts: z.record(z.string(), z.number().int().nonnegative()),
    /** Up to five findings that are not passes, worst first. */
    findings: z.array(z.object({ status: z.enum(FINDING_STATUSES), message: z.string(), resource: z.string().optional() })),
    /** Why the rule gave no verdict (turned off, not opted in). */
    reason: z.string().optional(),
  }),
  z.object({ kind: z.literal('topic'), id: z.string(), title: z.string().optional(), status: EvidenceStatus, topicStatus: z.enum(TOPIC_STATUSES).optional(), reason: z.string().optional() }),
  z.object({
    kind: z.literal('guardrail'),
    /** A bound on the audit's own configuration (a setting, a rule option), not a check of the tenant. */
    config: z.literal(true).optional(),
    status: EvidenceStatus,
    what: z.string(),
    reason: z.string(),
    findings: z.array(z.object({ status: z.enum(FINDING_STATUSES), message: z.string(), resource: z.string().optional() })).optional(),
  }),
]);
export type RequirementEvidence = z.infer<typeof RequirementEvidenceSchema>;

export const RequirementResultSchema = z.object({
  id: z.string(),
  section: z.string().optional(),
  title: z.string(),
  status: z.enum(REQUIREMENT_STATUSES),
  automation: z.enum(AUTOMATIONS),
  appliesTo: z.array(z.string()),
  /** One line: why this status. */
  reason: z.string(),
  evidence: z.array(RequirementEvidenceSchema),
  /** A waiver in config naming the requirement (`<framework>:<requirement>`): an accepted deviation, with its reason. */
  waiver: z.object({ reason: z.string(), expires: z.string(), owner: z.string().optional() }).optional(),
  /** The attestation that meets the manual part, and its state. */
  attestation: z.object({ id: z.string(), state: z.string(), met: z.boolean(), how: z.string() }).optional(),
  note: z.string().optional(),
  refs: z.array(z.string()).optional(),
});
export type RequirementResult = z.infer<typeof RequirementResultSchema>;

/** One framework profile judged on this tenant (`--framework`). Never a claim of compliance. */
export const FrameworkResultSchema = z.object({
  /** The profile id (`asvs-5.0-L2`). */
  id: z.string(),
  framework: z.string(),
  name: z.string(),
  version: z.string(),
  profile: z.object({ id: z.string(), name: z.string(), level: z.number().int() }),
  source: z.string(),
  licence: z.string(),
  /** The file it was read from (`frameworks/asvs-5.0/framework.yaml` for a shipped one). */
  file: z.string(),
  coverage: z.object({
    requirements: z.number().int().nonnegative(),
    automated: z.number().int().nonnegative(),
    partial: z.number().int().nonnegative(),
    manual: z.number().int().nonnegative(),
    outOfScope: z.number().int().nonnegative(),
  }),
  summary: z.object(Object.fromEntries(REQUIREMENT_STATUSES.map((k) => [k, z.number().int().nonnegative()])) as Record<RequirementStatus, z.ZodNumber>),
  requirements: z.array(RequirementResultSchema),
});
export type FrameworkResult = z.infer<typeof FrameworkResultSchema>;

export const GateReasonSchema = z.discriminatedUnion('id', [
  /** No resource the audit needs could be read. */
  z.object({ id: z.literal('read-nothing'), resources: z.number().int().nonnegative() }),
  z.object({ id: z.literal('milestone-missing'), milestone: z.string() }),
  /** The required milestone is not satisfied; `why` is its first reason. */
  z.object({ id: z.literal('milestone-not-satisfied'), milestone: z.string(), status: z.enum(MILESTONE_STATUSES), why: z.string().optional() }),
  z.object({ id: z.literal('failing-findings'), failOn: z.enum(SEVERITIES), count: z.number().int().nonnegative() }),
  /** Checks at or above `failOn` that could not be judged because these resources were not read. */
  z.object({
    id: z.literal('unread-resources'),
    failOn: z.enum(SEVERITIES),
    resources: z.array(z.object({ key: z.string(), title: z.string(), reason: z.string(), scopes: z.array(z.string()), detail: z.string() })),
  }),
  /** Checks at or above `failOn` that could not be judged for another reason (a rule error). */
  z.object({ id: z.literal('unjudged-checks'), failOn: z.enum(SEVERITIES), count: z.number().int().nonnegative(), checks: z.array(z.object({ ruleId: z.string(), message: z.string() })) }),
  /** With --fail-on-regression: what got worse since the baseline. */
  z.object({ id: z.literal('regressions'), count: z.number().int().nonnegative(), lines: z.array(z.string()) }),
  /** `--require-framework`: automated requirements of the profile fail or could not be judged. */
  z.object({
    id: z.literal('framework-not-met'),
    framework: z.string(),
    failing: z.array(z.string()),
    unknown: z.array(z.string()),
  }),
  /** `--require-framework` names a profile the audit did not judge. */
  z.object({ id: z.literal('framework-missing'), framework: z.string() }),
  /** In a fleet: a tenant's own gate failed. */
  z.object({ id: z.literal('tenant-failed'), tenant: z.string(), reason: z.string() }),
  /** In a fleet: a tenant could not be read (exit 3). */
  z.object({ id: z.literal('tenant-unread'), tenant: z.string(), error: z.string() }),
]);
export type GateReason = z.infer<typeof GateReasonSchema>;

export const GateSchema = z.object({
  require: z.string().optional(),
  /** `--require-framework`: profiles whose automated requirements must all pass. */
  requireFrameworks: z.array(z.string()).optional(),
  failOn: FailOnSchema,
  /** Checks that could not be judged were accepted (`--allow-unknown`): they did not fail the gate. */
  allowUnknown: z.boolean().optional(),
  passed: z.boolean(),
  /** `details`, worded. */
  reasons: z.array(z.string()),
  details: z.array(GateReasonSchema).optional(),
});

/** What the exit code says, as every format states it first. */
export const VERDICT_OUTCOMES = ['passed', 'passed-with-risks', 'failed', 'no-regression', 'regressed', 'could-not-read'] as const;
export type VerdictOutcome = (typeof VERDICT_OUTCOMES)[number];

/**
 * The headline, computed once (src/report/verdict.ts) and printed first by every format: the
 * gate's outcome and exit code, and whether the tenant is ready for its target milestone.
 */
export const VerdictSchema = z.object({
  outcome: z.enum(VERDICT_OUTCOMES),
  /** 0 gate passed, 1 gate failed, 3 something could not be read (never "passed"). */
  exitCode: z.union([z.literal(0), z.literal(1), z.literal(3)]),
  /** The gate compared with a baseline only (`--fail-on-regression`): standing failures do not fail it. */
  regressionOnly: z.boolean(),
  /** The milestone the verdict is about (`--require`, else the first not satisfied up to Go-Live). */
  target: z
    .object({ id: z.string(), title: z.string(), status: z.enum(MILESTONE_STATUSES), required: z.boolean(), ready: z.boolean() })
    .optional(),
  /** Every milestone up to Go-Live is satisfied (there is no target left). */
  allSatisfied: z.boolean(),
  /** Failing findings that block the target, attestations it waits for. */
  blockers: z.number().int().nonnegative(),
  attestationsMissing: z.number().int().nonnegative(),
  /** Tenants that could not be read (a fleet run). */
  unread: z.array(z.string()).optional(),
  /** `--require-framework` profiles the gate found not met: their failing and unknown requirement ids. */
  frameworksNotMet: z.array(z.object({ id: z.string(), failing: z.array(z.string()), unknown: z.array(z.string()) })).optional(),
});
export type Verdict = z.infer<typeof VerdictSchema>;

/**
 * What the verdict relies on beyond the tenant's data, each said once: a rule turned off or
 * re-graded, a waiver, an attestation, accepted unknowns (`--allow-unknown`), checks outside the
 * source's reach, and notes other parts of the tool add. A new kind is a new member of the union
 * (and a case in src/report/reasons.ts `reliesOnText`).
 */
export const RelianceSchema = z.discriminatedUnion('kind', [
  /** Turned off in config: its checks did not run. */
  z.object({ kind: z.literal('rule-off'), ruleId: z.string(), title: z.string().optional() }),
  /** Its findings were graded at another severity than the rule's. */
  z.object({ kind: z.literal('rule-severity'), ruleId: z.string(), title: z.string().optional(), from: z.enum(SEVERITIES), to: z.enum(SEVERITIES) }),
  z.object({
    kind: z.literal('waiver'),
    ruleId: z.string(),
    resource: z.string().optional(),
    reason: z.string(),
    owner: z.string().optional(),
    expires: z.string(),
    state: z.enum(['active', 'expired']),
    matched: z.number().int().nonnegative(),
  }),
  z.object({
    kind: z.literal('attestation'),
    id: z.string(),
    /** The topic's title (or the special attestation's id). */
    title: z.string(),
    state: z.enum(ATTESTATION_STATES),
    owner: z.string(),
    date: z.string(),
    expires: z.string(),
    evidence: z.string().optional(),
  }),
  /** Checks at or above `failOn` that could not be judged did not fail the gate. */
  z.object({ kind: z.literal('allow-unknown'), checks: z.number().int().nonnegative(), resources: z.array(z.string()) }),
  /** A check the source can never see (a Deploy CLI export does not hold it): a live audit can. */
  z.object({ kind: z.literal('outside-reach'), ruleId: z.string(), title: z.string().optional(), why: z.string().optional() }),
  /** Anything else a part of the tool records about what the verdict assumes. */
  z.object({ kind: z.literal('note'), label: z.string(), text: z.string() }),
]);
export type Reliance = z.infer<typeof RelianceSchema>;

/** The configuration that shaped the verdict, as applied (not just the path of its file). */
export const EffectiveConfigSchema = z.object({
  path: z.string().optional(),
  require: z.string().optional(),
  /** Organisation policies loaded (`--policy`, config `policies`): id, severity, file, definition hash. */
  policies: z.array(z.object({ id: z.string(), severity: z.enum(SEVERITIES), file: z.string(), hash: z.string() })).optional(),
  /** Framework profiles judged (`--framework`) and required (`--require-framework`). */
  frameworks: z.array(z.string()).optional(),
  requireFrameworks: z.array(z.string()).optional(),
  failOn: FailOnSchema,
  allowUnknown: z.boolean(),
  environment: z.enum(ENVIRONMENTS),
  plan: z.enum(PLAN_IDS),
  /** Rule overrides from config: off, a severity, or options. */
  rules: z.record(z.string(), z.unknown()),
  /** Rule settings that differ from the defaults. */
  settings: z.record(z.string(), z.unknown()),
  scope: z.record(z.string(), z.unknown()).optional(),
  outOfScope: z.array(z.object({ topic: z.string(), reason: z.string() })).optional(),
  attestationMaxAgeDays: z.number().optional(),
  optIns: z.array(z.string()),
});

/** How one finding or topic compares with the baseline report. */
export const CHANGE_KINDS = ['new', 'fixed', 'changed', 'unchanged', 'removed-rule', 'gone'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const BaselineComparisonSchema = z.object({
  /** The baseline report file and when it was generated. */
  path: z.string().optional(),
  generatedAt: z.string(),
  /** Something got worse: a new failing finding, a finding or topic whose status got worse. */
  regressed: z.boolean(),
  counts: z.object(Object.fromEntries(CHANGE_KINDS.map((k) => [k, z.number().int().nonnegative()])) as { [K in ChangeKind]: z.ZodNumber }),
  findings: z.array(
    z.object({
      /** Stable identity across a fix: rule id, resource type/id (src/report/finding-key.ts), tenant. */
      key: z.string(),
      ruleId: z.string(),
      /** The rule id in the baseline, when the rule was renamed since. */
      previousRuleId: z.string().optional(),
      resource: ResourceRefSchema.optional(),
      field: z.string().optional(),
      tenant: z.string(),
      change: z.enum(CHANGE_KINDS),
      worse: z.boolean(),
      before: z.object({ status: z.enum(FINDING_STATUSES), severity: z.enum(SEVERITIES) }).optional(),
      after: z.object({ status: z.enum(FINDING_STATUSES), severity: z.enum(SEVERITIES) }).optional(),
      message: z.string(),
    }),
  ),
  topics: z.array(
    z.object({
      id: z.string(),
      change: z.enum(CHANGE_KINDS),
      worse: z.boolean(),
      before: z.enum(TOPIC_STATUSES).optional(),
      after: z.enum(TOPIC_STATUSES).optional(),
    }),
  ),
});
export type BaselineComparison = z.infer<typeof BaselineComparisonSchema>;

/** With `--history`: the run recorded, and (with `--fail-on-regression`) the accepted baseline and what regressed since. */
export const HistorySectionSchema = z.object({
  /** The store: a directory, or a PostgreSQL URL without its password. */
  store: z.string(),
  runId: z.string(),
  /** The run compared with: the last accepted run of the tenant, else its first run. */
  baseline: z.object({ runId: z.string(), kind: z.enum(['accepted', 'first']), at: z.string(), by: z.string().optional(), reason: z.string().optional() }).optional(),
  regressions: z
    .array(
      z.object({
        key: z.string(),
        ruleId: z.string(),
        resource: z.object({ type: z.string(), id: z.string() }).optional(),
        status: z.enum(FINDING_STATUSES),
        severity: z.enum(SEVERITIES),
        /** When it started failing, and in how many recorded runs in a row (this one included). */
        since: z.string(),
        nights: z.number().int().positive(),
      }),
    )
    .optional(),
});
export type HistorySection = z.infer<typeof HistorySectionSchema>;

/** How a live read used the tenant's Management API rate limit (absent for offline sources). */
export const SourceSectionSchema = z.object({
  kind: z.enum(SOURCE_KINDS),
  /** Attempts sent (retries and the token request included). */
  requests: z.number().int().nonnegative(),
  /** 429 answers received. */
  rateLimited: z.number().int().nonnegative(),
  retries: z.number().int().nonnegative(),
  serverErrors: z.number().int().nonnegative(),
  networkErrors: z.number().int().nonnegative(),
  /** Time spent waiting (pacing and backoff), summed over requests, ms. */
  waitedMs: z.number().nonnegative(),
  durationMs: z.number().nonnegative(),
  rateLimit: z.object({
    /** Bucket size (`x-ratelimit-limit`); absent when the server sent no rate-limit headers. */
    limit: z.number().optional(),
    /** The reserve kept for the tenant's own traffic: percent of the bucket, and tokens. */
    reservePercent: z.number(),
    reserveTokens: z.number().optional(),
    maxRps: z.number().optional(),
    /** Lowest `x-ratelimit-remaining` seen in an accepted answer. */
    minRemaining: z.number().optional(),
    /** Peak and time-weighted mean share (0–1) of the bucket in use, (limit − remaining) / limit. */
    peakShare: z.number().optional(),
    meanShare: z.number().optional(),
    /** Net refill learned, requests/s. */
    refillPerSecond: z.number().optional(),
    /** Peak rate the tenant's own traffic took, as far as the audit could tell, requests/s. */
    othersPerSecond: z.number().optional(),
    /** A hidden (e.g. per-minute) limit found by a 429: the send rate the audit settled at, requests/s. */
    hiddenLimitPerSecond: z.number().optional(),
    /** Whether `x-ratelimit-reset` agreed with the observations (read as "the bucket is full at"). */
    resetTrusted: z.boolean().optional(),
  }),
});
export type SourceSection = z.infer<typeof SourceSectionSchema>;

/**
 * A check the source can never answer (outside its reach: a Deploy CLI export holds no signing
 * keys, logs, users…): one entry per rule, listed under "Needs a live audit". It does not make a
 * topic, a milestone or the gate unknown; a live audit (`auth0-readiness audit` against the tenant)
 * judges it.
 */
export const LiveAuditItemSchema = z.object({
  ruleId: z.string(),
  title: z.string(),
  severity: z.enum(SEVERITIES),
  topicIds: z.array(z.string()),
  /** The resources (snapshot keys) the source cannot hold. */
  resources: z.array(z.string()),
  /** The fields of a read resource the source cannot hold (`tenantSettings.flags.enable_sso`), if that is what is missing. */
  fields: z.array(z.string()).optional(),
  /** Why the source cannot hold them, with the source's own reference (file and version). */
  why: z.string(),
});
export type LiveAuditItem = z.infer<typeof LiveAuditItemSchema>;

export const AuditReportSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  tool: z.object({ name: z.string(), version: z.string() }),
  tenant: z.object({
    domain: z.string(),
    source: z.enum(SOURCE_KINDS),
    path: z.string().optional(),
    environment: z.enum(ENVIRONMENTS),
    /** The tenant's alias in a multi-tenant config (absent for a single-tenant run). */
    alias: z.string().optional(),
  }),
  plan: z.enum(PLAN_IDS),
  /** What the verdict was judged as (absent in reports written before it was carried). */
  context: ContextSchema.optional(),
  generatedAt: z.string(),
  collectedAt: z.string(),
  /** The headline every format prints first (src/report/verdict.ts). */
  verdict: VerdictSchema.optional(),
  gate: GateSchema,
  summary: z.object({
    milestones: countsOf(MILESTONE_STATUSES),
    topics: countsOf(TOPIC_STATUSES),
    findings: countsOf(FINDING_STATUSES),
  }),
  milestones: z.array(MilestoneReportSchema),
  workstreams: z.array(WorkstreamReportSchema),
  topics: z.array(TopicReportSchema),
  findings: z.array(FindingSchema),
  resources: z.array(ResourceReportSchema),
  /** Checks outside the source's reach: they need a live audit (absent when there are none). */
  needsLiveAudit: z.array(LiveAuditItemSchema).optional(),
  /** With `--framework`: each framework profile judged from this audit's findings. */
  frameworks: z.array(FrameworkResultSchema).optional(),
  /** Waivers from config: active or expired, and how many findings each matched. */
  waivers: z.array(WaiverReportSchema),
  /** Attestations from config that apply to this tenant, as of `generatedAt`. */
  attestations: z.array(AttestationReportSchema),
  /** The config file the run used, if any. */
  config: z.string().optional(),
  /** What the verdict relies on beyond the tenant's data (src/report/relies-on.ts). */
  reliesOn: z.array(RelianceSchema).optional(),
  /** The configuration that shaped the verdict. */
  effectiveConfig: EffectiveConfigSchema.optional(),
  /** With `--baseline`: what changed since a previous report (absent otherwise). */
  baseline: BaselineComparisonSchema.optional(),
  /** Each rule with a finding in this report: title, severity, why, how to fix, docs (so the report renders on its own). */
  rules: z.array(ReportRuleSchema).optional(),
  /** The path to the target milestone: what to fix first (src/report/fix-first.ts). */
  fixFirst: FixFirstSchema.optional(),
  /** A live read: requests, 429s, retries and the share of the rate limit used. */
  source: SourceSectionSchema.optional(),
  /** With `--history`: the run recorded and the regressions since the accepted baseline. */
  history: HistorySectionSchema.optional(),
});

export type AuditReport = z.infer<typeof AuditReportSchema>;
export type ReportFinding = z.infer<typeof FindingSchema>;
export type ReportTopic = z.infer<typeof TopicReportSchema>;
export type ReportMilestone = z.infer<typeof MilestoneReportSchema>;
export type Gate = z.infer<typeof GateSchema>;
export type ReportRule = z.infer<typeof ReportRuleSchema>;
export type FixFirst = z.infer<typeof FixFirstSchema>;
export type FixItem = z.infer<typeof FixItemSchema>;
export type SourceLocation = z.infer<typeof SourceLocationSchema>;
