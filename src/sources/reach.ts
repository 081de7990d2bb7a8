/**
 * The reach of each source, as data: what it can never hold. A check that needs something outside
 * its source's reach is "needs a live audit" (src/engine/live-audit.ts), not a read failure; what a
 * source could hold but this copy lacks still fails closed.
 *
 * - The live Management API read and a saved snapshot of it reach everything the audit reads: what
 *   they lack is a scope, a plan or an error, each reported as such.
 * - A Deploy CLI export reaches what the Deploy CLI writes: src/sources/deploy-cli/sections.ts, one
 *   row per export section, with the Deploy CLI source file and version of each gap.
 */
import type { ResourceKey } from '../snapshot/resources.js';
import type { SourceKind } from '../snapshot/snapshot.js';
import { DEPLOY_CLI_REFERENCE, NEVER_EXPORTED, SECTION_HANDLERS } from './deploy-cli/sections.js';

export interface ReachGap {
  resource: ResourceKey;
  /** A field of the resource; absent: the whole resource. */
  field?: string;
  why: string;
  cite: string;
}

export interface SourceReach {
  /** What the table was read from. */
  reference: string;
  /** What the source can never hold; empty: everything the audit reads. */
  never: readonly ReachGap[];
  /** Deploy CLI sections current versions leave out whatever the tenant holds. */
  absentOnCurrentExports?: readonly (ReachGap & { section: string })[];
}

const EVERYTHING: SourceReach = { reference: 'the Management API v2: every resource the audit reads', never: [] };

export const REACH: Readonly<Record<SourceKind, SourceReach>> = {
  'management-api': EVERYTHING,
  // A saved snapshot carries each resource's own status (missing scope, error, or the reach of the
  // source it was read from): saving adds no gap of its own.
  snapshot: { reference: 'the source the snapshot was read from: each resource keeps its status', never: [] },
  fixture: EVERYTHING,
  'deploy-cli': {
    reference: DEPLOY_CLI_REFERENCE,
    never: [
      ...NEVER_EXPORTED,
      ...SECTION_HANDLERS.flatMap((h) => (h.strips ?? []).map(({ resource, field, why, cite }) => ({ resource, field, why, cite }))),
    ],
    absentOnCurrentExports: SECTION_HANDLERS.flatMap((h) =>
      h.absentOnCurrentExports ? h.resources.map((resource) => ({ section: h.key, resource, ...h.absentOnCurrentExports! })) : [],
    ),
  },
};
