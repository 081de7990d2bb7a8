/**
 * What a Deploy CLI export can never show: the reach table (src/sources/deploy-cli/sections.ts)
 * held against the project's Deploy CLI references, and how the reader uses it. Bad exports fail
 * closed with one clear line; the Deploy CLI's placeholders are never judged as values.
 */
import { configErrorOf } from '../support/errors.js';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/run.js';
import { RESOURCE_KEYS } from '../../src/snapshot/resources.js';
import { SOURCE_KINDS } from '../../src/snapshot/snapshot.js';
import { readDeployCliExport } from '../../src/sources/deploy-cli/index.js';
import { SECTIONS } from '../../src/sources/deploy-cli/formats.js';
import { DEPLOY_CLI_REFERENCE, NEVER_EXPORTED, SECTION_HANDLERS } from '../../src/sources/deploy-cli/sections.js';
import { REACH } from '../../src/sources/reach.js';
import { REPO_ROOT } from '../support/tenant.js';
import { available, REQUIREMENTS, skipLine } from '../support/requires.js';

/** The shared Deploy CLI references (read from the Deploy CLI's source at a00a0554), next to the repository. */
const REFERENCE = join(REPO_ROOT, '..', 'shared', 'reference');
const HAVE_REFERENCE = available(REQUIREMENTS.reference);
const FORMAT = HAVE_REFERENCE ? readFileSync(join(REFERENCE, 'deploy-cli-format.md'), 'utf8') : '';
const REACH_NOTES = HAVE_REFERENCE ? readFileSync(join(REFERENCE, 'deploy-cli-reach.md'), 'utf8') : '';

const roots: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'a0r-reach-'));
  roots.push(d);
  return d;
}
afterAll(() => roots.forEach((d) => rmSync(d, { recursive: true, force: true })));

function yamlExport(text: string): string {
  const dir = tmp();
  writeFileSync(join(dir, 'tenant.yaml'), text);
  return join(dir, 'tenant.yaml');
}
const configError = configErrorOf;

/** Rows of the format reference's section table: YAML key → [shape, directory path]. */
function formatRows(): Map<string, { shape: string; path: string }> {
  const rows = new Map<string, { shape: string; path: string }>();
  for (const line of FORMAT.split('\n')) {
    const m = /^\| `([A-Za-z]+)`[^|]*\| ([^|]*) \| ([^|]*) \|/.exec(line);
    if (m?.[1] && m[2] !== undefined && m[3] !== undefined) rows.set(m[1], { shape: m[2], path: m[3] });
  }
  return rows;
}

