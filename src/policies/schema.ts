/**
 * The policy file (docs/policies.md): YAML with a `policies:` list. The shape is checked by zod;
 * the assertions (`where`, `assert`) by src/policies/assert.ts, the resource key, topic ids and
 * the `org/` namespace by src/policies/load.ts — each problem with `file:line`.
 */
import { z } from 'zod';
import { FINDING_STATUSES, SEVERITIES } from '../engine/status.js';

/** Policies in one file, at most. */
export const MAX_POLICIES_PER_FILE = 200;
/** Inline tests of one policy, at most. */
export const MAX_TESTS_PER_POLICY = 50;

export const POLICY_ID = /^org\/[a-z0-9][a-z0-9-]*(?:\/[a-z0-9][a-z0-9-]*)*$/;

export const PolicyTestExpectation = z.strictObject({
  status: z.enum(FINDING_STATUSES),
  /** The finding's resource: its name or its id. */
  resource: z.string().min(1).optional(),
  /** A substring of the finding's message. */
  messageIncludes: z.string().min(1).optional(),
});
export type PolicyTestExpectation = z.infer<typeof PolicyTestExpectation>;

export const PolicyTest = z.strictObject({
  name: z.string().min(1),
  /** Resource key → the resource's whole new value, replacing the baseline tenant's. */
  patch: z.record(z.string(), z.unknown()).default({}),
  expect: z.array(PolicyTestExpectation),
});
export type PolicyTest = z.infer<typeof PolicyTest>;

export const PolicyDef = z.strictObject({
  id: z.string().min(1),
  title: z.string().min(1).max(200),
  severity: z.enum(SEVERITIES),
  /** A snapshot resource key (src/snapshot/resources.ts): clients, connections, tenantSettings, … */
  resource: z.string().min(1),
  /** Catalog topic ids (or plan-less suffixes such as p1.operations.logging) it evidences. */
  topics: z.array(z.string().min(1)).max(20).optional(),
  where: z.unknown().optional(),
  assert: z.unknown(),
  /** The failure message; placeholders {name} {id} {value} {path} {reason} {title}. */
  message: z.string().min(1).max(500).optional(),
  /** When this holds for an item, what the assertion reads is not visible there: `unknown`, not a failure. */
  unknown: z.strictObject({ when: z.unknown(), message: z.string().min(1).max(500).optional() }).optional(),
  rationale: z.string().max(2000).optional(),
  remediation: z.string().max(2000).optional(),
  docs: z.string().max(500).optional(),
  tests: z.array(PolicyTest).max(MAX_TESTS_PER_POLICY).optional(),
});
export type PolicyDef = z.infer<typeof PolicyDef>;

export const PolicyFile = z.strictObject({
  policies: z.array(z.unknown()).min(1, 'a policy file lists at least one policy').max(MAX_POLICIES_PER_FILE, `at most ${MAX_POLICIES_PER_FILE} policies in one file`),
});
