/**
 * Provenance of Deploy CLI findings: the file and the line of the offending value, in both
 * export formats, as a user opening the file sees it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocator, fieldPath } from '../../src/sources/deploy-cli/locate.js';
import { readDeployCliExport } from '../../src/sources/deploy-cli/index.js';
import { audit } from '../../src/run.js';

const ROOT = 'fixtures/deploy-cli/brand-new';
const lineOf = (file: string, line: number): string => readFileSync(file, 'utf8').split('\n')[line - 1] ?? '';

describe('Deploy CLI locations', () => {
  it('parses field paths', () => {
    expect(fieldPath('options.password_complexity_options.min_length')).toEqual(['options', 'password_complexity_options', 'min_length']);
    expect(fieldPath('grant_types[1]')).toEqual(['grant_types', 1]);
    expect(fieldPath('prompts/*/custom-text/en')).toEqual([]);
    expect(fieldPath(undefined)).toEqual([]);
  });

  it('YAML: tenant.yaml and the line of the value', () => {
    const locate = createLocator(join(ROOT, 'yaml'), 'yaml');
    const pw = locate({ resource: { type: 'connection', id: 'name:Username-Password-Authentication', name: 'Username-Password-Authentication' }, field: 'options.password_complexity_options.min_length' });
    expect(pw?.file).toBe('tenant.yaml');
    expect(lineOf(join(ROOT, 'yaml/tenant.yaml'), pw?.line ?? 0)).toMatch(/^\s+min_length: 8$/);
    const grant = locate({ resource: { type: 'client', id: 'name:Default App', name: 'Default App' }, field: 'grant_types[1]' });
    expect(lineOf(join(ROOT, 'yaml/tenant.yaml'), grant?.line ?? 0)).toMatch(/^\s+- implicit$/);
    // A value the export leaves out: the item it belongs to.
    const missing = locate({ resource: { type: 'client', id: 'name:Default App', name: 'Default App' }, field: 'initiate_login_uri' });
    expect(lineOf(join(ROOT, 'yaml/tenant.yaml'), missing?.line ?? 0)).toMatch(/^\s+- name: Default App$/);
    // A tenant setting the export leaves out: the `tenant:` key.
    const tenant = locate({ resource: { type: 'tenant', id: 'support_email', name: 'Tenant support email' }, field: 'support_email' });
    expect(lineOf(join(ROOT, 'yaml/tenant.yaml'), tenant?.line ?? 0)).toBe('tenant:');
    // Nothing to place: no location, never a guess.
    expect(locate({ resource: { type: 'client', id: 'name:Nope', name: 'Nope' }, field: 'callbacks' })).toBeUndefined();
    expect(locate({ resource: { type: 'network-acl', id: 'x' } })).toBeUndefined();
  });

  it('directory: the resource\'s own file and the line of the value', () => {
    const locate = createLocator(join(ROOT, 'directory'), 'directory');
    const pw = locate({ resource: { type: 'connection', id: 'name:Username-Password-Authentication', name: 'Username-Password-Authentication' }, field: 'options.password_complexity_options.min_length' });
    expect(pw?.file).toBe('database-connections/Username-Password-Authentication/database.json');
    expect(lineOf(join(ROOT, 'directory', pw?.file ?? ''), pw?.line ?? 0)).toMatch(/"min_length": 8/);
    const flag = locate({ resource: { type: 'tenant-flag', id: 'enable_client_connections' }, field: 'flags.enable_client_connections' });
    expect(flag?.file).toBe('tenant.json');
    expect(lineOf(join(ROOT, 'directory/tenant.json'), flag?.line ?? 0)).toMatch(/"enable_client_connections": true/);
    const grant = locate({ resource: { type: 'client', id: 'name:Default App', name: 'Default App' }, field: 'grant_types[1]' });
    expect(grant?.file).toBe('clients/Default App.json');
    expect(lineOf(join(ROOT, 'directory', grant?.file ?? ''), grant?.line ?? 0)).toMatch(/"implicit"/);
  });

  it('the audit carries the location into findings and the fix-first list', async () => {
    const { snapshot, locate } = readDeployCliExport(join(ROOT, 'yaml'));
    const report = await audit({ source: { kind: 'snapshot', snapshot, locate } });
    const failing = report.findings.filter((f) => f.status === 'fail');
    expect(failing.filter((f) => f.location).length).toBeGreaterThan(failing.length * 0.75);
    expect(report.findings.filter((f) => f.status === 'pass' && f.location)).toEqual([]);
    // A database-connection option (the export's 8-character password minimum now meets the default).
    const item = report.fixFirst?.items.find((i) => i.ruleId === 'database-password-hygiene');
    expect(item?.location?.file).toBe('tenant.yaml');
  });
});
