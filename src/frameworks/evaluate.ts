/**
 * Judge one framework profile from an audit: each requirement's status from its evidence —
 * the findings of its rules, the status of its topics, its guardrails — and, for what only an
 * attestation can show, the attestation's state. FAIL-dominant, and fails closed like the gate:
 *
 * - out of scope → `n/a`, with the file's reason;
 * - any evidence fails → `fail`; else any could not be judged (a finding unknown or in error, a
 *   rule turned off or not opted in, a topic unknown) → `unknown`;
 * - a requirement with a manual part → `manual` (its attestation met or not; attested not
 *   applicable → `n/a`): configuration can refute it, only the attestation can meet it;
 * - else any evidence passes → `pass`; else `n/a` (nothing it covers exists on this tenant).
 *
 * A waived finding does not fail its requirement; the report's "relies on" lists the waiver. A
 * waiver naming the requirement itself (`<framework>:<requirement>`) turns a failing or unknown
 * requirement into `waived` (an accepted deviation, with its reason and expiry): it no longer
 * fails `--require-framework`, and every format shows it apart from the passes.
 * Never a claim of compliance: the report shows the coverage beside the pass count.
 */
import type { Finding } from '../engine/evaluate.js';
import type { RuleSettings } from '../engine/define-rule.js';
import type { FindingStatus, TopicStatus } from '../engine/status.js';
import type { AuditReport, FrameworkResult, RequirementEvidence, RequirementResult, RequirementStatus } from '../report/schema.js';
import { attestationIdOf, automationOf, type FrameworkSelection } from './load.js';
import type { Guardrail, Requirement } from './schema.js';

type EvidenceStatus = RequirementEvidence['status'];

export interface FrameworkInputs {
  report: Pick<AuditReport, 'findings' | 'topics' | 'attestations' | 'plan' | 'waivers'>;
  /** Title of every rule the audit knows, and why a rule did not run (off, not opted in). */
  ruleTitles: ReadonlyMap<string, string>;
  notRun: ReadonlyMap<string, string>;
  /** The audit settings in effect (defaults applied), and those the config set. */
  settings: RuleSettings;
  settingsGiven?: ReadonlySet<string>;
  /** Rule options from config. */
  ruleOptions: Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>;
  /** Findings of each guardrail check (key from `guardrailKey`). */
  checkFindings: ReadonlyMap<string, readonly Finding[]>;
}

/** The key of a requirement's k-th guardrail. */
export function guardrailKey(sel: Pick<FrameworkSelection, 'framework'>, r: Pick<Requirement, 'id'>, k: number): string {
  return `framework:${sel.framework.file.id}:${r.id}#${k}`;
}

const FINDING_TO_EVIDENCE: Record<FindingStatus, EvidenceStatus> = { pass: 'pass', waived: 'pass', fail: 'fail', error: 'unknown', unknown: 'unknown', 'n/a': 'n/a' };
const TOPIC_TO_EVIDENCE: Record<TopicStatus, EvidenceStatus> = { pass: 'pass', 'at-risk': 'fail', fail: 'fail', unknown: 'unknown', unverified: 'unknown', 'n/a': 'n/a' };
const RANK: Record<EvidenceStatus, number> = { 'n/a': 0, pass: 1, unknown: 2, fail: 3 };
const FINDING_ORDER: Record<FindingStatus, number> = { fail: 0, error: 1, unknown: 2, waived: 3, pass: 4, 'n/a': 5 };

function worst(statuses: readonly EvidenceStatus[]): EvidenceStatus {
  let w: EvidenceStatus = 'n/a';
  for (const s of statuses) if (RANK[s] > RANK[w]) w = s;
  return w;
}

const describe = (f: Finding) => ({ status: f.status, message: f.message, ...(f.resource ? { resource: f.resource.name ?? f.resource.id } : {}) });

