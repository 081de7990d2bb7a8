/**
 * A guardrail's `check`: a condition on the tenant's own configuration, written in the policy
 * assertion language (docs/policies.md), compiled to a rule that runs beside the audit's rules
 * and is evidence for its requirement only.
 */
import { ConfigError } from '../errors.js';
import { RESOURCES, type ResourceKey } from '../snapshot/resources.js';
import type { AnyRule } from '../engine/define-rule.js';

export interface GuardrailCheck {
  resource: string;
  where?: Record<string, unknown> | undefined;
  assert: Record<string, unknown>;
  message?: string | undefined;
}

// INTERIM until the policy assertion engine lands (src/policies): validates the resource only.
export function compileGuardrailCheck(check: GuardrailCheck, id: string, why = ''): AnyRule {
  if (!(check.resource in RESOURCES)) throw new ConfigError(`no resource ${check.resource} (resources: ${Object.keys(RESOURCES).join(', ')})`);
  return {
    id,
    title: why,
    topics: [],
    severity: 'warning',
    checks: [],
    rationale: why,
    remediation: '',
    docs: '',
    messages: { pending: 'assertion engine pending' },
    needs: [check.resource as ResourceKey],
    wants: [],
    evaluate: () => [{ status: 'unknown', messageId: 'pending' }],
  };
}
