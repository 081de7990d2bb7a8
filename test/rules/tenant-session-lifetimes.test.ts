import { expect, it } from 'vitest';
import rule from '../../rules/tenant-session-lifetimes.js';
import { evaluateRule } from '../../src/engine/evaluate.js';
import { DEFAULT_SETTINGS } from '../../src/run.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, tenantFrom } from '../support/tenant.js';

const sessions = (patch: Record<string, unknown>) => tenant((t) => { t.tenantSettings = { ...t.tenantSettings, ...patch }; });

ruleTester(rule, {
  valid: [
    { name: 'Auth0 defaults, persistent cookie', tenant: tenant() },
    { name: 'short B2B sessions, non-persistent cookie', tenant: tenantFrom('b2b-organizations') },
    { name: 'nothing set: Auth0 defaults apply', tenant: tenantFrom('brand-new') },
  ],
  invalid: [
    {
      name: 'idle timeout as long as the absolute lifetime',
      tenant: sessions({ idle_session_lifetime: 168, session_lifetime: 168 }),
      findings: [{ status: 'fail', messageId: 'idle-not-shorter', severity: 'advice', resource: 'session_lifetime', field: 'idle_session_lifetime', value: 168 }],
    },
    {
      name: 'a 90-day absolute lifetime',
      tenant: sessions({ session_lifetime: 2160 }),
      findings: [{ status: 'fail', messageId: 'long', resource: 'session_lifetime', field: 'session_lifetime', value: 2160 }],
    },
    {
      name: 'non-persistent sessions whose idle timeout exceeds their lifetime',
      tenant: sessions({ ephemeral_session_lifetime: 8, idle_ephemeral_session_lifetime: 12 }),
      findings: [{ status: 'fail', messageId: 'idle-not-shorter', resource: 'ephemeral_session_lifetime', field: 'idle_ephemeral_session_lifetime', value: 12 }],
    },
  ],
});

it('reports every lifetime and the cookie mode, in hours and days', () => {
  const fs = run(rule, tenant());
  expect(fs.map((f) => f.message)).toEqual([
    'Persistent sessions end after 72 h (3 days) idle and 168 h (7 days) at most',
    'Non-persistent sessions end after 24 h (1 day) idle and 72 h (3 days) at most',
    'The session cookie is persistent',
  ]);
});

it('says when Auth0 defaults apply', () => {
  const fs = run(rule, sessions({ session_lifetime: undefined, idle_session_lifetime: undefined, ephemeral_session_lifetime: undefined, idle_ephemeral_session_lifetime: undefined, session_cookie: undefined }));
  expect(fs.map((f) => f.message)).toEqual([
    'Persistent sessions end after 72 h (3 days) idle and 168 h (7 days) at most (Auth0 defaults where unset)',
    'The session cookie is persistent (Auth0 default)',
  ]);
});

it('accepts a longer lifetime through the rule option maxSessionLifetimeHours', () => {
  const fs = evaluateRule(rule, sessions({ session_lifetime: 2160 }), {
    ctx: { now: new Date('2026-11-22T00:00:00Z'), env: 'prod', plan: 'b2c', settings: DEFAULT_SETTINGS },
    ruleSettings: { 'tenant-session-lifetimes': { options: { maxSessionLifetimeHours: 8760 } } },
  });
  expect(fs.filter((f) => f.status === 'fail')).toEqual([]);
});
