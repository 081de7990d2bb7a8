import { describe, expect, it } from 'vitest';
import rule from '../../rules/app-third-party-flag.js';
import { evaluateRule, type Finding } from '../../src/engine/evaluate.js';
import { DEFAULT_SETTINGS } from '../../src/run.js';
import type { ClientData } from '../../src/snapshot/resources.js';
import type { Snapshot } from '../../src/snapshot/snapshot.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';

const addClient = (c: ClientData): Mutator => (t) => {
  t.clients = [...(t.clients ?? []), c];
};
const partner = (firstParty: boolean) => addClient({ client_id: 'partner_1', name: 'Globex CRM sync', app_type: 'regular_web', is_first_party: firstParty });

/** Runs the rule with the `thirdPartyClients` rule option (the rule tester passes no options). */
function withList(snapshot: Snapshot, list: unknown): Finding[] {
  return evaluateRule(rule, snapshot, {
    ctx: { now: new Date('2026-11-22T00:00:00Z'), env: 'prod', plan: 'b2c', settings: DEFAULT_SETTINGS },
    ruleSettings: { [rule.id]: { options: { thirdPartyClients: list } } },
  });
}

ruleTester(rule, {
  valid: [{ name: 'an app registered as third-party (no list configured)', tenant: tenant(partner(false)) }],
  invalid: [],
});

describe('app-third-party-flag with a list', () => {
  it('is n/a with no list and only first-party apps', () => {
    expect(withList(tenant(), undefined).map((f) => f.status)).toEqual(['n/a']);
  });
  it('passes a listed app registered as third-party', () => {
    const fs = withList(tenant(partner(false)), ['partner_1']);
    expect(fs.find((f) => f.resource?.id === 'partner_1')).toMatchObject({ status: 'pass', messageId: 'ok' });
  });
  it('fails a listed app registered as first-party, matched by name', () => {
    const fs = withList(tenant(partner(true)), ['Globex CRM sync']);
    expect(fs.find((f) => f.resource?.id === 'partner_1')).toMatchObject({ status: 'fail', messageId: 'first-party', field: 'is_first_party', value: true, severity: 'advice' });
  });
  it('reports a listed app that does not exist', () => {
    const fs = withList(tenant(), ['gone_1']);
    expect(fs).toEqual([expect.objectContaining({ status: 'fail', messageId: 'absent', field: 'thirdPartyClients', value: 'gone_1' })]);
  });
  it('ignores a malformed option', () => {
    expect(withList(tenant(partner(false)), 'partner_1').map((f) => f.messageId)).toEqual(['unlisted']);
  });
});
