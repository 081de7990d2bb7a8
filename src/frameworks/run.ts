/**
 * Judge the selected framework profiles from a finished audit: run each guardrail check on the
 * snapshot (beside the audit's rules, as evidence for its requirement only — never a finding of
 * the report or the gate), then evaluate each profile (src/frameworks/evaluate.ts).
 */
import type { AnyRule, RuleSettings } from '../engine/define-rule.js';
import { evaluate, type EvaluateOptions, type Finding, type RuleSetting } from '../engine/evaluate.js';
import type { AuditReport, FrameworkResult } from '../report/schema.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { evaluateFramework, guardrailKey } from './evaluate.js';
import { compileGuardrailCheck } from './guardrail-check.js';
import type { FrameworkSelection } from './load.js';

export interface JudgeInputs {
  report: Pick<AuditReport, 'findings' | 'topics' | 'attestations' | 'plan' | 'waivers'>;
  snapshot: Snapshot;
  /** Every rule the audit knows, and those it ran. */
  rules: readonly AnyRule[];
  selected: readonly AnyRule[];
  ruleSettings?: Readonly<Record<string, RuleSetting>>;
  settings: RuleSettings;
  /** The settings the config set (the others are defaults). */
  settingsGiven?: readonly string[];
  ctx: EvaluateOptions['ctx'];
}

const OPT_IN_FLAG: Record<string, string> = { logs: '--with-logs', users: '--with-users', forms: '--with-forms' };

/** Why each rule the audit knows did not run. */
export function notRunReasons(rules: readonly AnyRule[], selected: readonly AnyRule[], ruleSettings: JudgeInputs['ruleSettings']): Map<string, string> {
  const ran = new Set(selected.map((r) => r.id));
  const out = new Map<string, string>();
  for (const r of rules) {
    if (ran.has(r.id)) continue;
    const s = ruleSettings?.[r.id];
    const off = s === 'off' || (typeof s === 'object' && s.severity === 'off');
    out.set(r.id, off ? 'turned off in config' : r.optIn ? `runs only with ${OPT_IN_FLAG[r.optIn] ?? r.optIn}` : 'did not run');
  }
  return out;
}

export function judgeFrameworks(selections: readonly FrameworkSelection[], inputs: JudgeInputs): FrameworkResult[] {
  const checks: AnyRule[] = [];
  for (const sel of selections) {
    for (const r of sel.requirements) {
      (r.guardrails ?? []).forEach((g, k) => {
        if ('check' in g && (!g.profiles || g.profiles.includes(sel.profile.id))) checks.push(compileGuardrailCheck(g.check, guardrailKey(sel, r, k), g.why));
      });
    }
  }
  const unique = [...new Map(checks.map((c) => [c.id, c])).values()];
  const checkFindings = new Map<string, Finding[]>();
  for (const f of unique.length ? evaluate(unique, inputs.snapshot, { ctx: inputs.ctx }) : []) {
    const list = checkFindings.get(f.ruleId);
    if (list) list.push(f);
    else checkFindings.set(f.ruleId, [f]);
  }
  const ruleOptions = Object.fromEntries(Object.entries(inputs.ruleSettings ?? {}).flatMap(([id, s]) => (typeof s === 'object' && s.options ? [[id, s.options]] : [])));
  const frameworkInputs = {
    report: inputs.report,
    ruleTitles: new Map(inputs.rules.map((r) => [r.id, r.title])),
    notRun: notRunReasons(inputs.rules, inputs.selected, inputs.ruleSettings),
    settings: inputs.settings,
    settingsGiven: new Set(inputs.settingsGiven ?? []),
    ruleOptions,
    checkFindings,
  };
  return selections.map((sel) => evaluateFramework(sel, frameworkInputs));
}
