/**
 * The shipped framework files: each loads against the rule registry and the catalog, and ASVS 5.0
 * holds every requirement of chapters V6, V7, V9 and V10 at its official level (official.txt,
 * read from OWASP's release files) — mapped, manual, or out of scope with a reason.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { attestationIdOf, profilesOf, shippedFrameworks, shippedFrameworksDir } from '../../src/frameworks/load.js';

const frameworks = shippedFrameworks(rules);
const byId = new Map(frameworks.map((f) => [f.file.id, f]));

describe('shipped frameworks', () => {
  it('ship ASVS 5.0 (L1–L3), NIST SP 800-63B-4 (AAL1, AAL2) and PCI DSS 4.0.1 Req 8 for administration', () => {
    expect(frameworks.flatMap((f) => f.file.profiles.map((p) => p.id)).sort()).toEqual(
      ['asvs-5.0-L1', 'asvs-5.0-L2', 'asvs-5.0-L3', 'nist-800-63b-4-aal1', 'nist-800-63b-4-aal2', 'pci-dss-4.0.1-req8-admin'].sort(),
    );
  });

  it('ASVS 5.0: exactly the official requirements of V6, V7, V9 and V10, each at its official level', () => {
    const official = readFileSync(`${shippedFrameworksDir()}asvs-5.0/official.txt`, 'utf8')
      .split('\n')
      .filter((l) => /^\d/.test(l))
      .map((l) => l.trim().split(/\s+/));
    expect(official.length).toBeGreaterThan(100);
    expect(new Set(official.map(([id]) => id!.split('.')[0]))).toEqual(new Set(['6', '7', '9', '10']));
    const asvs = byId.get('asvs-5.0')!.file;
    expect(asvs.requirements.map((r) => [r.id, String(r.level)])).toEqual(official);
  });

  it('PCI DSS Requirement 8 lists every sub-requirement from 8.1.1 to 8.6.3', () => {
    const ids = byId.get('pci-dss-4.0.1-req8')!.file.requirements.map((r) => r.id);
    for (const id of ['8.1.1', '8.2.1', '8.2.8', '8.3.1', '8.3.6', '8.3.10.1', '8.4.1', '8.4.2', '8.4.3', '8.5.1', '8.6.1', '8.6.3']) expect(ids).toContain(id);
    expect(ids.every((id) => id.startsWith('8.'))).toBe(true);
  });

  it('every requirement is judged somehow: evidence, an attestation, or out of scope with a reason; titles are short', () => {
    for (const fw of frameworks) {
      for (const r of fw.file.requirements) {
        const judged = !!(r.rules?.length || r.topics?.length || r.guardrails?.length || r.manual);
        expect(judged !== (r.outOfScope !== undefined), `${fw.file.id} ${r.id}`).toBe(true);
        expect(r.title.length, `${fw.file.id} ${r.id} title`).toBeLessThanOrEqual(160);
        expect(profilesOf(fw.file, r).length, `${fw.file.id} ${r.id} in no profile`).toBeGreaterThan(0);
        if (r.manual) expect(attestationIdOf(fw.file, r)).toMatch(/^([a-z-]+|[a-z0-9.-]+:\S+)$/);
      }
    }
  });

  it('NIST AAL1 asks 15-character passwords of a password-only tenant, AAL2 reauthentication through tenant session settings', () => {
    const nist = byId.get('nist-800-63b-4')!.file;
    const aal1 = nist.requirements.filter((r) => profilesOf(nist, r).some((p) => p.id === 'nist-800-63b-4-aal1'));
    const guard = aal1.flatMap((r) => r.guardrails ?? []).find((g) => 'setting' in g && g.setting === 'minPasswordLength' && (!g.profiles || g.profiles.includes('nist-800-63b-4-aal1')));
    expect(guard).toMatchObject({ min: 15 });
    const sessionChecks = nist.requirements.flatMap((r) => r.guardrails ?? []).filter((g) => 'check' in g && g.check.resource === 'tenantSettings' && g.profiles?.includes('nist-800-63b-4-aal2'));
    expect(JSON.stringify(sessionChecks)).toMatch(/idle_session_lifetime/);
  });

  it('each file names its source and licence, and a SOURCES.md sits beside it', () => {
    for (const fw of frameworks) {
      expect(fw.file.source).toMatch(/https?:\/\//);
      expect(fw.file.licence.length).toBeGreaterThan(20);
      const dir = fw.shown.replace(/framework\.yaml$/, '');
      expect(readFileSync(`${shippedFrameworksDir()}${dir.replace(/^frameworks\//, '')}SOURCES.md`, 'utf8')).toMatch(/20\d\d-\d\d-\d\d/);
    }
  });
});

describe('docs/frameworks.md', () => {
  it("its table of shipped profiles states each profile's coverage as the files give it", async () => {
    const { automationOf, selectProfile } = await import('../../src/frameworks/load.js');
    const doc = readFileSync(new URL('../../docs/frameworks.md', import.meta.url), 'utf8');
    const rows = new Map(
      [...doc.matchAll(/^\| `([^`]+)` \| [^|]+ \| (\d+) \| (\d+) \| (\d+) \((\d+)\) \| (\d+) \|$/gm)].map((m) => [m[1], m.slice(2).map(Number)]),
    );
    const profiles = frameworks.flatMap((fw) => fw.file.profiles.map((p) => ({ fw, p })));
    expect([...rows.keys()].sort()).toEqual(profiles.map(({ p }) => p.id).sort());
    for (const { fw, p } of profiles) {
      const reqs = selectProfile(fw, p).requirements;
      const n = (k: string) => reqs.filter((r) => automationOf(r, p.id) === k).length;
      expect(rows.get(p.id), p.id).toEqual([reqs.length, n('automated'), n('partial') + n('manual'), n('partial'), n('out-of-scope')]);
    }
  });
});

describe("docs/frameworks.md's example framework file", () => {
  it('loads as written, and each profile can be judged', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { resolveFramework } = await import('../../src/frameworks/load.js');
    const doc = readFileSync(new URL('../../docs/frameworks.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('## Adding a framework file'));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    expect(yaml).toMatch(/^id: house/);
    const dir = mkdtempSync(join(tmpdir(), 'a0r-docfw-'));
    try {
      writeFileSync(join(dir, 'house.yaml'), yaml!);
      for (const p of ['house-base', 'house-strict']) expect(resolveFramework(`house.yaml#${p}`, { cwd: dir, rules }).requirements.length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
