/**
 * Runs rules over a snapshot. A rule whose needed resource could not be read yields one `unknown`
 * finding naming the resource and why (the missing scope, the plan, the error): never a pass.
 * A rule that throws yields one `error` finding; the run goes on.
 */
import { RESOURCES, type ResourceKey } from '../snapshot/resources.js';
import type { ResourceFailure, Snapshot, UnheldReason } from '../snapshot/snapshot.js';
import type { AnyRule, FindingDraft, ResourceRef, RuleContext } from './define-rule.js';
import { renderMessage } from './define-rule.js';
import { dropOneLevel, type FindingStatus, type Severity } from './status.js';
import { availability, featureIncluded, FEATURES, IN_USE_TEXT, SUBSCRIPTION_TITLE, type TenantContext } from './context.js';

export interface Finding {
  ruleId: string;
  /** Topic ids this finding evidences (both plans; the report keeps those of its plan). */
  topicIds: string[];
  severity: Severity;
  status: FindingStatus;
  messageId: string;
  message: string;
  resource?: ResourceRef;
  field?: string;
  value?: unknown;
  /** For `waived` findings: the waiver from config. */
  waiver?: { reason: string; expires: string; owner?: string };
  /** For `unknown` findings: which resources could not be read, and why. */
  missing?: { key: ResourceKey; reason: ResourceFailure['reason']; detail: string; scopes?: string[] }[];
  /**
   * How the tenant's context shaped this finding, as data (reporters word it):
   * `production`: a production-only check (counts at Go-Live milestones only);
   * `live`: the rule's subject is in use, so it counts at the plan's first Go-Live (`home`: the
   * Phase 1 topic it was placed under there, when its own topics are planned later);
   * `firstGoLiveAdvice`: shown at the first Go-Live as advice (its topics are planned later);
   * `cappedBySubscription`: advice at most because the subscription is not known and the rule's
   * feature is plan-gated (the feature id).
   */
  context?: { production?: true; live?: true; home?: string; firstGoLiveAdvice?: true; cappedBySubscription?: string };
}

export type RuleSetting = 'off' | Severity | { severity?: Severity | 'off'; options?: Record<string, unknown> };

export interface EvaluateOptions {
  ctx: Omit<RuleContext, 'options'>;
  /** The tenant's context (subscription, what is in use): without it, every rule applies as declared. */
  tenant?: Pick<TenantContext, 'subscription' | 'inUse'>;
  /** Per-rule config: off, a severity, or options. */
  ruleSettings?: Readonly<Record<string, RuleSetting>>;
}

export function isRuleEnabled(rule: AnyRule, settings?: Readonly<Record<string, RuleSetting>>): boolean {
  const s = settings?.[rule.id];
  return !(s === 'off' || (typeof s === 'object' && s.severity === 'off'));
}

/**
 * A finding's severity: the configured one, else the draft's, else the rule's. A finding that could
 * not be judged (`unjudged`: unknown, error) without its own takes the rule's `maxSeverity`: what
 * was not seen could be as bad as the worst the rule reports.
 */
function severityFor(rule: AnyRule, draft: FindingDraft | undefined, ctx: EvaluateOptions, unjudged = false): Severity {
  const s = ctx.ruleSettings?.[rule.id];
  const configured = typeof s === 'string' ? s : s?.severity;
  const fallback = unjudged ? (rule.maxSeverity ?? rule.severity) : rule.severity;
  let sev: Severity = configured && configured !== 'off' ? configured : (draft?.severity ?? fallback);
  if (rule.prodOnly && ctx.ctx.env !== 'prod') sev = dropOneLevel(sev);
  return sev;
}

/** Resources the given rules read: what the collector must fetch. */
export function neededResources(rules: readonly AnyRule[]): ResourceKey[] {
  const set = new Set<ResourceKey>();
  for (const r of rules) for (const k of [...r.needs, ...r.wants]) set.add(k);
  return [...set];
}

/**
 * A rule's findings in the tenant's context: `n/a` when its subject is not in use or its feature
 * is not on the subscription (or the API refused it as such); advice at most when the feature is
 * plan-gated and the subscription is not known; marked production-only or live (data for the
 * aggregation, which decides the milestones they count at).
 */
