/**
 * The two Deploy CLI export formats, read into one shape: the Deploy CLI's own "assets" (the YAML
 * document's top-level keys), with every referenced side file loaded in place, as the Deploy CLI
 * does before an import. A section is present when the export holds it, even empty; absent when
 * it was excluded or never managed (in the directory format: no folder, or no file).
 *
 * Side files that are missing are tolerated: the value becomes `undefined` and a warning names
 * the file. Code (Action code, Rule/Hook scripts, custom database scripts) with an unresolved
 * keyword is also left `undefined`: the code is not assessable.
 */
import { posix } from 'node:path';
import { ConfigError } from '../../errors.js';
import type { ExportFiles } from './files.js';
import { hasSentinel } from './keywords.js';
import { folderOf, HANDLER_BY_KEY, SECTION_HANDLERS, shapeError } from './sections.js';

export const SECTIONS = [
  'tenant',
  'migrations',
  'pages',
  'clients',
  'databases',
  'connections',
  'clientGrants',
  'resourceServers',
  'roles',
  'rules',
  'hooks',
  'actions',
  'triggers',
  'organizations',
  'emailProvider',
  'emailTemplates',
  'attackProtection',
  'guardianFactors',
  'guardianPolicies',
  'guardianPhoneFactorSelectedProvider',
  'phoneProviders',
  'logStreams',
  'customDomains',
  'prompts',
  'branding',
  'themes',
  'selfServiceProfiles',
  'forms',
  'networkACLs',
  'eventStreams',
] as const;
export type Section = (typeof SECTIONS)[number];

export type Item = Record<string, unknown>;

export interface Assets {
  sections: Partial<Record<Section, unknown>>;
  /** Where each section was read from (a file or folder relative to the root), for messages. */
  origin: Partial<Record<Section, string>>;
  /** Parts of a present section that are missing (e.g. `prompts` without prompts.json): key → why. */
  partial: Partial<Record<string, string>>;
}

/**
 * Folders that mark a directory as a Deploy CLI export: the folder of every section the audit
 * reads (sections.ts), e.g. clients/, database-connections/, emails/, guardian/.
 */
export const DIRECTORY_MARKERS: readonly string[] = [
  ...new Set(SECTION_HANDLERS.filter((h) => h.resources.length).flatMap((h) => folderOf(h) ?? [])),
];

/** Custom database script names the Deploy CLI reads. */
const DATABASE_SCRIPTS = ['get_user', 'create', 'verify', 'login', 'change_password', 'delete', 'change_email'];