function ruleEvidence(id: string, byRule: ReadonlyMap<string, Finding[]>, inputs: FrameworkInputs): RequirementEvidence {
  const title = inputs.ruleTitles.get(id) ?? id;
  const why = inputs.notRun.get(id);
  if (why) return { kind: 'rule', id, title, status: 'unknown', counts: {}, findings: [], reason: why };
  const findings = byRule.get(id) ?? [];
  // A readiness check is n/a for a feature the subscription lacks (needed only if …); a framework
  // requirement that rests on that feature cannot be met on this subscription: it fails, saying so.
  const unavailable = findings.find((f) => f.status === 'n/a' && f.messageId === 'not-on-subscription');
  if (unavailable) {
    return { kind: 'rule', id, title, status: 'fail', counts: { 'n/a': findings.length }, findings: [describe(unavailable)], reason: `cannot be met on this subscription: ${unavailable.message}` };
  }
  const counts: Record<string, number> = {};
  for (const f of findings) counts[f.status] = (counts[f.status] ?? 0) + 1;
  const shown = findings.filter((f) => f.status !== 'pass' && f.status !== 'n/a').sort((a, b) => FINDING_ORDER[a.status] - FINDING_ORDER[b.status]).slice(0, 5).map(describe);
  const status = findings.length ? worst(findings.map((f) => FINDING_TO_EVIDENCE[f.status])) : 'n/a';
  // Why a rule is n/a matters: not in use, not on the subscription, nothing to check.
  const naWhy = status === 'n/a' ? (findings.find((f) => f.status === 'n/a')?.message ?? 'no finding: nothing it checks exists on this tenant') : undefined;
  return { kind: 'rule', id, title, status, counts, findings: shown, ...(naWhy ? { reason: naWhy } : {}) };
}

function topicEvidence(t: string, inputs: FrameworkInputs): RequirementEvidence {
  const plan = inputs.report.plan;
  const id = /^(b2c|b2b)\./.test(t) ? t : `${plan}.${t}`;
  const topic = inputs.report.topics.find((x) => x.id === id);
  if (!topic) return { kind: 'topic', id, status: 'n/a', reason: `not a topic of the ${plan.toUpperCase()} plan` };
  return { kind: 'topic', id, title: topic.title, status: TOPIC_TO_EVIDENCE[topic.status], topicStatus: topic.status, ...(topic.reasons?.[0] ? { reason: topic.reasons[0] } : {}) };
}

function bound(g: { min?: number | undefined; max?: number | undefined; equals?: unknown }): string {
  return g.equals !== undefined ? `exactly ${JSON.stringify(g.equals)}` : [g.min !== undefined ? `at least ${g.min}` : '', g.max !== undefined ? `at most ${g.max}` : ''].filter(Boolean).join(' and ');
}

function within(v: unknown, g: { min?: number | undefined; max?: number | undefined; equals?: unknown }): boolean {
  if (g.equals !== undefined) return v === g.equals;
  if (typeof v !== 'number') return false;
  return (g.min === undefined || v >= g.min) && (g.max === undefined || v <= g.max);
}

