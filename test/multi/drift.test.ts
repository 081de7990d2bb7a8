import { describe, expect, it } from 'vitest';
import { diffSnapshots, ignoreMatcher, normalise, renderDriftMarkdown, renderDriftText } from '../../src/multi/drift.js';
import { failure, type Snapshot } from '../../src/snapshot/snapshot.js';
import { snapshotOf } from '../support/tenant.js';
import { acmeProd, acmeQa } from './acme.js';

const side = (label: string, snapshot: Snapshot) => ({ side: { label, domain: snapshot.tenant.domain, source: snapshot.source.kind }, snapshot });

describe('drift (X-04 normalisation)', () => {
  it('a tenant has no drift with itself', () => {
    const s = snapshotOf(acmeProd());
    const r = diffSnapshots(side('a', s), side('b', snapshotOf(acmeProd())));
    expect(r.drift).toBe(false);
    expect(r.entries).toEqual([]);
  });

  it('ignores ids, client ids, secrets and the tenant domain, custom domain and name', () => {
    const prod = snapshotOf(acmeProd());
    const qa = snapshotOf(acmeProd());
    qa.tenant.domain = 'acme-qa.us.auth0.com';
    const d = qa.resources as Record<string, { ok: boolean; data: unknown }>;
    const clients = d.clients?.data as { client_id?: string; client_secret?: string; [url: string]: unknown }[];
    for (const c of clients) {
      c.client_id = `qa-${c.client_id}`;
      c.client_secret = 'another-secret';
      // The QA tenant's URLs name its own custom domain.
      for (const k of ['callbacks', 'allowed_logout_urls', 'web_origins', 'allowed_origins']) {
        if (Array.isArray(c[k])) c[k] = (c[k] as string[]).map((u) => u.replace('login.acme.example', 'login-qa.acme.example'));
      }
    }
    (d.customDomains?.data as { domain: string }[])[0]!.domain = 'login-qa.acme.example';
    for (const l of (d.logStreams?.data ?? []) as { name: string }[]) l.name = l.name.replace('acme-prod', 'acme-qa');
    for (const rs of d.resourceServers?.data as { id: string; identifier: string }[]) {
      rs.id = `qa-${rs.id}`;
      rs.identifier = rs.identifier.replace('acme-prod.us.auth0.com', 'acme-qa.us.auth0.com').replace('login.acme.example', 'login-qa.acme.example');
    }
    const r = diffSnapshots(side('qa', qa), side('prod', prod));
    expect(r.entries).toEqual([]);
  });

  it('reports what differs, matched by name: a missing client, a changed connection option', () => {
    const r = diffSnapshots(side('qa', snapshotOf(acmeQa())), side('prod', snapshotOf(acmeProd())));
    expect(r.drift).toBe(true);
    expect(r.entries).toContainEqual(expect.objectContaining({ path: 'clients/Acme Mobile', kind: 'only-in-b' }));
    expect(r.entries).toContainEqual(expect.objectContaining({ path: 'connections/acme-customers/disable_signup', kind: 'changed', a: true, b: false }));
    expect(r.entries).toHaveLength(2);
    expect(renderDriftText(r)).toContain('+ Acme Mobile: only in prod');
    expect(renderDriftText(r)).toMatch(/only in prod/);
    expect(renderDriftMarkdown(r)).toContain('| connections | acme-customers | disable\\_signup | true | false |');
  });

  it('escapes every tenant value in Markdown: hostile names cannot mention, link or inject markup', () => {
    const qa = snapshotOf(acmeQa());
    const prod = snapshotOf(acmeProd());
    const clients = (prod.resources.clients as { ok: true; data: { name?: string }[] }).data;
    const hostile = ['@acme/security-team <img src=x onerror=alert(1)> [click](https://evil.example) `code` | col ~~x~~ **b**'];
    clients.push({ ...clients[0], client_id: 'hostile', name: hostile[0] } as (typeof clients)[number]);
    const md = renderDriftMarkdown(diffSnapshots(side('qa', qa), side('prod', prod)));
    const row = md.split('\n').find((l) => l.includes('security-team')) ?? '';
    expect(row).not.toMatch(/@acme/);
    expect(row).toContain('@\u200Bacme');
    expect(row).not.toMatch(/(?<!\\)<img|(?<!\\)\]\(|(?<!\\)`|(?<!\\)\*\*|(?<!\\)~~/);
    // The name stays in one table cell: its pipe is escaped.
    expect(row.split(/(?<!\\)\|/).length).toBe(7);
  });

  it('compares action code by hash, and binding order', () => {
    const a = snapshotOf(acmeProd());
    const b = snapshotOf(acmeProd());
    const actions = (b.resources.actions as { ok: true; data: { code?: string }[] }).data;
    actions[0]!.code = `${actions[0]!.code}\n// changed`;
    const r = diffSnapshots(side('a', a), side('b', b));
    expect(r.entries.map((e) => e.path)).toEqual(['actions/Add customer claims/codeHash']);
    expect(normalise(a).bindings?.['post-login']).toEqual({ order: ['Add customer claims'] });
  });

  it('drift.ignore patterns leave matching differences out and count them', () => {
    const r = diffSnapshots(side('qa', snapshotOf(acmeQa())), side('prod', snapshotOf(acmeProd())), { ignore: ['clients/*', 'connections/**/disable_signup'] });
    expect(r.drift).toBe(false);
    expect(r.ignored).toBe(2);
    expect(ignoreMatcher(['tenant'])('tenant/settings/flags.x')).toBe(true);
    expect(ignoreMatcher(['clients/Acme*'])('connections/Acme')).toBe(false);
  });

  it('a resource one side could not read is "not compared", never drift', () => {
    const a = snapshotOf(acmeProd());
    const b = snapshotOf(acmeProd());
    b.resources.clients = failure('missing-scope', 'Applications: missing read:clients', ['read:clients']);
    const r = diffSnapshots(side('a', a), side('b', b));
    expect(r.drift).toBe(false);
    expect(r.notCompared).toEqual([{ side: 'b', resource: 'clients', reason: 'Applications: missing read:clients' }]);
  });
});

import { fileURLToPath } from 'node:url';
import { readDeployCliExport } from '../../src/sources/deploy-cli/index.js';

describe('an export beside a live read', () => {
  const exportOf = (fmt: 'yaml/tenant.yaml' | 'directory') => {
    const root = fileURLToPath(new URL('../../fixtures/deploy-cli/go-live-ready-b2c/', import.meta.url));
    return readDeployCliExport(`${root}${fmt}`, { deployConfigPath: `${root}config.json` }).snapshot;
  };
  it.each(['yaml/tenant.yaml', 'directory'] as const)('%s: what exports never hold is not drift, and is named as not compared', (fmt) => {
    const live = snapshotOf(acmeProd());
    const r = diffSnapshots({ side: { label: 'live', domain: live.tenant.domain, source: 'management-api' }, snapshot: live }, { side: { label: 'export', domain: 'x', source: 'deploy-cli' }, snapshot: exportOf(fmt) });
    expect(r.entries.map((e) => e.path)).toEqual([]);
    expect(r.drift).toBe(false);
    const named = r.notCompared.filter((n) => n.reason.startsWith('never in a Deploy CLI export')).map((n) => n.resource);
    expect(named).toContain('clients/All Applications');
    expect(named).toContain('resource-servers/Auth0 Management API');
    expect(named.some((n) => n.startsWith('tenant/settings flags.'))).toBe(true);
  });
  it('two live reads still compare the global client and the Management API', () => {
    const a = snapshotOf(acmeProd());
    const b = snapshotOf(acmeProd());
    const side = { label: 'x', domain: a.tenant.domain, source: 'management-api' };
    const r = diffSnapshots({ side, snapshot: a }, { side, snapshot: b });
    expect(r.notCompared).toEqual([]);
  });
});
