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

/** Credentials of the three Acme emulators, as the environment variables the config names. */
export const ACME_ENV = { DEV_ID: 'dev-client', DEV_SECRET: 'dev-secret', QA_ID: 'qa-client', QA_SECRET: 'qa-secret', PROD_ID: 'prod-client', PROD_SECRET: 'prod-secret' };

const attest = (tenant: string, evidence: string) => ({ topic: 'env-tag', tenant, status: 'done', owner: 'ops@acme.example', date: '2026-11-20', evidence });

/**
 * dev, QA and prod emulators, and the config's `tenants` and `attestations` that point at them.
 * dev is tagged Production in the Dashboard (its env-tag evidence): X-08 must catch it.
 */
export async function startAcmeFleet() {
  const { startEmulator } = await import('../emulator/server.js');
  const [dev, qa, prod] = await Promise.all([
    startEmulator({ fixture: acmeDev(), clientId: ACME_ENV.DEV_ID, clientSecret: ACME_ENV.DEV_SECRET }),
    startEmulator({ fixture: acmeQa(), clientId: ACME_ENV.QA_ID, clientSecret: ACME_ENV.QA_SECRET }),
    startEmulator({ fixture: acmeProd(), clientId: ACME_ENV.PROD_ID, clientSecret: ACME_ENV.PROD_SECRET }),
  ]);
  return {
    ems: [dev, qa, prod],
    tenants: [
      { alias: 'dev', domain: 'acme-dev.us.auth0.com', env: 'dev', apiBaseUrl: dev.url, credentials: { clientIdEnv: 'DEV_ID', clientSecretEnv: 'DEV_SECRET' } },
      { alias: 'qa', domain: 'acme-qa.us.auth0.com', env: 'qa', apiBaseUrl: qa.url, credentials: { clientIdEnv: 'QA_ID', clientSecretEnv: 'QA_SECRET' } },
      { alias: 'prod', domain: 'acme-prod.us.auth0.com', env: 'prod', apiBaseUrl: prod.url, credentials: { clientIdEnv: 'PROD_ID', clientSecretEnv: 'PROD_SECRET' } },
    ],
    attestations: [attest('dev', 'Dashboard > Settings: Production'), attest('qa', 'Dashboard > Settings: Staging'), attest('prod', 'Dashboard > Settings: Production')],
  };
}