export function isItem(v: unknown): v is Item {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

export function itemsOf(v: unknown): Item[] {
  return Array.isArray(v) ? v.filter(isItem) : [];
}

/** A YAML value that names a file rather than holding content. */
function looksLikePath(v: string): boolean {
  return !v.includes('\n') && !v.includes('<') && /\.(?:js|cjs|mjs|html?|json|liquid|txt)\s*$/i.test(v);
}

class SideFiles {
  constructor(
    readonly files: ExportFiles,
    readonly warnings: string[],
  ) {}

  /**
   * Resolve a file reference against base folders (relative to the root). Directory exports
   * written by a0deploy name Action code by a path relative to where the export ran
   * (`<output folder>/actions/<name>/code.js`): shorter and shorter suffixes of the reference
   * are tried too, always inside the export root.
   */
  resolve(ref: string, bases: readonly string[], from: string, what: string): string | undefined {
    const clean = ref.trim().replace(/\\/g, '/');
    const candidates: string[] = [];
    for (const b of bases) candidates.push(posix.normalize(posix.join(b, clean)));
    const outside = candidates.some((c) => c === '..' || c.startsWith('../')) || posix.isAbsolute(clean);
    if (outside) {
      this.warnings.push(`${from}: file ${ref} (${what}) leads outside the export: not read, the value is unknown`);
      return undefined;
    }
    const segs = clean.split('/').filter((s) => s !== '' && s !== '.');
    for (let k = 1; k < segs.length; k++) candidates.push(segs.slice(k).join('/'));
    for (const c of candidates) if (this.files.kind(c) === 'file') return c;
    return undefined;
  }

  /** HTML or other text: the content, or undefined (with a warning) when the file is missing. */
  text(ref: unknown, bases: readonly string[], from: string, what: string): string | undefined {
    if (typeof ref !== 'string') return undefined;
    if (ref === '' || !looksLikePath(ref)) return ref;
    const rel = this.resolve(ref, bases, from, what);
    if (rel === undefined) {
      if (!posix.isAbsolute(ref) && !ref.includes('..')) this.warnings.push(`${from}: file ${ref} (${what}) is missing: the value is unknown`);
      return undefined;
    }
    return this.files.readSide(rel);
  }

  /** Code: as `text`, but code holding an unresolved keyword is not assessable either. */
  code(ref: unknown, bases: readonly string[], from: string, what: string): string | undefined {
    if (typeof ref !== 'string') return undefined;
    const inline = ref === '' || !looksLikePath(ref);
    let text: string | undefined;
    if (inline) text = ref;
    else {
      const rel = this.resolve(ref, bases, from, what);
      if (rel === undefined) {
        if (!posix.isAbsolute(ref) && !ref.includes('..')) this.warnings.push(`${from}: file ${ref} (${what}) is missing: the code is not assessable`);
        return undefined;
      }
      text = this.files.readSide(rel);
    }
    if (hasSentinel(text)) {
      for (const m of this.files.markers.markersIn(text)) {
        m.reported = true;
        this.warnings.push(`${m.file}:${m.line}: unresolved keyword ${m.marker} in ${what}: the code is not assessable`);
      }
      return undefined;
    }
    return text;
  }

  /** A JSON side file (YAML form bodies). */
  json(ref: unknown, bases: readonly string[], from: string, what: string): unknown {
    if (typeof ref !== 'string' || !looksLikePath(ref)) return undefined;
    const rel = this.resolve(ref, bases, from, what);
    if (rel === undefined) {
      if (!posix.isAbsolute(ref) && !ref.includes('..')) this.warnings.push(`${from}: file ${ref} (${what}) is missing: the value is unknown`);
      return undefined;
    }
    return this.files.readJson(rel);
  }
}

const label = (x: Item, i: number): string => (typeof x.name === 'string' ? x.name : typeof x.template === 'string' ? x.template : `#${i}`);

/** Drop entries whose value is undefined (a missing side file), keep the rest. */
function defined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function loadScripts(side: SideFiles, scripts: unknown, bases: readonly string[], from: string, dbName: string): Record<string, unknown> | undefined {
  if (!isItem(scripts)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [name, ref] of Object.entries(scripts)) {
    if (!DATABASE_SCRIPTS.includes(name)) {
      side.warnings.push(`${from}: custom script "${name}" of ${dbName} is not one the Deploy CLI reads: ignored`);
      continue;
    }
    out[name] = side.code(ref, bases, from, `the ${name} script of database ${dbName}`);
  }
  return defined(out);
}

// ------------------------------------------------------------------------------------------------
// YAML

export function readYamlAssets(files: ExportFiles, rel: string): Assets {
  const doc = files.readYaml(rel);
  const assets: Assets = { sections: {}, origin: {}, partial: {} };
  // An empty file, or a YAML document none of whose keys is a Deploy CLI section (a
  // docker-compose.yml, a CI workflow), is not an export: read as one it would be an "empty
  // export" with every resource missing. Refused, like a section of the wrong shape.
  if (doc === null || doc === undefined) throw new ConfigError(`${files.shown(rel)}:1: not a Deploy CLI export: the file is empty`);
  if (!isItem(doc)) throw new ConfigError(`${files.shown(rel)}:1: not a Deploy CLI export: the document is not a mapping of resource types (tenant, clients, …)`);
  const keys = Object.keys(doc);
  if (!keys.some((k) => HANDLER_BY_KEY.has(k))) {
    const shown = keys.slice(0, 3).join(', ') + (keys.length > 3 ? ', …' : '');
    throw new ConfigError(`${files.shown(rel)}:1: not a Deploy CLI export: none of its top-level keys (${shown || 'none'}) is a Deploy CLI section such as tenant, clients or connections`);
  }
  for (const k of keys) {
    const h = HANDLER_BY_KEY.get(k);
    const err = h && doc[k] !== null && doc[k] !== undefined ? shapeError(h, doc[k]) : undefined;
    if (err) throw new ConfigError(`${files.shown(rel)}: ${err} (as the Deploy CLI writes it): not a Deploy CLI export as written`);
  }
  const s = assets.sections;
  for (const k of SECTIONS) {
    const v = doc[k];
    if (v !== undefined && v !== null) {
      s[k] = v;
      assets.origin[k] = rel;
    }
  }
  const side = new SideFiles(files, files.warnings);
  const at = (section: string, x: Item, i: number) => `${rel} ${section}[${label(x, i)}]`;

  if (s.pages !== undefined) {
    s.pages = itemsOf(s.pages).map((p, i) => ('html' in p ? { ...p, html: side.text(p.html, [''], at('pages', p, i), 'page HTML') } : p));
  }
  if (s.clients !== undefined) {
    s.clients = itemsOf(s.clients).map((c, i) =>
      typeof c.custom_login_page === 'string' ? { ...c, custom_login_page: side.text(c.custom_login_page, ['clients', ''], at('clients', c, i), 'custom login page') } : c,
    );
  }
  if (s.databases !== undefined) {
    s.databases = itemsOf(s.databases).map((d, i) => {
      const options = isItem(d.options) ? d.options : {};
      const scripts = loadScripts(side, options.customScripts ?? d.customScripts, [''], at('databases', d, i), label(d, i));
      return { ...d, options: { ...options, ...(scripts ? { customScripts: scripts } : {}) } };
    });
  }
  if (s.connections !== undefined) {
    s.connections = itemsOf(s.connections).map((c, i) => withEmailBody(side, c, ['', 'connections'], at('connections', c, i)));
  }
  if (s.emailTemplates !== undefined) {
    s.emailTemplates = itemsOf(s.emailTemplates).map((t, i) => ({ ...t, body: side.text(t.body, [''], at('emailTemplates', t, i), 'email body') }));
  }
  if (isItem(s.branding) && Array.isArray(s.branding.templates)) {
    const b = s.branding;
    s.branding = { ...b, templates: itemsOf(b.templates).map((t, i) => ({ ...t, body: side.text(t.body, [''], `${rel} branding.templates[${label(t, i)}]`, 'page template') })) };
  }
  if (s.actions !== undefined) {
    s.actions = itemsOf(s.actions).map((a, i) => ({ ...a, code: side.code(a.code, ['', 'actions'], at('actions', a, i), `the code of action ${label(a, i)}`) }));
  }
  for (const k of ['rules', 'hooks'] as const) {
    if (s[k] !== undefined) {
      s[k] = itemsOf(s[k]).map((x, i) => ({ ...x, script: side.code(x.script, ['', k], at(k, x, i), `the script of ${k === 'rules' ? 'rule' : 'hook'} ${label(x, i)}`) }));
    }
  }
  if (s.forms !== undefined) {
    s.forms = itemsOf(s.forms).map((f, i) => {
      if (typeof f.body !== 'string') return f;
      const body = side.json(f.body, [''], at('forms', f, i), 'form body');
      const { body: _b, ...rest } = f;
      return isItem(body) ? { ...rest, ...body, name: f.name ?? body.name } : rest;
    });
  }
  return assets;
}

function withEmailBody(side: SideFiles, c: Item, bases: readonly string[], from: string): Item {
  const options = c.options;
  if (!isItem(options) || !isItem(options.email) || typeof options.email.body !== 'string' || !looksLikePath(options.email.body)) return c;
  return { ...c, options: { ...options, email: { ...options.email, body: side.text(options.email.body, bases, from, 'passwordless email body') } } };
}

// ------------------------------------------------------------------------------------------------
// Directory

const ATTACK_PROTECTION_FILES: Record<string, string> = {
  'breached-password-detection': 'breachedPasswordDetection',
  'brute-force-protection': 'bruteForceProtection',
  'suspicious-ip-throttling': 'suspiciousIpThrottling',
  'bot-detection': 'botDetection',
  captcha: 'captcha',
};

/** Simple folders: one JSON file per item (sections.ts `dirItems`). */
const LIST_FOLDERS = SECTION_HANDLERS.filter((h) => h.dirItems && SECTIONS.includes(h.key as Section)).map((h) => [h.key as Section, folderOf(h) as string] as const);

export function readDirectoryAssets(files: ExportFiles): Assets {
  const assets: Assets = { sections: {}, origin: {}, partial: {} };
  const s = assets.sections;
  const side = new SideFiles(files, files.warnings);
  const set = (k: Section, v: unknown, origin: string) => {
    s[k] = v;
    assets.origin[k] = origin;
  };
  const dir = (rel: string) => files.kind(rel) === 'dir';
  const file = (rel: string) => files.kind(rel) === 'file';
  const jsons = (rel: string) => files.list(rel, ['.json']).files;
  // One file per item: a file that does not hold a mapping is not an item the Deploy CLI wrote
  // (`42` in clients/x.json is not "no client"). Refused, like a section of the wrong shape.
  const item = (f: string): Item => {
    const v = files.readJson(f);
    if (!isItem(v)) throw new ConfigError(`${files.shown(f)}: the file holds ${Array.isArray(v) ? 'a list' : v === null ? 'null' : `a ${typeof v}`}, expected a mapping (one item, as the Deploy CLI writes it): not a Deploy CLI export as written`);
    return v;
  };
  const items = (rel: string) => jsons(rel).map((f) => [f, item(f)] as const);

  if (file('tenant.json')) set('tenant', files.readJson('tenant.json'), 'tenant.json');
  if (file('migrations.json')) {
    const m = files.readJson('migrations.json');
    set('migrations', isItem(m) && isItem(m.migrations) ? m.migrations : m, 'migrations.json');
  }

  for (const [k, folder] of LIST_FOLDERS) {
    if (dir(folder)) set(k, items(folder).map(([, x]) => x), `${folder}/`);
  }

  if (dir('clients')) {
    set(
      'clients',
      items('clients')
        .map(([f, c]) => (typeof c.custom_login_page === 'string' ? { ...c, custom_login_page: side.text(c.custom_login_page, ['clients'], f, 'custom login page') } : c)),
      'clients/',
    );
  }

  if (dir('database-connections')) {
    const dbs: Item[] = [];
    for (const d of files.list('database-connections', []).dirs) {
      const db = readDatabaseFolder(files, side, d);
      if (db) dbs.push(db);
    }
    set('databases', dbs, 'database-connections/');
  }

  if (dir('connections')) {
    set(
      'connections',
      items('connections')
        .map(([f, c]) => withEmailBody(side, c, ['connections'], f)),
      'connections/',
    );
  }

  for (const [k, folder, what] of [
    ['rules', 'rules', 'rule'],
    ['hooks', 'hooks', 'hook'],
  ] as const) {
    if (!dir(folder)) continue;
    set(
      k,
      items(folder)
        .map(([f, x]) => ({ ...x, script: side.code(x.script, [folder], f, `the script of ${what} ${label(x, 0)}`) })),
      `${folder}/`,
    );
  }

  if (dir('actions')) {
    set(
      'actions',
      items('actions')
        .map(([f, a]) => {
          const name = typeof a.name === 'string' ? a.name : '';
          return { ...a, code: side.code(a.code, [`actions/${name}`, 'actions', ''], f, `the code of action ${label(a, 0)}`) };
        }),
      'actions/',
    );
  }

  if (dir('triggers')) {
    const list = jsons('triggers');
    const f = list.find((x) => x.endsWith('/triggers.json')) ?? list[0];
    if (f) set('triggers', files.readJson(f), f);
    else assets.partial.triggers = 'triggers/ holds no triggers.json';
  }

  if (dir('emails')) {
    const { files: found } = files.list('emails', ['.json', '.html']);
    if (found.includes('emails/provider.json')) set('emailProvider', files.readJson('emails/provider.json'), 'emails/provider.json');
    set('emailTemplates', pairs(files, side, found.filter((f) => f !== 'emails/provider.json'), 'emails', 'body', 'email template', 'email body'), 'emails/');
  }

  if (dir('pages')) {
    const { files: found } = files.list('pages', ['.json', '.html']);
    set('pages', pairs(files, side, found, 'pages', 'html', 'page', 'page HTML'), 'pages/');
  }

  if (dir('attack-protection')) {
    const ap: Item = {};
    for (const f of jsons('attack-protection')) {
      const key = ATTACK_PROTECTION_FILES[posix.basename(f, '.json')];
      if (key) ap[key] = files.readJson(f);
    }
    set('attackProtection', ap, 'attack-protection/');
  }

  if (dir('guardian')) {
    if (dir('guardian/factors')) set('guardianFactors', items('guardian/factors').map(([, x]) => x), 'guardian/factors/');
    if (file('guardian/policies.json')) set('guardianPolicies', files.readJson('guardian/policies.json'), 'guardian/policies.json');
    if (file('guardian/phoneFactorSelectedProvider.json')) {
      set('guardianPhoneFactorSelectedProvider', files.readJson('guardian/phoneFactorSelectedProvider.json'), 'guardian/phoneFactorSelectedProvider.json');
    }
  }

  // One file holds the array of tenant phone providers (Deploy CLI `phone-providers/provider.json`).
  if (file('phone-providers/provider.json')) set('phoneProviders', files.readJson('phone-providers/provider.json'), 'phone-providers/provider.json');

  if (dir('custom-domains')) {
    const domains: unknown[] = [];
    for (const f of jsons('custom-domains')) {
      const v = files.readJson(f);
      if (Array.isArray(v)) domains.push(...v);
      else if (isItem(v)) domains.push(v);
    }
    set('customDomains', domains, 'custom-domains/');
  }

  if (dir('prompts')) {
    const prompts: Item = {};
    if (file('prompts/prompts.json')) {
      const v = files.readJson('prompts/prompts.json');
      if (isItem(v)) Object.assign(prompts, v);
    } else assets.partial.prompts = 'prompts/ holds no prompts.json';
    if (file('prompts/custom-text.json')) prompts.customText = files.readJson('prompts/custom-text.json');
    set('prompts', prompts, 'prompts/');
  }

  if (dir('branding')) {
    let branding: Item = {};
    if (file('branding/branding.json')) {
      const v = files.readJson('branding/branding.json');
      if (isItem(v)) branding = { ...v };
    } else assets.partial.branding = 'branding/ holds no branding.json';
    if (dir('branding/templates')) {
      branding.templates = items('branding/templates')
        .map(([f, t]) => {
          const byName = `branding/templates/${String(t.template)}.html`;
          const body = typeof t.body === 'string' && looksLikePath(t.body) ? side.text(t.body, ['branding/templates'], f, 'page template') : file(byName) ? files.readSide(byName) : t.body;
          return { ...t, body };
        });
    }
    set('branding', branding, 'branding/');
  }

  // The files that hold a whole section (tenant.json, triggers.json, policies.json, …) must have
  // the shape the Deploy CLI writes: `42` in tenant.json is not "no settings".
  for (const [k, v] of Object.entries(s)) {
    const h = HANDLER_BY_KEY.get(k);
    const err = h ? shapeError(h, v) : undefined;
    if (err) throw new ConfigError(`${files.shown(assets.origin[k as Section] ?? k)}: ${err} (as the Deploy CLI writes it): not a Deploy CLI export as written`);
  }
  return assets;
}

/**
 * Folders of `<name>.json` metadata with a `<name>.html` body (emails, pages). The Deploy CLI
 * pairs them by file name; a page or template whose metadata names no body file has none.
 */
function pairs(files: ExportFiles, side: SideFiles, found: string[], folder: string, bodyKey: string, what: string, bodyWhat: string): Item[] {
  const byName = new Map<string, { json?: string; html?: string }>();
  for (const f of found) {
    const ext = posix.extname(f).toLowerCase();
    const name = posix.basename(f, posix.extname(f));
    const e = byName.get(name) ?? {};
    if (ext === '.json') e.json = f;
    else e.html = f;
    byName.set(name, e);
  }
  const out: Item[] = [];
  for (const [name, e] of byName) {
    if (!e.json) {
      files.warnings.push(`${e.html}: no ${name}.json next to it: the ${what} is not read (as the Deploy CLI skips it)`);
      continue;
    }
    const meta = files.readJson(e.json);
    if (!isItem(meta)) continue;
    const ref = meta[bodyKey];
    let body: string | undefined;
    if (e.html) body = files.readSide(e.html);
    else if (typeof ref === 'string' && looksLikePath(ref)) body = side.text(ref, [folder], e.json, bodyWhat);
    else if (typeof ref === 'string') body = ref;
    out.push(body === undefined && !(bodyKey in meta) ? meta : { ...meta, [bodyKey]: body });
  }
  return out;
}

/**
 * `database-connections/<name>/database.json` with the scripts it names; or the legacy layout of
 * the source-control extensions: `settings.json` (options, enabled clients) and the scripts
 * found by file name (`login.js`, `get_user.js`, …).
 */
function readDatabaseFolder(files: ExportFiles, side: SideFiles, d: string): Item | undefined {
  const folderName = posix.basename(d);
  let meta: unknown;
  let legacy = false;
  if (files.kind(`${d}/database.json`) === 'file') meta = files.readJson(`${d}/database.json`);
  else if (files.kind(`${d}/settings.json`) === 'file') {
    meta = files.readJson(`${d}/settings.json`);
    legacy = true;
  } else {
    files.warnings.push(`${d}/: no database.json (nor a legacy settings.json): the folder is not read`);
    return undefined;
  }
  if (!isItem(meta)) return undefined;
  const options: Item = isItem(meta.options) ? { ...meta.options } : {};
  const from = legacy ? `${d}/settings.json` : `${d}/database.json`;
  const name = typeof meta.name === 'string' ? meta.name : folderName;
  let scripts = loadScripts(side, options.customScripts ?? meta.customScripts, [d], from, name);
  if (legacy && !scripts) {
    const found: Record<string, unknown> = {};
    for (const f of files.list(d, ['.js']).files) {
      const script = posix.basename(f, '.js');
      if (DATABASE_SCRIPTS.includes(script)) found[script] = side.code(`./${script}.js`, [d], from, `the ${script} script of database ${name}`);
    }
    if (Object.keys(found).length) {
      scripts = defined(found);
      if (options.enabledDatabaseCustomization === undefined) options.enabledDatabaseCustomization = true;
    }
  }
  const { customScripts: _c, ...rest } = meta;
  return { ...rest, name, options: { ...options, ...(scripts ? { customScripts: scripts } : {}) } };
}
