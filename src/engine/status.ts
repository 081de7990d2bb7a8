/** Statuses and severities (DESIGN.md "Statuses"), with their orderings. */

export const SEVERITIES = ['blocker', 'warning', 'advice'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const FINDING_STATUSES = ['pass', 'fail', 'error', 'unknown', 'n/a', 'waived'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const TOPIC_STATUSES = ['pass', 'at-risk', 'fail', 'unknown', 'n/a', 'unverified'] as const;
export type TopicStatus = (typeof TOPIC_STATUSES)[number];

export const MILESTONE_STATUSES = ['satisfied', 'satisfied-with-risks', 'not-satisfied', 'unknown'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

export const ENVIRONMENTS = ['dev', 'qa', 'prod'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** Higher is worse. An unknown may hide a failure, so it ranks above at-risk. */
export const TOPIC_RANK: Record<TopicStatus, number> = {
  'n/a': 0,
  pass: 1,
  unverified: 2,
  'at-risk': 3,
  unknown: 4,
  fail: 5,
};

export const MILESTONE_RANK: Record<MilestoneStatus, number> = {
  satisfied: 0,
  'satisfied-with-risks': 1,
  unknown: 2,
  'not-satisfied': 3,
};

export const SEVERITY_RANK: Record<Severity, number> = { advice: 0, warning: 1, blocker: 2 };

export const FINDING_RANK: Record<FindingStatus, number> = {
  'n/a': 0,
  pass: 1,
  waived: 2,
  unknown: 3,
  error: 4,
  fail: 5,
};

export function worstTopic(statuses: Iterable<TopicStatus>): TopicStatus {
  let worst: TopicStatus = 'n/a';
  for (const s of statuses) if (TOPIC_RANK[s] > TOPIC_RANK[worst]) worst = s;
  return worst;
}

/** A "(prod)" check drops one level on tenants that are not production. */
export function dropOneLevel(s: Severity): Severity {
  return s === 'blocker' ? 'warning' : 'advice';
}

export function atLeast(s: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[s] >= SEVERITY_RANK[threshold];
}
