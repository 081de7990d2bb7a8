/**
 * Deploy CLI exports as an audit source (src/sources/deploy-cli): both formats, keyword
 * replacement, unresolved keywords, absent sections, missing side files, the legacy layout, bad
 * input and bounds; and the equivalence of an audit of each fixture tenant's export with an audit
 * of the live view of the same tenant, apart from documented differences.
 */
import { configErrorOf } from '../support/errors.js';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/run.js';
import { redact } from '../../src/snapshot/redact.js';
import { RESOURCES, type ResourceDataMap, type ResourceKey } from '../../src/snapshot/resources.js';
import { failure, SnapshotSchema, type Snapshot } from '../../src/snapshot/snapshot.js';
import { strippedFields } from '../../src/sources/deploy-cli/map.js';
import {
  detectDeployCliExport,
  MANAGEMENT_API_NOTE,
  NOT_IN_DEPLOY_CLI,
  parseKeywordFlag,
  readDeployCliExport,
  SECTION_RESOURCES,
  type DeployCliOptions,
} from '../../src/sources/deploy-cli/index.js';
import { neutralizeYaml, substitute } from '../../src/sources/deploy-cli/keywords.js';
import type { TenantFixture } from '../emulator/fixture.js';
import { readFixture, REPO_ROOT, snapshotOf } from '../support/tenant.js';

const FIXTURES = `${REPO_ROOT}/fixtures/deploy-cli`;
const CASES = `${FIXTURES}/cases`;
const TENANTS = ['brand-new', 'go-live-ready-b2c', 'b2b-organizations', 'large'] as const;
type Tenant = (typeof TENANTS)[number];
type Format = 'yaml' | 'directory';
const EXPORT_PATH: Record<Format, string> = { yaml: 'yaml/tenant.yaml', directory: 'directory' };

const tmpRoots: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'a0r-deploy-cli-'));
  tmpRoots.push(d);
  return d;
}
afterAll(() => {
  for (const d of tmpRoots) rmSync(d, { recursive: true, force: true });
});

function read(path: string, opts?: DeployCliOptions) {
  return readDeployCliExport(path, opts);
}
function data<K extends ResourceKey>(s: Snapshot, key: K): ResourceDataMap[K] {
  const r = s.resources[key];
  if (!r || !r.ok) throw new Error(`${key} is not ok: ${r ? `${r.reason}: ${r.detail}` : 'missing'}`);
  return r.data as ResourceDataMap[K];
}
function failed(s: Snapshot, key: ResourceKey): { reason: string; detail: string } {
  const r = s.resources[key];
  if (!r || r.ok) throw new Error(`${key} was read`);
  return r;
}
const configError = configErrorOf;

describe('detectDeployCliExport', () => {
  it('tells a YAML export, a directory export, and anything else apart', () => {
    expect(detectDeployCliExport(`${FIXTURES}/brand-new/yaml/tenant.yaml`)).toBe('yaml');
    expect(detectDeployCliExport(`${FIXTURES}/brand-new/directory`)).toBe('directory');
    expect(detectDeployCliExport(`${CASES}/malformed-json`)).toBe('directory'); // tenant.json
    // the folder of a YAML export (it has actions/ and pages/ too): read as YAML, not as a directory export
    expect(detectDeployCliExport(`${FIXTURES}/go-live-ready-b2c/yaml`)).toBe('yaml');
    expect(data(read(`${FIXTURES}/go-live-ready-b2c/yaml`).snapshot, 'clients').length).toBeGreaterThan(0);
    expect(detectDeployCliExport(`${REPO_ROOT}/fixtures/tenants/brand-new.json`)).toBeUndefined();
    expect(detectDeployCliExport(`${REPO_ROOT}/docs`)).toBeUndefined();
    expect(detectDeployCliExport(`${REPO_ROOT}/no/such/path`)).toBeUndefined();
  });

  it('refuses a path that is neither, and one that does not exist', () => {
    expect(configError(() => read(`${REPO_ROOT}/docs`))).toMatch(/not a Deploy CLI export/);
    expect(configError(() => read(`${REPO_ROOT}/no/such/tenant.yaml`))).toMatch(/no such file/);
  });
});

