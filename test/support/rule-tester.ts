/**
 * RuleTester: each case is a tenant and the findings it must produce. Every rule also gets,
 * for free, one case per needed resource made unavailable: the rule must then say `unknown`,
 * never `pass`.
 */
import { describe, expect, it } from 'vitest';
import type { AnyRule, RuleSettings } from '../../src/engine/define-rule.js';
import { evaluateRule, type Finding } from '../../src/engine/evaluate.js';
import type { Environment } from '../../src/engine/status.js';
import { DEFAULT_SETTINGS } from '../../src/run.js';
import type { Snapshot } from '../../src/snapshot/snapshot.js';
import { tenant, unavailable } from './tenant.js';

export interface ExpectedFinding {
  status?: Finding['status'];
  messageId?: string;
  severity?: Finding['severity'];
  /** Matches resource.id or resource.name. */
  resource?: string;
  field?: string;
  value?: unknown;
}

export interface Case {
  name: string;
  tenant: Snapshot;
  env?: Environment;
  settings?: Partial<RuleSettings>;
}

export interface InvalidCase extends Case {
  /** Each expected finding must be matched by one produced finding (others may exist). */
  findings: ExpectedFinding[];
}

export function run(rule: AnyRule, snapshot: Snapshot, c: Partial<Case> = {}): Finding[] {
  return evaluateRule(rule, snapshot, {
    ctx: { now: new Date('2026-11-22T00:00:00Z'), env: c.env ?? 'prod', plan: 'b2c', settings: { ...DEFAULT_SETTINGS, ...c.settings } },
  });
}

function matches(f: Finding, e: ExpectedFinding): boolean {
  return (
    (e.status === undefined || f.status === e.status) &&
    (e.messageId === undefined || f.messageId === e.messageId) &&
    (e.severity === undefined || f.severity === e.severity) &&
    (e.resource === undefined || f.resource?.id === e.resource || f.resource?.name === e.resource) &&
    (e.field === undefined || f.field === e.field) &&
    (e.value === undefined || JSON.stringify(f.value) === JSON.stringify(e.value))
  );
}

export function ruleTester(rule: AnyRule, cases: { valid: Case[]; invalid: InvalidCase[] }): void {
  describe(rule.id, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        const fs = run(rule, c.tenant, c);
        expect(fs.filter((f) => f.status !== 'pass' && f.status !== 'n/a').map((f) => `${f.status} ${f.message}`)).toEqual([]);
        expect(fs.length).toBeGreaterThan(0);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const fs = run(rule, c.tenant, c);
        for (const e of c.findings) {
          const hit = fs.find((f) => matches(f, e));
          expect(hit, `expected ${JSON.stringify(e)} among ${JSON.stringify(fs.map((f) => ({ status: f.status, messageId: f.messageId, severity: f.severity, resource: f.resource?.id, field: f.field })))}`).toBeDefined();
        }
      });
    }
    for (const key of rule.needs) {
      it(`unknown, never pass, when ${key} cannot be read`, () => {
        const fs = run(rule, tenant(unavailable(key)));
        expect(fs).toHaveLength(1);
        expect(fs[0]?.status).toBe('unknown');
        expect(fs[0]?.message).toContain('lacks');
      });
    }
  });
}
