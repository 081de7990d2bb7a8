/** Connection helpers shared by rules. */
import type { ConnectionData } from '../snapshot/resources.js';
import type { ResourceResult } from '../snapshot/snapshot.js';

/**
 * Client ids enabled on a connection: from `/connections/{id}/clients` when it was read, else the
 * legacy inline `enabled_clients`; `undefined` when neither is known.
 */
export function enabledClientsOf(c: ConnectionData, perConnection: ResourceResult<Record<string, string[]>> | undefined): string[] | undefined {
  return (perConnection?.ok ? perConnection.data[c.id] : undefined) ?? c.enabled_clients;
}

/** A plain object inside untyped connection `options`, else `undefined`. */
export function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