function guardrailEvidence(sel: FrameworkSelection, r: Requirement, g: Guardrail, k: number, inputs: FrameworkInputs): RequirementEvidence {
  const profile = sel.profile.name;
  if ('setting' in g) {
    const value = (inputs.settings as unknown as Record<string, unknown>)[g.setting];
    const what = `audit setting ${g.setting} ${bound(g)}`;
    const shown = `settings.${g.setting} is ${JSON.stringify(value)}${inputs.settingsGiven?.has(g.setting) ? '' : ' (the default)'}`;
    if (value === undefined) return { kind: 'guardrail', config: true, status: 'fail', what, reason: `settings.${g.setting} is not set; ${profile} needs it ${bound(g)} (${g.why})` };
    return within(value, g)
      ? { kind: 'guardrail', config: true, status: 'pass', what, reason: shown }
      : { kind: 'guardrail', config: true, status: 'fail', what, reason: `${shown}, looser than ${profile} allows: it needs ${bound(g)} (${g.why}); set settings.${g.setting} in the config` };
  }
  if ('rule' in g) {
    const what = `option ${g.option} of rule ${g.rule} ${bound(g)}`;
    const why = inputs.notRun.get(g.rule);
    if (why) return { kind: 'guardrail', config: true, status: 'unknown', what, reason: `rule ${g.rule} did not run: ${why}` };
    const value = inputs.ruleOptions[g.rule]?.[g.option];
    if (value === undefined) return { kind: 'guardrail', config: true, status: 'pass', what, reason: `${g.option} is the rule's default` };
    return within(value, g)
      ? { kind: 'guardrail', config: true, status: 'pass', what, reason: `rules.${g.rule}.options.${g.option} is ${JSON.stringify(value)}` }
      : { kind: 'guardrail', config: true, status: 'fail', what, reason: `rules.${g.rule}.options.${g.option} is ${JSON.stringify(value)}, looser than ${profile} allows: it needs ${bound(g)} (${g.why})` };
  }
  const findings = inputs.checkFindings.get(guardrailKey(sel, r, k)) ?? [];
  const status = findings.length ? worst(findings.map((f) => FINDING_TO_EVIDENCE[f.status])) : 'n/a';
  const bad = findings.filter((f) => f.status !== 'pass' && f.status !== 'n/a').sort((a, b) => FINDING_ORDER[a.status] - FINDING_ORDER[b.status]);
  return {
    kind: 'guardrail',
    status,
    what: `${g.check.resource}: ${g.why}`,
    reason: bad[0] ? `${bad[0].message}${bad.length > 1 ? ` (and ${bad.length - 1} more)` : ''}` : status === 'pass' ? `holds on this tenant (${g.why})` : `nothing to check on this tenant`,
    ...(bad.length ? { findings: bad.slice(0, 5).map(describe) } : {}),
  };
}

function guardrailApplies(sel: FrameworkSelection, g: Guardrail): boolean {
  return !g.profiles || g.profiles.includes(sel.profile.id);
}

/** The requirement's own line: why it has its status. */
function reasonOf(status: RequirementStatus, evidence: readonly RequirementEvidence[], att: RequirementResult['attestation']): string {
  const first = (s: EvidenceStatus) => evidence.find((e) => e.status === s);
  const name = (e: RequirementEvidence) => (e.kind === 'rule' ? e.title : e.kind === 'topic' ? (e.title ?? e.id) : e.what);
  switch (status) {
    case 'fail': {
      const e = first('fail')!;
      if (e.kind === 'guardrail') return e.reason;
      if (e.kind === 'topic') return `${name(e)} is ${e.topicStatus ?? 'failing'}`;
      const more = (e.counts['fail'] ?? 0) - 1;
      return `${e.reason ?? e.findings[0]?.message ?? name(e)}${more > 0 ? ` (and ${more} more)` : ''} (${e.id})`;
    }
    case 'unknown': {
      const e = first('unknown')!;
      return e.kind === 'rule' ? `${e.id} could not be judged: ${e.reason ?? e.findings[0]?.message ?? 'not evaluated'}` : e.kind === 'topic' ? `${name(e)} could not be evaluated` : e.reason;
    }
    case 'manual':
      if (!att) return 'needs an attestation';
      return att.met ? `met by the attestation ${att.id} (current): ${att.how}` : `needs the attestation ${att.id} (${att.state === 'missing' ? 'not given' : att.state}): ${att.how}`;
    case 'waived':
      return 'waived';
    case 'n/a': {
      if (att?.state === 'not-applicable') return `attested not applicable (${att.id})`;
      const why = evidence.find((e) => e.status === 'n/a' && e.reason);
      return why?.reason ? `${why.reason}${why.kind === 'rule' ? ` (${why.id})` : ''}` : 'nothing it covers exists on this tenant';
    }
    case 'pass':
      return evidence.length ? `${evidence.filter((e) => e.status === 'pass').length} check(s) pass` : 'pass';
  }
}

