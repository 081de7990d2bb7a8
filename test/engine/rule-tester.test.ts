/**
 * The RuleTester itself: each strictness check fails on a rule or a case that breaks it (a tester
 * that never fails would let every rule test pass).
 */
import { describe, expect, it } from 'vitest';
import { defineRule, type AnyRule } from '../../src/engine/define-rule.js';
import { checkInvalid, run } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

/** One finding per client: pass for a SPA, fail otherwise (the baseline tenant has both). */
const perClient = defineRule({
  id: 'tester-per-client',
  title: 'test rule',
  topics: [],
  severity: 'warning',
  checks: [],
  rationale: '',
  remediation: '',
  docs: '',
  needs: ['clients'],
  messages: { spa: 'Client {name} is a SPA', other: 'Client {name} is {type}' },
  options: { strict: { type: 'boolean', description: 'test option' } },
  evaluate: ({ clients }) =>
    clients.map((c) =>
      c.app_type === 'spa'
        ? { status: 'pass', messageId: 'spa', data: { name: c.name }, resource: { type: 'client', id: c.client_id, name: c.name } }
        : { status: 'fail', messageId: 'other', data: { name: c.name, type: c.app_type ?? 'unknown' }, resource: { type: 'client', id: c.client_id, name: c.name } },
    ),
});

const variant = (evaluate: (view: { clients: { client_id: string; name: string; app_type?: string }[] }) => unknown[]): AnyRule =>
  ({ ...perClient, evaluate }) as unknown as AnyRule;

const failing = () => run(perClient, tenant()).filter((f) => f.status === 'fail');

describe('RuleTester', () => {
  it('the baseline tenant gives the test rule passes and failures', () => {
    expect(failing().length).toBeGreaterThan(1);
    expect(run(perClient, tenant()).some((f) => f.status === 'pass')).toBe(true);
  });

  it('an invalid case listing every failing finding passes; one leaving a failure out fails', () => {
    const all = failing().map((f) => ({ status: 'fail' as const, resource: f.resource?.name as string }));
    expect(() => checkInvalid(perClient, { name: 'all', tenant: tenant(), findings: all })).not.toThrow();
    expect(() => checkInvalid(perClient, { name: 'one short', tenant: tenant(), findings: all.slice(1) })).toThrow(/findings the case does not list/);
  });

  it('each expected finding needs a finding of its own: listing one twice fails', () => {
    const all = failing().map((f) => ({ status: 'fail' as const, resource: f.resource?.name as string }));
    expect(() => checkInvalid(perClient, { name: 'twice', tenant: tenant(), findings: [...all, all[0]!] })).toThrow(/expected \{"status":"fail"/);
  });

  it('a messageId the rule does not declare fails', () => {
    const rule = variant(({ clients }) => clients.map((c) => ({ status: 'pass', messageId: 'spaa', data: { name: c.name } })));
    expect(() => run(rule, tenant())).toThrow(/messageId "spaa" is not one of the rule's messages/);
  });

  it('a placeholder its data leaves empty fails', () => {
    const rule = variant(({ clients }) => clients.map((c) => ({ status: 'fail', messageId: 'other', data: { name: c.name } })));
    expect(() => run(rule, tenant())).toThrow(/message other leaves \{type\} unfilled/);
  });

  it('a rule that writes to its input fails (the tenant is deep-frozen), and the fixture is untouched', () => {
    const t = tenant();
    const rule = variant(({ clients }) => {
      (clients[0] as { name: string }).name = 'changed';
      return [];
    });
    expect(() => run(rule, t)).toThrow(/threw/);
    const before = JSON.stringify(t);
    run(perClient, t);
    expect(JSON.stringify(t)).toBe(before);
    expect(Object.isFrozen(t)).toBe(false);
  });

  it('options are checked against the rule schema', () => {
    expect(() => run(perClient, tenant(), { options: { strict: true } })).not.toThrow();
    expect(() => run(perClient, tenant(), { options: { strictt: true } })).toThrow(/options the rule schema refuses/);
  });
});
