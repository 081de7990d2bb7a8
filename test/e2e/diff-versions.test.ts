/**
 * `diff` between two versions of one real field export (../shared/field/, third-party content not
 * committed: absent, the test is skipped with its path in the title), on the built CLI: each kind
 * of change a rule judges is reported — a log stream removed, the custom domain and the email
 * provider removed, the support email changed, a localhost callback added.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { runCli } from '../support/cli.js';
import type { DriftReport } from '../../src/multi/drift.js';

const FIELD = fileURLToPath(new URL('../../../shared/field/dse-example-apps/tenant.yaml', import.meta.url));

describe.skipIf(!existsSync(FIELD))(`diff of two versions of ${FIELD}`, () => {
  it('reports each change the rules would judge, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'diff-versions-'));
    // Version 1: the export as published, with a log stream, a custom domain and a support email.
    const v1 = parseDocument(readFileSync(FIELD, 'utf8'));
    v1.set('logStreams', [{ name: 'Datadog', type: 'datadog', status: 'active', sink: { datadogRegion: 'us' } }]);
    v1.set('customDomains', [{ domain: 'login.rosnovsky.us', type: 'auth0_managed_certs', status: 'ready' }]);
    v1.setIn(['tenant', 'support_email'], 'support@rosnovsky.us');
    // Version 2: the log stream, custom domain and email provider removed, the support email
    // changed, a localhost callback added to the first client with callbacks.
    const v2 = parseDocument(v1.toString());
    v2.set('logStreams', []);
    v2.set('customDomains', []);
    v2.set('emailProvider', {});
    v2.setIn(['tenant', 'support_email'], 'help@example.org');
    const clients = v2.get('clients', true) as { items: { get(k: string, keep?: boolean): unknown; set(k: string, v: unknown): void }[] };
    const client = clients.items.find((c) => (c.get('callbacks', true) as { items?: unknown[] } | undefined)?.items?.length);
    expect(client).toBeDefined();
    const name = String(client?.get('name'));
    const callbacks = (client?.get('callbacks', true) as { items: { value: string }[] }).items.map((i) => i.value);
    client?.set('callbacks', [...callbacks, 'http://localhost:3000/callback']);
    for (const [v, doc] of [['v1', v1], ['v2', v2]] as const) {
      mkdirSync(join(dir, v));
      writeFileSync(join(dir, v, 'tenant.yaml'), doc.toString());
    }
    const r = await runCli(['diff', 'v1/tenant.yaml', 'v2/tenant.yaml', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const drift = JSON.parse(r.stdout) as DriftReport;
    const paths = drift.entries.map((e) => e.path);
    expect(paths).toContain('log-streams/Datadog');
    expect(drift.entries).toContainEqual(expect.objectContaining({ path: 'custom-domains/custom domains/count', a: 1, b: 0 }));
    expect(paths.some((p) => p.startsWith('email-provider/provider'))).toBe(true);
    expect(drift.entries).toContainEqual(expect.objectContaining({ path: 'tenant/settings/support_email', a: 'support@rosnovsky.us', b: 'help@example.org' }));
    const cb = drift.entries.find((e) => e.path === `clients/${name}/callbacks`);
    expect(cb?.b).toContain('http://localhost:3000/callback');
    expect(cb?.a).not.toContain('http://localhost:3000/callback');
  }, 60_000);
});
