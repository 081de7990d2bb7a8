/**
 * Framework views and organisation policies on the field corpus: the ten public Deploy CLI
 * exports in ../shared/field (see corpus.test.ts). Each is audited with every shipped framework
 * profile and the three example policies, and on real data:
 *
 * - nothing crashes, no policy or guardrail check errors, the report validates;
 * - every requirement's status follows from its evidence (FAIL-dominant, fails closed), and a rule
 *   that fails a requirement has a failing finding in the report (or needs a feature the
 *   subscription lacks) — the roll-up never invents a failure;
 * - coverage and summary add up.
 */
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { resolveFramework, shippedFrameworks } from '../../src/frameworks/load.js';
import { loadPolicyFile } from '../../src/policies/load.js';
import { AuditReportSchema, type AuditReport } from '../../src/report/schema.js';
import { audit } from '../../src/run.js';
import { readDeployCliExport } from '../../src/sources/deploy-cli/index.js';
import { available, REQUIREMENTS, SHARED_DIR, skipLine } from '../support/requires.js';
import { REPO_ROOT } from '../support/tenant.js';

const FIELD = `${SHARED_DIR}/field`;
const HAVE_FIELD = available(REQUIREMENTS.field);
const SKIPPED = HAVE_FIELD ? '' : ` (${skipLine(REQUIREMENTS.field)})`;
const NOW = () => new Date('2026-12-01T00:00:00Z');

const exports = HAVE_FIELD ? readdirSync(FIELD, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];

const RANK = { 'n/a': 0, pass: 1, unknown: 2, fail: 3 } as const;

describe.skipIf(!HAVE_FIELD)(`framework views and policies on the field corpus${SKIPPED}`, () => {
  const builtinIds = new Set(rules.map((r) => r.id));
  const policies = ['callbacks-on-company-domains', 'application-owner', 'database-connections-hardened'].flatMap((n) =>
    loadPolicyFile(`examples/policies/${n}.yaml`, REPO_ROOT, { builtinIds }).map((p) => p.rule),
  );
  const frameworks = shippedFrameworks(rules).flatMap((f) => f.file.profiles.map((p) => resolveFramework(p.id, { cwd: REPO_ROOT, rules })));

  it.each(exports)('%s', async (name) => {
    const dir = `${FIELD}/${name}`;
    const { snapshot } = readDeployCliExport(existsSync(`${dir}/tenant.yaml`) ? `${dir}/tenant.yaml` : dir, existsSync(`${dir}/config.json`) ? { deployConfigPath: `${dir}/config.json` } : {});
    const report: AuditReport = await audit({ source: { kind: 'snapshot', snapshot }, now: NOW, frameworks, rules: [...rules, ...policies] });
    expect(AuditReportSchema.safeParse(report).success).toBe(true);
    expect(report.findings.filter((f) => f.status === 'error').map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
    expect(report.findings.some((f) => f.ruleId.startsWith('org/'))).toBe(true);
    expect(report.frameworks?.map((f) => f.id)).toEqual(frameworks.map((f) => f.profile.id));
    const failingRules = new Set(report.findings.filter((f) => f.status === 'fail').map((f) => f.ruleId));
    for (const fr of report.frameworks ?? []) {
      const c = fr.coverage;
      expect(c.automated + c.partial + c.manual + c.outOfScope, fr.id).toBe(c.requirements);
      expect(Object.values(fr.summary).reduce((a, b) => a + b, 0), fr.id).toBe(c.requirements);
      for (const r of fr.requirements) {
        const at = `${fr.id} ${r.id}`;
        for (const e of r.evidence) {
          if (e.kind === 'rule' && e.status === 'fail') expect(failingRules.has(e.id) || /cannot be met on this subscription/.test(e.reason ?? ''), `${at}: ${e.id}`).toBe(true);
          if (e.kind === 'guardrail') expect(e.findings?.some((f) => f.status === 'error') ?? false, `${at}: guardrail error`).toBe(false);
        }
        // The status follows from the evidence.
        const onTenant = r.evidence.filter((e) => !(e.kind === 'guardrail' && e.config && e.status === 'pass'));
        const worst = (onTenant.length ? onTenant : r.evidence).reduce<keyof typeof RANK>((w, e) => (RANK[e.status] > RANK[w] ? e.status : w), 'n/a');
        if (r.automation === 'out-of-scope') expect(r.status, at).toBe('n/a');
        else if (worst === 'fail' || worst === 'unknown') expect(r.status, at).toBe(worst);
        else if (r.attestation) expect(['manual', 'n/a'], at).toContain(r.status);
        else expect(r.status, at).toBe(worst);
      }
    }
  });
});
