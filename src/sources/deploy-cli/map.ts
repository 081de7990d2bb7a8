/**
 * Deploy CLI assets → snapshot resources.
 *
 * - Exports carry no ids (AUTH0_EXPORT_IDENTIFIERS is off by default) and reference clients,
 *   connections and actions by NAME. Every item keeps its id when the export has one, else gets
 *   a stable synthetic id `name:<name>`; every reference by name resolves to the same id, so
 *   `connectionClients`, grants, organization connections and post-login bindings agree with
 *   the lists they point into.
 * - A section absent from the export (excluded, or never managed) makes every resource it would
 *   hold `not-in-export`: absent is not off. Resources no Deploy CLI section holds at all
 *   (signing keys, logs, users, organization members, SCIM) are `not-in-export` too.
 * - A value holding an unresolved keyword makes the resource it belongs to `error` ("unresolved
 *   keyword ##KEY## at file:line"), except in secret fields (client secrets, provider
 *   credentials, log-stream sinks…: whatever the redactor removes), which the audit never
 *   judges; the Deploy CLI's own secret placeholders there are normal and not even reported.
 * - Every resource is validated against its registry schema and redacted, like a live read.
 *
 * Each section's own mapping is its handler's (handlers.ts); mapAssets assigns the ids references
 * resolve to, runs the handlers in order, then checks keywords, shape and redaction for all.
 */
import { redact, REDACTED } from '../../snapshot/redact.js';
import { tolerantParse } from '../../snapshot/validate.js';
import { RESOURCE_KEYS, RESOURCES, type ResourceKey } from '../../snapshot/resources.js';
import { failure, ok, type ResourceFailure, type ResourceResult, type SnapshotResources, type UnheldField } from '../../snapshot/snapshot.js';
import { isItem, itemsOf, type Assets, type Item, type Section } from './formats.js';
import { HANDLERS } from './handlers.js';
import { hasSentinel, type MarkerEntry, type MarkerRegistry } from './keywords.js';
import { Ids, str, type MapContext, type MapState, type References, type WithId } from './map-context.js';
import { NEVER_EXPORTED, reachDetail, SECTION_HANDLERS } from './sections.js';

export { MANAGEMENT_API_NOTE } from './handlers.js';
export type { MapContext } from './map-context.js';

/** Resources no Deploy CLI section holds: never in an export (the reach table, sections.ts). */
export const NOT_IN_DEPLOY_CLI: readonly ResourceKey[] = NEVER_EXPORTED.map((n) => n.resource);

/** The resources each Deploy CLI section holds (or helps hold), from the reach table (sections.ts). */
export const SECTION_RESOURCES: Readonly<Partial<Record<Section, readonly ResourceKey[]>>> = Object.fromEntries(
  SECTION_HANDLERS.filter((h) => h.resources.length && h.key !== 'migrations').map((h) => [h.key, h.key === 'pages' ? ['tenantSettings'] : h.resources]),
);

/** Secret placeholders the Deploy CLI writes on export: normal, never reported. */
const DEPLOY_CLI_PLACEHOLDER =
  /^##(?:CONNECTIONS_[A-Z0-9_]+_SECRET|LOGSTREAMS_[A-Z0-9_]+_SECRET|CAPTCHA_[A-Z0-9_]+|[A-Z0-9]+_API_KEY|SMTP_(?:HOSTNAME|PORT|USER|PASS)|SES_(?:ACCESS_KEY_ID|ACCESS_SECRET_KEY|AWS_REGION)|AZURE_CS_CONNECTION_KEY|MS365_[A-Z0-9_]+|TWILIO_AUTH_TOKEN|EVENT_STREAM_[A-Z0-9_]+)##$/;

export function isDeployCliPlaceholder(marker: string): boolean {
  return DEPLOY_CLI_PLACEHOLDER.test(marker);
}

/** Sections a directory export keeps in files at the root, not in a folder of their own. */
const ROOT_FILE_SECTIONS = new Set<Section>(['tenant', 'migrations']);

