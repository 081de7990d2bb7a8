/**
 * Auth0 Deploy CLI exports as an audit source: `a0deploy export` output in either format, YAML
 * (`tenant.yaml` + side files) or directory (`tenant.json`, `clients/`, `database-connections/`,
 * …), read offline into the same Snapshot a live read produces.
 *
 *   const { snapshot, warnings } = readDeployCliExport('./tenant', { deployConfigPath: './config.json' });
 *   const report = await audit({ source: { kind: 'snapshot', snapshot } });
 *
 * Keywords are replaced as the Deploy CLI replaces them (mappings from the config's
 * AUTH0_KEYWORD_REPLACE_MAPPINGS, overridden by `keywords`); an unresolved keyword makes what it
 * touches unknown, never a crash. A section missing from the export is `not-in-export`, never
 * "off". See docs/offline.md.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ConfigError } from '../../errors.js';
import type { Snapshot } from '../../snapshot/snapshot.js';
import { ExportFiles, locateJsonError, MAX_FILE_BYTES } from './files.js';
import { DIRECTORY_MARKERS, isItem, readDirectoryAssets, readYamlAssets, type Assets } from './formats.js';
import { MarkerRegistry, type KeywordMappings } from './keywords.js';
import { mapAssets } from './map.js';
import { createLocator, type Locator } from './locate.js';

export { parseKeywordFlag } from './keywords.js';
export { createLocator, type Locator, type SourceLocation } from './locate.js';
export { MANAGEMENT_API_NOTE, NOT_IN_DEPLOY_CLI, SECTION_RESOURCES, isDeployCliPlaceholder } from './map.js';

export interface DeployCliOptions {
  /** Keyword mappings; they override AUTH0_KEYWORD_REPLACE_MAPPINGS of the config file. */
  keywords?: Record<string, unknown>;
  /** The Deploy CLI config JSON (AUTH0_DOMAIN, AUTH0_KEYWORD_REPLACE_MAPPINGS, AUTH0_EXCLUDED, …). */
  deployConfigPath?: string;
}

/** The tenant domain shown when neither the config nor the export says it. */
export const UNKNOWN_DOMAIN = 'deploy-cli-export';

/**
 * Which Deploy CLI format `path` is: a `.yaml`/`.yml` file (or a folder holding `tenant.yaml`),
 * or a directory holding `tenant.json` or Deploy CLI folders (`clients/`, `database-connections/`,
 * `emails/`, …). Undefined otherwise.
 */
export function detectDeployCliExport(path: string): 'yaml' | 'directory' | undefined {
  let st;
  try {
    st = statSync(path);
  } catch {
    return undefined;
  }
  if (st.isFile()) return /\.ya?ml$/i.test(path) ? 'yaml' : undefined;
  if (!st.isDirectory()) return undefined;
  const isFile = (p: string) => {
    try {
      return statSync(resolve(path, p)).isFile();
    } catch {
      return false;
    }
  };
  const isDir = (p: string) => {
    try {
      return statSync(resolve(path, p)).isDirectory();
    } catch {
      return false;
    }
  };
  if (isFile('tenant.json')) return 'directory';
  // The folder of a YAML export (tenant.yaml next to its side-file folders).
  if (yamlIn(path)) return 'yaml';
  if (DIRECTORY_MARKERS.some(isDir)) return 'directory';
  return undefined;
}

/** `tenant.yaml` (or `.yml`) inside a folder, if there is one. */
function yamlIn(dir: string): string | undefined {
  for (const name of ['tenant.yaml', 'tenant.yml']) {
    try {
      if (statSync(resolve(dir, name)).isFile()) return join(dir, name);
    } catch {
      // not this one
    }
  }
  return undefined;
}

interface DeployConfig {
  domain?: string;
  mappings: Record<string, unknown>;
  excluded: Set<string>;
  includedOnly?: Set<string>;
}

/** The parts of a Deploy CLI config file this reader uses. Secrets in it are never read out. */
function readDeployConfig(path: string, warnings: string[]): DeployConfig {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > MAX_FILE_BYTES) throw new ConfigError(`${path}: ${size} bytes is larger than a Deploy CLI config may be: refused`);
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`${path}: no such Deploy CLI config file`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const loc = locateJsonError(text);
    const line = text.slice(0, loc.offset).split('\n').length;
    throw new ConfigError(`${path}:${line}: not valid JSON: ${loc.message}`);
  }
  if (!isItem(raw)) throw new ConfigError(`${path}:1: a Deploy CLI config is a JSON object`);
  let mappings: unknown = raw.AUTH0_KEYWORD_REPLACE_MAPPINGS ?? {};
  if (typeof mappings === 'string') {
    try {
      mappings = JSON.parse(mappings);
    } catch {
      throw new ConfigError(`${path}: AUTH0_KEYWORD_REPLACE_MAPPINGS is a string that is not JSON`);
    }
  }
  if (!isItem(mappings)) throw new ConfigError(`${path}: AUTH0_KEYWORD_REPLACE_MAPPINGS must be an object of KEY: value`);
  const list = (k: string): Set<string> | undefined => {
    const v = raw[k];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      warnings.push(`${path}: ${k} is not a list of resource types: ignored`);
      return undefined;
    }
    return new Set(v as string[]);
  };
  const domain = typeof raw.AUTH0_DOMAIN === 'string' ? raw.AUTH0_DOMAIN : undefined;
  const includedOnly = list('AUTH0_INCLUDED_ONLY');
  return {
    ...(domain !== undefined ? { domain } : {}),
    mappings,
    excluded: list('AUTH0_EXCLUDED') ?? new Set(),
    ...(includedOnly ? { includedOnly } : {}),
  };
}

