/**
 * An assertion over one snapshot resource, compiled into a rule the engine runs like any other
 * (src/engine/define-rule.ts `AnyRule`): waivers, severity overrides, SARIF, baselines and history
 * treat it as a built-in. One finding per item the `where` selects (pass or fail); none selected
 * is one `n/a` (the engine's "Nothing to check"); a resource that could not be read is `unknown`
 * (the engine's, as for every rule: it is the rule's only `needs`).
 *
 * `compileCheck` is the lower-level entry (no `org/` namespace, no tests, no topics): other
 * modules compile inline assertions with it. Organisation policy files go through
 * src/policies/load.ts, which adds the namespace, topics and tests.
 */
import type { AnyRule, FindingDraft, MessageData, ResourceRef } from '../engine/define-rule.js';
import type { Severity } from '../engine/status.js';
import { isResourceKey, RESOURCE_KEYS, type ResourceKey } from '../snapshot/resources.js';
import { createHash } from 'node:crypto';
import { editDistance } from '../edit-distance.js';
import { AssertionError, evaluateAssertion, parseAssertion, shownValue, type Assertion } from './assert.js';

export interface Origin {
  file: string;
  line?: number;
}

export interface CheckDef {
  id: string;
  title: string;
  severity: Severity;
  /** A snapshot resource key (src/snapshot/resources.ts RESOURCES). */
  resource: string;
  /** Selects the items the assertion applies to (default: every item). */
  where?: unknown;
  assert: unknown;
  /** The failure message; placeholders {name} {id} {value} {path} {reason} {title}. */
  message?: string;
  /**
   * When this holds for an item, what the assertion reads is not visible (a field the token's
   * scopes hide, a section an export leaves out): the finding is `unknown`, never a failure.
   */
  unknown?: { when: unknown; message?: string | undefined } | undefined;
  topics?: readonly string[];
  rationale?: string;
  remediation?: string;
  docs?: string;
}

/** A rule compiled from data: where it was defined, and what it reads. */
export interface CompiledCheck extends AnyRule {
  origin: Origin;
  resource: ResourceKey;
  /** A short hash of the definition: a run history marks a changed policy as a configuration change. */
  definitionHash: string;
}

/** A problem in a check's definition; `at` is the key path from the check's own object. */
export class CheckDefinitionError extends Error {
  constructor(
    message: string,
    readonly at: readonly (string | number)[],
  ) {
    super(message);
    this.name = 'CheckDefinitionError';
  }
}

export const DEFAULT_FAIL_MESSAGE = '{name}: {reason}';
export const PASS_MESSAGE = '{name}: {title}';
export const UNKNOWN_MESSAGE = 'Not evaluated: what {title} reads is not visible on {name}';

/** How an item of each list resource is named in findings (as built-in rules name them). */
const REFS: Partial<Record<ResourceKey, { type: string; id: readonly string[]; name?: readonly string[] }>> = {
  clients: { type: 'client', id: ['client_id'], name: ['name'] },
  connections: { type: 'connection', id: ['id', 'name'], name: ['name'] },
  resourceServers: { type: 'resource-server', id: ['id', 'identifier'], name: ['name', 'identifier'] },
  actions: { type: 'action', id: ['id', 'name'], name: ['name'] },
  organizations: { type: 'organization', id: ['id', 'name'], name: ['name'] },
  customDomains: { type: 'custom-domain', id: ['custom_domain_id', 'domain'], name: ['domain'] },
  logStreams: { type: 'log-stream', id: ['id', 'name'], name: ['name'] },
  roles: { type: 'role', id: ['id', 'name'], name: ['name'] },
  clientGrants: { type: 'client-grant', id: ['id'], name: ['audience'] },
  rules: { type: 'rule', id: ['id', 'name'], name: ['name'] },
  hooks: { type: 'hook', id: ['id', 'name'], name: ['name'] },
  guardianFactors: { type: 'mfa-factor', id: ['name'] },
  phoneProviders: { type: 'phone-provider', id: ['id', 'name'], name: ['name'] },
  signingKeys: { type: 'signing-key', id: ['kid'] },
  networkAcls: { type: 'network-acl', id: ['id'], name: ['description'] },
  eventStreams: { type: 'event-stream', id: ['id', 'name'], name: ['name'] },
  forms: { type: 'form', id: ['id', 'name'], name: ['name'] },
  selfServiceProfiles: { type: 'self-service-profile', id: ['id', 'name'], name: ['name'] },
  scimConfigurations: { type: 'scim-configuration', id: ['connection_id'], name: ['connection_name'] },
  postLoginBindings: { type: 'action-binding', id: ['id'], name: ['display_name'] },
};

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function firstString(item: unknown, keys: readonly string[] | undefined): string | undefined {
  if (!keys || item === null || typeof item !== 'object') return undefined;
  for (const k of keys) {
    const v = Object.hasOwn(item, k) ? (item as Record<string, unknown>)[k] : undefined;
    if (typeof v === 'string' && v) return v;
  }
  return undefined;
}