const secretKeyCache = new Map<string, boolean>();
/** A key whose value the redactor removes (so the audit never judges it). */
function isSecretKey(k: string): boolean {
  let v = secretKeyCache.get(k);
  if (v === undefined) {
    const asString = (redact({ [k]: 'x' }) as Record<string, unknown>)[k];
    const asObject = (redact({ [k]: { x: 1 } }) as Record<string, unknown>)[k];
    v = asString === REDACTED || asObject === REDACTED;
    secretKeyCache.set(k, v);
  }
  return v;
}

/**
 * Older exports name cross-origin authentication `cross_origin_auth` (deprecated by the API, which
 * returns `cross_origin_authentication`). a0deploy import sends the old value under the new name
 * when only the old one is set (tools/auth0/handlers/clients.ts, sanitizeCrossOriginAuth): read it so.
 */
function crossOriginAlias(c: Item): Item {
  if (!('cross_origin_auth' in c)) return c;
  const { cross_origin_auth: legacy, ...rest } = c;
  return 'cross_origin_authentication' in rest ? rest : { ...rest, cross_origin_authentication: legacy };
}

export function mapAssets(assets: Assets, ctx: MapContext): SnapshotResources {
  const S = assets.sections;
  const has = (k: Section) => S[k] !== undefined;
  const results: Partial<Record<ResourceKey, ResourceResult<unknown>>> = {};
  const taint = new Map<ResourceKey, MarkerEntry[]>();
  const taintTitles = new Map<MarkerEntry, Set<string>>();

  const absentText = (...sections: Section[]): string => {
    const names = sections.join(' and ');
    const verb = sections.length > 1 ? 'are' : 'is';
    const excluded = sections.filter((s) => ctx.excluded?.has(s) || (ctx.includedOnly && !ctx.includedOnly.has(s)));
    let why = excluded.length && ctx.configPath ? `excluded by ${ctx.configPath}` : 'excluded or not managed';
    if (!excluded.length && ctx.format === 'directory' && !sections.some((s) => ROOT_FILE_SECTIONS.has(s))) {
      // a0deploy writes no folder for zero Actions or Hooks, and git keeps no empty folder.
      why += sections.some((s) => s === 'actions' || s === 'hooks') ? ', or there are none: a0deploy writes no folder then' : ', or its folder was empty and git did not keep it';
    }
    return `${names} ${verb} not in the export (${why})`;
  };
  const absent = (...sections: Section[]): ResourceFailure => failure('not-in-export', absentText(...sections));

  /** Record the unresolved keywords found in `sources` outside secret fields against `keys`. */
  const check = (keys: readonly ResourceKey[], ...sources: unknown[]) => {
    for (const src of sources) {
      scan(src, false, false, (m, secret) => {
        if (secret) {
          if (!m.reported && !isDeployCliPlaceholder(m.marker)) ctx.warnings.push(`${m.file}:${m.line}: unresolved keyword ${m.marker} in a secret field (never judged by the audit)`);
          m.reported = true;
          return;
        }
        for (const k of keys) {
          const list = taint.get(k) ?? [];
          if (!list.includes(m)) list.push(m);
          taint.set(k, list);
          const titles = taintTitles.get(m) ?? new Set<string>();
          titles.add(RESOURCES[k].title);
          taintTitles.set(m, titles);
        }
      });
    }
  };
  const scan = (v: unknown, secret: boolean, inSecrets: boolean, on: (m: MarkerEntry, secret: boolean) => void): void => {
    if (typeof v === 'string') {
      // The Deploy CLI's own placeholder for a value it never exports: not a keyword to resolve
      // (dropPlaceholders below makes the field unheld instead of the resource unknown).
      if (hasSentinel(v) && placeholderIn(ctx.markers, v) !== undefined) {
        for (const m of ctx.markers.markersIn(v)) m.reported = true;
        return;
      }
      if (hasSentinel(v)) for (const m of ctx.markers.markersIn(v)) on(m, secret);
    } else if (Array.isArray(v)) {
      for (const x of v) scan(x, secret, inSecrets, on);
    } else if (isItem(v)) {
      for (const [k, x] of Object.entries(v)) {
        if (hasSentinel(k)) for (const m of ctx.markers.markersIn(k)) on(m, secret);
        const childSecret = secret || isSecretKey(k) || (inSecrets && k !== 'name');
        scan(x, childSecret, k === 'secrets' && Array.isArray(x), on);
      }
    }
  };
  const set = (key: ResourceKey, data: unknown, ...sources: unknown[]) => {
    results[key] = ok(data);
    check([key], ...sources);
  };
  const fail = (key: ResourceKey, f: ResourceFailure) => {
    results[key] = f;
  };

  // Ids first: references resolve against every item the export names, whichever section is complete.
  const clientIds = new Ids();
  const clientItems = itemsOf(S.clients).map((c, i): Item => ({ ...crossOriginAlias(c), client_id: clientIds.assign(c, 'client_id', str(c.name), i) }));
  const connIds = new Ids();
  const dbItems = itemsOf(S.databases).map((d): Item => ({ ...d, strategy: str(d.strategy) ?? 'auth0' }));
  const connItems = [...dbItems, ...itemsOf(S.connections)].map((c, i): WithId => ({ ...c, id: connIds.assign(c, 'id', str(c.name), i) }));
  const actionIds = new Ids();
  const actionItems = itemsOf(S.actions).map((a, i): WithId => ({ ...a, id: actionIds.assign(a, 'id', str(a.name), i) }));
  const pages = itemsOf(S.pages);
  const loginPage = pages.find((p) => p.name === 'login');
  const refs: References = { clientIds, clientItems, connIds, connItems, actionIds, actionItems, pages, loginPage };

  // Each section's handler builds its resources (handlers.ts), in the handlers' order.
  const state: MapState = { assets, ctx, refs, has, absentText, absent, set, fail, result: (key) => results[key] };
  for (const h of HANDLERS) h.map?.(state);

  // Finalise: unresolved keywords, shape, redaction.
  const resources: Record<string, ResourceResult<unknown>> = {};
  for (const key of RESOURCE_KEYS) {
    const title = RESOURCES[key].title;
    const r = results[key];
    if (!r) {
      const never = NEVER_EXPORTED.find((n) => n.resource === key);
      resources[key] = failure(never ? 'out-of-reach' : 'not-in-export', never ? `${title}: ${reachDetail(never)}` : `${title} is not part of a Deploy CLI export`);
      continue;
    }
    if (!r.ok) {
      resources[key] = r;
      continue;
    }
    const tainted = taint.get(key);
    if (tainted?.length) {
      const first = tainted[0] as MarkerEntry;
      const more = tainted.length > 1 ? ` (and ${tainted.length - 1} more)` : '';
      resources[key] = failure('error', `unresolved keyword ${first.marker} at ${first.file}:${first.line}${more}`);
      continue;
    }
    // The Deploy CLI's placeholders are never judged as values: dropped, and the field unheld.
    const placeholders = dropPlaceholders(ctx.markers, r.data);
    // Tolerant: a null for an optional value, or inside a list, is read as absent (as from the API).
    const parsed = tolerantParse(RESOURCES[key].schema, placeholders.data, key);
    if (!parsed.ok) {
      const where = `: ${parsed.error}`;
      resources[key] = failure('error', `the export does not have the expected shape${where}`);
      ctx.warnings.push(`${title}: the export does not have the expected shape${where}: the resource is unknown`);
      continue;
    }
    const read = ok(restoreDeep(ctx.markers, redact(parsed.data)));
    const unheld = [...(r.unheld ?? []), ...strippedFields(key, parsed.data), ...placeholders.unheld];
    resources[key] = unheld.length ? { ...read, unheld } : read;
  }

  // One warning per unresolved keyword occurrence.
  for (const [m, titles] of taintTitles) {
    if (m.reported) continue;
    m.reported = true;
    ctx.warnings.push(`${m.file}:${m.line}: unresolved keyword ${m.marker}: ${[...titles].join(', ')} unknown`);
  }
  for (const m of ctx.markers.entries) {
    if (m.reported) continue;
    m.reported = true;
    if (!isDeployCliPlaceholder(m.marker)) ctx.warnings.push(`${m.file}:${m.line}: unresolved keyword ${m.marker}`);
  }
  return resources as SnapshotResources;
}

