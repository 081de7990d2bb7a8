/**
 * Test tenants in the style of ESLint's RuleTester: a compliant baseline (the go-live-ready
 * fixture) and small named changes to it.
 *
 *   tenant((t) => { t.customDomains = [] })            // data change
 *   tenant(unavailable('logStreams'))                   // 403 insufficient_scope
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TenantFixture } from '../emulator/fixture.js';
import { RESOURCES, type ResourceDataMap, type ResourceKey } from '../../src/snapshot/resources.js';
import { failure, ok, type FailureReason, type Snapshot } from '../../src/snapshot/snapshot.js';
import { snapshotFromResources } from '../../src/snapshot/from-resources.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
export const FIXTURES_DIR = `${REPO_ROOT}/fixtures/tenants/`;

export function readFixture(name: string): TenantFixture {
  return JSON.parse(readFileSync(`${FIXTURES_DIR}${name}.json`, 'utf8')) as TenantFixture;
}

/** A snapshot with every resource of the fixture read successfully. */
export function snapshotOf(fixture: TenantFixture): Snapshot {
  return snapshotFromResources(fixture.domain, fixture.resources as Record<string, unknown>, { collectedAt: '2026-11-22T00:00:00.000Z', planGated: fixture.planGated });
}

export type Mutator = (t: Partial<ResourceDataMap>, s: Snapshot) => void;

/** The baseline tenant (go-live-ready B2C), with changes applied in order. */
export function tenant(...changes: Mutator[]): Snapshot {
  return tenantFrom('go-live-ready-b2c', ...changes);
}

export function tenantFrom(fixture: string, ...changes: Mutator[]): Snapshot {
  const s = snapshotOf(readFixture(fixture));
  const data = new Proxy({} as Partial<ResourceDataMap>, {
    get: (_, k: string) => {
      const r = s.resources[k as ResourceKey];
      return r && r.ok ? r.data : undefined;
    },
    set: (_, k: string, v: unknown) => {
      (s.resources as Record<string, unknown>)[k] = ok(v);
      return true;
    },
  });
  for (const c of changes) c(data, s);
  return s;
}

/** The resource could not be read (default: a 403 insufficient_scope naming its scope). */
export function unavailable(key: ResourceKey, reason: FailureReason = 'missing-scope'): Mutator {
  return (_, s) => {
    const scopes = [...RESOURCES[key].scopes].slice(0, 1);
    (s.resources as Record<string, unknown>)[key] =
      reason === 'missing-scope'
        ? failure('missing-scope', `the token lacks ${scopes.join(' or ')} (403 insufficient_scope)`, scopes)
        : failure(reason, `${RESOURCES[key].title}: ${reason}`);
  };
}