describe('keyword replacement', () => {
  it('replaces @@KEY@@ with the JSON value (consuming one pair of quotes) and ##KEY## verbatim', () => {
    const m = { LIST: ['a', 'b'], N: 3, S: 'x"y', RAW: 'plain $& text' };
    expect(substitute(`a: "@@LIST@@"\nb: '@@LIST@@'\nc: @@LIST@@\nd: @@N@@\ne: @@S@@`, m).text).toBe('a: ["a","b"]\nb: ["a","b"]\nc: ["a","b"]\nd: 3\ne: "x\\"y"');
    expect(substitute('url: https://##RAW##/x and ##RAW##', m).text).toBe('url: https://plain $& text/x and plain $& text');
    // Unknown keys are left as they are; so are Auth0's own lower-case template variables.
    expect(substitute('##NOPE## @@password@@', m).text).toBe('##NOPE## @@password@@');
  });

  it('keeps line numbers of the original file when a value spans lines', () => {
    const sub = substitute('a: ##TWO##\nb: 1\nc: ##X##', { TWO: 'x\ny' });
    expect(sub.text).toBe('a: x\ny\nb: 1\nc: ##X##');
    expect(sub.origLine(3)).toBe(3); // the 4th line of the new text is line 3 of the original
  });

  it('parses --keyword KEY=VALUE (JSON for arrays and objects)', () => {
    expect(parseKeywordFlag('ENV=prod')).toEqual(['ENV', 'prod']);
    expect(parseKeywordFlag('LIST=["a","b"]')).toEqual(['LIST', ['a', 'b']]);
    expect(parseKeywordFlag('A=b=c')).toEqual(['A', 'b=c']);
    expect(() => parseKeywordFlag('novalue')).toThrow(/KEY=VALUE/);
  });

  for (const format of ['yaml', 'directory'] as const) {
    it(`resolves both kinds, quoted and unquoted, in every file of a ${format} export (config mappings)`, () => {
      const { snapshot, warnings } = read(`${CASES}/keywords/${EXPORT_PATH[format]}`, { deployConfigPath: `${CASES}/keywords/config.json` });
      expect(warnings.filter((w) => !w.startsWith('note: '))).toEqual([]);
      expect(snapshot.tenant.domain).toBe('acme-staging.eu.auth0.com');
      const t = data(snapshot, 'tenantSettings');
      expect(t.friendly_name).toBe('Acme Staging'); // unquoted ##KEY## in YAML: replaced, not a comment
      expect(t.support_email).toBe('support@staging.acme.example');
      expect(t.enabled_locales).toEqual(['en', 'fr']); // unquoted @@KEY@@
      expect(t.session_lifetime).toBe(72);
      expect(t.allowed_logout_urls).toEqual(['https://www.staging.acme.example/']); // quoted @@KEY@@
      expect(t.error_page?.url).toBe('https://www.staging.acme.example/error');
      const [storefront] = data(snapshot, 'clients');
      expect(storefront?.callbacks).toEqual(['https://www.staging.acme.example/callback']);
      expect(storefront?.web_origins).toEqual(['https://www.staging.acme.example', 'https://shop.staging.acme.example']); // ##KEY## spliced into a list
      const conns = data(snapshot, 'connections');
      expect(conns.find((c) => c.name === 'customers')?.options?.passwordPolicy).toBe('excellent');
      expect(conns.find((c) => c.name === 'google-oauth2')?.options?.client_id).toBe('104729385710-staging.apps.googleusercontent.com');
      // side files too: the email body and the action code
      expect(data(snapshot, 'emailTemplates').verify_email?.body).toContain('Confirm your Acme Staging account.');
      expect(data(snapshot, 'emailTemplates').verify_email?.body).toContain('##not_a_keyword##');
      expect(data(snapshot, 'actions')[0]?.code).toContain("const base = 'https://api.staging.acme.example';");
    });
  }

  it('lets `keywords` override the config mappings', () => {
    const { snapshot } = read(`${CASES}/keywords/yaml/tenant.yaml`, { deployConfigPath: `${CASES}/keywords/config.json`, keywords: { TENANT_NAME: 'Acme QA' } });
    expect(data(snapshot, 'tenantSettings').friendly_name).toBe('Acme QA');
  });
});

describe('unresolved keywords', () => {
  const partial = { MAIL_DOMAIN: 'x.example', LOCALES: ['en'] };

  it('never crash: the marker is neutralised, reported with file and line, and makes its resource unknown', () => {
    const { snapshot, warnings } = read(`${CASES}/keywords/yaml/tenant.yaml`, { keywords: partial });
    // `friendly_name: ##TENANT_NAME##` (unquoted) would be a YAML comment: it is not read as null
    expect(failed(snapshot, 'tenantSettings')).toEqual({ ok: false, reason: 'error', detail: 'unresolved keyword ##TENANT_NAME## at tenant.yaml:4 (and 3 more)' });
    expect(warnings).toContain('tenant.yaml:4: unresolved keyword ##TENANT_NAME##: Tenant settings unknown');
    expect(warnings).toContain('tenant.yaml:19: unresolved keyword @@STOREFRONT_CALLBACKS@@: Applications unknown');
    expect(failed(snapshot, 'clients').detail).toMatch(/^unresolved keyword @@STOREFRONT_CALLBACKS@@ at tenant\.yaml:19/);
    // a marker in a non-secret connection option makes the connections unknown
    expect(failed(snapshot, 'connections').detail).toMatch(/##PASSWORD_POLICY## at tenant\.yaml:31/);
    // side files are reported at their own line
    expect(warnings).toContain('emailTemplates/verify_email.html:1: unresolved keyword ##TENANT_NAME##: Email templates unknown');
    // code with a marker is not assessable, the Action itself is still read
    expect(warnings).toContain('actions/Add claims/code.js:2: unresolved keyword ##API_BASE## in the code of action Add claims: the code is not assessable');
    const [action] = data(snapshot, 'actions');
    expect(action?.name).toBe('Add claims');
    expect(action?.code).toBeUndefined();
    // resolved parts and what a marker does not touch stay known
    expect(data(snapshot, 'emailProvider')?.default_from_address).toBe('no-reply@x.example');
    expect(data(snapshot, 'connectionClients')).toEqual({ 'name:customers': ['name:Storefront'], 'name:google-oauth2': ['name:Storefront'] });
  });

  it('treats Deploy CLI secret placeholders as normal: no warning, nothing unknown', () => {
    const { snapshot, warnings } = read(`${CASES}/keywords/yaml/tenant.yaml`, { deployConfigPath: `${CASES}/keywords/config.json` });
    expect(warnings.filter((w) => /SECRET|API_KEY/.test(w))).toEqual([]);
    expect(data(snapshot, 'logStreams')[0]?.sink).toBe('[REDACTED]');
    expect(data(snapshot, 'emailProvider')?.credentials).toBe('[REDACTED]');
  });

  it('reports a marker in a secret field but does not make the resource unknown', () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'tenant.yaml'),
      ['connections:', '  - name: okta', '    strategy: okta', '    enabled_clients: []', '    options:', '      domain: acme.okta.com', '      client_secret: ##OKTA_SECRET##', 'databases: []'].join('\n'),
    );
    const { snapshot, warnings } = read(join(dir, 'tenant.yaml'));
    expect(data(snapshot, 'connections')[0]?.options?.client_secret).toBe('[REDACTED]');
    expect(warnings).toContain('tenant.yaml:7: unresolved keyword ##OKTA_SECRET## in a secret field (never judged by the audit)');
  });

  it('works the same in a directory export (an unquoted @@KEY@@ does not break the JSON)', () => {
    const { snapshot, warnings } = read(`${CASES}/keywords/directory`);
    expect(failed(snapshot, 'tenantSettings').detail).toBe('unresolved keyword ##TENANT_NAME## at tenant.json:2 (and 6 more)');
    expect(warnings).toContain('tenant.json:5: unresolved keyword @@LOCALES@@: Tenant settings unknown');
    expect(warnings).toContain('clients/Storefront.json:4: unresolved keyword @@STOREFRONT_CALLBACKS@@: Applications unknown');
    expect(failed(snapshot, 'emailProvider').detail).toBe('unresolved keyword ##MAIL_DOMAIN## at emails/provider.json:4');
    expect(data(snapshot, 'postLoginBindings')).toEqual([{ display_name: 'Add claims', action: { id: 'name:Add claims', name: 'Add claims' } }]);
  });

  it('quotes a plain YAML scalar that starts with or contains a marker after a space, and leaves comments alone', () => {
    const seen: string[] = [];
    const out = neutralizeYaml(
      ['a: ##A##', 'b: Hello ##B## world # note ##C##', 'c: https://##D##.example', '- @@E@@', 'd: "x ##F##"', 'k: |', '  ##G## stays text', '##H##: v'].join('\n'),
      (m) => {
        seen.push(m);
        return `<${m.slice(2, -2)}>`;
      },
    );
    expect(out.text.split('\n')).toEqual(['a: "<A>"', 'b: "Hello <B> world" # note ##C##', 'c: https://<D>.example', '- "<E>"', 'd: "x <F>"', 'k: |', '  <G> stays text', '"<H>": v']);
    expect(seen).toEqual(['##A##', '##B##', '##D##', '@@E@@', '##F##', '##G##', '##H##']);
  });
});