/**
 * The fields of a read resource the Deploy CLI strips on every export (sections.ts), when this
 * export indeed lacks them: out of reach. An export that holds one anyway (INCLUDED_PROPS re-adds
 * read-only fields) is judged on it. In a list, a field no item holds.
 */
export function strippedFields(key: ResourceKey, data: unknown): UnheldField[] {
  const out: UnheldField[] = [];
  for (const h of SECTION_HANDLERS) {
    for (const s of h.strips ?? []) {
      if (s.resource !== key) continue;
      const items = Array.isArray(data) ? data : [data];
      if (s.heldIf ? s.heldIf(data) : items.some((x) => valueAt(x, s.field) !== undefined)) continue;
      if (!out.some((u) => u.field === s.field)) out.push({ field: s.field, detail: reachDetail(s), reason: 'out-of-reach' });
    }
  }
  return out;
}

/** What the Deploy CLI writes for a value it never exports (hook secrets, log-stream sink secrets). */
const VALUE_NOT_SHOWN = '_VALUE_NOT_SHOWN_';

/** The Deploy CLI placeholder `v` consists of (`##LOGSTREAMS_SEGMENT_SECRET##`, `_VALUE_NOT_SHOWN_`), if it is one. */
function placeholderIn(markers: MarkerRegistry, v: string): string | undefined {
  if (v === VALUE_NOT_SHOWN) return v;
  if (!hasSentinel(v)) return undefined;
  const restored = markers.restore(v);
  return isDeployCliPlaceholder(restored) ? restored : undefined;
}

