import { hardcodedSecrets, parseCode, type HardcodedSecret, parseRunningCode } from '../src/engine/code.js';
import { bothPlans, defineRule, NOT_EVALUATED_MESSAGE, notEvaluated, type FindingDraft, type ResourceRef } from '../src/engine/define-rule.js';

const messages = {
  clean: '{kind} {name} holds no hard-coded credential',
  secrets: '{kind} {name} hard-codes {count} credential(s): {first}{more}',
  syntax: '{kind} {name} could not be parsed ({error}): not checked',
  ...NOT_EVALUATED_MESSAGE,
} as const;
type Msg = keyof typeof messages;

interface Source {
  field: string;
  code: string | undefined;
  /** Legacy Rules are a bare (often anonymous) function expression: parse them wrapped in parentheses. */
  expression?: boolean;
}

function parseSource(s: Source) {
  const parsed = parseRunningCode(s.code);
  if (parsed.ok || !s.expression || s.code === undefined) return { parsed, shift: 0 };
  const wrapped = parseCode(`(${s.code}\n)`);
  return wrapped.ok ? { parsed: wrapped, shift: 1 } : { parsed, shift: 0 };
}

const describe = (h: HardcodedSecret) => `${h.name} at ${h.line}:${h.column} (${h.preview})`;

/** One finding for a piece of code held in the tenant, scanning each of its sources (draft, deployed version). */
function scan(kind: string, resource: ResourceRef, sources: Source[]): FindingDraft<Msg> {
  const name = resource.name ?? resource.id;
  const hits: (HardcodedSecret & { field: string })[] = [];
  const seen = new Set<string>();
  for (const s of sources) {
    const { parsed, shift } = parseSource(s);
    if (!parsed.ok) {
      const at = parsed.location ? `:${parsed.location.line}:${parsed.location.column}` : '';
      return { status: 'unknown', messageId: 'syntax', data: { kind, name, error: parsed.error }, resource, field: `${s.field}${at}` };
    }
    for (const found of hardcodedSecrets(parsed)) {
      const h = found.line === 1 ? { ...found, column: found.column - shift } : found;
      // The deployed version often repeats the draft: report each literal once.
      const key = `${h.name}|${h.line}|${h.column}|${h.preview}`;
      if (seen.has(key)) continue;
      seen.add(key);
      hits.push({ ...h, field: s.field });
    }
  }
  const first = hits[0];
  if (!first) return { status: 'pass', messageId: 'clean', data: { kind, name }, resource };
  return {
    status: 'fail',
    messageId: 'secrets',
    data: { kind, name, count: hits.length, first: describe(first), more: hits.length > 1 ? `, +${hits.length - 1} more` : '' },
    resource,
    field: `${first.field}:${first.line}:${first.column}`,
    value: hits.map((h) => `${h.field}:${h.line}:${h.column} ${h.name} = ${h.preview}`),
  };
}

export default defineRule({
  id: 'action-no-hardcoded-secrets',
  title: 'Actions (and legacy Rules and Hooks) keep credentials in secrets, not in code',
  topics: bothPlans('p1.authorization.id-token-claims'),
  severity: 'warning',
  checks: ['ACT-06'],
  checkmate: ['checkActionsHardCodedValues'],
  dashboard: ['externalize-config'],
  rationale:
    'A credential written in Action code is visible to every Dashboard user and every token with read:actions, lands in exports, repositories and version history, and is the same in dev, QA and prod. Action secrets are encrypted, hidden after saving, set per tenant, and can be rotated without a code change. Auth0 lists externalising configuration among its readiness best practices (https://auth0.com/docs/deploy-monitor/pre-deployment-checks/production-checks-best-practices); a warning here goes further because a leaked credential outlives the fix until it is rotated.',
  remediation:
    'Dashboard → Actions → Library → <action> → Secrets (key icon): add the value as a secret, read it as `event.secrets.NAME`, remove the literal, Deploy, and rotate the exposed credential; or PATCH /api/v2/actions/actions/{id} with `{ "secrets": [{ "name": "API_KEY", "value": "…" }] }` and POST …/deploy. For a legacy Rule use Rules settings (`configuration`), for a Hook its secrets. Scanning is static (treat hits as evidence; waive false positives).',
  docs: 'https://auth0.com/docs/deploy-monitor/pre-deployment-checks/production-checks-best-practices',
  needs: ['actions'],
  wants: ['rules', 'hooks'],
  messages,
  failSummary: {
    secrets: 'hard-code credentials',
  },
  evaluate({ actions, wants }) {
    const out: FindingDraft<Msg>[] = [];
    for (const a of actions) {
      const sources: Source[] = [{ field: 'code', code: a.code }];
      const deployed = a.deployed_version?.code;
      if (typeof deployed === 'string' && deployed !== a.code) sources.push({ field: 'deployed_version.code', code: deployed });
      out.push(scan('Action', { type: 'action', id: a.id, name: a.name }, sources));
    }
    const legacy = [
      ['Rule', 'rule', wants.rules],
      ['Hook', 'hook', wants.hooks],
    ] as const;
    for (const [kind, type, result] of legacy) {
      if (!result.ok) {
        // A tenant without the legacy feature answers 403 on the plan: nothing to scan.
        if (result.reason !== 'unavailable-on-plan') out.push(notEvaluated(result, { type: `${type}s`, id: `${type}s`, name: `${kind}s (legacy)` }));
        continue;
      }
      result.data.forEach((item, i) => {
        const name = item.name ?? item.id ?? `${type} #${i + 1}`;
        out.push(scan(kind, { type, id: item.id ?? name, name }, [{ field: 'script', code: item.script, expression: type === 'rule' }]));
      });
    }
    return out;
  },
});