describe('absent sections', () => {
  it('are not-in-export, never "off"', () => {
    const { snapshot } = read(`${CASES}/absent-sections/tenant.yaml`);
    expect(failed(snapshot, 'logStreams')).toEqual({ ok: false, reason: 'not-in-export', detail: 'logStreams is not in the export (excluded or not managed)' });
    expect(failed(snapshot, 'postLoginBindings').detail).toBe('triggers is not in the export (excluded or not managed)');
    // databases without connections: the connections are incomplete
    expect(failed(snapshot, 'connections').detail).toBe('connections is not in the export (excluded or not managed): the connections are incomplete');
    expect(failed(snapshot, 'connectionClients').reason).toBe('not-in-export');
    // the tenant's pages live in `pages`: without it the tenant settings are read, their pages are not held
    const settings = snapshot.resources.tenantSettings;
    expect(settings?.ok && settings.data.friendly_name).toBe('Acme Narrow');
    expect(settings?.ok && settings.unheld?.filter((u) => u.reason !== 'out-of-reach').map((u) => u.field)).toEqual(['error_page', 'change_password', 'guardian_mfa_page']);
    expect(settings?.ok && settings.unheld?.[0]?.detail).toMatch(/^pages is not in the export .*: the error, password-reset and MFA pages/);
    // attackProtection holds only brute-force protection
    expect(data(snapshot, 'bruteForceProtection').enabled).toBe(true);
    expect(failed(snapshot, 'botDetection').detail).toMatch(/^attackProtection\.botDetection is not in the export/);
    // present but empty is a real answer: the built-in email provider, every template the default
    expect(data(snapshot, 'emailProvider')).toBeNull();
    expect(Object.values(data(snapshot, 'emailTemplates')).every((t) => t === null)).toBe(true);
    expect(data(snapshot, 'actions')).toEqual([]);
  });

  it('without `pages`: the tenant settings are judged, the page findings are unknown (field-level), never a false "default page"', async () => {
    // A field-corpus defect (fixtures/field/trunk-based): git drops the empty pages/ folder of a
    // directory export, which used to make every tenant-settings rule unknown although tenant.json
    // holds them.
    const { snapshot } = read(`${CASES}/absent-sections/tenant.yaml`);
    const report = await audit({ source: { kind: 'snapshot', snapshot }, now: () => new Date('2026-12-01T00:00:00Z') });
    const byRule = (id: string) => report.findings.filter((f) => f.ruleId === id);
    // a tenant setting the export holds is judged: the friendly name is there
    expect(byRule('tenant-branding-identity').map((f) => f.status)).not.toContain('unknown');
    // the error page is not held: unknown, naming pages, never "no custom error page"
    const errorPage = byRule('error-page-custom');
    expect(errorPage).toHaveLength(1);
    expect(errorPage[0]).toMatchObject({ status: 'unknown', messageId: 'field-not-held', field: 'error_page', missing: [{ key: 'tenantSettings', reason: 'not-in-export' }] });
    expect(errorPage[0]?.message).toMatch(/^Not evaluated: Tenant settings: pages is not in the export/);
    // a saved snapshot keeps the mark
    const saved = SnapshotSchema.parse(JSON.parse(JSON.stringify(snapshot))).resources.tenantSettings;
    expect(saved?.ok && saved.unheld?.filter((u) => u.reason !== 'out-of-reach').map((u) => u.field)).toEqual(['error_page', 'change_password', 'guardian_mfa_page']);
    // …and tells the flags the Deploy CLI never exports (out of reach) from the pages this copy lacks
    expect(saved?.ok && saved.unheld?.find((u) => u.field === 'flags.enable_sso')).toMatchObject({ reason: 'out-of-reach' });
  });

  it('reads the deprecated client field cross_origin_auth as cross_origin_authentication, as a0deploy import does', () => {
    // A field-corpus defect: exports made before the rename hold only `cross_origin_auth`, which
    // made app-cross-origin-auth-off unknown for every application of 7 of the 10 field exports.
    const dir = tmp();
    writeFileSync(
      join(dir, 'tenant.yaml'),
      'clients:\n  - name: Old\n    cross_origin_auth: false\n  - name: Embedded\n    cross_origin_auth: true\n  - name: Both\n    cross_origin_auth: true\n    cross_origin_authentication: false\n',
    );
    const clients = data(read(join(dir, 'tenant.yaml')).snapshot, 'clients');
    expect(clients.map((c) => [c.name, c.cross_origin_authentication, 'cross_origin_auth' in c])).toEqual([
      ['Old', false, false],
      ['Embedded', true, false],
      ['Both', false, false], // the current name wins, as in a0deploy
    ]);
  });

  it('say so when a section has no Deploy CLI counterpart at all: out of reach, with the Deploy CLI file it comes from', () => {
    const { snapshot } = read(`${CASES}/absent-sections/tenant.yaml`);
    for (const key of NOT_IN_DEPLOY_CLI) {
      expect(failed(snapshot, key).reason).toBe('out-of-reach');
      expect(failed(snapshot, key).detail).toMatch(new RegExp(`^${RESOURCES[key].title.replace(/[()]/g, '\\$&')}: .*auth0-deploy-cli 8\\.43\\.0.*needs a live audit$`));
    }
  });

  it('hooks: a current export has no hooks section whatever the tenant holds (out of reach), unless its config excluded it (fails closed)', () => {
    const { snapshot } = read(`${FIXTURES}/go-live-ready-b2c/yaml/tenant.yaml`);
    expect(failed(snapshot, 'hooks')).toMatchObject({ reason: 'out-of-reach' });
    expect(failed(snapshot, 'hooks').detail).toContain('hooks.ts:195-197');
    const dir = tmp();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ AUTH0_DOMAIN: 'acme-dev.us.auth0.com', AUTH0_EXCLUDED: ['hooks'] }));
    expect(failed(read(`${FIXTURES}/go-live-ready-b2c/yaml/tenant.yaml`, { deployConfigPath: join(dir, 'config.json') }).snapshot, 'hooks').reason).toBe('not-in-export');
    // an older export that holds the section is read
    writeFileSync(join(dir, 'tenant.yaml'), 'hooks:\n  - name: h\n    triggerId: credentials-exchange\n    enabled: true\n    secrets:\n      API_KEY: _VALUE_NOT_SHOWN_\n');
    expect(data(read(join(dir, 'tenant.yaml')).snapshot, 'hooks')).toMatchObject([{ name: 'h', enabled: true }]);
  });

  it('sandbox_version is read from the tenant (exported since Deploy CLI 7.16.0); fields it strips are out of reach, present ones are read', () => {
    const { snapshot } = read(`${FIXTURES}/go-live-ready-b2c/yaml/tenant.yaml`);
    const t = snapshot.resources.tenantSettings;
    expect(t?.ok && t.data.sandbox_version).toBe('22');
    const unheld = t?.ok ? (t.unheld ?? []) : [];
    expect(unheld.find((u) => u.field === 'flags.enable_custom_domain_in_emails')).toMatchObject({ reason: 'out-of-reach' });
    expect(unheld.find((u) => u.field === 'sandbox_version')).toBeUndefined();
    // INCLUDED_PROPS can put a stripped field back: then it is held, and judged
    const dir = tmp();
    writeFileSync(join(dir, 'tenant.yaml'), 'tenant:\n  friendly_name: Acme\n  flags:\n    enable_custom_domain_in_emails: true\n');
    const held = read(join(dir, 'tenant.yaml')).snapshot.resources.tenantSettings;
    expect(held?.ok && (held.unheld ?? []).some((u) => u.field === 'flags.enable_custom_domain_in_emails')).toBe(false);
  });

  it('name the config that excluded them', () => {
    const { snapshot } = read(`${FIXTURES}/brand-new/directory`, { deployConfigPath: `${FIXTURES}/brand-new/config.json` });
    expect(failed(snapshot, 'logStreams').detail).toBe(`logStreams is not in the export (excluded by ${FIXTURES}/brand-new/config.json)`);
  });

  it('directory format: no actions/ folder is "none" only when the config says they were exported', () => {
    // a0deploy writes no actions/ folder for a tenant with no Actions (brand-new has none)
    const alone = read(`${FIXTURES}/brand-new/directory`).snapshot;
    expect(failed(alone, 'actions').detail).toBe('actions is not in the export (excluded or not managed, or there are none: a0deploy writes no folder then)');
    const withConfig = read(`${FIXTURES}/brand-new/directory`, { deployConfigPath: `${FIXTURES}/brand-new/config.json` });
    expect(data(withConfig.snapshot, 'actions')).toEqual([]);
    expect(withConfig.warnings).toContain(`note: no actions/ folder and ${FIXTURES}/brand-new/config.json does not exclude actions: read as no Actions (a0deploy writes no folder for zero Actions)`);
    // excluded by the config: still not in the export
    const dir = tmp();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ AUTH0_DOMAIN: 'acme-dev.us.auth0.com', AUTH0_EXCLUDED: ['actions'] }));
    expect(failed(read(`${FIXTURES}/brand-new/directory`, { deployConfigPath: join(dir, 'config.json') }).snapshot, 'actions').reason).toBe('not-in-export');
  });
});

