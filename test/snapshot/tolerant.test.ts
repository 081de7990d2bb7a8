/**
 * Tolerant reading, precise errors (issue 10 §5): what the Management API can plausibly return (a
 * null inside a list, a null optional string, an extra field) never rejects a response, a saved
 * snapshot or a Deploy CLI export; what is genuinely invalid is rejected with its path and the
 * expectation, never zod's bare "Invalid input".
 */
import { rules as RULES } from '../../rules/index.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validateConfig } from '../../src/config/load.js';
import { readSnapshotFile, toSnapshotFile } from '../../src/snapshot/file.js';
import { RESOURCES } from '../../src/snapshot/resources.js';
import { formatIssue, tolerantParse } from '../../src/snapshot/validate.js';
import { readDeployCliExport } from '../../src/sources/deploy-cli/index.js';
import { snapshotOf, readFixture } from '../support/tenant.js';

const dir = mkdtempSync(join(tmpdir(), 'tolerant-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const clients = () => [
  { client_id: 'a', name: 'A', allowed_logout_urls: ['https://a.example/logout'] },
  { client_id: 'b', name: 'B', callbacks: ['https://b.example/cb', null, 'https://b.example/cb2'], description: null, initiate_login_uri: null, extra_field_from_a_newer_api: { x: 1 } },
];

describe('tolerantParse against the resource schemas', () => {
  it('reads a null inside a list as absent, a null optional string as absent, keeps extra fields', () => {
    const r = tolerantParse(RESOURCES.clients.schema, clients(), 'clients');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const b = r.data[1] as Record<string, unknown>;
    expect(b.callbacks).toEqual(['https://b.example/cb', 'https://b.example/cb2']);
    expect(b.extra_field_from_a_newer_api).toEqual({ x: 1 });
    expect(r.dropped).toContain('clients[1].callbacks[1]');
  });
  it('never modifies its input', () => {
    const input = clients();
    tolerantParse(RESOURCES.clients.schema, input, 'clients');
    expect(input[1]?.callbacks).toHaveLength(3);
  });
  it('every list item of a list that is all nulls goes, index by index', () => {
    const r = tolerantParse(z.array(z.object({ u: z.array(z.string()) })), [{ u: [null, 'x', null, null, 'y'] }, { u: [null] }]);
    expect(r).toMatchObject({ ok: true, data: [{ u: ['x', 'y'] }, { u: [] }] });
  });
  it('a null the schema allows stays', () => {
    const r = tolerantParse(RESOURCES.emailProvider.schema, null, 'emailProvider');
    expect(r).toMatchObject({ ok: true, data: null });
  });
  it('genuinely invalid input: path and expectation', () => {
    const bad = clients();
    (bad[0] as Record<string, unknown>).allowed_logout_urls = [42];
    const r = tolerantParse(RESOURCES.clients.schema, bad, 'resources.clients');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBe('resources.clients[0].allowed_logout_urls[0]: expected string, got a number (42)');
  });
  it('a null where a value is required is reported as the null it was', () => {
    const r = tolerantParse(RESOURCES.customDomains.schema, [{ domain: null, status: 'ready' }], 'customDomains');
    expect(r).toMatchObject({ ok: false, error: 'customDomains[0].domain: expected string, got null' });
  });
  it('a union error names the branch that got furthest, never "Invalid input" alone', () => {
    const S = z.object({ r: z.union([z.object({ ok: z.literal(true), data: z.array(z.string()) }), z.object({ ok: z.literal(false), detail: z.string() })]) });
    const data = { r: { ok: true, data: ['a', 7] } };
    const issue = S.safeParse(data).error?.issues[0];
    expect(issue?.message).toBe('Invalid input');
    expect(formatIssue(issue!, data, 'snapshot')).toBe('snapshot.r.data[1]: expected string, got a number (7)');
  });
});

describe('a saved snapshot', () => {
  const save = (mutate: (file: Record<string, unknown>) => void) => {
    const file = JSON.parse(JSON.stringify(toSnapshotFile(snapshotOf(readFixture('go-live-ready-b2c')), { name: 't', version: '0' }))) as Record<string, unknown>;
    mutate(file);
    const path = join(dir, `s${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, JSON.stringify(file));
    return path;
  };
  const clientsOf = (file: Record<string, unknown>) => ((file.resources as Record<string, { data: Record<string, unknown>[] }>).clients!.data);
  it('with nulls the API can send is read, not rejected', () => {
    const path = save((f) => {
      const c = clientsOf(f)[0]!;
      c.allowed_logout_urls = [null, ...((c.allowed_logout_urls as string[] | undefined) ?? [])];
      c.initiate_login_uri = null;
      c.a_field_from_the_future = 'x';
    });
    const s = readSnapshotFile(path);
    expect(s.resources.clients?.ok).toBe(true);
  });
  it('genuinely invalid: rejected with the path and the expectation (exit 2)', () => {
    const path = save((f) => {
      clientsOf(f)[3]!.allowed_logout_urls = [false];
    });
    expect(() => readSnapshotFile(path)).toThrow(`${path}: invalid snapshot: resources.clients.data[3].allowed_logout_urls[0]: expected string, got false`);
    expect(() => readSnapshotFile(path)).not.toThrow(/Invalid input/);
  });
});

describe('a Deploy CLI export', () => {
  it('with a null optional value and a null in a list is read, not made unknown', () => {
    const yaml = [
      'tenant:',
      '  friendly_name: Acme',
      '  sandbox_version: null',
      'clients:',
      '  - name: Web',
      '    app_type: regular_web',
      '    callbacks:',
      '      - https://web.example/cb',
      '      - null',
      '    initiate_login_uri: null',
      '    some_new_field: true',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'tenant.yaml'), yaml);
    const { snapshot, warnings } = readDeployCliExport(join(dir, 'tenant.yaml'));
    expect(warnings.join('\n')).not.toMatch(/expected shape/);
    expect(snapshot.resources.clients).toMatchObject({ ok: true, data: [expect.objectContaining({ name: 'Web', callbacks: ['https://web.example/cb'] })] });
    // The tenant section is read too (it is unknown only for the pages this export lacks, never an error).
    expect(snapshot.resources.tenantSettings).not.toMatchObject({ reason: 'error' });
  });
});

describe('the config file', () => {
  it('a union error says what was expected, not "Invalid input"', () => {
    let message = '';
    try {
      validateConfig({ rules: { 'custom-domain-ready': 42 } }, 'cfg.yaml', RULES);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('rules.custom-domain-ready:');
    expect(message).not.toMatch(/: Invalid input$/m);
  });
});