export function evaluateFramework(sel: FrameworkSelection, inputs: FrameworkInputs): FrameworkResult {
  const byRule = new Map<string, Finding[]>();
  for (const f of inputs.report.findings) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f as Finding);
    else byRule.set(f.ruleId, [f as Finding]);
  }
  const attestations = new Map((inputs.report.attestations ?? []).map((a) => [a.id, a]));
  // Waivers of a requirement (`asvs-5.0:10.4.5`): an accepted deviation from what configuration shows.
  const waivers = new Map((inputs.report.waivers ?? []).filter((w) => w.state === 'active' && !w.resource).map((w) => [w.rule, w]));
  const fw = sel.framework.file;
  const requirements: RequirementResult[] = sel.requirements.map((r) => {
    const base = {
      id: r.id,
      ...(r.section ? { section: r.section } : {}),
      title: r.title,
      appliesTo: [...(r.appliesTo ?? [])],
      ...(r.note ? { note: r.note } : {}),
      ...(r.refs ? { refs: [...r.refs] } : {}),
    };
    if (r.outOfScope !== undefined) return { ...base, status: 'n/a', automation: 'out-of-scope', reason: `out of scope: ${r.outOfScope}`, evidence: [] };
    const evidence: RequirementEvidence[] = [
      ...(r.rules ?? []).map((id) => ruleEvidence(id, byRule, inputs)),
      ...(r.topics ?? []).map((t) => topicEvidence(t, inputs)),
      ...(r.guardrails ?? []).flatMap((g, k) => (guardrailApplies(sel, g) ? [guardrailEvidence(sel, r, g, k, inputs)] : [])),
    ];
    const automation = automationOf(r, sel.profile.id);
    // A passing bound on the audit's own configuration (a setting, a rule option) shows nothing
    // about the tenant: it can fail a requirement, never pass one alone.
    const onTenant = evidence.filter((e) => !(e.kind === 'guardrail' && e.config && e.status === 'pass'));
    const checked = worst((onTenant.length ? onTenant : evidence).map((e) => e.status));
    let attestation: RequirementResult['attestation'];
    if (r.manual) {
      const id = attestationIdOf(fw, r);
      const a = attestations.get(id);
      attestation = { id, state: a?.state ?? 'missing', met: a?.state === 'current', how: r.manual.how };
    }
    const judged: RequirementStatus =
      checked === 'fail' || checked === 'unknown' ? checked : attestation ? (attestation.state === 'not-applicable' ? 'n/a' : 'manual') : checked;
    const waiver = judged === 'fail' || judged === 'unknown' ? waivers.get(`${fw.id}:${r.id}`) : undefined;
    const status: RequirementStatus = waiver ? 'waived' : judged;
    const reason = waiver
      ? `waived until ${waiver.expires}${waiver.owner ? ` (${waiver.owner})` : ''}: ${waiver.reason}; without the waiver: ${reasonOf(judged, evidence, attestation)}`
      : reasonOf(status, evidence, attestation);
    return {
      ...base,
      status,
      automation,
      reason,
      evidence,
      ...(waiver ? { waiver: { reason: waiver.reason, expires: waiver.expires, ...(waiver.owner ? { owner: waiver.owner } : {}) } } : {}),
      ...(attestation ? { attestation } : {}),
    };
  });
  const countOf = (pred: (x: RequirementResult) => boolean) => requirements.filter(pred).length;
  return {
    id: sel.profile.id,
    framework: fw.id,
    name: fw.name,
    version: fw.version,
    profile: { id: sel.profile.id, name: sel.profile.name, level: sel.profile.level },
    source: fw.source,
    licence: fw.licence,
    file: sel.framework.shown,
    coverage: {
      requirements: requirements.length,
      automated: countOf((x) => x.automation === 'automated'),
      partial: countOf((x) => x.automation === 'partial'),
      manual: countOf((x) => x.automation === 'manual'),
      outOfScope: countOf((x) => x.automation === 'out-of-scope'),
    },
    summary: {
      pass: countOf((x) => x.status === 'pass'),
      fail: countOf((x) => x.status === 'fail'),
      unknown: countOf((x) => x.status === 'unknown'),
      manual: countOf((x) => x.status === 'manual'),
      waived: countOf((x) => x.status === 'waived'),
      'n/a': countOf((x) => x.status === 'n/a'),
    },
    requirements,
  };
}