describe('side files', () => {
  it('that are missing are tolerated and named; code is then not assessable', () => {
    const { snapshot, warnings } = read(`${CASES}/missing-side-files/tenant.yaml`);
    expect(warnings).toEqual(
      expect.arrayContaining([
        'tenant.yaml pages[password_reset]: file ./pages/password_reset.html (page HTML) is missing: the value is unknown',
        'tenant.yaml emailTemplates[welcome_email]: file ./emailTemplates/welcome_email.html (email body) is missing: the value is unknown',
        'tenant.yaml actions[missing]: file ./actions/missing/code.js (the code of action missing) is missing: the code is not assessable',
        'tenant.yaml rules[legacy rule]: file ./rules/legacy rule.js (the script of rule legacy rule) is missing: the code is not assessable',
        'tenant.yaml actions[outside]: file ../../../../package.json (the code of action outside) leads outside the export: not read, the value is unknown',
      ]),
    );
    const t = data(snapshot, 'tenantSettings');
    expect(t.change_password).toEqual({ enabled: true }); // html unknown, not ""
    const actions = data(snapshot, 'actions');
    expect(actions.find((a) => a.name === 'missing')?.code).toBeUndefined();
    expect(actions.find((a) => a.name === 'present')?.code).toContain('onExecutePostLogin');
    expect(actions.find((a) => a.name === 'outside')?.code).toBeUndefined();
    expect(data(snapshot, 'rules')[0]?.script).toBeUndefined();
    expect(data(snapshot, 'emailTemplates').welcome_email).toMatchObject({ enabled: true, subject: 'Welcome' });
    expect(data(snapshot, 'emailTemplates').welcome_email?.body).toBeUndefined();
    // the only content of the page template is its body, and its file is not there: not in the export
    expect(failed(snapshot, 'brandingTemplate')).toMatchObject({ reason: 'not-in-export' });
    // the login page lives on the global client
    expect(data(snapshot, 'clients')).toEqual([{ client_id: 'global', name: 'All Applications', global: true, custom_login_page_on: true }]);
  });

  it('are never read through a symbolic link that leaves the export', () => {
    const dir = tmp();
    const outside = tmp();
    writeFileSync(join(outside, 'secret.js'), 'exports.onExecutePostLogin = async () => {};');
    mkdirSync(join(dir, 'actions', 'linked'), { recursive: true });
    symlinkSync(join(outside, 'secret.js'), join(dir, 'actions', 'linked', 'code.js'));
    writeFileSync(join(dir, 'tenant.yaml'), 'actions:\n  - name: linked\n    code: ./actions/linked/code.js\n    deployed: true\n');
    const { snapshot, warnings } = read(join(dir, 'tenant.yaml'));
    expect(data(snapshot, 'actions')[0]?.code).toBeUndefined();
    expect(warnings).toContain('actions/linked/code.js: a symbolic link that points outside the export: not read');
  });
});

