/**
 * The config file together with the organisation policies it and `--policy` name. Policy files
 * load first (config `policies:` paths relative to the config file's directory, `--policy` paths
 * relative to the working directory), so that the rest of the config — rule overrides, waivers —
 * is validated against the built-in rules and the policies alike: `rules: { org/x: warning }` is
 * as valid as a built-in id, and a typo in either is exit 2.
 */
import { dirname } from 'node:path';
import { ConfigSchema, type Config } from '../config/schema.js';
import { readConfigFile, validateConfig, type KnownRules } from '../config/load.js';
import { loadPolicies, type Policy } from './load.js';

export interface LoadedConfig {
  config: Config;
  path?: string;
  policies: Policy[];
}

export function loadConfigAndPolicies(explicit: string | undefined, cwd: string, builtins: KnownRules, policyFlags: readonly string[] = []): LoadedConfig {
  const { raw, path } = readConfigFile(explicit, cwd);
  const listed = ConfigSchema.shape.policies.safeParse((raw as { policies?: unknown } | null)?.policies);
  // A malformed `policies:` entry is reported with the rest of the config's problems.
  if (path && !listed.success) validateConfig(raw, path, builtins);
  const files = [
    ...(path && listed.success ? (listed.data ?? []).map((p) => ({ path: p, base: dirname(path) })) : []),
    ...policyFlags.map((p) => ({ path: p, base: cwd })),
  ];
  const policies = loadPolicies(files, cwd, new Set(builtins.map((r) => r.id)));
  if (!path) return { config: {}, policies };
  const config = validateConfig(raw, path, [...builtins, ...policies.map((p) => p.rule)]);
  return { config, path, policies };
}
