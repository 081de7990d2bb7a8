/**
 * The canonical AuditReport: versioned JSON that every reporter reads and the package exports.
 * Bump SCHEMA_VERSION on any breaking change to this shape.
 */
import { z } from 'zod';
import { PLAN_IDS, EVIDENCE_CLASSES } from '../catalog/schema.js';
import { ENVIRONMENTS, FINDING_STATUSES, MILESTONE_STATUSES, SEVERITIES, TOPIC_STATUSES } from '../engine/status.js';
import { FAILURE_REASONS, SOURCE_KINDS } from '../snapshot/snapshot.js';

export const SCHEMA_VERSION = 1;

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
});

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
  severity: z.enum(SEVERITIES),
  /** It makes a topic of the target milestone fail: the milestone cannot be reached without fixing it. */
  blocksTarget: z.boolean(),
  /** It touches a topic of the target milestone (failing or at risk). */
  inTarget: z.boolean(),
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
  state: z.enum(['current', 'expired', 'no-evidence', 'not-applicable', 'in-progress']),
  owner: z.string(),
  date: z.string(),
  expires: z.string(),
  evidence: z.string().optional(),
});

export const GateSchema = z.object({
  require: z.string().optional(),
  failOn: z.union([z.enum(SEVERITIES), z.literal('none')]),
  /** Checks that could not be judged were accepted (`--allow-unknown`): they did not fail the gate. */
  allowUnknown: z.boolean().optional(),
  passed: z.boolean(),
  reasons: z.array(z.string()),
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
      /** Stable identity: rule id, resource type/id, field, tenant. */
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
  generatedAt: z.string(),
  collectedAt: z.string(),
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
  /** Waivers from config: active or expired, and how many findings each matched. */
  waivers: z.array(WaiverReportSchema),
  /** Attestations from config that apply to this tenant, as of `generatedAt`. */
  attestations: z.array(AttestationReportSchema),
  /** The config file the run used, if any. */
  config: z.string().optional(),
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