describe('the legacy directory layout', () => {
  it('reads database-connections/<name>/settings.json with its scripts, grants named "<client> (<audience>)", migrations.json', () => {
    const { snapshot } = read(`${CASES}/legacy-directory`);
    const [db] = data(snapshot, 'connections');
    expect(db).toMatchObject({ id: 'name:legacy-users', name: 'legacy-users', strategy: 'auth0', enabled_clients: ['name:Legacy App'] });
    expect(db?.options).toMatchObject({ enabledDatabaseCustomization: true, import_mode: true, passwordPolicy: 'fair' });
    expect(Object.keys((db?.options?.customScripts ?? {}) as object).sort()).toEqual(['get_user', 'login']);
    expect(data(snapshot, 'clientGrants')).toEqual([
      { id: 'name:Legacy App|https://api.legacy.acme.example/', client_id: 'name:Legacy App', audience: 'https://api.legacy.acme.example/', scope: ['read:orders'] },
    ]);
    // migration flags fill in what tenant.json does not say
    expect(data(snapshot, 'tenantSettings').flags).toEqual({ allow_legacy_tokeninfo_endpoint: true, enable_client_connections: false });
    expect(data(snapshot, 'clients').find((c) => c.global)?.custom_login_page_on).toBe(true);
    expect(data(snapshot, 'rules')[0]?.script).toContain('function addRoles');
  });
});

describe('bad input', () => {
  it('malformed YAML is a ConfigError with the file and line', () => {
    expect(configError(() => read(`${CASES}/malformed-yaml/tenant.yaml`))).toMatch(/malformed-yaml\/tenant\.yaml:8: not valid YAML: /);
  });

  it('malformed JSON is a ConfigError with the file and line', () => {
    expect(configError(() => read(`${CASES}/malformed-json`))).toBe(`${CASES}/malformed-json/clients/Storefront.json:4: not valid JSON: expected ',' or '}' after a property value, found "\\""`);
  });

  it('a malformed Deploy CLI config is a ConfigError with the file and line', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'config.json'), '{\n  "AUTH0_DOMAIN": "x.auth0.com",\n  "AUTH0_KEYWORD_REPLACE_MAPPINGS": {,}\n}');
    expect(configError(() => read(`${CASES}/absent-sections/tenant.yaml`, { deployConfigPath: join(dir, 'config.json') }))).toMatch(/config\.json:3: not valid JSON/);
  });
});

