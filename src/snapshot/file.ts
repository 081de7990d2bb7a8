/**
 * Saved snapshots: a versioned, redacted JSON file of everything an audit read, with each
 * resource's status, so `audit --from <file>` re-evaluates it with no network.
 *
 * What is scrubbed before writing, beyond the redaction every snapshot already had:
 * - string literals that look like hard-coded secrets in Action code, custom database scripts,
 *   legacy Rules and Hooks are replaced by `[REDACTED:<preview>]` (still flagged as hard-coded
 *   secrets when the snapshot is re-evaluated, never readable);
 * - user metadata values in the user sample are replaced by their size and key names.
 */
import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { hardcodedSecrets, parseCode } from '../engine/code.js';
import { SnapshotSchema, type Snapshot } from './snapshot.js';
import { tolerantParse } from './validate.js';

export const SNAPSHOT_KIND = 'auth0-readiness-snapshot';
export const SNAPSHOT_VERSION = 1;
/** Larger files are refused before parsing: a real tenant's snapshot is a few MB. */
export const MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;

export const SnapshotFileSchema = SnapshotSchema.extend({
  kind: z.literal(SNAPSHOT_KIND),
  schemaVersion: z.literal(SNAPSHOT_VERSION),
  tool: z.object({ name: z.string(), version: z.string() }),
});
export type SnapshotFile = z.infer<typeof SnapshotFileSchema>;

/** Replace hard-coded secret literals in code by a redaction marker, keeping the code parseable. */
export function scrubCode(code: string): string {
  const parsed = parseCode(code);
  if (!parsed.ok) return code.length ? '/* [REDACTED: code that does not parse is not kept] */' : code;
  const hits = hardcodedSecrets(parsed);
  if (!hits.length) return code;
  const lines = code.split('\n');
  // Replace the first string literal at or after each hit's position on its line.
  for (const h of [...hits].sort((a, b) => b.line - a.line || b.column - a.column)) {
    const i = h.line - 1;
    const line = lines[i];
    if (line === undefined) continue;
    const from = h.column - 1;
    const m = /(['"`])((?:\\.|(?!\1).)*)\1/.exec(line.slice(from));
    if (!m) continue;
    const start = from + m.index;
    lines[i] = `${line.slice(0, start)}"[REDACTED:${h.preview.replace(/"/g, '')}]"${line.slice(start + m[0].length)}`;
  }
  return lines.join('\n');
}

function metadataSummary(v: unknown): unknown {
  if (v === undefined || v === null) return v;
  const json = JSON.stringify(v);
  return { $redacted: true, bytes: Buffer.byteLength(json ?? ''), keys: v && typeof v === 'object' ? Object.keys(v as object) : [] };
}

/** The snapshot as it may be written to disk. */
export function toSnapshotFile(s: Snapshot, tool: { name: string; version: string }): SnapshotFile {
  const copy = structuredClone(s);
  const r = copy.resources;
  if (r.actions?.ok) {
    for (const a of r.actions.data) {
      if (a.code) a.code = scrubCode(a.code);
      if (a.deployed_version?.code) a.deployed_version.code = scrubCode(a.deployed_version.code);
    }
  }
  for (const key of ['rules', 'hooks'] as const) {
    const res = r[key];
    if (res?.ok) for (const x of res.data) if (x.script) x.script = scrubCode(x.script);
  }
  if (r.connections?.ok) {
    for (const c of r.connections.data) {
      const scripts = c.options?.customScripts;
      if (scripts && typeof scripts === 'object') {
        for (const [k, v] of Object.entries(scripts as Record<string, unknown>)) {
          if (typeof v === 'string') (scripts as Record<string, unknown>)[k] = scrubCode(v);
        }
      }
    }
  }
  if (r.usersSample?.ok) {
    for (const u of r.usersSample.data.sample) {
      u.user_metadata = metadataSummary(u.user_metadata);
      u.app_metadata = metadataSummary(u.app_metadata);
    }
  }
  return { kind: SNAPSHOT_KIND, schemaVersion: SNAPSHOT_VERSION, tool, ...copy };
}

/** Read and validate a saved snapshot. Bad input is a ConfigError (exit 2) naming the file. */
export function readSnapshotFile(path: string): Snapshot {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch {
    throw new ConfigError(`${path}: no such file`);
  }
  if (!st.isFile()) throw new ConfigError(`${path}: not a snapshot file, nor a Deploy CLI export (tenant.yaml or an export directory)`);
  const size = st.size;
  if (size > MAX_SNAPSHOT_BYTES) throw new ConfigError(`${path}: ${size} bytes is larger than a snapshot can be (${MAX_SNAPSHOT_BYTES})`);
  const text = readFileSync(path, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg);
    const where = pos ? ` at line ${text.slice(0, Number(pos[1])).split('\n').length}` : '';
    throw new ConfigError(`${path}: not valid JSON${where}: ${msg.replace(/^.*?: /, '')}`);
  }
  if (!raw || typeof raw !== 'object' || (raw as { kind?: unknown }).kind !== SNAPSHOT_KIND) {
    throw new ConfigError(`${path}: not an auth0-readiness snapshot (no "kind": "${SNAPSHOT_KIND}")`);
  }
  const v = (raw as { schemaVersion?: unknown }).schemaVersion;
  if (v !== SNAPSHOT_VERSION) throw new ConfigError(`${path}: snapshot schemaVersion ${String(v)} is not supported (this version reads ${SNAPSHOT_VERSION})`);
  // Tolerant of what the API can return (nulls for optional values and inside lists); anything else
  // invalid is named with its path and the expectation.
  const parsed = tolerantParse(SnapshotFileSchema, raw);
  if (!parsed.ok) throw new ConfigError(`${path}: invalid snapshot: ${parsed.error}`);
  const { kind: _k, schemaVersion: _v, tool: _t, ...snapshot } = parsed.data;
  return { ...(snapshot as Snapshot), source: { kind: 'snapshot', path } };
}