/** `src/tools/auth0/handlers/tenant.ts:120-147` → the forms the reach notes cite it in (`tenant.ts:120-147`). */
function citedIn(notes: string, cite: string): boolean {
  return cite
    .split(/,\s*/)
    .map((c) => c.replace(/^src\/(tools\/auth0\/handlers\/|context\/)?/, ''))
    .every((c) => /^\d/.test(c) || notes.includes(c) || notes.includes(c.replace(/^.*\//, '')));
}

describe.skipIf(!HAVE_REFERENCE)(`the Deploy CLI reach table${HAVE_REFERENCE ? '' : ` (${skipLine(REQUIREMENTS.reference)})`}`, () => {
  const rows = formatRows();

  it('has one handler per section of the Deploy CLI format, with its shape and directory path', () => {
    expect(rows.size).toBeGreaterThan(40);
    const handled = SECTION_HANDLERS.map((h) => h.key);
    expect(new Set(handled).size).toBe(handled.length);
    // every section the Deploy CLI writes has a handler (clientAuthCredentials has no section of its own)
    expect([...rows.keys()].filter((k) => !handled.includes(k) && k !== 'clientAuthCredentials')).toEqual([]);
    expect(handled.filter((k) => !rows.has(k))).toEqual([]);
    for (const h of SECTION_HANDLERS) {
      const row = rows.get(h.key);
      expect(row?.shape.startsWith(h.shape === 'array' ? 'array' : 'object'), `${h.key}: shape ${h.shape}, reference "${row?.shape}"`).toBe(true);
      expect(row?.path.replace(/`/g, ''), `${h.key}: path`).toContain(h.path.replace(/\/$/, ''));
    }
  });

  it('covers every section the reader reads, and every snapshot resource is held by a section or declared never exported', () => {
    for (const s of SECTIONS) expect(SECTION_HANDLERS.some((h) => h.key === s), s).toBe(true);
    const held = new Set([...SECTION_HANDLERS.flatMap((h) => h.resources), ...NEVER_EXPORTED.map((n) => n.resource)]);
    expect(RESOURCE_KEYS.filter((k) => !held.has(k))).toEqual([]);
  });

  it('cites, for each gap, a Deploy CLI file the reach notes name, at the version they were read at', () => {
    expect(REACH_NOTES).toContain('a00a05540b63d56a08fbda276cb05d8ec162c834');
    expect(DEPLOY_CLI_REFERENCE).toContain('a00a0554');
    const gaps = [...NEVER_EXPORTED, ...SECTION_HANDLERS.flatMap((h) => [...(h.strips ?? []), ...(h.absentOnCurrentExports ? [h.absentOnCurrentExports] : [])])];
    expect(gaps.length).toBeGreaterThan(10);
    for (const g of gaps) {
      if (g.cite.startsWith('no call to ')) expect(REACH_NOTES, g.cite).toMatch(/\| never \| no calls/);
      else expect(citedIn(REACH_NOTES, g.cite), `${g.cite} (${g.why})`).toBe(true);
    }
    // what the reach notes say is stripped by the read-only list is declared here
    for (const f of ['sandbox_versions_available', 'flags.enable_sso', 'flags.disable_impersonation', 'flags.remove_stale_idp_attributes', 'flags.allow_changing_enable_sso']) {
      expect(REACH['deploy-cli'].never.some((n) => n.resource === 'tenantSettings' && n.field === f), f).toBe(true);
    }
    // …and sandbox_version is NOT: it is exported since 7.16.0
    expect(REACH_NOTES).toMatch(/`sandbox_version` \| \*\*yes\*\*/);
    expect(REACH['deploy-cli'].never.some((n) => n.field === 'sandbox_version')).toBe(false);
    for (const r of ['signingKeys', 'logEvents', 'usersSample'] as const) expect(REACH['deploy-cli'].never.some((n) => n.resource === r && !n.field)).toBe(true);
  });

  it('is stated for every source: the live read and a saved snapshot reach everything', () => {
    expect(Object.keys(REACH).sort()).toEqual([...SOURCE_KINDS].sort());
    expect(REACH['management-api'].never).toEqual([]);
    expect(REACH.snapshot.never).toEqual([]);
  });
});

describe('bad exports fail closed with one clear line', () => {
  it('a section of the wrong shape (clients: 42 was read as zero clients)', () => {
    expect(configError(() => readDeployCliExport(yamlExport('tenant:\n  friendly_name: Acme\nclients: 42\n')))).toMatch(/tenant\.yaml: clients is a number, expected a list/);
    expect(configError(() => readDeployCliExport(yamlExport('tenant: [1, 2]\n')))).toMatch(/tenant is a list, expected a mapping/);
    expect(configError(() => readDeployCliExport(yamlExport('clients:\n  - name: A\n  - just a string\n')))).toMatch(/clients\[1\] is a string, expected a mapping/);
  });

  it('a whole-section file of the wrong shape in a directory export', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'tenant.json'), '42');
    expect(configError(() => readDeployCliExport(dir))).toMatch(/tenant\.json: tenant is a number, expected a mapping/);
    mkdirSync(join(dir, 'triggers'));
    writeFileSync(join(dir, 'tenant.json'), '{"friendly_name": "Acme"}');
    writeFileSync(join(dir, 'triggers', 'triggers.json'), '["post-login"]');
    expect(configError(() => readDeployCliExport(dir))).toMatch(/triggers is a list, expected a mapping/);
  });

  it('an item file of a directory export that holds no item (was silently skipped)', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'tenant.json'), '{"friendly_name": "Acme"}');
    mkdirSync(join(dir, 'clients'));
    writeFileSync(join(dir, 'clients', 'Web.json'), '{"name": "Web", "app_type": "regular_web"}');
    writeFileSync(join(dir, 'clients', 'Broken.json'), '42');
    expect(configError(() => readDeployCliExport(dir))).toMatch(/clients\/Broken\.json: the file holds a number, expected a mapping/);
  });

  it('a YAML file that is not an export (a docker-compose.yml was read as an empty export)', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'docker-compose.yml'), 'version: "3"\nservices:\n  web:\n    image: nginx\n');
    expect(configError(() => readDeployCliExport(join(dir, 'docker-compose.yml')))).toMatch(/docker-compose\.yml:1: not a Deploy CLI export: none of its top-level keys \(version, services\)/);
    expect(configError(() => readDeployCliExport(yamlExport('')))).toMatch(/not a Deploy CLI export: the file is empty/);
  });

  it('a section the Deploy CLI writes but this reader does not audit is still an export (baaa-hub: flows, connectionProfiles, …)', () => {
    const { snapshot } = readDeployCliExport(yamlExport('flows: []\nconnectionProfiles: []\n'));
    expect(snapshot.resources.clients).toMatchObject({ ok: false, reason: 'not-in-export' });
  });
});

describe('valid Deploy CLI input is read', () => {
  it('a customDomains entry with only domain and type: read, its status unknown (was a shape error for the whole list)', async () => {
    const path = yamlExport('customDomains:\n  - domain: login.acme.example\n    type: auth0_managed_certs\n');
    const { snapshot } = readDeployCliExport(path);
    const d = snapshot.resources.customDomains;
    expect(d).toMatchObject({ ok: true, data: [{ domain: 'login.acme.example', type: 'auth0_managed_certs' }], unheld: [{ field: 'status' }] });
    const report = await audit({ source: { kind: 'snapshot', snapshot }, now: () => new Date('2026-12-01T00:00:00Z') });
    const ready = report.findings.filter((f) => f.ruleId === 'custom-domain-ready');
    // never "not ready" on a status the export does not give
    expect(ready.map((f) => f.status)).toEqual(['unknown']);
    expect(ready[0]?.missing?.[0]).toMatchObject({ key: 'customDomains', reason: 'not-in-export' });
  });
});

describe('placeholders are never judged as literal values', () => {
  it('the Deploy CLI placeholder or _VALUE_NOT_SHOWN_ in a field a rule judges: the field is unheld, the rest of the resource is judged', async () => {
    const path = yamlExport(
      [
        'emailProvider:',
        '  name: sendgrid',
        '  enabled: true',
        '  default_from_address: _VALUE_NOT_SHOWN_',
        '  credentials:',
        "    api_key: '##SENDGRID_API_KEY##'",
        'eventStreams:',
        '  - name: users',
        '    status: enabled',
        '    subscriptions: [{event_type: user.created}]',
        '    destination:',
        '      type: webhook',
        '      configuration:',
        '        webhook_endpoint: https://hooks.acme.example/auth0',
        '        webhook_authorization:',
        '          method: basic',
        "          username: '##EVENT_STREAM_WEBHOOK_BASIC_USERNAME##'",
        "          password: '##EVENT_STREAM_WEBHOOK_BASIC_PASSWORD##'",
        '',
      ].join('\n'),
    );
    const { snapshot } = readDeployCliExport(path);
    const p = snapshot.resources.emailProvider;
    expect(p?.ok && p.data && 'default_from_address' in p.data).toBe(false);
    expect(p?.ok && p.unheld).toEqual([expect.objectContaining({ field: 'default_from_address', reason: 'out-of-reach' })]);
    // the placeholder username is not an unresolved keyword that makes the event streams unknown
    expect(snapshot.resources.eventStreams).toMatchObject({ ok: true });
    const report = await audit({ source: { kind: 'snapshot', snapshot }, now: () => new Date('2026-12-01T00:00:00Z') });
    const from = report.findings.filter((f) => f.ruleId === 'email-provider-from-address');
    expect(from.every((f) => f.status !== 'fail' && f.status !== 'pass')).toBe(true);
    expect(JSON.stringify(report.findings.filter((f) => f.status === 'fail' || f.status === 'pass').map((f) => [f.message, f.value]))).not.toMatch(/_VALUE_NOT_SHOWN_|##[A-Z_]+##/);
  });
});
