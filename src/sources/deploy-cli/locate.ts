/**
 * Where a finding sits in a Deploy CLI export: the file and the line of the offending value
 * (`tenant.yaml:42`, `clients/Default App.json:7`), for SARIF physical locations and the reports.
 *
 * The files are parsed again with the `yaml` package's `LineCounter` (JSON is YAML), lazily and
 * once each, on the raw text as it is on disk (keyword markers in place), so a line is a line of
 * the file a user opens. A finding is placed by its resource: the export section or folder of
 * its type, the item whose `name` (`template`, `domain`, …) matches; then by its `field` path,
 * as deep as the file has it (a value the export leaves out is placed at its item). A finding
 * this cannot place gets no location. No guessing beyond that. Where each section keeps its
 * resource types is its handler's `places` (handlers.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { ResourceRef } from '../../engine/define-rule.js';
import { ATTACK_PROTECTION_PARTS, PLACES } from './handlers.js';

export interface SourceLocation {
  file: string;
  line: number;
  column?: number;
}

/** What a finding is located by. */
export interface Locatable {
  resource?: ResourceRef | undefined;
  field?: string | undefined;
  /**
   * The resources its rule reads (snapshot keys). A finding about a whole section ("no custom
   * domain") has no resource: it is placed at the section of the first of these the export has
   * (`customDomains:`, or its file in a directory export), not at the `tenant:` key.
   */
  needs?: readonly string[] | undefined;
}

export type Locator = (f: Locatable) => SourceLocation | undefined;

interface Parsed {
  rel: string;
  root: YamlNode | null;
  lines: LineCounter;
}

/** Snapshot resource key → the resource type whose place in PLACES is its section. */
const SECTION_OF_RESOURCE: Record<string, string> = {
  customDomains: 'custom-domain',
  emailProvider: 'email-provider',
  emailTemplates: 'email-template',
  logStreams: 'log-stream',
  guardianFactors: 'mfa-factor',
  guardianPolicies: 'mfa-policy',
  clients: 'client',
  connections: 'connection',
  resourceServers: 'resource-server',
  organizations: 'organization',
  roles: 'role',
  actions: 'action',
  rules: 'rule',
  hooks: 'hook',
  clientGrants: 'client-grant',
  branding: 'branding',
  prompts: 'prompts',
  forms: 'form',
  brandingTheme: 'theme',
};

/** Snapshot attack-protection keys → the attack-protection id (ATTACK_PROTECTION). */
const ATTACK_PROTECTION_OF_RESOURCE: Record<string, string> = {
  botDetection: 'bot-detection',
  breachedPasswordDetection: 'breached-password-detection',
  bruteForceProtection: 'brute-force-protection',
  suspiciousIpThrottling: 'suspicious-ip-throttling',
};

/** attack-protection ids → the YAML sub-key of `attackProtection` (the directory file is `attack-protection/<id>.json`). */
const ATTACK_PROTECTION: Record<string, string> = Object.fromEntries(ATTACK_PROTECTION_PARTS.map((p) => [p.id, p.sub]));