/**
 * The resource's data without the Deploy CLI's placeholders, which stand for a value the export
 * never holds (src/context/defaults.ts writes `##…##` whether or not the tenant has a value;
 * `_VALUE_NOT_SHOWN_` is what the API returns for a secret): judging one as the literal value would
 * be judging the exporter. Each becomes an unheld field, out of reach. Fields the redactor removes
 * anyway (secrets) are left to it. In a list, paths are relative to the item, as rules name them.
 */
function dropPlaceholders(markers: MarkerRegistry, data: unknown): { data: unknown; unheld: UnheldField[] } {
  const unheld: UnheldField[] = [];
  const walk = (v: unknown, path: string[]): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x, path));
    if (!isItem(v)) return v;
    const out: Item = {};
    for (const [k, x] of Object.entries(v)) {
      const p = typeof x === 'string' && !isSecretKey(k) ? placeholderIn(markers, x) : undefined;
      if (p === undefined) {
        out[k] = walk(x, [...path, k]);
        continue;
      }
      const field = [...path, k].join('.');
      if (!unheld.some((u) => u.field === field)) {
        unheld.push({ field, reason: 'out-of-reach', detail: `the export holds the Deploy CLI placeholder ${p} in place of the value (src/context/defaults.ts): needs a live audit` });
      }
    }
    return out;
  };
  const out = walk(data, []);
  return { data: out, unheld };
}

function valueAt(v: unknown, path: string): unknown {
  let cur = v;
  for (const part of path.split('.')) {
    if (!isItem(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

function restoreDeep(markers: MarkerRegistry, v: unknown): unknown {
  if (typeof v === 'string') return hasSentinel(v) ? markers.restore(v) : v;
  if (Array.isArray(v)) return v.map((x) => restoreDeep(markers, x));
  if (isItem(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [hasSentinel(k) ? markers.restore(k) : k, restoreDeep(markers, x)]));
  return v;
}