export function evaluateRule(rule: AnyRule, snapshot: Snapshot, opts: EvaluateOptions): Finding[] {
  const tenant = opts.tenant;
  const base = { ruleId: rule.id, topicIds: [...rule.topics] };
  const na = (messageId: string, message: string): Finding[] => [{ ...base, severity: severityFor(rule, undefined, opts), status: 'n/a', messageId, message }];
  if (tenant && rule.appliesWhen && tenant.inUse[rule.appliesWhen] === false) {
    return na('not-in-use', `Not in use: ${IN_USE_TEXT[rule.appliesWhen].no}`);
  }
  let capped: string | undefined;
  if (tenant && rule.feature) {
    const feature = FEATURES[rule.feature];
    const tail = `available on ${availability(rule.feature)}; needed only if ${feature.neededOnlyIf}`;
    const refused = planRefusal(rule, snapshot);
    const included = featureIncluded(rule.feature, tenant.subscription);
    if (refused) return na('not-on-subscription', `${feature.title} is not on this tenant's subscription (the API refused ${RESOURCES[refused].title}): ${tail}`);
    if (included === false) {
      const tier = tenant.subscription.tier ? SUBSCRIPTION_TITLE[tenant.subscription.tier] : '';
      return na('not-on-subscription', `${feature.title} is not on the ${tier} subscription: ${tail}`);
    }
    if (included === undefined) capped = rule.feature;
  }
  const findings = judge(rule, snapshot, opts);
  const live = !!(tenant && rule.appliesWhen && tenant.inUse[rule.appliesWhen] === true);
  if (!rule.prodOnly && !live && !capped && !rule.firstGoLive) return findings;
  for (const f of findings) {
    const c: NonNullable<Finding['context']> = {};
    if (rule.prodOnly) c.production = true;
    if (live) c.live = true;
    else if (rule.firstGoLive === 'advice') c.firstGoLiveAdvice = true;
    if (capped && f.status !== 'n/a' && f.status !== 'pass' && f.severity !== 'advice' && !configuredSeverity(rule, opts)) {
      f.severity = 'advice';
      c.cappedBySubscription = capped;
    }
    f.context = c;
  }
  return findings;
}

/** The resource a rule reads that the API refused as not on the tenant's subscription (a plan-gated 403), if any. */
export function planRefusal(rule: Pick<AnyRule, 'needs' | 'wants'>, snapshot: Snapshot): ResourceKey | undefined {
  return [...rule.needs, ...rule.wants].find((k) => {
    const r = snapshot.resources[k];
    return !!r && !r.ok && r.reason === 'unavailable-on-plan';
  });
}

/** A severity the user set for this rule in config: it wins over the subscription cap. */
function configuredSeverity(rule: AnyRule, opts: EvaluateOptions): Severity | undefined {
  const s = opts.ruleSettings?.[rule.id];
  const v = typeof s === 'string' ? s : s?.severity;
  return v && v !== 'off' ? v : undefined;
}

