/** Action helpers shared by the code rules. */
import type { ResourceData } from '../snapshot/resources.js';
import type { ResourceRef } from './define-rule.js';
import { parseRunningCode, runningCode, type ParsedCode } from './code.js';

type Action = ResourceData<'actions'>[number];
type Binding = ResourceData<'postLoginBindings'>[number];

/** The Actions bound to a trigger, in execution order, each once. */
export function boundActions(actions: readonly Action[], bindings: readonly Binding[]): Action[] {
  const byId = new Map(actions.map((a) => [a.id, a]));
  const ids = [...new Set(bindings.map((b) => b.action?.id).filter((id): id is string => !!id))];
  return ids.map((id) => byId.get(id)).filter((a): a is Action => !!a);
}

export type ActionCode =
  | { ok: true; resource: ResourceRef; field: string; parsed: ParsedCode }
  /** Not parseable or not available: `field` carries `:line:column` when known. */
  | { ok: false; resource: ResourceRef; field: string; error: string };

/** The running code of an Action, parsed, with the finding's resource and field. */
export function actionCode(a: Action): ActionCode {
  const resource = { type: 'action', id: a.id, name: a.name };
  const { code, field } = runningCode(a);
  const parsed = parseRunningCode(code);
  if (parsed.ok) return { ok: true, resource, field, parsed };
  const at = parsed.location ? `:${parsed.location.line}:${parsed.location.column}` : '';
  return { ok: false, resource, field: `${field}${at}`, error: parsed.error };
}
