/**
 * What the per-section handlers (handlers.ts) share while mapAssets (map.ts) turns a Deploy CLI
 * export into snapshot resources: the read context, the synthetic ids every reference by name
 * resolves to, and the state one mapping run writes its results into.
 */
import type { ResourceKey } from '../../snapshot/resources.js';
import type { ResourceFailure, ResourceResult } from '../../snapshot/snapshot.js';
import type { Assets, Item, Section } from './formats.js';
import type { MarkerRegistry } from './keywords.js';

export interface MapContext {
  markers: MarkerRegistry;
  warnings: string[];
  /** AUTH0_EXCLUDED / AUTH0_INCLUDED_ONLY of the Deploy CLI config, to explain absent sections. */
  excluded?: ReadonlySet<string>;
  includedOnly?: ReadonlySet<string>;
  configPath?: string;
  /** The export's format: a directory export loses empty folders to git (see absentText). */
  format?: 'yaml' | 'directory';
}

export type WithId = Item & { id: string };

export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Synthetic ids: stable, unique within one list, the same wherever a name refers to the item. */
export class Ids {
  private readonly byName = new Map<string, string>();
  private readonly used = new Set<string>();

  assign(item: Item, idKey: string, name: string | undefined, index: number): string {
    let id = str(item[idKey]) ?? `name:${name ?? `#${index}`}`;
    if (this.used.has(id)) {
      let n = 2;
      while (this.used.has(`${id}#${n}`)) n++;
      id = `${id}#${n}`;
    }
    this.used.add(id);
    if (name !== undefined && !this.byName.has(name)) this.byName.set(name, id);
    return id;
  }

  /** The id a reference by name (or by id, in exports made with identifiers) points to. */
  ref(nameOrId: string): string {
    return this.byName.get(nameOrId) ?? (this.used.has(nameOrId) ? nameOrId : `name:${nameOrId}`);
  }

  knows(nameOrId: string): boolean {
    return this.byName.has(nameOrId) || this.used.has(nameOrId);
  }
}

/**
 * The items other sections refer to by name, with their ids assigned before any handler runs, so
 * a reference resolves against every item the export names, whichever section is complete.
 */
export interface References {
  clientIds: Ids;
  /** The exported clients, each with its `client_id` (and `cross_origin_auth` read as the API names it). */
  clientItems: Item[];
  connIds: Ids;
  /** Databases (strategy auth0 by default) then the other connections, each with its `id`. */
  connItems: WithId[];
  actionIds: Ids;
  actionItems: WithId[];
  /** The `pages` section's items; the login page lives on the global client. */
  pages: Item[];
  loginPage: Item | undefined;
}

/** One mapping run: what a handler reads and how it records the resources it builds. */
export interface MapState {
  assets: Assets;
  ctx: MapContext;
  refs: References;
  has(k: Section): boolean;
  /** "<sections> is/are not in the export (why)". */
  absentText(...sections: Section[]): string;
  absent(...sections: Section[]): ResourceFailure;
  /** Record a resource read from `sources` (scanned for unresolved keywords). */
  set(key: ResourceKey, data: unknown, ...sources: unknown[]): void;
  fail(key: ResourceKey, f: ResourceFailure): void;
  /** A resource recorded so far in this run. */
  result(key: ResourceKey): ResourceResult<unknown> | undefined;
}
