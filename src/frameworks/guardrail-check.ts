/**
 * A guardrail's `check`: a condition on the tenant's own configuration, written in the policy
 * assertion language (docs/policies.md), compiled to a rule that runs beside the audit's rules
 * and is evidence for its requirement only (never a finding of the report or the gate).
 */
import type { AnyRule } from '../engine/define-rule.js';
import { CheckDefinitionError, compileCheck } from '../policies/compile.js';

export interface GuardrailCheck {
  resource: string;
  where?: Record<string, unknown> | undefined;
  assert: Record<string, unknown>;
  message?: string | undefined;
  unknown?: { when: Record<string, unknown>; message?: string | undefined } | undefined;
}

/** Compile a guardrail check; a bad resource or assertion throws an Error naming the key path. */
export function compileGuardrailCheck(check: GuardrailCheck, id: string, why = ''): AnyRule {
  try {
    return compileCheck({ id, title: why || id, severity: 'warning', ...check }, { file: id });
  } catch (e) {
    if (e instanceof CheckDefinitionError) {
      // The message may start with the key it is about (`matches: RE2 …`): said once.
      const last = e.at.at(-1);
      const message = last !== undefined && e.message.startsWith(`${String(last)}: `) ? e.message.slice(String(last).length + 2) : e.message;
      throw new Error(`check${e.at.length ? `.${e.at.join('.')}` : ''}: ${message}`);
    }
    throw e;
  }
}