/** The resource ref of item `index` of `key` (the whole resource when it is not a list). */
export function refOf(key: ResourceKey, item: unknown, index?: number): ResourceRef {
  if (index === undefined) return { type: kebab(key), id: key };
  const spec = REFS[key];
  const type = spec?.type ?? kebab(key);
  if (typeof item === 'string') return { type, id: item };
  const id = firstString(item, spec?.id ?? ['id', 'name']) ?? `${key}[${index}]`;
  const name = firstString(item, spec?.name ?? ['name']);
  return name && name !== id ? { type, id, name } : { type, id };
}

/** A resource key, or a CheckDefinitionError with a did-you-mean. */
export function resourceKeyOf(resource: string, at: readonly (string | number)[] = ['resource']): ResourceKey {
  if (isResourceKey(resource)) return resource;
  const near = RESOURCE_KEYS.map((k) => ({ k, d: editDistance(resource, k, { ignoreCase: true }) })).filter((x) => x.d <= 3).sort((a, b) => a.d - b.d)[0];
  throw new CheckDefinitionError(
    `unknown resource '${resource}'${near ? ` (did you mean ${near.k}?)` : ''}; resources: ${RESOURCE_KEYS.join(', ')}`,
    at,
  );
}

function assertionOfAt(raw: unknown, at: readonly (string | number)[]): Assertion {
  try {
    return parseAssertion(raw, at);
  } catch (e) {
    if (e instanceof AssertionError) throw new CheckDefinitionError(e.message, e.at);
    throw e;
  }
}

function assertionOf(raw: unknown, at: string): Assertion {
  try {
    return parseAssertion(raw, [at]);
  } catch (e) {
    if (e instanceof AssertionError) throw new CheckDefinitionError(e.message, e.at);
    throw e;
  }
}

/** Compile one check into a rule. Throws CheckDefinitionError on a bad resource or assertion. */
export function compileCheck(def: CheckDef, origin: Origin): CompiledCheck {
  const key = resourceKeyOf(def.resource);
  if (def.assert === undefined) throw new CheckDefinitionError('assert is required: what must hold for each item', []);
  const where = def.where === undefined ? undefined : assertionOf(def.where, 'where');
  const assertion = assertionOf(def.assert, 'assert');
  const unknownWhen = def.unknown === undefined ? undefined : assertionOfAt(def.unknown.when, ['unknown', 'when']);
  const at = `${origin.file}${origin.line ? `:${origin.line}` : ''}`;
  const rule: CompiledCheck = {
    id: def.id,
    title: def.title,
    topics: [...(def.topics ?? [])],
    severity: def.severity,
    checks: [],
    rationale: def.rationale ?? `Defined in ${at}.`,
    remediation: def.remediation ?? '',
    docs: def.docs ?? '',
    messages: { pass: PASS_MESSAGE, fail: def.message ?? DEFAULT_FAIL_MESSAGE, unknown: def.unknown?.message ?? UNKNOWN_MESSAGE },
    needs: [key],
    wants: [],
    origin,
    resource: key,
    definitionHash: createHash('sha256').update(JSON.stringify(def)).digest('hex').slice(0, 12),
    evaluate(view: never): FindingDraft[] {
      const data = (view as Record<string, unknown>)[key];
      const items: { item: unknown; index?: number }[] = Array.isArray(data) ? data.map((item, index) => ({ item, index })) : [{ item: data }];
      const drafts: FindingDraft[] = [];
      for (const { item, index } of items) {
        if (where && !evaluateAssertion(where, item).ok) continue;
        const resource = refOf(key, item, index);
        if (unknownWhen && evaluateAssertion(unknownWhen, item).ok) {
          drafts.push({ status: 'unknown', messageId: 'unknown', data: { name: resource.name ?? resource.id, id: resource.id, title: def.title }, resource });
          continue;
        }
        const o = evaluateAssertion(assertion, item);
        const messageData: MessageData = {
          name: resource.name ?? resource.id,
          id: resource.id,
          title: def.title,
          path: o.path || key,
          value: shownValue(o.path, o.value),
          reason: o.reason,
        };
        if (o.ok) {
          drafts.push({ status: 'pass', messageId: 'pass', data: messageData, resource });
        } else {
          drafts.push({ status: 'fail', messageId: 'fail', data: messageData, resource, ...(o.path ? { field: o.path } : {}), value: messageData.value });
        }
      }
      return drafts;
    },
  };
  return rule;
}
