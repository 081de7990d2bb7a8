/**
 * Find and load framework files: the ones shipped under frameworks/ (a profile id such as
 * `asvs-5.0-L2`) or any file the user names (`./house-framework.yaml`, with `#<profile>` when it
 * has more than one). A file is checked whole before use: zod for its shape, then what zod cannot
 * check — rule ids, catalog topics, profiles, guardrail settings and options, duplicate ids — each
 * problem reported as `file:line: …` (ConfigError, exit 2).
 */
import { existsSync, readdirSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { packageRoot } from '../package-root.js';
import { loadCatalog } from '../catalog/index.js';
import { SPECIAL_ATTESTATIONS } from '../catalog/schema.js';
import { readDataFile, type DataFile } from '../data-file.js';
import type { AnyRule } from '../engine/define-rule.js';
import { ConfigError } from '../errors.js';
import { explainIssue } from '../snapshot/validate.js';
import { editDistance } from '../edit-distance.js';
import { FrameworkSchema, type FrameworkFile, type Guardrail, type Profile, type Requirement } from './schema.js';
import { GUARDRAIL_SETTINGS } from './settings.js';
import { compileGuardrailCheck } from './guardrail-check.js';

export const MAX_FRAMEWORK_BYTES = 2 * 1024 * 1024;
const MAX_DEPTH = 32;

export interface LoadedFramework {
  file: FrameworkFile;
  /** The absolute path it was read from. */
  path: string;
  /** The path as shown in messages (relative for shipped files: `frameworks/asvs-5.0/framework.yaml`). */
  shown: string;
  shipped: boolean;
}

/** One profile of a loaded framework: what `--framework` selects. */
export interface FrameworkSelection {
  framework: LoadedFramework;
  profile: Profile;
  /** The requirements in this profile, in file order. */
  requirements: Requirement[];
}

/** The rules a framework file may name (the registry plus loaded policies). */
export type KnownRules = readonly Pick<AnyRule, 'id' | 'options'>[];

/** The folder of shipped framework files: frameworks/ at the package root. */
export function shippedFrameworksDir(): string {
  return join(packageRoot(), 'frameworks/');
}

function shippedFiles(): { path: string; shown: string }[] {
  const dir = shippedFrameworksDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'framework.yaml')))
    .map((d) => ({ path: join(dir, d.name, 'framework.yaml'), shown: `frameworks/${d.name}/framework.yaml` }))
    .sort((a, b) => (a.shown < b.shown ? -1 : 1));
}

const cache = new Map<string, LoadedFramework>();

/** Every framework shipped with the tool, checked against `rules`. */
export function shippedFrameworks(rules: KnownRules): LoadedFramework[] {
  return shippedFiles().map((f) => loadFrameworkFile(f.path, f.shown, rules, true));
}

