/**
 * Find, read and validate the config file. Bad input is a ConfigError (exit 2) listing every
 * problem with its path, one per line; nothing is half-applied.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { AnyRule } from '../engine/define-rule.js';
import { loadCatalog } from '../catalog/index.js';
import { checkRuleOptions } from '../engine/rule-options.js';
import { ConfigError } from '../errors.js';
import { explainIssue } from '../snapshot/validate.js';
import { ConfigSchema, SPECIAL_ATTESTATION_IDS, type Config } from './schema.js';

export const CONFIG_FILE_NAMES = ['auth0-readiness.config.yaml', 'auth0-readiness.config.yml', 'auth0-readiness.config.json'];
const MAX_CONFIG_BYTES = 1024 * 1024;
/** An attestation of a framework requirement: `<framework id>:<requirement id>`. */
export const FRAMEWORK_ATTESTATION = /^[a-z0-9][a-z0-9.-]*:\S+$/;

export function findConfig(cwd: string): string | undefined {
  return CONFIG_FILE_NAMES.map((n) => join(cwd, n)).find((p) => existsSync(p));
}

/** Parse YAML or JSON text with bounds (aliases, size), reporting the line of a syntax error. */
export function parseConfigText(text: string, path: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true });
  const err = doc.errors[0];
  if (err) {
    const line = err.linePos?.[0]?.line ?? text.slice(0, err.pos[0]).split('\n').length;
    throw new ConfigError(`${path}${line ? `:${line}` : ''}: ${err.message.split('\n')[0]}`);
  }
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new ConfigError(`${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * The rules a config is checked against (ids, option schemas). Passed in by the caller — the CLI
 * passes the registry — so this loader stays below the rules, not above them.
 */
export type KnownRules = readonly Pick<AnyRule, 'id' | 'options'>[];

/** Semantic checks zod cannot do: rule ids and topic ids must exist. */
function crossCheck(config: Config, allRules: KnownRules): string[] {
  const problems: string[] = [];
  const ruleIds = new Set(allRules.map((r) => r.id));
  const topics = loadCatalog().topicIds;
  const byId = new Map(allRules.map((r) => [r.id, r]));
  for (const [id, setting] of Object.entries(config.rules ?? {})) {
    const rule = byId.get(id);
    if (!rule) problems.push(`rules.${id}: no such rule (auth0-readiness rules lists them)`);
    else if (typeof setting === 'object' && setting.options) problems.push(...checkRuleOptions(rule, setting.options));
  }
  (config.waivers ?? []).forEach((w, i) => {
    // A framework requirement (`asvs-5.0:10.4.5`): an accepted deviation, checked against the framework when one is judged.
    if (FRAMEWORK_ATTESTATION.test(w.rule)) {
      if (w.resource) problems.push(`waivers.${i}.resource: a waiver of a framework requirement (${w.rule}) covers the whole requirement: leave resource out`);
      return;
    }
    if (!ruleIds.has(w.rule)) problems.push(`waivers.${i}.rule: no such rule ${w.rule}`);
  });
  (config.outOfScope ?? []).forEach((o, i) => {
    if (!topics.has(o.topic)) problems.push(`outOfScope.${i}.topic: no such topic ${o.topic} (auth0-readiness catalog lists them)`);
  });
  const catalog = loadCatalog();
  (config.attestations ?? []).forEach((a, i) => {
    if (SPECIAL_ATTESTATION_IDS.includes(a.topic)) return;
    // A framework requirement's manual part (`asvs-5.0:6.4.2`): checked against the framework when one is judged.
    if (FRAMEWORK_ATTESTATION.test(a.topic)) return;
    if (!topics.has(a.topic)) {
      problems.push(`attestations.${i}.topic: no such topic ${a.topic}; use a topic id, a framework requirement (<framework>:<requirement>, e.g. asvs-5.0:6.4.2) or one of ${SPECIAL_ATTESTATION_IDS.join(', ')}`);
      return;
    }
    const plan = catalog.plans[a.topic.startsWith('b2b.') ? 'b2b' : 'b2c'];
    const t = plan.topics.get(a.topic);
    if (t && !t.attest && t.evidence === 'A') {
      problems.push(`attestations.${i}.topic: ${a.topic} is shown by the Management API and needs no attestation; use outOfScope or a waiver`);
    }
  });
  return problems;
}

/**
 * Attestations record what was done: one dated after today (in any time zone: UTC plus a day) is a
 * typo or a wish, and would pass a topic before the work is done.
 */
function futureAttestations(config: Config, now: Date): string[] {
  const latest = new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
  return (config.attestations ?? []).flatMap((a, i) =>
    a.date > latest ? [`attestations.${i}.date: ${a.date} is in the future (today is ${now.toISOString().slice(0, 10)}): date an attestation when the work was done`] : [],
  );
}

export function validateConfig(raw: unknown, path: string, rules: KnownRules, now: Date = new Date()): Config {
  const parsed = ConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      // zod's own message, unless it says only "Invalid input" (a union): then the branch that got furthest.
      const { path, expected } = i.code === 'invalid_union' || i.message === 'Invalid input' ? explainIssue(i, raw ?? {}) : { path: i.path, expected: i.message };
      return `  ${path.map(String).join('.') || '(root)'}: ${expected}`;
    });
    throw new ConfigError(`${path}: invalid config\n${lines.join('\n')}`);
  }
  const problems = [...crossCheck(parsed.data, rules), ...futureAttestations(parsed.data, now)];
  if (problems.length) throw new ConfigError(`${path}: invalid config\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return parsed.data;
}

/** The config at `explicit`, or the one found in `cwd`, or an empty config. */
export function loadConfig(explicit: string | undefined, cwd: string, rules: KnownRules): { config: Config; path?: string } {
  const { raw, path } = readConfigFile(explicit, cwd);
  if (!path) return { config: {} };
  return { config: validateConfig(raw, path, rules), path };
}

/**
 * The config file's parsed but not yet validated content (bounded in size, syntax errors with their
 * line): for a caller that must read part of it first — the organisation policy files it names,
 * whose rules the rest is then validated against (src/policies/config.ts).
 */
export function readConfigFile(explicit: string | undefined, cwd: string): { raw: unknown; path?: string } {
  const path = explicit ? resolve(cwd, explicit) : findConfig(cwd);
  if (!path) return { raw: {} };
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new ConfigError(`${explicit ?? path}: no such config file`);
  }
  if (size > MAX_CONFIG_BYTES) throw new ConfigError(`${path}: ${size} bytes is too large for a config file (max ${MAX_CONFIG_BYTES})`);
  const text = readFileSync(path, 'utf8');
  if (text.includes('\u0000')) throw new ConfigError(`${path}: binary data, not YAML or JSON`);
  return { raw: parseConfigText(text, path), path };
}
