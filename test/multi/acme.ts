/**
 * Three Acme tenants for multi-tenant tests, derived from the go-live-ready fixture (acme-prod)
 * with deliberate differences:
 * - qa (acme-qa): its own custom domain; the mobile app is missing; sign-up disabled on the
 *   customer database; otherwise the same as prod (after normalisation).
 * - dev (acme-dev): custom domains not on its plan (403), so no custom domain of its own.
 */
import type { TenantFixture } from '../emulator/fixture.js';
import { readFixture } from '../support/tenant.js';

type Mut = (r: Record<string, unknown>) => void;

function derive(name: string, customDomain: string | undefined, change: Mut = () => {}, planGated: string[] = []): TenantFixture {
  const base = readFixture('go-live-ready-b2c');
  let text = JSON.stringify(base).split('acme-prod').join(name);
  if (customDomain) text = text.split('login.acme.example').join(customDomain);
  const f = JSON.parse(text) as TenantFixture & { planGated?: string[] };
  f.description = `Acme ${name} (derived from go-live-ready-b2c)`;
  change(f.resources as Record<string, unknown>);
  if (planGated.length) f.planGated = [...(f.planGated ?? []), ...planGated] as TenantFixture['planGated'];
  return f;
}

export const acmeProd = (): TenantFixture => readFixture('go-live-ready-b2c');

export const acmeQa = (): TenantFixture =>
  derive('acme-qa', 'login-qa.acme.example', (r) => {
    r.clients = (r.clients as { name: string }[]).filter((c) => c.name !== 'Acme Mobile');
    const db = (r.connections as { name: string; options: Record<string, unknown> }[]).find((c) => c.name === 'acme-customers');
    if (db) db.options.disable_signup = true;
  });

export const acmeDev = (): TenantFixture =>
  derive('acme-dev', undefined, (r) => {
    delete r.customDomains;
  }, ['customDomains']);