/** Load and check one framework file. */
export function loadFrameworkFile(path: string, shown: string, rules: KnownRules, shipped = false): LoadedFramework {
  const key = `${shipped}:${path}:${rules.length}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const data = readDataFile(path, shown, { maxBytes: MAX_FRAMEWORK_BYTES, maxDepth: MAX_DEPTH, kind: 'framework file' });
  const parsed = FrameworkSchema.safeParse(data.value);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 20).map((i) => {
      const { path: p, expected } = i.code === 'invalid_union' || i.message === 'Invalid input' ? explainIssue(i, data.value) : { path: i.path, expected: i.message };
      return `${data.at(p)}: ${p.map(String).join('.') || '(root)'}: ${expected}`;
    });
    throw new ConfigError(`${shown}: invalid framework file\n${lines.map((l) => `  ${l}`).join('\n')}`);
  }
  const problems = crossCheck(parsed.data, data, rules);
  if (problems.length) throw new ConfigError(`${shown}: invalid framework file\n${problems.slice(0, 30).map((p) => `  ${p}`).join('\n')}`);
  const loaded = { file: parsed.data, path, shown, shipped };
  cache.set(key, loaded);
  return loaded;
}

/** What zod cannot check: every name the file uses must exist. */
function crossCheck(fw: FrameworkFile, data: DataFile, rules: KnownRules): string[] {
  const problems: string[] = [];
  const say = (path: readonly PropertyKey[], what: string) => problems.push(`${data.at(path)}: ${path.map(String).join('.')}: ${what}`);
  const ruleIds = new Map(rules.map((r) => [r.id, r]));
  const topicIds = loadCatalog().topicIds;
  const profileIds = new Set<string>();
  fw.profiles.forEach((p, i) => {
    if (profileIds.has(p.id)) say(['profiles', i, 'id'], `profile ${p.id} is defined twice`);
    profileIds.add(p.id);
  });
  const checkProfiles = (ids: readonly string[] | undefined, path: PropertyKey[]) =>
    (ids ?? []).forEach((id, k) => {
      if (!profileIds.has(id)) say([...path, k], `no such profile ${id}; this file's profiles: ${[...profileIds].join(', ')}`);
    });
  const seen = new Set<string>();
  const inProfile = new Map<string, number>([...profileIds].map((p) => [p, 0]));
  fw.requirements.forEach((r, i) => {
    const at = ['requirements', i];
    if (seen.has(r.id)) say([...at, 'id'], `requirement ${r.id} is listed twice`);
    seen.add(r.id);
    checkProfiles(r.profiles, [...at, 'profiles']);
    for (const p of profilesOf(fw, r)) {
      inProfile.set(p.id, (inProfile.get(p.id) ?? 0) + 1);
      // Guardrails limited to other profiles can leave a requirement with nothing to judge it by here.
      const guards = (r.guardrails ?? []).filter((g) => !g.profiles || g.profiles.includes(p.id));
      if (r.outOfScope === undefined && !r.manual && !r.rules?.length && !r.topics?.length && !guards.length) {
        say([...at, 'guardrails'], `in profile ${p.id} nothing judges requirement ${r.id}: its guardrails are for other profiles; add rules, a manual part, or a guardrail for ${p.id}`);
      }
    }
    (r.rules ?? []).forEach((id, k) => {
      if (!ruleIds.has(id)) say([...at, 'rules', k], `no such rule ${id}${nearest(id, [...ruleIds.keys()])}`);
    });
    (r.topics ?? []).forEach((t, k) => {
      if (!topicExists(t, topicIds)) say([...at, 'topics', k], `no such topic ${t} (a full id, or a suffix such as p2.authentication.mfa that both plans have; auth0-readiness catalog lists them)`);
    });
    const att = r.manual?.attestation;
    if (att && !(SPECIAL_ATTESTATIONS as readonly string[]).includes(att) && !topicIds.has(att) && att !== attestationIdOf(fw, r)) {
      say([...at, 'manual', 'attestation'], `${att} is not an attestation: use ${SPECIAL_ATTESTATIONS.join(', ')}, a catalog topic, or leave it out (${attestationIdOf(fw, r)})`);
    }
    (r.guardrails ?? []).forEach((g, k) => {
      const gat = [...at, 'guardrails', k];
      checkProfiles(g.profiles, [...gat, 'profiles']);
      problems.push(...checkGuardrail(g, ruleIds).map((p) => `${data.at(gat)}: ${gat.map(String).join('.')}: ${p}`));
    });
  });
  for (const [p, n] of inProfile) if (n === 0) say(['profiles'], `profile ${p} has no requirements`);
  return problems;
}

function checkGuardrail(g: Guardrail, rules: ReadonlyMap<string, Pick<AnyRule, 'id' | 'options'>>): string[] {
  if ('setting' in g) {
    const spec = GUARDRAIL_SETTINGS[g.setting];
    if (!spec) return [`no audit setting ${g.setting}${nearest(g.setting, Object.keys(GUARDRAIL_SETTINGS))}; settings with a threshold: ${Object.keys(GUARDRAIL_SETTINGS).join(', ')}`];
    return (g.min !== undefined || g.max !== undefined) && spec.type !== 'number' ? [`${g.setting} is not a number: use equals`] : [];
  }
  if ('rule' in g) {
    const rule = rules.get(g.rule);
    if (!rule) return [`no such rule ${g.rule}`];
    const spec = rule.options?.[g.option];
    if (!spec) return [`rule ${g.rule} has no option ${g.option}${rule.options ? `; its options: ${Object.keys(rule.options).join(', ')}` : ''}`];
    return (g.min !== undefined || g.max !== undefined) && spec.type !== 'number' ? [`option ${g.option} of ${g.rule} is not a number: use equals`] : [];
  }
  try {
    compileGuardrailCheck(g.check, 'check');
    return [];
  } catch (e) {
    return [e instanceof Error ? e.message : String(e)];
  }
}