function normaliseDomain(d: string): string | undefined {
  const host = d.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(host) ? host : undefined;
}

/**
 * Read a Deploy CLI export (either format, detected) into a Snapshot. Throws ConfigError for a
 * path that is not an export, malformed YAML/JSON (with file and line), or input over the bounds.
 * `warnings` lists what the reader could not use (missing side files, unresolved keywords, …).
 */
export function readDeployCliExport(path: string, opts: DeployCliOptions = {}): { snapshot: Snapshot; warnings: string[]; locate: Locator } {
  const warnings: string[] = [];
  const config: DeployConfig = opts.deployConfigPath ? readDeployConfig(opts.deployConfigPath, warnings) : { mappings: {}, excluded: new Set() };
  const mappings: KeywordMappings = { ...config.mappings, ...(opts.keywords ?? {}) };

  let st;
  try {
    st = statSync(path);
  } catch {
    throw new ConfigError(`${path}: no such file or directory`);
  }
  const format = detectDeployCliExport(path);
  if (!format) {
    throw new ConfigError(
      `${path}: not a Deploy CLI export: expected a .yaml/.yml file, or a directory holding tenant.json or Deploy CLI folders such as clients/, database-connections/, emails/`,
    );
  }
  const markers = new MarkerRegistry();
  let assets: Assets;
  let mtime = st.mtime;
  let locate: Locator;
  if (format === 'yaml') {
    const yamlPath = st.isDirectory() ? (yamlIn(path) as string) : path;
    locate = createLocator(dirname(yamlPath), 'yaml', basename(yamlPath));
    if (yamlPath !== path) mtime = statSync(yamlPath).mtime;
    const files = new ExportFiles(dirname(yamlPath), dirname(yamlPath), mappings, markers, warnings);
    assets = readYamlAssets(files, basename(yamlPath));
  } else {
    const files = new ExportFiles(path, path, mappings, markers, warnings);
    locate = createLocator(path, 'directory');
    try {
      mtime = statSync(resolve(path, 'tenant.json')).mtime;
    } catch {
      // no tenant.json: the folder's own time
    }
    assets = readDirectoryAssets(files);
  }

  // a0deploy writes no actions/ folder for zero Actions: when the config the export was made with
  // does not exclude them, no folder means none. (Not so for hooks/: current versions write none
  // whatever the tenant holds, sections.ts, so its absence is out of reach.)
  if (format === 'directory' && opts.deployConfigPath) {
    const excluded = (s: string) => config.excluded.has(s) || (config.includedOnly !== undefined && !config.includedOnly.has(s));
    for (const [section, what] of [['actions', 'Actions']] as const) {
      if (assets.sections[section] !== undefined || excluded(section)) continue;
      assets.sections[section] = [];
      assets.origin[section] = `${section}/`;
      warnings.push(`note: no ${section}/ folder and ${opts.deployConfigPath} does not exclude ${section}: read as no ${what} (a0deploy writes no folder for zero ${what})`);
    }
  }

  const resources = mapAssets(assets, {
    markers,
    warnings,
    excluded: config.excluded,
    ...(config.includedOnly ? { includedOnly: config.includedOnly } : {}),
    ...(opts.deployConfigPath ? { configPath: opts.deployConfigPath } : {}),
    format,
  });

  let domain = config.domain !== undefined ? normaliseDomain(config.domain) : undefined;
  if (config.domain !== undefined && domain === undefined) {
    warnings.push(`${opts.deployConfigPath}: AUTH0_DOMAIN ${JSON.stringify(config.domain)} is not a tenant domain: the report names the tenant "${UNKNOWN_DOMAIN}"`);
  } else if (domain === undefined) {
    warnings.push(`the tenant domain is not in the export: the report names it "${UNKNOWN_DOMAIN}" (pass the Deploy CLI config with AUTH0_DOMAIN to name it)`);
  }
  domain ??= UNKNOWN_DOMAIN;

  return {
    snapshot: {
      tenant: { domain },
      source: { kind: 'deploy-cli', path },
      collectedAt: mtime.toISOString(),
      resources,
    },
    warnings,
    locate,
  };
}