/** `options.attributes.email`, `callbacks[2]` → `['options', 'attributes', 'email']`, `['callbacks', 2]`. */
export function fieldPath(field: string | undefined): (string | number)[] {
  if (!field || /[\s/*]/.test(field)) return [];
  const out: (string | number)[] = [];
  for (const part of field.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return out;
    if (m[1]) out.push(m[1]);
    for (const i of (m[2] ?? '').matchAll(/\[(\d+)\]/g)) out.push(Number(i[1]));
  }
  return out;
}

/** The value of `key` in a map node, as a node. */
function child(node: YamlNode | null | undefined, key: string | number): YamlNode | undefined {
  if (!node) return undefined;
  if (isMap(node)) {
    for (const p of node.items) {
      const k = isScalar(p.key) ? p.key.value : p.key;
      if (k === key || String(k) === String(key)) return (p.value as YamlNode | null) ?? (p.key as YamlNode);
    }
    return undefined;
  }
  if (isSeq(node) && typeof key === 'number') return (node.items[key] as YamlNode | undefined) ?? undefined;
  return undefined;
}

/** The line of the key that holds `key` in a map (the line people read), else of the value. */
function keyNode(node: YamlNode | null | undefined, key: string | number): YamlNode | undefined {
  if (node && isMap(node)) {
    for (const p of node.items) {
      const k = isScalar(p.key) ? p.key.value : p.key;
      if (k === key || String(k) === String(key)) return (isScalar(p.key) ? p.key : (p.value as YamlNode)) ?? undefined;
    }
  }
  return child(node, key);
}

const scalar = (n: YamlNode | undefined): unknown => (n && isScalar(n) ? n.value : undefined);

function nameOf(r: ResourceRef): string[] {
  return [...new Set([r.name, r.id, r.id.replace(/^name:/, '')].filter((x): x is string => !!x))];
}

export function createLocator(root: string, format: 'yaml' | 'directory', yamlFile = 'tenant.yaml'): Locator {
  const cache = new Map<string, Parsed | null>();
  const parse = (rel: string): Parsed | null => {
    if (cache.has(rel)) return cache.get(rel) ?? null;
    let parsed: Parsed | null = null;
    try {
      const abs = join(root, rel);
      if (statSync(abs).size <= 64 * 1024 * 1024) {
        const lines = new LineCounter();
        const doc = parseDocument(readFileSync(abs, 'utf8'), { lineCounter: lines, uniqueKeys: false });
        parsed = { rel, root: (doc.contents as YamlNode | null) ?? null, lines };
      }
    } catch {
      parsed = null;
    }
    cache.set(rel, parsed);
    return parsed;
  };
  const list = (dir: string): string[] => {
    try {
      return readdirSync(join(root, dir), { withFileTypes: true })
        .flatMap((e) => (e.isFile() && /\.json$/i.test(e.name) ? [posix.join(dir, e.name)] : e.isDirectory() ? list(posix.join(dir, e.name)) : []))
        .sort();
    } catch {
      return [];
    }
  };
  const at = (p: Parsed, node: YamlNode | undefined): SourceLocation | undefined => {
    const off = node?.range?.[0];
    if (off === undefined) return undefined;
    const pos = p.lines.linePos(off);
    return { file: p.rel, line: pos.line, column: pos.col };
  };
  /** The deepest node of `path` under `base`, as a location. */
  const deepest = (p: Parsed, base: YamlNode | undefined, path: (string | number)[]): SourceLocation | undefined => {
    let node = base;
    let best = base;
    for (const k of path) {
      const next = child(node, k);
      if (!next) break;
      best = keyNode(node, k) ?? next;
      node = next;
    }
    return at(p, best);
  };
  /** The item of a list (or of a folder of files) whose key matches one of `names`. */
  const item = (p: Parsed, list: YamlNode | undefined, key: string, names: string[]): YamlNode | undefined => {
    if (!list || !isSeq(list)) return undefined;
    return (list.items as YamlNode[]).find((n) => names.includes(String(scalar(child(n, key)))));
  };

  const tenantBase = (): { p: Parsed; base: YamlNode | undefined } | undefined => {
    if (format === 'yaml') {
      const p = parse(yamlFile);
      return p ? { p, base: keyNode(p.root, 'tenant') ? child(p.root, 'tenant') : undefined } : undefined;
    }
    const p = parse('tenant.json');
    return p ? { p, base: p.root ?? undefined } : undefined;
  };

  /** The section a resource-less finding is about: its key in the YAML file, or its file in a directory export. */
  const section = (needs: readonly string[]): SourceLocation | undefined => {
    for (const need of needs) {
      if (need === 'tenantSettings') return undefined;
      const ap = ATTACK_PROTECTION_OF_RESOURCE[need];
      if (ap) {
        if (format === 'yaml') {
          const p = parse(yamlFile);
          const node = p ? keyNode(child(p.root, 'attackProtection'), ATTACK_PROTECTION[ap] ?? '') : undefined;
          if (p && node) return at(p, node);
        } else if (parse(`attack-protection/${ap}.json`)) return { file: `attack-protection/${ap}.json`, line: 1, column: 1 };
        continue;
      }
      for (const place of PLACES[SECTION_OF_RESOURCE[need] ?? ''] ?? []) {
        if (format === 'yaml') {
          const p = parse(yamlFile);
          const node = p ? keyNode(p.root, place.section) : undefined;
          if (p && node) return at(p, node);
          continue;
        }
        const files = place.dir.endsWith('.json') ? [place.dir] : list(place.dir);
        const first = files.find((rel) => parse(rel));
        if (first) return { file: first, line: 1, column: 1 };
      }
    }
    return undefined;
  };

  return (f) => {
    const path = fieldPath(f.field);
    const r = f.resource;
    if (!r && f.needs?.length) {
      const placed = section(f.needs);
      if (placed) return placed;
    }
    if (!r || r.type === 'tenant' || r.type === 'tenant-flag') {
      const t = tenantBase();
      if (!t?.base) return undefined;
      // A setting the export leaves out: the `tenant:` key (YAML) or the top of tenant.json.
      const first = path[0];
      if (first === undefined || !child(t.base, first)) return format === 'yaml' ? at(t.p, keyNode(t.p.root, 'tenant')) : { file: t.p.rel, line: 1, column: 1 };
      return deepest(t.p, t.base, path);
    }
    if (r.type === 'attack-protection') {
      const sub = ATTACK_PROTECTION[r.id];
      if (!sub) return undefined;
      if (format === 'yaml') {
        const p = parse(yamlFile);
        const base = p ? child(child(p.root, 'attackProtection'), sub) : undefined;
        return p && base ? deepest(p, base, path) : undefined;
      }
      const p = parse(`attack-protection/${r.id}.json`);
      return p?.root ? deepest(p, p.root, path) : undefined;
    }
    for (const place of PLACES[r.type] ?? []) {
      const names = nameOf(r);
      if (format === 'yaml') {
        const p = parse(yamlFile);
        if (!p) return undefined;
        const section = child(p.root, place.section);
        if (!section) continue;
        const base = place.key ? item(p, section, place.key, names) : section;
        if (base) return deepest(p, base, path);
        continue;
      }
      const files = place.dir.endsWith('.json') ? [place.dir] : list(place.dir);
      for (const rel of files) {
        const p = parse(rel);
        if (!p?.root) continue;
        if (!place.key) return deepest(p, p.root, path);
        const base = isSeq(p.root) ? item(p, p.root, place.key, names) : names.includes(String(scalar(child(p.root, place.key)))) ? p.root : undefined;
        if (base) return deepest(p, base, path);
      }
    }
    return undefined;
  };
}
