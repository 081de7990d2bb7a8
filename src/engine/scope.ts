/**
 * Topic scope: the facts the catalog's `in:` rules depend on, read from the snapshot, and the
 * evaluation of a topic's scope rule. A fact whose resource could not be read is `undefined`
 * (unknown): the topic then stays in scope, so its rules run and report what they could not see.
 */
import type { Fact, PlanIndex, ScopeRule, TopicNode } from '../catalog/index.js';
import { dataOf, type Snapshot } from '../snapshot/snapshot.js';
import { findCalls, imports, parseCode } from './code.js';

import { ENTERPRISE_STRATEGIES, SOCIAL_STRATEGIES } from './strategies.js';
import { computeInUse, enabledClientsByConnection } from './context.js';

export { ENTERPRISE_STRATEGIES, SOCIAL_STRATEGIES };
export { SCOPE_RESOURCES } from './scope-resources.js';

export type Facts = { [F in Fact]: boolean | undefined };

const HTTP_MODULES = new Set(['http', 'https', 'node:http', 'node:https', 'axios', 'node-fetch', 'got', 'request', 'superagent', 'undici']);

/** Does this code call out over the network (fetch, an HTTP client module)? Parsed, not grepped. */
function callsOut(code: string | undefined): boolean {
  if (!code) return false;
  const p = parseCode(code);
  if (!p.ok) return false;
  return imports(p).some((i) => HTTP_MODULES.has(i.module)) || findCalls(p, 'fetch', 'globalThis.fetch').length > 0;
}

export function computeFacts(s: Snapshot): Facts {
  const conns = dataOf(s, 'connections');
  const clients = dataOf(s, 'clients');
  const actions = dataOf(s, 'actions');
  const bf = dataOf(s, 'bruteForceProtection');
  const bp = dataOf(s, 'breachedPasswordDetection');
  const provider = s.resources.emailProvider;
  const dbs = conns?.filter((c) => c.strategy === 'auth0');
  const customDb = dbs && (dbs.some((c) => c.options?.enabledDatabaseCustomization === true) ? true : dbs.some((c) => !c.options) ? undefined : false);
  // Applications with more than one connection.
  const perConnection = enabledClientsByConnection(s);
  const enabledCounts = new Map<string, number>();
  for (const ids of perConnection?.values() ?? []) for (const id of ids) enabledCounts.set(id, (enabledCounts.get(id) ?? 0) + 1);
  // What the tenant uses is derived once (src/engine/context.ts): scope and context cannot disagree.
  const inUse = computeInUse(s);
  const multi = [...enabledCounts.values()].some((n) => n > 1);
  const notif =
    bf || bp
      ? !!(bf?.shields?.includes('user_notification') || bp?.shields?.includes('user_notification'))
      : undefined;
  return {
    dbConnection: inUse.passwords,
    customDb,
    customDomain: dataOf(s, 'customDomains')?.some((d) => !!d.domain),
    socialConnection: conns && conns.some((c) => SOCIAL_STRATEGIES.has(c.strategy)),
    enterpriseConnection: conns && conns.some((c) => ENTERPRISE_STRATEGIES.has(c.strategy)),
    organizations: inUse.organizations,
    customApi: dataOf(s, 'resourceServers')?.some((r) => r.is_system !== true),
    roles: dataOf(s, 'roles') && (dataOf(s, 'roles')?.length ?? 0) > 0,
    m2mClient: clients && clients.some((c) => c.app_type === 'non_interactive'),
    mfaFactor: inUse.mfa,
    codeInTenant: actions && (actions.length > 0 || customDb === true) ? true : actions && customDb === false ? false : undefined,
    notificationShield: notif,
    smtpProvider: provider && provider.ok ? provider.data?.name === 'smtp' : undefined,
    outboundCalls: actions && actions.some((a) => callsOut(a.code)),
    multiConnectionApp: perConnection ? multi : undefined,
  };
}

export interface ScopeResult {
  /** `undefined`: could not tell (a resource was unavailable): the topic stays in scope. */
  inScope: boolean | undefined;
  reason: string;
}

export type ScopeConfig = Readonly<Record<string, boolean>>;

const FACT_TEXT: Record<Fact, string> = {
  dbConnection: 'a database connection',
  customDb: 'a custom database connection',
  customDomain: 'a custom domain',
  socialConnection: 'a social connection',
  enterpriseConnection: 'an enterprise connection',
  organizations: 'organizations',
  customApi: 'an API of your own',
  roles: 'roles',
  m2mClient: 'a machine-to-machine application',
  mfaFactor: 'an enabled MFA factor',
  codeInTenant: 'Actions or custom database scripts',
  notificationShield: 'user notifications from attack protection',
  smtpProvider: 'an SMTP email provider',
  outboundCalls: 'outbound calls from Actions',
  multiConnectionApp: 'an application with more than one connection',
};

export function evaluateScope(
  rule: ScopeRule,
  plan: PlanIndex,
  facts: Facts,
  config: ScopeConfig,
  seen: Set<string> = new Set(),
): ScopeResult {
  switch (rule.kind) {
    case 'always':
      return { inScope: true, reason: 'always in scope' };
    case 'fact': {
      const v = facts[rule.fact];
      return v === undefined
        ? { inScope: undefined, reason: `could not tell whether the tenant has ${FACT_TEXT[rule.fact]}` }
        : { inScope: v, reason: v ? `the tenant has ${FACT_TEXT[rule.fact]}` : `the tenant has no ${FACT_TEXT[rule.fact].replace(/^(a|an) /, '')}` };
    }
    case 'config': {
      const v = config[rule.key] ?? rule.default;
      return { inScope: v, reason: `config ${rule.key}: ${v}${config[rule.key] === undefined ? ' (default)' : ''}` };
    }
    case 'topic': {
      const id = `${plan.plan.id}.${rule.topic}`;
      const t = plan.topics.get(id);
      if (!t || seen.has(id)) return { inScope: false, reason: `${id} is not in the plan` };
      const r = evaluateScope(t.scope, plan, facts, config, new Set([...seen, id]));
      return { inScope: r.inScope, reason: `${id} ${r.inScope === false ? 'is out of scope' : 'is in scope'} (${r.reason})` };
    }
    case 'any':
    case 'all': {
      const parts = rule.of.map((r) => evaluateScope(r, plan, facts, config, seen));
      const want = rule.kind === 'any';
      const decisive = parts.find((p) => p.inScope === want);
      if (decisive) return decisive;
      const unknown = parts.find((p) => p.inScope === undefined);
      if (unknown) return unknown;
      return { inScope: !want, reason: parts.map((p) => p.reason).join(want ? '; ' : ' and ') };
    }
  }
}

export function topicScope(topic: TopicNode, plan: PlanIndex, facts: Facts, config: ScopeConfig): ScopeResult {
  return evaluateScope(topic.scope, plan, facts, config);
}