function nearest(name: string, names: readonly string[]): string {
  const near = names.filter((n) => editDistance(name, n, { ignoreCase: true }) <= Math.max(2, Math.floor(n.length / 4)));
  return near.length ? ` (did you mean ${near.slice(0, 3).join(' or ')}?)` : '';
}

export function topicExists(t: string, topicIds: ReadonlySet<string>): boolean {
  return topicIds.has(t) || topicIds.has(`b2c.${t}`) || topicIds.has(`b2b.${t}`);
}

/** The attestation id that meets a requirement's manual part. */
export function attestationIdOf(fw: Pick<FrameworkFile, 'id'>, r: Pick<Requirement, 'id' | 'manual'>): string {
  return r.manual?.attestation ?? `${fw.id}:${r.id}`;
}

/**
 * How a requirement is judged in a profile (or in any profile, without one): by checks alone, by
 * checks and an attestation, by an attestation alone, or not at all. A guardrail limited to other
 * profiles is no check here.
 */
export function automationOf(r: Pick<Requirement, 'outOfScope' | 'guardrails' | 'rules' | 'topics' | 'manual'>, profileId?: string): 'automated' | 'partial' | 'manual' | 'out-of-scope' {
  if (r.outOfScope !== undefined) return 'out-of-scope';
  const guards = (r.guardrails ?? []).filter((g) => !profileId || !g.profiles || g.profiles.includes(profileId));
  const checked = !!(r.rules?.length || r.topics?.length || guards.length);
  return r.manual ? (checked ? 'partial' : 'manual') : 'automated';
}

/** The profiles a requirement belongs to. */
export function profilesOf(fw: FrameworkFile, r: Requirement): Profile[] {
  return fw.profiles.filter((p) => (r.profiles ? r.profiles.includes(p.id) : p.level >= (r.level ?? Infinity)));
}

export function selectProfile(framework: LoadedFramework, profile: Profile): FrameworkSelection {
  return { framework, profile, requirements: framework.file.requirements.filter((r) => profilesOf(framework.file, r).some((p) => p.id === profile.id)) };
}

/**
 * What `--framework <spec>` names: a shipped profile id (`asvs-5.0-L2`), a shipped framework id
 * with a single profile, or a file path (`path#profile` when the file has several profiles).
 */
export function resolveFramework(spec: string, opts: { cwd: string; rules: KnownRules; label?: string }): FrameworkSelection {
  const label = opts.label ?? `--framework ${spec}`;
  const [pathPart, wanted] = splitSpec(spec);
  const looksLikePath = /[\\/]|\.(ya?ml|json)$/i.test(pathPart);
  if (looksLikePath) {
    const abs = isAbsolute(pathPart) ? pathPart : resolve(opts.cwd, pathPart);
    // A shipped file named by its path is still the shipped framework.
    const shipped = shippedFiles().find((f) => resolve(f.path) === abs);
    const fw = shipped ? loadFrameworkFile(shipped.path, shipped.shown, opts.rules, true) : loadFrameworkFile(abs, pathPart, opts.rules);
    return pick(fw, wanted, label);
  }
  const shipped = shippedFrameworks(opts.rules);
  for (const fw of shipped) {
    const p = fw.file.profiles.find((x) => x.id === spec);
    if (p) return selectProfile(fw, p);
  }
  const byId = shipped.find((fw) => fw.file.id === spec);
  if (byId) return pick(byId, undefined, label);
  const all = shipped.flatMap((fw) => fw.file.profiles.map((p) => p.id));
  throw new ConfigError(`${label}: no such framework profile${nearest(spec, all)}; shipped: ${all.join(', ')} (or give a framework file's path)`);
}

function splitSpec(spec: string): [string, string | undefined] {
  const i = spec.lastIndexOf('#');
  return i > 0 ? [spec.slice(0, i), spec.slice(i + 1)] : [spec, undefined];
}

function pick(fw: LoadedFramework, wanted: string | undefined, label: string): FrameworkSelection {
  const profiles = fw.file.profiles;
  if (wanted) {
    const p = profiles.find((x) => x.id === wanted);
    if (!p) throw new ConfigError(`${label}: ${fw.shown} has no profile ${wanted}; its profiles: ${profiles.map((x) => x.id).join(', ')}`);
    return selectProfile(fw, p);
  }
  if (profiles.length === 1) return selectProfile(fw, profiles[0]!);
  throw new ConfigError(`${label}: ${fw.file.name} has ${profiles.length} profiles; name one: ${profiles.map((x) => x.id).join(', ')}`);
}
