/**
 * The aggregation lattice (issue 10 §3, docs/statuses.md): a status is the worst that is certain,
 * and `unknown` only when what could not be judged could make it worse. Each table row is one
 * combination; the tables cover every finding status × severity, every certain topic status ×
 * the severity of what was not judged, attestations, dependencies and milestones.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { loadCatalog } from '../../src/catalog/index.js';
import { aggregate, type AggregateInput } from '../../src/engine/aggregate.js';
import { evaluateRule, type Finding } from '../../src/engine/evaluate.js';
import { computeFacts } from '../../src/engine/scope.js';
import { SEVERITY_RANK, type FindingStatus, type MilestoneStatus, type Severity, type TopicStatus } from '../../src/engine/status.js';
import type { AttestationState } from '../../src/config/apply.js';
import { tenant, unavailable } from '../support/tenant.js';

const plan = loadCatalog().plans.b2c;
const facts = computeFacts(tenant());
const CD = 'b2c.p1.architecture.custom-domains'; // API-checkable (A), no attestation
const NOTIFY = 'b2c.p1.operations.notifications'; // needs an attestation (M)
const EMAIL_PROVIDER = 'b2c.p1.operations.email-provider';
const EMAIL_TEMPLATES = 'b2c.p1.branding.email-templates'; // email-provider precedes it

let n = 0;
const f = (topic: string, status: FindingStatus, severity: Severity = 'blocker'): Finding => ({
  ruleId: `rule-${++n}`,
  topicIds: [topic],
  severity,
  status,
  messageId: 'm',
  message: status === 'unknown' ? 'Not evaluated: Custom domains: token lacks read:custom_domains' : 'm',
});
const run = (findings: Finding[], extra: Partial<AggregateInput> = {}) => aggregate({ plan, findings, facts, env: 'prod', ...extra });
const topic = (findings: Finding[], id = CD, extra: Partial<AggregateInput> = {}) => {
  const t = run(findings, extra).topics.find((x) => x.id === id);
  if (!t) throw new Error(`no topic ${id}`);
  return t;
};

describe('one finding beside a passing blocker check: finding status × severity', () => {
  // [finding status, blocker, warning, advice] → topic status
  const table: [FindingStatus, TopicStatus, TopicStatus, TopicStatus][] = [
    ['pass', 'pass', 'pass', 'pass'],
    ['fail', 'fail', 'at-risk', 'pass'],
    ['unknown', 'unknown', 'unknown', 'pass'],
    ['error', 'unknown', 'unknown', 'pass'],
    ['n/a', 'pass', 'pass', 'pass'],
    ['waived', 'pass', 'pass', 'pass'],
  ];
  const severities: Severity[] = ['blocker', 'warning', 'advice'];
  for (const [status, ...expected] of table) {
    severities.forEach((severity, i) => {
      it(`${status} at ${severity} → ${expected[i]}`, () => {
        expect(topic([f(CD, 'pass'), f(CD, status, severity)]).status).toBe(expected[i]);
      });
    });
  }
});

describe('what is certain × the severity of what could not be judged', () => {
  // The judged findings that make each certain status.
  const certain: Record<string, () => Finding[]> = {
    fail: () => [f(CD, 'fail', 'blocker'), f(CD, 'fail', 'warning')],
    'at-risk': () => [f(CD, 'pass'), f(CD, 'fail', 'warning')],
    pass: () => [f(CD, 'pass'), f(CD, 'fail', 'advice')],
    'n/a': () => [f(CD, 'n/a')],
    nothing: () => [],
  };
  // [certain, unknown at blocker, at warning, at advice] → [status, worstCase when unknown]
  type Cell = TopicStatus | [TopicStatus, TopicStatus];
  const table: [keyof typeof certain, Cell, Cell, Cell][] = [
    ['fail', 'fail', 'fail', 'fail'],
    ['at-risk', ['unknown', 'fail'], 'at-risk', 'at-risk'],
    ['pass', ['unknown', 'fail'], ['unknown', 'at-risk'], 'pass'],
    ['n/a', ['unknown', 'fail'], ['unknown', 'at-risk'], 'n/a'],
    ['nothing', ['unknown', 'fail'], ['unknown', 'at-risk'], 'pass'],
  ];
  const severities: Severity[] = ['blocker', 'warning', 'advice'];
  for (const [base, ...cells] of table) {
    severities.forEach((severity, i) => {
      const cell = cells[i] as Cell;
      const [status, worstCase] = Array.isArray(cell) ? cell : [cell, undefined];
      it(`certain ${base}, unknown at ${severity} → ${status}${worstCase ? ` (worst case ${worstCase})` : ''}`, () => {
        const unjudged = f(CD, 'unknown', severity);
        const t = topic([...certain[base]!(), unjudged]);
        expect(t.status).toBe(status);
        if (worstCase) {
          expect(t.worstCase).toBe(worstCase);
          expect(t.certain).toBe(base === 'nothing' ? 'pass' : base);
          // The check that could make it worse is the first reason.
          expect(t.reasons[0]).toContain(unjudged.ruleId);
        } else {
          expect(t.certain).toBeUndefined();
          expect(t.worstCase).toBeUndefined();
          // Never hidden: what was not judged is listed.
          expect(t.reasons.join('\n')).toMatch(new RegExp(`not evaluated, cannot change this status: .*${unjudged.ruleId} \\(${severity}\\)`));
        }
      });
    });
  }

  it('an error finding counts as not judged, and says so', () => {
    const t = topic([f(CD, 'pass'), f(CD, 'error', 'advice')]);
    expect(t.status).toBe('pass');
    expect(t.reasons.join()).toMatch(/advice, rule error/);
  });

  it('a topic no rule evaluates could be anything: unknown, worst case fail', () => {
    const t = topic([], 'b2c.p1.authentication.application-integration');
    expect([t.status, t.certain, t.worstCase]).toEqual(['unknown', 'pass', 'fail']);
  });
});

describe('attestation topics: attestation × the severity of what could not be judged', () => {
  const states: Record<string, AttestationState | undefined> = {
    current: { id: NOTIFY, state: 'current', owner: 'ops', date: '2026-01-01', expires: '2099-01-01' },
    expired: { id: NOTIFY, state: 'expired', owner: 'ops', date: '2025-01-01', expires: '2025-04-01' },
    'in-progress': { id: NOTIFY, state: 'in-progress', owner: 'ops', date: '2026-01-01', expires: '2099-01-01' },
    missing: undefined,
  };
  // [attestation, no unknown, unknown at blocker, at warning, at advice]
  const table: [keyof typeof states, TopicStatus, TopicStatus, TopicStatus, TopicStatus][] = [
    ['current', 'pass', 'unknown', 'unknown', 'pass'],
    ['expired', 'at-risk', 'unknown', 'at-risk', 'at-risk'],
    ['in-progress', 'unverified', 'unknown', 'unknown', 'unverified'],
    ['missing', 'unverified', 'unknown', 'unknown', 'unverified'],
  ];
  for (const [state, ...expected] of table) {
    const att = states[state];
    const attestations = new Map(att ? [[NOTIFY, att]] : []);
    (['none', 'blocker', 'warning', 'advice'] as const).forEach((sev, i) => {
      it(`attestation ${state}, ${sev === 'none' ? 'everything judged' : `unknown at ${sev}`} → ${expected[i]}`, () => {
        const fs = [f(NOTIFY, 'pass'), ...(sev === 'none' ? [] : [f(NOTIFY, 'unknown', sev)])];
        const t = topic(fs, NOTIFY, { attestations });
        expect(t.status).toBe(expected[i]);
        if (t.status === 'unknown') expect(t.certain).toBe(expected[0]);
      });
    });
  }
  it('a known failure fails the topic whatever the attestation', () => {
    expect(topic([f(NOTIFY, 'fail'), f(NOTIFY, 'unknown')], NOTIFY, { attested: new Set([NOTIFY]) }).status).toBe('fail');
  });
});

describe('dependencies (precedes)', () => {
  const templates = (provider: Finding[], own: Finding[]) => topic([...provider, ...own], EMAIL_TEMPLATES);
  it('a prerequisite that could fail keeps the dependant from being certain, even at risk', () => {
    const t = templates([f(EMAIL_PROVIDER, 'unknown', 'blocker')], [f(EMAIL_TEMPLATES, 'fail', 'warning')]);
    expect([t.status, t.certain, t.worstCase]).toEqual(['unknown', 'at-risk', 'fail']);
    expect(t.dependsOn).toEqual([{ topic: EMAIL_PROVIDER, status: 'unknown' }]);
  });
  it('a prerequisite that is unknown only up to at-risk cannot fail the dependant: no effect', () => {
    expect(templates([f(EMAIL_PROVIDER, 'pass'), f(EMAIL_PROVIDER, 'unknown', 'warning')], [f(EMAIL_TEMPLATES, 'pass')]).status).toBe('pass');
  });
  it('a failing prerequisite fails the dependant, and clears its range', () => {
    const t = templates([f(EMAIL_PROVIDER, 'fail')], [f(EMAIL_TEMPLATES, 'unknown')]);
    expect([t.status, t.certain, t.worstCase]).toEqual(['fail', undefined, undefined]);
  });
});

describe('milestones: certain status × what an unknown topic could make it', () => {
  const all = (status: FindingStatus) => [...plan.topics.values()].filter((t) => t.evidence === 'A').map((t) => f(t.id, status));
  const everything = new Set([...plan.topics.keys(), 'prodcheck', 'env-tag']);
  const M1 = 'b2c.p1.m1-authentication';
  const OTHER = 'b2c.p1.authentication.anomaly-detection'; // another A topic of milestone 1
  const certain: Record<string, Finding[]> = {
    satisfied: [],
    'satisfied-with-risks': [f(OTHER, 'fail', 'warning')],
    'not-satisfied': [f(OTHER, 'fail', 'blocker')],
  };
  // [certain milestone status, custom domains unknown at worst fail, at worst at-risk]
  const table: [keyof typeof certain, MilestoneStatus, MilestoneStatus][] = [
    ['satisfied', 'unknown', 'unknown'],
    ['satisfied-with-risks', 'unknown', 'satisfied-with-risks'],
    ['not-satisfied', 'not-satisfied', 'not-satisfied'],
  ];
  for (const [base, ifFail, ifRisk] of table) {
    for (const [worst, expected] of [['fail', ifFail], ['at-risk', ifRisk]] as const) {
      it(`certain ${base}, a topic unknown at worst ${worst} → ${expected}`, () => {
        const unjudged = f(CD, 'unknown', worst === 'fail' ? 'blocker' : 'warning');
        const fs = [...all('pass').filter((x) => x.topicIds[0] !== OTHER || base === 'satisfied'), ...certain[base]!, unjudged];
        const m = run(fs, { attested: everything }).milestones.find((x) => x.id === M1);
        expect(m?.status).toBe(expected);
        const said = m?.reasons.join('\n') ?? '';
        // Never hidden: the unknown topic is named either way.
        expect(said).toContain(CD);
        if (expected !== 'unknown') expect(said).toMatch(/not fully evaluated, cannot change this status: .*custom-domains/);
      });
    }
  }
  it('a required topic that is unknown but unattested already blocks its milestone', () => {
    const req = [...plan.topics.values()].find((t) => t.required && t.attest && plan.milestones.find((m) => m.id === M1)?.topics.includes(t.id));
    expect(req).toBeDefined();
    const attested = new Set([...everything].filter((x) => x !== req!.id));
    const m = run([...all('pass'), f(req!.id, 'unknown')], { attested }).milestones.find((x) => x.id === M1);
    expect(m?.status).toBe('not-satisfied');
    expect(m?.reasons).toContain(`${req!.id} is required and not attested`);
  });
});

describe('workstreams follow the same rule', () => {
  it('at risk beside a topic unknown at worst at-risk is at-risk; beside one that could fail, unknown', () => {
    const ws = (fs: Finding[]) => run(fs).workstreams.find((w) => w.id === 'b2c.p1.architecture')?.status;
    const atRisk = [f(CD, 'fail', 'warning'), f('b2c.p1.architecture.tenant-provision', 'pass')];
    expect(ws([...atRisk, f('b2c.p1.architecture.tenant-provision', 'unknown', 'warning')])).toBe('at-risk');
    expect(ws([...atRisk, f('b2c.p1.architecture.tenant-provision', 'unknown', 'blocker')])).toBe('unknown');
  });
});

describe('an unknown finding is as severe as the worst the rule can report', () => {
  it('rules that raise some findings above their default declare maxSeverity', () => {
    for (const rule of rules) {
      const src = readFileSync(new URL(`../../rules/${rule.id}.ts`, import.meta.url), 'utf8');
      const body = src.slice(src.indexOf('evaluate('));
      const raised = [...body.matchAll(/severity:[^,}\n]*/g)].flatMap((m) => [...m[0].matchAll(/'(blocker|warning|advice)'/g)].map((x) => x[1] as Severity));
      const max = rule.maxSeverity ?? rule.severity;
      for (const s of raised) expect(SEVERITY_RANK[s], `${rule.id} reports ${s} above maxSeverity ${max}`).toBeLessThanOrEqual(SEVERITY_RANK[max]);
      if (rule.maxSeverity) expect(SEVERITY_RANK[rule.maxSeverity], rule.id).toBeGreaterThan(SEVERITY_RANK[rule.severity]);
    }
  });
  it('a not-evaluated finding of a warning rule that can report blockers is a blocker', () => {
    const rule = rules.find((r) => r.id === 'organization-invitations');
    expect(rule?.severity).toBe('warning');
    const [finding] = evaluateRule(rule!, tenant(unavailable('clients')), { ctx: { now: new Date(), env: 'prod', plan: 'b2b', settings: {} as never } });
    expect(finding).toMatchObject({ status: 'unknown', severity: 'blocker' });
  });
});
