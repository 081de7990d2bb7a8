/**
 * A resource read with some fields the source did not hold (`unheld`, e.g. a Deploy CLI export
 * without `pages`): a finding about such a field, or a field under it, is unknown with the reason;
 * every other finding of the rule is judged as usual.
 */
import { expect, it } from 'vitest';
import errorPage from '../../rules/error-page-custom.js';
import supportEmail from '../../rules/tenant-support-email.js';
import { evaluateRule } from '../../src/engine/evaluate.js';
import { DEFAULT_SETTINGS } from '../../src/run.js';
import type { Snapshot } from '../../src/snapshot/snapshot.js';
import { tenant } from '../support/tenant.js';

const opts = { ctx: { now: new Date('2026-12-01T00:00:00Z'), env: 'prod' as const, plan: 'b2c' as const, settings: DEFAULT_SETTINGS } };
const DETAIL = 'pages is not in the export (excluded or not managed): the error, password-reset and MFA pages of the tenant settings are unknown';

function withoutPages(mutate?: (s: Record<string, unknown>) => void, field = 'error_page'): Snapshot {
  const snapshot = tenant();
  const r = snapshot.resources.tenantSettings;
  if (!r?.ok) throw new Error('the baseline tenant has tenant settings');
  const data = { ...r.data } as Record<string, unknown>;
  delete data.error_page;
  mutate?.(data);
  snapshot.resources.tenantSettings = { ok: true, data: data as typeof r.data, unheld: [{ field, detail: DETAIL }] };
  return snapshot;
}

it('a finding about an unheld field is unknown, naming the resource and why', () => {
  const fs = evaluateRule(errorPage, withoutPages(), opts);
  expect(fs).toEqual([
    expect.objectContaining({
      status: 'unknown',
      messageId: 'field-not-held',
      message: `Not evaluated: Tenant settings: ${DETAIL}`,
      field: 'error_page',
      resource: { type: 'tenant', id: 'error_page', name: 'Tenant error page' },
      missing: [{ key: 'tenantSettings', reason: 'not-in-export', detail: DETAIL }],
    }),
  ]);
  expect(fs[0]?.severity).toBe('warning');
});

it('a field under an unheld one is unheld too; a field that only shares its prefix is not', () => {
  const fs = evaluateRule(errorPage, withoutPages((d) => (d.error_page = { url: 'http://errors.acme.example' })), opts);
  expect(fs.map((f) => [f.status, f.field])).toEqual([['unknown', 'error_page.url']]);
  // support_email is not under an unheld `support`: judged
  const other = evaluateRule(supportEmail, withoutPages((d) => delete d.support_email, 'support'), opts);
  expect(other.map((f) => [f.status, f.field])).toEqual([['fail', 'support_email']]);
});

it('other findings of the same resource are judged as usual', () => {
  const fs = evaluateRule(supportEmail, withoutPages((d) => delete d.support_email), opts);
  expect(fs.map((f) => f.status)).toEqual(['fail']);
});