function judge(rule: AnyRule, snapshot: Snapshot, opts: EvaluateOptions): Finding[] {
  const base = { ruleId: rule.id, topicIds: [...rule.topics] };
  const missing: NonNullable<Finding['missing']> = [];
  const view: Record<string, unknown> = {};
  let unheld: { key: ResourceKey; field: string; detail: string; reason?: UnheldReason }[] | undefined;
  for (const key of rule.needs) {
    const r = snapshot.resources[key];
    if (!r) missing.push({ key, reason: 'error', detail: `${RESOURCES[key].title} was not collected` });
    else if (!r.ok) missing.push({ key, reason: r.reason, detail: r.detail, ...(r.scopes ? { scopes: r.scopes } : {}) });
    else {
      view[key] = r.data;
      if (r.unheld?.length) (unheld ??= []).push(...r.unheld.map((u) => ({ key, ...u })));
    }
  }
  if (missing.length) {
    // Only what the source can never hold is missing: the check needs a live audit (live-audit.ts).
    const outOfReach = missing.every((m) => m.reason === 'out-of-reach');
    const why = missing
      .map((m) =>
        m.reason === 'missing-scope'
          ? `${RESOURCES[m.key].title}: token lacks ${m.scopes?.join(' or ') ?? 'a read scope'}`
          : `${RESOURCES[m.key].title}: ${m.detail}`,
      )
      .join('; ');
    return [
      {
        ...base,
        severity: severityFor(rule, undefined, opts, true),
        status: 'unknown',
        messageId: outOfReach ? 'needs-live-audit' : 'resource-unavailable',
        message: `${outOfReach ? 'Needs a live audit' : 'Not evaluated'}: ${why}`,
        missing,
      },
    ];
  }
  const wants: Record<string, unknown> = {};
  for (const key of rule.wants) {
    const r = snapshot.resources[key] ?? { ok: false as const, reason: 'error' as const, detail: `${RESOURCES[key].title} was not collected` };
    // A failure carries its key, so that `notEvaluated` can say which resource was not read.
    wants[key] = r.ok ? r : { ...r, key };
  }
  view.wants = wants;

  const setting = opts.ruleSettings?.[rule.id];
  const options = typeof setting === 'object' ? (setting.options ?? {}) : {};
  let drafts: FindingDraft[];
  try {
    drafts = (rule.evaluate as (v: unknown, c: RuleContext) => FindingDraft[])(view, { ...opts.ctx, tenantDomain: snapshot.tenant.domain, options });
  } catch (e) {
    return [
      {
        ...base,
        severity: severityFor(rule, undefined, opts, true),
        status: 'error',
        messageId: 'rule-error',
        message: `Rule failed: ${e instanceof Error ? e.message : String(e)}`,
      },
    ];
  }
  if (drafts.length === 0) {
    return [{ ...base, severity: severityFor(rule, undefined, opts), status: 'n/a', messageId: 'nothing-to-check', message: 'Nothing to check' }];
  }
  // Hot path (one finding per resource: tens of thousands on a large tenant): no spreads, and the
  // severity computed once per distinct draft severity.
  const severities = new Map<Severity | undefined, Severity>();
  return drafts.map((d) => {
    // A finding about a field the source did not hold is unknown: the value it judged is not there.
    const gap = unheld && d.field !== undefined ? unheld.find((u) => d.field === u.field || d.field!.startsWith(`${u.field}.`)) : undefined;
    if (gap) {
      const reason = gap.reason ?? 'not-in-export';
      const f: Finding = {
        ruleId: base.ruleId,
        topicIds: base.topicIds,
        severity: severityFor(rule, d, opts),
        status: 'unknown',
        messageId: reason === 'out-of-reach' ? 'needs-live-audit' : 'field-not-held',
        message: `${reason === 'out-of-reach' ? 'Needs a live audit' : 'Not evaluated'}: ${RESOURCES[gap.key].title}: ${gap.detail}`,
        field: d.field!,
        missing: [{ key: gap.key, reason, detail: gap.detail }],
      };
      if (d.resource) f.resource = d.resource;
      return f;
    }
    const template = rule.messages[d.messageId];
    let severity = d.severity === undefined && d.status === 'unknown' ? severityFor(rule, d, opts, true) : severities.get(d.severity);
    if (severity === undefined) {
      severity = severityFor(rule, d, opts);
      severities.set(d.severity, severity);
    }
    const f: Finding = {
      ruleId: base.ruleId,
      topicIds: base.topicIds,
      severity,
      status: d.status,
      messageId: d.messageId,
      message: template === undefined ? d.messageId : renderMessage(template, d.data),
    };
    if (d.resource) f.resource = d.resource;
    if (d.field !== undefined) f.field = d.field;
    if (d.value !== undefined) f.value = d.value;
    if (d.missing?.length) {
      f.missing = d.missing;
      if (d.status === 'unknown' && d.missing.every((m) => m.reason === 'out-of-reach')) {
        f.messageId = 'needs-live-audit';
        f.message = `Needs a live audit: ${d.missing.map((m) => `${RESOURCES[m.key].title}: ${m.detail}`).join('; ')}`;
      }
    }
    return f;
  });
}

export function evaluate(rules: readonly AnyRule[], snapshot: Snapshot, opts: EvaluateOptions): Finding[] {
  return rules.filter((r) => isRuleEnabled(r, opts.ruleSettings)).flatMap((r) => evaluateRule(r, snapshot, opts));
}