describe('bounds', () => {
  const quick = (fn: () => unknown): string => {
    const t0 = Date.now();
    const msg = configError(fn);
    expect(Date.now() - t0).toBeLessThan(3000);
    return msg;
  };

  it('refuses a YAML alias bomb', () => {
    const dir = tmp();
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) levels.push(`${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(10).fill(`*${'abcdefghij'[i - 1]}`).join(', ')}]`);
    writeFileSync(join(dir, 'tenant.yaml'), `${levels.join('\n')}\n`);
    expect(quick(() => read(join(dir, 'tenant.yaml')))).toMatch(/more than 10000 YAML alias expansions/);
  });

  it('refuses YAML and JSON nested deeper than 200 levels', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'flow.yaml'), `tenant: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    expect(quick(() => read(join(dir, 'flow.yaml')))).toMatch(/nested more than 200 levels/);
    writeFileSync(join(dir, 'block.yaml'), Array.from({ length: 5000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'));
    expect(quick(() => read(join(dir, 'block.yaml')))).toMatch(/nested more than 200 levels/);
    const jdir = join(dir, 'json');
    mkdirSync(jdir);
    writeFileSync(join(jdir, 'tenant.json'), `{"flags": ${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`);
    expect(quick(() => read(jdir))).toMatch(/tenant\.json: nested more than 200 levels/);
  });

  it('refuses a file over 64 MB before reading it', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'tenant.yaml'), '');
    truncateSync(join(dir, 'tenant.yaml'), 64 * 1024 * 1024 + 1);
    expect(quick(() => read(join(dir, 'tenant.yaml')))).toMatch(/larger than a Deploy CLI file may be/);
  });
});

// ------------------------------------------------------------------------------------------------
// The fixture exports and the equivalence with a live read

interface DeployConfig {
  AUTH0_DOMAIN: string;
  AUTH0_CLIENT_ID?: string;
  AUTH0_EXCLUDED?: string[];
}
const configOf = (t: Tenant): DeployConfig => JSON.parse(readFileSync(`${FIXTURES}/${t}/config.json`, 'utf8')) as DeployConfig;

describe('fixture exports', () => {
  it('are up to date with scripts/generate-deploy-cli-exports.mjs', () => {
    execFileSync(process.execPath, [`${REPO_ROOT}/scripts/generate-deploy-cli-exports.mjs`, '--check'], { stdio: 'pipe' });
  });

  for (const t of TENANTS) {
    for (const format of ['yaml', 'directory'] as const) {
      it(`${t} (${format}): a valid, redacted snapshot, with notes but no warning`, () => {
        const { snapshot, warnings } = read(`${FIXTURES}/${t}/${EXPORT_PATH[format]}`, { deployConfigPath: `${FIXTURES}/${t}/config.json` });
        expect(SnapshotSchema.safeParse(snapshot).success).toBe(true);
        expect(snapshot.source).toEqual({ kind: 'deploy-cli', path: `${FIXTURES}/${t}/${EXPORT_PATH[format]}` });
        expect(snapshot.tenant.domain).toBe(readFixture(t).domain);
        expect(warnings.filter((w) => !w.startsWith('note: '))).toEqual([]);
        expect(warnings).toContain(MANAGEMENT_API_NOTE);
        const text = JSON.stringify(snapshot);
        expect(text).not.toMatch(/FIXTURE-SECRET/);
        expect(text).not.toMatch(/\uE000/);
      });
    }
  }
});

/**
 * What an export cannot hold, applied to the live view of a tenant: the documented differences.
 * `audit(export)` must equal `audit(liveView with these applied)` topic for topic: nothing else
 * may differ, whatever rules exist. Each has its reason.
 */
interface Loss {
  id: string;
  reason: string;
  formats?: Format[];
  apply(s: Snapshot, ctx: { fixture: TenantFixture; config: DeployConfig }): void;
}

function edit<K extends ResourceKey>(s: Snapshot, key: K, fn: (d: ResourceDataMap[K]) => ResourceDataMap[K] | void): void {
  const r = s.resources[key];
  if (!r || !r.ok) return;
  const out = fn(r.data as ResourceDataMap[K]);
  if (out !== undefined) (s.resources as Record<string, unknown>)[key] = { ok: true, data: out };
}
const notInExport = (s: Snapshot, key: ResourceKey, why: string) => ((s.resources as Record<string, unknown>)[key] = failure('not-in-export', why));
const outOfReach = (s: Snapshot, key: ResourceKey, why: string) => ((s.resources as Record<string, unknown>)[key] = failure('out-of-reach', why));

/** Tenant flags the Deploy CLI manages and does not strip (tools/auth0/handlers/tenant.ts, readonly.ts). */
const MANAGED_FLAGS = new Set([
  'change_pwd_flow_v1', 'enable_client_connections', 'enable_apis_section', 'enable_pipeline2', 'enable_dynamic_client_registration',
  'allow_legacy_tokeninfo_endpoint', 'enable_legacy_profile', 'enable_idtoken_api2',
  'enable_public_signup_user_exists_error', 'allow_legacy_delegation_grant_types', 'allow_legacy_ro_grant_types',
  'disable_clickjack_protection_headers', 'no_disclose_enterprise_connections', 'disable_management_api_sms_obfuscation',
  'enforce_client_authentication_on_passwordless_start', 'trust_azure_adfs_email_verified_connection_property',
  'enable_adfs_waad_email_verification', 'revoke_refresh_token_grant', 'dashboard_log_streams_next', 'dashboard_insights_view',
  'disable_fields_map_fix', 'require_pushed_authorization_requests', 'mfa_show_factor_list_on_enrollment',
]);

const LOSSES: Loss[] = [
  {
    id: 'redaction',
    reason: 'Not an export difference: a live read is redacted by the collector, snapshotOf() is not; both sides are compared redacted.',
    apply: (s) => {
      for (const [k, r] of Object.entries(s.resources)) if (r?.ok) (s.resources as Record<string, unknown>)[k] = { ok: true, data: redact(r.data) };
    },
  },
  {
    id: 'no-deploy-cli-section',
    reason: 'Signing keys, tenant logs, users, organization members and SCIM configurations have no Deploy CLI section: never in an export (out of reach: needs a live audit).',
    apply: (s) => NOT_IN_DEPLOY_CLI.forEach((k) => outOfReach(s, k, 'no section')),
  },
  {
    id: 'hooks-deprecated',
    reason: 'Current Deploy CLI versions write no hooks section (the deprecated Hooks API refuses them): out of reach.',
    apply: (s) => outOfReach(s, 'hooks', 'no hooks section'),
  },
  {
    id: 'excluded-by-config',
    reason: 'Sections in AUTH0_EXCLUDED of the config the export was made with are not in it (brand-new: logStreams, as the Deploy CLI docs advise for free tenants): not-in-export, where a live read sees "none".',
    apply: (s, { config }) => {
      for (const section of config.AUTH0_EXCLUDED ?? []) for (const k of SECTION_RESOURCES[section as keyof typeof SECTION_RESOURCES] ?? []) notInExport(s, k, 'excluded');
    },
  },
  {
    id: 'plan-gated-skipped',
    reason: 'A feature the plan lacks answers 403 and the Deploy CLI skips it: no section, so not-in-export, where a live read says unavailable-on-plan (b2b-organizations: bot detection; brand-new: network ACLs and self-service SSO).',
    apply: (s, { fixture }) => (fixture.planGated ?? []).forEach((k) => notInExport(s, k, 'plan-gated')),
  },
  {
    id: 'tenant-read-only',
    reason: 'The Deploy CLI strips tenant sandbox_versions_available (not sandbox_version, exported since 7.16.0) and every flag it does not manage (universal_login, enable_sso, enable_custom_domain_in_emails, remove_alg_from_jwks, new_universal_login_experience_enabled, …).',
    apply: (s) =>
      edit(s, 'tenantSettings', (t) => {
        delete (t as Record<string, unknown>).sandbox_versions_available;
        if (t.flags) t.flags = Object.fromEntries(Object.entries(t.flags).filter(([k]) => MANAGED_FLAGS.has(k)));
      }),
  },
  {
    id: 'global-client',
    reason: 'The global client ("All Applications") is not exported; only its custom login page is (pages: login).',
    apply: (s) =>
      edit(s, 'clients', (cs) =>
        cs.flatMap((c) => (!c.global ? [c] : c.custom_login_page ? [{ client_id: c.client_id, name: c.name, global: true, custom_login_page_on: c.custom_login_page_on, custom_login_page: c.custom_login_page }] : [])),
      ),
  },
  {
    id: 'management-api',
    reason: 'The Auth0 Management API resource server is never exported.',
    apply: (s) => edit(s, 'resourceServers', (rs) => rs.filter((r) => r.name !== 'Auth0 Management API')),
  },
  {
    id: 'deploy-client-grants',
    reason: 'The grants of the client the Deploy CLI runs as (AUTH0_CLIENT_ID) are not exported.',
    apply: (s, { config }) => edit(s, 'clientGrants', (gs) => gs.filter((g) => g.client_id !== config.AUTH0_CLIENT_ID)),
  },
  {
    id: 'action-versions',
    reason: 'An Action is exported as its draft and a `deployed` flag: the deployed version is known only when every change is deployed (it is then the draft).',
    apply: (s) =>
      edit(s, 'actions', (as) =>
        as.map(({ deployed_version: _d, ...a }) => (a.all_changes_deployed ? { ...a, deployed_version: { code: a.code, runtime: a.runtime, deployed: true } } : a)),
      ),
  },
  {
    id: 'factor-trial',
    reason: 'The read-only `trial_expired` of MFA factors is stripped.',
    apply: (s) => edit(s, 'guardianFactors', (fs) => fs.map(({ trial_expired: _t, ...f }) => f)),
  },
  {
    id: 'role-permission-details',
    reason: 'Role permissions are exported as permission name and API identifier only.',
    apply: (s) =>
      edit(s, 'rolePermissions', (rp) =>
        Object.fromEntries(Object.entries(rp).map(([id, ps]) => [id, ps.map((p) => ({ permission_name: p.permission_name, resource_server_identifier: p.resource_server_identifier }))])),
      ),
  },
  {
    id: 'custom-text-locales',
    reason: 'Custom text is exported for the enabled languages only.',
    apply: (s) => {
      const t = s.resources.tenantSettings;
      const enabled = new Set(t?.ok ? (t.data.enabled_locales ?? []) : []);
      edit(s, 'promptsCustomText', (ct) => Object.fromEntries(Object.entries(ct).map(([p, byLang]) => [p, Object.fromEntries(Object.entries(byLang).filter(([l]) => enabled.has(l)))])));
    },
  },
  {
    id: 'page-template-needs-custom-domain',
    reason: 'The Deploy CLI exports the Universal Login page template only when the tenant has a custom domain.',
    apply: (s) => {
      const d = s.resources.customDomains;
      if (d?.ok && d.data.length === 0) edit(s, 'brandingTemplate', () => null);
    },
  },
  // Last: what the other losses removed (the Management API) is then out of reach.
  {
    id: 'stripped-fields',
    reason: 'Fields the Deploy CLI strips on every export (sections.ts: tenant flags outside its allowlist, the Management API among the APIs, …) are out of reach on the resources that lack them.',
    apply: (s) => {
      for (const [k, r] of Object.entries(s.resources)) {
        if (!r?.ok) continue;
        const gaps = strippedFields(k as ResourceKey, r.data);
        if (gaps.length) r.unheld = [...(r.unheld ?? []), ...gaps];
      }
    },
  },
];

/**
 * Topics known to differ between the live view and the export, per tenant, and the documented
 * loss that explains each (the reason is the loss's). Listed for every rule module in rules/,
 * registered or not yet. Rules are added all the time: a difference not listed here is accepted
 * only when one documented loss alone reproduces it, and is reported so this list can be updated;
 * a listed topic that no longer differs is fine.
 */
const ALLOWED: Record<Tenant, { loss: string; formats?: Format[]; topics: string[] }[]> = {
  'brand-new': [
    // log-stream-active: "no log stream" live, log streams excluded from the export
    { loss: 'excluded-by-config', topics: ['b2c.p1.operations.logging', 'b2b.p1.operations.logging'] },
    // signing-key-rotation; organization-members
    { loss: 'no-deploy-cli-section', topics: ['b2c.p1.operations.notifications', 'b2b.p1.operations.notifications', 'b2b.p1.provisioning.provision-organization-users'] },
  ],
  'go-live-ready-b2c': [
    // signing-key-rotation; organization-members
    { loss: 'no-deploy-cli-section', topics: ['b2c.p1.operations.notifications', 'b2b.p1.operations.notifications', 'b2b.p2.authorization.roles-permissions', 'b2b.p1.provisioning.provision-organization-users'] },
    // mgmt-api-user-access finds no Management API to judge (at-risk live, nothing to check offline)
    { loss: 'management-api', topics: ['b2c.p1.authentication.application-integration', 'b2b.p1.authentication.application-integration'] },
    // mgmt-api-grants-least-privilege: the Deploy CLI's own Management API grant is not exported
    { loss: 'deploy-client-grants', topics: ['b2c.p2.authorization.api-integration', 'b2b.p2.authorization.api-integration', 'b2b.p2.authorization.m2m-authorization'] },
  ],
  'b2b-organizations': [
    // attack-protection-bot-detection: unavailable on the plan live, skipped by the Deploy CLI
    { loss: 'plan-gated-skipped', topics: ['b2c.p1.authentication.anomaly-detection', 'b2b.p1.authentication.anomaly-detection'] },
    { loss: 'no-deploy-cli-section', topics: ['b2c.p1.operations.notifications', 'b2b.p1.operations.notifications', 'b2b.p2.authorization.roles-permissions', 'b2b.p1.provisioning.provision-organization-users'] },
    { loss: 'management-api', topics: ['b2c.p1.authentication.application-integration', 'b2b.p1.authentication.application-integration'] },
  ],
  large: [{ loss: 'no-deploy-cli-section', topics: ['b2c.p1.operations.notifications', 'b2b.p1.operations.notifications', 'b2b.p2.authorization.roles-permissions', 'b2b.p1.provisioning.provision-organization-users'] }],
};

const NOW = () => new Date('2026-11-22T00:00:00.000Z');
async function statuses(snapshot: Snapshot): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const plan of ['b2c', 'b2b'] as const) {
    const report = await audit({ source: { kind: 'snapshot', snapshot }, plan, now: NOW });
    for (const t of report.topics) out.set(t.id, t.status);
  }
  return out;
}
function project(live: Snapshot, losses: readonly Loss[], ctx: { fixture: TenantFixture; config: DeployConfig }): Snapshot {
  const s = structuredClone(live);
  for (const l of losses) l.apply(s, ctx);
  return s;
}

describe('an audit of the export equals an audit of the live tenant, apart from documented differences', () => {
  it('every allowed difference names a documented loss', () => {
    const ids = new Set(LOSSES.map((l) => l.id));
    for (const entries of Object.values(ALLOWED)) for (const e of entries) expect(ids.has(e.loss), e.loss).toBe(true);
  });

  for (const t of TENANTS) {
    it(`${t}`, async () => {
      const fixture = readFixture(t);
      const config = configOf(t);
      const ctx = { fixture, config };
      const liveView = snapshotOf(fixture);
      const live = await statuses(liveView);
      for (const format of ['yaml', 'directory'] as const) {
        const losses = LOSSES.filter((l) => !l.formats || l.formats.includes(format));
        const { snapshot } = read(`${FIXTURES}/${t}/${EXPORT_PATH[format]}`, { deployConfigPath: `${FIXTURES}/${t}/config.json` });
        const exported = await statuses(snapshot);
        const projected = await statuses(project(liveView, losses, ctx));

        // 1. Nothing differs beyond the documented losses.
        const unexplained = [...projected.keys()].filter((id) => exported.get(id) !== projected.get(id)).map((id) => `${id}: export ${exported.get(id)}, expected ${projected.get(id)} (live ${live.get(id)})`);
        expect(unexplained, `${t} (${format})`).toEqual([]);

        // 2. Each difference from the live view is listed, or reproduced by one documented loss.
        const listed = new Set(ALLOWED[t].filter((e) => !e.formats || e.formats.includes(format)).flatMap((e) => e.topics));
        const differing = [...live.keys()].filter((id) => live.get(id) !== exported.get(id));
        const unlisted = differing.filter((x) => !listed.has(x));
        const [redaction, ...others] = losses as [Loss, ...Loss[]];
        const redacted = unlisted.length ? await statuses(project(liveView, [redaction], ctx)) : live;
        for (const id of unlisted) {
          const causes = redacted.get(id) !== live.get(id) ? [redaction.id] : [];
          for (const loss of others) {
            const one = await statuses(project(liveView, [redaction, loss], ctx));
            if (one.get(id) !== redacted.get(id)) causes.push(loss.id);
          }
          expect(causes, `${t} (${format}) ${id}: live ${live.get(id)}, export ${exported.get(id)}: no documented reason`).not.toEqual([]);
          console.info(`${t} (${format}) ${id}: live ${live.get(id)} → export ${exported.get(id)} (${causes.join(', ')}): not in ALLOWED yet`);
        }
      }
    }, 120_000);
  }
});
