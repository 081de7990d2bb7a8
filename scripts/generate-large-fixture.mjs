#!/usr/bin/env node
/**
 * Generates fixtures/tenants/large.json: a big, otherwise well-configured tenant used to test
 * pagination, rate limiting and concurrency of the collector against the emulator.
 *
 * Regenerate (deterministic: same inputs, same bytes; no dependencies, no network):
 *
 *   node scripts/generate-large-fixture.mjs            # writes fixtures/tenants/large.json
 *   node scripts/generate-large-fixture.mjs --check    # exit 1 if the committed file is stale
 *
 * Inputs: fixtures/tenants/go-live-ready-b2c.json (every singleton resource is copied from it and
 * rebranded Acme → MegaCorp) and fixtures/tenants/b2b-organizations.json (the public SAML test
 * certificate). Edit those, or the constants below, then regenerate and commit the output.
 *
 * Contents: 420 clients (the global "All Applications" client first), 260 connections, 300
 * actions (3 bound to post-login), 60 organizations (with enabled connections, members and
 * discovery domains), 101 APIs (the Management API and 100 of the tenant's own), client grants
 * for every machine-to-machine client, 41 roles with permissions (one with 150, two pages), SCIM
 * configurations, a self-service SSO profile, forms, signing keys, a network ACL, an event
 * stream and 1 log stream. Four problems are hidden on the LAST page at a page size of 100
 * (clients page=4, connections after the 2nd `next`, resource servers page=1):
 *   - client "Legacy Partner Portal" (the last client) has `http://localhost:3000/callback`;
 *   - database connection "legacy-import-users" has `options.brute_force_protection: false`;
 *   - social connection "github-devkeys-legacy" (the last connection) has an empty
 *     `options.client_id` (Auth0 developer keys);
 *   - API "Legacy Partner Reports API" (the last resource server) signs with HS256 and issues
 *     30-day access tokens.
 * Everything else is configured like the go-live-ready tenant.
 *
 * Everything added after the first version (the actions beyond the first 50, and every resource
 * after organizations) draws from a second random stream, so the original content stays
 * byte-identical.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BASE = join(ROOT, 'fixtures/tenants/go-live-ready-b2c.json');
const B2B = join(ROOT, 'fixtures/tenants/b2b-organizations.json');
const OUT = join(ROOT, 'fixtures/tenants/large.json');

export const CLIENT_COUNT = 420; // including the global client
export const CONNECTION_COUNT = 260;
export const ACTION_COUNT = 300;
/** Actions drawn from the first random stream (the original fixture had these). */
const FIRST_ACTIONS = 50;
export const ORGANIZATION_COUNT = 60;
export const API_COUNT = 100; // the tenant's own APIs, besides the Management API
export const ROLE_COUNT = 41;
const SEED = 0x5eed2026;
const SEED2 = 0x5eed2027;
const COMPANY = 'megacorp.example';
const TENANT = 'megacorp-prod';

// ------------------------------------------------------------------------------------------------
// Deterministic randomness (mulberry32)

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = prng(SEED);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const pick = (arr) => arr[Math.floor(rand() * arr.length)];
const chars = (alphabet, n) => Array.from({ length: n }, () => pick(alphabet)).join('');
const clientId = () => chars(ALNUM, 32);
const connectionId = () => `con_${chars(ALNUM, 16)}`;
const orgId = () => `org_${chars(ALNUM, 16)}`;
const uuid = () => {
  const h = chars(HEX, 32).split('');
  h[12] = '4';
  h[16] = '89ab'[Math.floor(rand() * 4)];
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
};
const pad = (n, w = 3) => String(n).padStart(w, '0');

// The second stream, for everything added later.
const rand2 = prng(SEED2);
const pick2 = (arr) => arr[Math.floor(rand2() * arr.length)];
const chars2 = (alphabet, n) => Array.from({ length: n }, () => pick2(alphabet)).join('');
const uuid2 = () => {
  const h = chars2(HEX, 32).split('');
  h[12] = '4';
  h[16] = '89ab'[Math.floor(rand2() * 4)];
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
};
const T0 = Date.UTC(2025, 5, 1, 9, 0, 0);
const stamp = (i, minutes = 97) => new Date(T0 + i * minutes * 60_000).toISOString();

// ------------------------------------------------------------------------------------------------
// Building blocks

const REFRESH_ROTATING = {
  rotation_type: 'rotating',
  expiration_type: 'expiring',
  leeway: 0,
  token_lifetime: 2592000,
  idle_token_lifetime: 1296000,
  infinite_token_lifetime: false,
  infinite_idle_token_lifetime: false,
};
const JWT = { alg: 'RS256', lifetime_in_seconds: 3600, secret_encoded: false };

function baseClient(name, appType, description) {
  return {
    tenant: TENANT,
    global: false,
    name,
    description,
    app_type: appType,
    client_id: clientId(),
    is_first_party: true,
    oidc_conformant: true,
    sso_disabled: false,
    cross_origin_authentication: false,
  };
}

function webClient(i) {
  const host = `partner-${pad(i)}.${COMPANY}`;
  return {
    ...baseClient(`Partner ${pad(i)} Portal`, 'regular_web', `Server-rendered portal for partner ${pad(i)}`),
    callbacks: [`https://${host}/callback`],
    allowed_logout_urls: [`https://${host}/`],
    web_origins: [],
    allowed_origins: [],
    initiate_login_uri: `https://${host}/login`,
    grant_types: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_method: 'client_secret_basic',
    jwt_configuration: { ...JWT },
    refresh_token: { ...REFRESH_ROTATING },
    organization_usage: 'allow',
    organization_require_behavior: 'post_login_prompt',
    oidc_logout: { backchannel_logout_urls: [`https://${host}/backchannel-logout`] },
    custom_login_page_on: true,
    callback_url_template: false,
    is_token_endpoint_ip_header_trusted: false,
  };
}

function spaClient(i) {
  const host = `dashboard-${pad(i)}.${COMPANY}`;
  return {
    ...baseClient(`Dashboard ${pad(i)} (SPA)`, 'spa', `Single-page dashboard ${pad(i)}`),
    callbacks: [`https://${host}/callback`],
    allowed_logout_urls: [`https://${host}/`],
    web_origins: [`https://${host}`],
    allowed_origins: [`https://${host}`],
    initiate_login_uri: `https://${host}/login`,
    grant_types: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_method: 'none',
    jwt_configuration: { ...JWT },
    refresh_token: { ...REFRESH_ROTATING },
    custom_login_page_on: true,
    callback_url_template: false,
    is_token_endpoint_ip_header_trusted: false,
  };
}

function nativeClient(i) {
  const bundle = `com.megacorp.app${pad(i)}`;
  const cb = [
    `${bundle}://login.${COMPANY}/ios/${bundle}/callback`,
    `${bundle}://login.${COMPANY}/android/${bundle}/callback`,
  ];
  return {
    ...baseClient(`MegaCorp App ${pad(i)}`, 'native', `Mobile app ${pad(i)}`),
    callbacks: cb,
    allowed_logout_urls: cb,
    web_origins: [],
    allowed_origins: [],
    grant_types: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_method: 'none',
    jwt_configuration: { ...JWT },
    refresh_token: { ...REFRESH_ROTATING, token_lifetime: 7776000, idle_token_lifetime: 2592000 },
    custom_login_page_on: true,
    callback_url_template: false,
    is_token_endpoint_ip_header_trusted: false,
  };
}

function m2mClient(i) {
  return {
    ...baseClient(`Service ${pad(i)} Worker`, 'non_interactive', `Back-end service ${pad(i)}`),
    callbacks: [],
    allowed_logout_urls: [],
    web_origins: [],
    allowed_origins: [],
    grant_types: ['client_credentials'],
    token_endpoint_auth_method: 'client_secret_post',
    jwt_configuration: { ...JWT },
    custom_login_page_on: true,
    callback_url_template: false,
    is_token_endpoint_ip_header_trusted: false,
  };
}

const GOOD_DB_OPTIONS = {
  mfa: { active: true, return_enroll_settings: true },
  import_mode: false,
  disable_signup: false,
  requires_username: false,
  passwordPolicy: 'excellent',
  password_complexity_options: { min_length: 12 },
  password_history: { enable: true, size: 5 },
  password_dictionary: { enable: true, dictionary: [] },
  password_no_personal_info: { enable: true },
  enabledDatabaseCustomization: false,
  brute_force_protection: true,
  disable_self_service_change_password: false,
  strategy_version: 2,
  authentication_methods: { password: { enabled: true }, passkey: { enabled: false } },
};

function dbConnection(name, displayName, enabledClients, overrides = {}) {
  return {
    id: connectionId(),
    name,
    display_name: displayName,
    strategy: 'auth0',
    is_domain_connection: false,
    realms: [name],
    options: structuredClone({ ...GOOD_DB_OPTIONS, ...overrides }),
    enabled_clients: enabledClients,
  };
}

function enterpriseConnection(i, kind, enabledClients, samlCert) {
  const partner = `partner-${pad(i)}`;
  const idp = `idp.${partner}.example`;
  const common = {
    id: connectionId(),
    is_domain_connection: false,
    show_as_button: false,
    enabled_clients: enabledClients,
  };
  switch (kind) {
    case 'samlp':
      return {
        ...common,
        name: `${partner}-saml`,
        display_name: `Partner ${pad(i)} SSO (SAML)`,
        strategy: 'samlp',
        realms: [`${partner}-saml`],
        options: {
          signInEndpoint: `https://${idp}/saml2/sso`,
          signOutEndpoint: `https://${idp}/saml2/slo`,
          disableSignout: false,
          signSAMLRequest: true,
          signatureAlgorithm: 'rsa-sha256',
          digestAlgorithm: 'sha256',
          protocolBinding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
          debug: false,
          ...samlCert,
          domain_aliases: [`${partner}.example`],
          tenant_domain: `${partner}.example`,
          fieldsMap: {},
          idpinitiated: { enabled: false },
          set_user_root_attributes: 'on_each_login',
        },
      };
    case 'okta':
      return {
        ...common,
        name: `${partner}-okta`,
        display_name: `Partner ${pad(i)} SSO (Okta)`,
        strategy: 'okta',
        realms: [`${partner}-okta`],
        options: {
          domain: `${partner}.okta.example`,
          client_id: `0oa${chars(ALNUM, 17)}`,
          client_secret: `FIXTURE-SECRET-okta-${partner}`,
          scope: 'openid profile email',
          type: 'back_channel',
          issuer: `https://${partner}.okta.example`,
          domain_aliases: [`${partner}.example`],
          set_user_root_attributes: 'on_each_login',
        },
      };
    case 'oidc':
      return {
        ...common,
        name: `${partner}-oidc`,
        display_name: `Partner ${pad(i)} SSO (OIDC)`,
        strategy: 'oidc',
        realms: [`${partner}-oidc`],
        options: {
          type: 'back_channel',
          client_id: `megacorp-${partner}`,
          client_secret: `FIXTURE-SECRET-oidc-${partner}`,
          scope: 'openid profile email',
          discovery_url: `https://${idp}/.well-known/openid-configuration`,
          issuer: `https://${idp}`,
          domain_aliases: [`${partner}.example`],
          set_user_root_attributes: 'on_each_login',
        },
      };
    default:
      return {
        ...common,
        name: `${partner}-azure`,
        display_name: `Partner ${pad(i)} SSO (Microsoft Entra ID)`,
        strategy: 'waad',
        realms: [`${partner}-azure`],
        options: {
          domain: `${partner}.example`,
          tenant_domain: `${partner}.example`,
          client_id: uuid(),
          client_secret: `FIXTURE-SECRET-waad-${partner}`,
          waad_protocol: 'openid-connect',
          identity_api: 'microsoft-identity-platform-v2.0',
          use_wsfed: false,
          useCommonEndpoint: false,
          domain_aliases: [`${partner}.example`],
          set_user_root_attributes: 'on_each_login',
        },
      };
  }
}

const TRIGGERS = [
  ['post-login', 'v3'],
  ['pre-user-registration', 'v2'],
  ['post-user-registration', 'v2'],
  ['credentials-exchange', 'v2'],
  ['post-change-password', 'v2'],
  ['send-phone-message', 'v2'],
];

function action(i, name, trigger, code, newId = uuid) {
  const id = newId();
  const created = stamp(i, 613);
  const updated = stamp(i + 3, 613);
  return {
    id,
    name,
    supported_triggers: [{ id: trigger[0], version: trigger[1] }],
    all_changes_deployed: true,
    created_at: created,
    updated_at: updated,
    code,
    dependencies: [],
    runtime: 'node22',
    secrets: [],
    status: 'built',
    deployed_version: {
      id: newId(),
      action_id: id,
      number: 1 + (i % 7),
      deployed: true,
      status: 'built',
      runtime: 'node22',
      code,
      dependencies: [],
      secrets: [],
      created_at: updated,
      updated_at: updated,
      built_at: updated,
    },
  };
}

const ORG_WORDS = [
  'Acorn', 'Beacon', 'Cobalt', 'Delta', 'Ember', 'Falcon', 'Granite', 'Harbor', 'Iris', 'Juniper',
  'Kestrel', 'Lumen', 'Meridian', 'Nimbus', 'Onyx', 'Pinnacle', 'Quartz', 'Redwood', 'Summit', 'Tidal',
];
const ORG_SUFFIXES = ['Logistics', 'Health', 'Retail'];

// ------------------------------------------------------------------------------------------------
// Resources added later (APIs, grants, roles, organization sub-resources, …): second stream.

const AS_OF = '2026-11-22T00:00:00.000Z';

/** The tenant's two signing keys (public certificates only; generated once with openssl). */
const SIGNING_CERTS = [
  {
    cert: 'MIIDMzCCAhugAwIBAgIRAIe4Bo5SZ6QWG3/1GpdSDr8wDQYJKoZIhvcNAQELBQAwJTEjMCEGA1UEAwwabWVnYWNvcnAtcHJvZC51cy5hdXRoMC5jb20wHhcNMjUwNjAxMDkwMDAwWhcNMzkwMjA4MDkwMDAwWjAlMSMwIQYDVQQDDBptZWdhY29ycC1wcm9kLnVzLmF1dGgwLmNvbTCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBALQNnRdsZjmIUaephSGZBtB6NGAZmGZxv/S7VQ8lzwSQwf3sXMyCqIaWerF5BNhJiFMiRfVYBFz8/HdvfzBVguiU5O5Duzazomyyd2tnNfRUvuW8VUfOQiKeccCJZMLYv1Ttk3Nj//Jw0OToIJf55AglaMuhOkxbwaCBCfqOmkDP/T22LEgRpM/9gB4NqpRRm+XsN3qgq9lQ74NjELP886rVqNa0I7XQWxmj1lFJbhG9tO+OOBLuFEFe2KiVWFBjRg+CnZRMABxWNBu0Iy9ngRJkvc247xTp/wZHcAzXIppsmbfFoBezY38YVZ7EvsSGeYOwqdPiFNk9LdiECjAYIJcCAwEAAaNeMFwwDwYDVR0TAQH/BAUwAwEB/zAdBgNVHQ4EFgQUWUcvTbR4sfCYuWUoLQRMQnSE1jowCwYDVR0PBAQDAgKEMB0GA1UdJQQWMBQGCCsGAQUFBwMBBggrBgEFBQcDAjANBgkqhkiG9w0BAQsFAAOCAQEAqrg9aPaa9cEmNuMggRhbe28KGTZyz1NSpbhIktstJS3V3oB2SpSF1RVQVh2Q7PD968FiOqecmeK9IYjnvlcjTsB91Wox9A0XY68hIDexwHTNcnIW8cZQvOxgENU/HrOSdWofUNS8ZAJxDwxE04d1fxnwMfRnqaoWdVoDfI8EGi1/ocDBauFMBhCwsQbZZRC/1IhuyX9mhFfXLWHaGrphsPpgZU6592c0Ds0uMn8k9TBQhKkpiVrDtgH8cECg6I0D/JvZ2ufZqqxjCORcnNoKcNdHe/UvmDQ3hRH+Mb9PwZXA4CZ8bqVyuq+4AtQyzA2BaLpsorCD443nZQqo6N7UiA==',
    pkcs7: 'MIIDYgYJKoZIhvcNAQcCoIIDUzCCA08CAQExADALBgkqhkiG9w0BBwGgggM3MIIDMzCCAhugAwIBAgIRAIe4Bo5SZ6QWG3/1GpdSDr8wDQYJKoZIhvcNAQELBQAwJTEjMCEGA1UEAwwabWVnYWNvcnAtcHJvZC51cy5hdXRoMC5jb20wHhcNMjUwNjAxMDkwMDAwWhcNMzkwMjA4MDkwMDAwWjAlMSMwIQYDVQQDDBptZWdhY29ycC1wcm9kLnVzLmF1dGgwLmNvbTCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBALQNnRdsZjmIUaephSGZBtB6NGAZmGZxv/S7VQ8lzwSQwf3sXMyCqIaWerF5BNhJiFMiRfVYBFz8/HdvfzBVguiU5O5Duzazomyyd2tnNfRUvuW8VUfOQiKeccCJZMLYv1Ttk3Nj//Jw0OToIJf55AglaMuhOkxbwaCBCfqOmkDP/T22LEgRpM/9gB4NqpRRm+XsN3qgq9lQ74NjELP886rVqNa0I7XQWxmj1lFJbhG9tO+OOBLuFEFe2KiVWFBjRg+CnZRMABxWNBu0Iy9ngRJkvc247xTp/wZHcAzXIppsmbfFoBezY38YVZ7EvsSGeYOwqdPiFNk9LdiECjAYIJcCAwEAAaNeMFwwDwYDVR0TAQH/BAUwAwEB/zAdBgNVHQ4EFgQUWUcvTbR4sfCYuWUoLQRMQnSE1jowCwYDVR0PBAQDAgKEMB0GA1UdJQQWMBQGCCsGAQUFBwMBBggrBgEFBQcDAjANBgkqhkiG9w0BAQsFAAOCAQEAqrg9aPaa9cEmNuMggRhbe28KGTZyz1NSpbhIktstJS3V3oB2SpSF1RVQVh2Q7PD968FiOqecmeK9IYjnvlcjTsB91Wox9A0XY68hIDexwHTNcnIW8cZQvOxgENU/HrOSdWofUNS8ZAJxDwxE04d1fxnwMfRnqaoWdVoDfI8EGi1/ocDBauFMBhCwsQbZZRC/1IhuyX9mhFfXLWHaGrphsPpgZU6592c0Ds0uMn8k9TBQhKkpiVrDtgH8cECg6I0D/JvZ2ufZqqxjCORcnNoKcNdHe/UvmDQ3hRH+Mb9PwZXA4CZ8bqVyuq+4AtQyzA2BaLpsorCD443nZQqo6N7UiDEA',
    since: '2025-06-01T09:00:00.000Z',
  },
  {
    cert: 'MIIDMjCCAhqgAwIBAgIQVA/6nCYHBRO7FcOjs4QjGjANBgkqhkiG9w0BAQsFADAlMSMwIQYDVQQDDBptZWdhY29ycC1wcm9kLnVzLmF1dGgwLmNvbTAeFw0yNTA2MDEwOTAwMDBaFw0zOTAyMDgwOTAwMDBaMCUxIzAhBgNVBAMMGm1lZ2Fjb3JwLXByb2QudXMuYXV0aDAuY29tMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAte629ofnghga7F/PphBhFXRzfW2irP4f6dEJ+tZg85NBzA8QoOXS2kATufnwL/hSYcRZ88H30uDI9q8OFinJzRUiQo5JUb7lRwF2byg5+bagrYYWNwIN7BXpxCHzUs/0TJkLRoqr6PuibHK86DEnHbgWSf03mdwsJdwfMuWm6WLyMYBg9F6VkaXzeNOC16Wo+womLIhQHfR4jGbYRiOajcynclnVgWZ2P7svCnIrhkeIz4UX2I4GGu27ttclAuXKGlfjj8eu2mq88SgNUNaHNt4pw9hqDu9VnqKtbnhF80c+Iq6QjAX1isONqySP0vMCgxqZ82NSbX1B7t7drq86PQIDAQABo14wXDAPBgNVHRMBAf8EBTADAQH/MB0GA1UdDgQWBBS+LT/wUbz9sMz9eVSv8aHDro5q6DALBgNVHQ8EBAMCAoQwHQYDVR0lBBYwFAYIKwYBBQUHAwEGCCsGAQUFBwMCMA0GCSqGSIb3DQEBCwUAA4IBAQCY4A3NT13NyGAEIWsJ/7pnNvGUQC8AbgZL1+lKMoX+91hzwOsx8N3Yq7yKvcN8v7NfIIWov6VDW6y3UH5HBCpRkXvlhgrC2F+7H8SzBmIn2SXxY9OguoC+h9bZ2B0mE1zhVfJA+cSZBUz/g5lxJ0aFPbbjvCvQkG3a2oRMNFttJVfTTc49NJj5Q4qKxVKonLnUcG2uPcMbCZpVf2IZvGI84PThL/H6x1CYbssE4WjQ5RQIVZemPHpWHiQB0mIzQISeRD0KcDpNI+kyQDxPnWfU8nN5tRDDllBii43W7Xmrefr/PnncOZKHUBDdqxJs/Q4itmYK+ikamE6uU+6EzeiP',
    pkcs7: 'MIIDYQYJKoZIhvcNAQcCoIIDUjCCA04CAQExADALBgkqhkiG9w0BBwGgggM2MIIDMjCCAhqgAwIBAgIQVA/6nCYHBRO7FcOjs4QjGjANBgkqhkiG9w0BAQsFADAlMSMwIQYDVQQDDBptZWdhY29ycC1wcm9kLnVzLmF1dGgwLmNvbTAeFw0yNTA2MDEwOTAwMDBaFw0zOTAyMDgwOTAwMDBaMCUxIzAhBgNVBAMMGm1lZ2Fjb3JwLXByb2QudXMuYXV0aDAuY29tMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAte629ofnghga7F/PphBhFXRzfW2irP4f6dEJ+tZg85NBzA8QoOXS2kATufnwL/hSYcRZ88H30uDI9q8OFinJzRUiQo5JUb7lRwF2byg5+bagrYYWNwIN7BXpxCHzUs/0TJkLRoqr6PuibHK86DEnHbgWSf03mdwsJdwfMuWm6WLyMYBg9F6VkaXzeNOC16Wo+womLIhQHfR4jGbYRiOajcynclnVgWZ2P7svCnIrhkeIz4UX2I4GGu27ttclAuXKGlfjj8eu2mq88SgNUNaHNt4pw9hqDu9VnqKtbnhF80c+Iq6QjAX1isONqySP0vMCgxqZ82NSbX1B7t7drq86PQIDAQABo14wXDAPBgNVHRMBAf8EBTADAQH/MB0GA1UdDgQWBBS+LT/wUbz9sMz9eVSv8aHDro5q6DALBgNVHQ8EBAMCAoQwHQYDVR0lBBYwFAYIKwYBBQUHAwEGCCsGAQUFBwMCMA0GCSqGSIb3DQEBCwUAA4IBAQCY4A3NT13NyGAEIWsJ/7pnNvGUQC8AbgZL1+lKMoX+91hzwOsx8N3Yq7yKvcN8v7NfIIWov6VDW6y3UH5HBCpRkXvlhgrC2F+7H8SzBmIn2SXxY9OguoC+h9bZ2B0mE1zhVfJA+cSZBUz/g5lxJ0aFPbbjvCvQkG3a2oRMNFttJVfTTc49NJj5Q4qKxVKonLnUcG2uPcMbCZpVf2IZvGI84PThL/H6x1CYbssE4WjQ5RQIVZemPHpWHiQB0mIzQISeRD0KcDpNI+kyQDxPnWfU8nN5tRDDllBii43W7Xmrefr/PnncOZKHUBDdqxJs/Q4itmYK+ikamE6uU+6EzeiPMQA=',
  },
];

const pem = (label, b64) => [`-----BEGIN ${label}-----`, ...b64.match(/.{1,64}/g), `-----END ${label}-----`].join('\r\n');

function signingKey({ cert, pkcs7, since }) {
  const fp = createHash('sha1').update(Buffer.from(cert, 'base64')).digest('hex').toUpperCase();
  return {
    cert: pem('CERTIFICATE', cert),
    pkcs7: pem('PKCS7', pkcs7),
    kid: chars2(ALNUM, 22),
    fingerprint: fp.match(/../g).join(':'),
    thumbprint: fp,
    current: !!since,
    next: !since,
    previous: false,
    ...(since ? { current_since: since } : {}),
    revoked: false,
  };
}

const RECORD_SCOPES = ['read:records', 'create:records', 'update:records', 'delete:records', 'export:records'];
const SCOPE_TEXT = { read: 'Read', create: 'Create', update: 'Update', delete: 'Delete', export: 'Export' };

/** The `memberTotals` of the fixture: organizations with more members than a first page of 50. */
const memberTotals = {};

function laterResources(r, rebranded) {
  const out = {};
  out.connectionClients = Object.fromEntries(r.connections.map((c) => [c.id, c.enabled_clients]));

  // APIs: the Management API first, then the tenant's own; the last one is the legacy problem.
  const system = { ...rebranded.resourceServers.find((x) => x.is_system), id: chars2(HEX, 24) };
  const apis = [];
  for (let i = 1; i <= API_COUNT; i++) {
    const last = i === API_COUNT;
    const lifetime = pick2([3600, 7200, 36000, 86400]);
    const scopes = RECORD_SCOPES.slice(0, 3 + Math.floor(rand2() * 3));
    apis.push({
      id: chars2(HEX, 24),
      name: last ? 'Legacy Partner Reports API' : `Service ${pad(i)} API`,
      identifier: last ? `https://legacy-reports.${COMPANY}/` : `https://api.${COMPANY}/service-${pad(i)}`,
      allow_offline_access: rand2() < 0.3,
      skip_consent_for_verifiable_first_party_clients: true,
      token_lifetime: last ? 2592000 : lifetime,
      token_lifetime_for_web: Math.min(7200, lifetime),
      signing_alg: last ? 'HS256' : 'RS256',
      signing_secret: `FIXTURE-SECRET-resource-server-megacorp-${pad(i)}`,
      scopes: scopes.map((value) => ({ value, description: `${SCOPE_TEXT[value.split(':')[0]]} service ${pad(i)} records` })),
      is_system: false,
      enforce_policies: !last,
      token_dialect: last ? 'access_token' : 'access_token_authz',
    });
  }
  out.resourceServers = [system, ...apis];

  // Client grants: every machine-to-machine client can call one or two of the APIs.
  const m2m = r.clients.filter((c) => c.app_type === 'non_interactive');
  out.clientGrants = m2m.flatMap((c, k) => {
    const targets = k % 3 === 0 ? [apis[k % (API_COUNT - 1)], apis[(k * 7 + 3) % (API_COUNT - 1)]] : [apis[k % (API_COUNT - 1)]];
    return targets.map((api) => ({
      id: `cgr_${chars2(ALNUM, 16)}`,
      client_id: c.client_id,
      audience: api.identifier,
      scope: api.scopes.slice(0, 2).map((s) => s.value),
      subject_type: 'client',
    }));
  });

  // Roles: a reader and an editor for 20 APIs, and a platform administrator with 150 permissions.
  const perm = (api, value) => ({
    permission_name: value,
    description: api.scopes.find((s) => s.value === value)?.description,
    resource_server_name: api.name,
    resource_server_identifier: api.identifier,
  });
  out.roles = [];
  out.rolePermissions = {};
  for (let k = 0; k < ROLE_COUNT - 1; k++) {
    const api = apis[Math.floor(k / 2) * 3];
    const editor = k % 2 === 1;
    const role = {
      id: `rol_${chars2(ALNUM, 16)}`,
      name: `${api.name} ${editor ? 'Editor' : 'Reader'}`,
      description: `${editor ? 'Reads and changes' : 'Reads'} ${api.name} records`,
    };
    out.roles.push(role);
    out.rolePermissions[role.id] = (editor ? ['read:records', 'create:records', 'update:records'] : ['read:records']).map((v) => perm(api, v));
  }
  const admin = { id: `rol_${chars2(ALNUM, 16)}`, name: 'Platform Administrator', description: 'Full access to the first 75 service APIs' };
  out.roles.push(admin);
  out.rolePermissions[admin.id] = apis.slice(0, 75).flatMap((api) => [perm(api, 'read:records'), perm(api, 'update:records')]);

  out.rules = [];
  out.hooks = [];

  // Organizations: the main database for everyone, the partner's enterprise connection for every third.
  const main = r.connections[0];
  const enterprise = r.connections.filter((c) => ['samlp', 'okta', 'oidc', 'waad'].includes(c.strategy));
  const orgConn = (conn, assign) => ({
    connection_id: conn.id,
    assign_membership_on_login: assign,
    show_as_button: true,
    ...(conn.strategy === 'auth0' ? { is_signup_enabled: false } : {}),
    connection: { name: conn.name, strategy: conn.strategy },
  });
  out.organizationConnections = {};
  out.organizationMembers = {};
  out.organizationDiscoveryDomains = {};
  r.organizations.forEach((o, i) => {
    out.organizationConnections[o.id] = i % 3 === 0 ? [orgConn(main, false), orgConn(enterprise[i / 3], true)] : [orgConn(main, false)];
    if (i % 10 === 0) {
      out.organizationMembers[o.id] = { count: 50, more: true };
      memberTotals[o.id] = 51 + Math.floor(rand2() * 400);
    } else {
      out.organizationMembers[o.id] = { count: 1 + Math.floor(rand2() * 49), more: false };
    }
    out.organizationDiscoveryDomains[o.id] =
      i % 2 === 0
        ? [
            {
              id: `dd_${chars2(ALNUM, 16)}`,
              domain: `${o.name}.example`,
              status: 'verified',
              use_for_organization_discovery: true,
              verification_txt: `auth0-domain-verification=${chars2(ALNUM, 32)}`,
              verification_host: `_auth0-challenge.${o.name}.example`,
            },
          ]
        : [];
  });

  out.scimConfigurations = enterprise.slice(0, 20).map((c, k) => ({
    tenant_name: TENANT,
    connection_id: c.id,
    connection_name: c.name,
    strategy: c.strategy,
    user_id_attribute: 'externalId',
    mapping: [
      { auth0: 'preferred_username', scim: 'userName' },
      { auth0: 'email', scim: 'emails[primary eq true].value' },
      { auth0: 'app_metadata.external_id', scim: 'externalId' },
      { auth0: 'blocked', scim: 'active' },
      { auth0: 'given_name', scim: 'name.givenName' },
      { auth0: 'family_name', scim: 'name.familyName' },
    ],
    created_at: stamp(k, 1733),
    updated_on: stamp(k + 2, 1733),
  }));
  out.selfServiceProfiles = [
    {
      id: `ssp_${chars2(ALNUM, 22)}`,
      name: 'Partner SSO onboarding',
      description: "Lets a partner's IT admin connect their identity provider",
      user_attributes: [
        { name: 'email', description: 'Work email address', is_optional: false },
        { name: 'given_name', description: 'First name', is_optional: true },
        { name: 'family_name', description: 'Last name', is_optional: true },
      ],
      allowed_strategies: ['samlp', 'oidc', 'okta', 'waad'],
      branding: { logo_url: `https://static.${COMPANY}/brand/megacorp-logo.svg`, colors: { primary: '#0B3C5D' } },
      created_at: stamp(3, 2311),
      updated_at: stamp(5, 2311),
    },
  ];
  out.forms = ['Progressive profile', 'Terms of service update'].map((name, k) => ({
    id: `ap_${chars2(ALNUM, 22)}`,
    name,
    created_at: stamp(k * 11, 977),
    updated_at: stamp(k * 11 + 4, 977),
  }));
  out.signingKeys = SIGNING_CERTS.map(signingKey);
  out.networkAcls = rebranded.networkAcls.map((a) => ({ ...a, id: `acl_${chars2(ALNUM, 22)}` }));
  out.eventStreams = rebranded.eventStreams.map((e) => ({ ...e, id: `est_${chars2(ALNUM, 22)}` }));
  return out;
}

// ------------------------------------------------------------------------------------------------

export function buildLargeFixture(base, b2b) {
  // Singletons: the go-live-ready tenant, rebranded.
  const rebranded = JSON.parse(
    JSON.stringify(base.resources)
      .replaceAll('FIXTURE-SECRET-', '\u0000')
      .replace(/acme/g, 'megacorp')
      .replace(/Acme/g, 'MegaCorp')
      .replaceAll('\u0000', 'FIXTURE-SECRET-'),
  );
  const r = {};
  for (const key of [
    'tenantSettings', 'customDomains', 'prompts', 'promptsCustomText', 'branding', 'brandingTheme',
    'brandingTemplate', 'emailProvider', 'emailTemplates', 'bruteForceProtection', 'suspiciousIpThrottling',
    'breachedPasswordDetection', 'botDetection', 'guardianFactors', 'guardianPolicies', 'guardianPhoneProvider', 'phoneProviders',
    'logStreams',
  ]) {
    r[key] = rebranded[key];
  }
  r.tenantSettings.friendly_name = 'MegaCorp';
  r.customDomains[0].custom_domain_id = `cd_${chars(ALNUM, 16)}`;
  r.brandingTheme.themeId = chars(HEX, 32);
  r.logStreams = r.logStreams.map((s) => ({ ...s, id: `lst_00000000000${pad(Math.floor(rand() * 100000), 5)}` }));

  // Clients: global first, then a mix of the four app types; the bad one last.
  const clients = [
    {
      tenant: TENANT,
      global: true,
      is_token_endpoint_ip_header_trusted: false,
      name: 'All Applications',
      callbacks: [],
      is_first_party: true,
      oidc_conformant: false,
      sso_disabled: false,
      cross_origin_authentication: false,
      callback_url_template: false,
      client_id: clientId(),
      jwt_configuration: { alg: 'RS256', lifetime_in_seconds: 36000, secret_encoded: false },
      custom_login_page_on: false,
    },
  ];
  const makers = [webClient, spaClient, nativeClient, m2mClient];
  for (let i = 1; i < CLIENT_COUNT - 1; i++) clients.push(makers[(i - 1) % makers.length](i));
  const legacy = webClient(CLIENT_COUNT - 1);
  legacy.name = 'Legacy Partner Portal';
  legacy.description = 'Old partner portal, still registered with a development callback';
  legacy.callbacks = ['https://legacy-partners.megacorp.example/callback', 'http://localhost:3000/callback'];
  legacy.allowed_logout_urls = ['https://legacy-partners.megacorp.example/'];
  legacy.initiate_login_uri = 'https://legacy-partners.megacorp.example/login';
  delete legacy.oidc_logout;
  clients.push(legacy);
  r.clients = clients;

  const interactive = clients.filter((c) => !c.global && c.app_type !== 'non_interactive').map((c) => c.client_id);
  const webApps = clients.filter((c) => c.app_type === 'regular_web').map((c) => c.client_id);
  const someClients = (n) => {
    const set = new Set();
    while (set.size < n) set.add(pick(interactive));
    return [...set];
  };

  // Connections: main DB + two socials with own keys, then DB / enterprise alternating; the
  // problems on the last page (index >= 200 at take=100).
  const samlOpts = b2b.resources.connections.find((c) => c.strategy === 'samlp')?.options ?? {};
  const samlCert = {
    cert: samlOpts.cert,
    signingCert: samlOpts.signingCert,
    thumbprints: samlOpts.thumbprints,
    expires: samlOpts.expires,
  };
  const connections = [
    dbConnection('megacorp-customers', 'MegaCorp account', interactive),
    {
      id: connectionId(),
      name: 'google-oauth2',
      display_name: 'Google',
      strategy: 'google-oauth2',
      is_domain_connection: false,
      realms: ['google-oauth2'],
      options: {
        client_id: '391044872210-fixturemegacorp0example.apps.googleusercontent.com',
        client_secret: 'FIXTURE-SECRET-google-oauth2-megacorp',
        email: true,
        profile: true,
        scope: ['email', 'profile'],
        allowed_audiences: [],
      },
      enabled_clients: interactive,
    },
    {
      id: connectionId(),
      name: 'apple',
      display_name: 'Apple',
      strategy: 'apple',
      is_domain_connection: false,
      realms: ['apple'],
      options: {
        client_id: 'example.megacorp.signin',
        app_secret: 'FIXTURE-SECRET-apple-signing-key-megacorp',
        team_id: 'FIXTURE000',
        kid: 'FIXTURE0KID',
        email: true,
        name: true,
        scope: 'name email',
      },
      enabled_clients: interactive,
    },
  ];
  const kinds = ['samlp', 'okta', 'oidc', 'waad'];
  let partner = 1;
  while (connections.length < CONNECTION_COUNT - 2) {
    const i = partner++;
    if (i % 2 === 1) {
      connections.push(dbConnection(`partner-${pad(i)}-db`, `Partner ${pad(i)} accounts`, someClients(2), {
        disable_signup: true,
      }));
    } else {
      connections.push(enterpriseConnection(i, kinds[(i / 2) % kinds.length], [pick(webApps)], samlCert));
    }
  }
  connections.push(
    dbConnection('legacy-import-users', 'Legacy import (brute-force protection off)', someClients(1), {
      brute_force_protection: false,
      import_mode: true,
      enabledDatabaseCustomization: true,
      customScripts: {
        login: "function login(email, password, callback) {\n  const request = require('request');\n  request.post({ url: configuration.LEGACY_API_URL + '/authenticate', json: { email, password } }, (err, res, body) => {\n    if (err) return callback(err);\n    if (res.statusCode !== 200) return callback(new WrongUsernameOrPasswordError(email));\n    callback(null, { user_id: body.id, email: body.email, email_verified: true });\n  });\n}\n",
        get_user: "function getByEmail(email, callback) {\n  const request = require('request');\n  request.get({ url: configuration.LEGACY_API_URL + '/users?email=' + encodeURIComponent(email), json: true }, (err, res, body) => {\n    if (err) return callback(err);\n    if (res.statusCode === 404) return callback(null);\n    callback(null, { user_id: body.id, email: body.email, email_verified: true });\n  });\n}\n",
      },
      configuration: { LEGACY_API_URL: 'https://legacy-users.megacorp.example', LEGACY_API_KEY: 'FIXTURE-SECRET-legacy-api-key' },
    }),
  );
  connections.push({
    id: connectionId(),
    name: 'github-devkeys-legacy',
    display_name: 'GitHub (Auth0 developer keys)',
    strategy: 'github',
    is_domain_connection: false,
    realms: ['github-devkeys-legacy'],
    options: { client_id: '', email: true, profile: true, scope: ['user:email'] },
    enabled_clients: someClients(2),
  });
  r.connections = connections;

  // Actions: three post-login actions bound in order, the rest on other triggers.
  const actions = [];
  actions.push(
    action(0, 'Add customer claims', TRIGGERS[0], "exports.onExecutePostLogin = async (event, api) => {\n  const ns = 'https://megacorp.example/claims';\n  api.idToken.setCustomClaim(`${ns}/tier`, (event.user.app_metadata || {}).tier || 'basic');\n};\n"),
    action(1, 'Add organization claims', TRIGGERS[0], "exports.onExecutePostLogin = async (event, api) => {\n  if (event.organization) api.accessToken.setCustomClaim('https://megacorp.example/org', event.organization.name);\n};\n"),
    action(2, 'Deny blocked regions', TRIGGERS[0], "exports.onExecutePostLogin = async (event, api) => {\n  const blocked = (event.secrets.BLOCKED_COUNTRIES || '').split(',');\n  if (event.request.geoip && blocked.includes(event.request.geoip.countryCode)) api.access.deny('Not available in your region');\n};\n"),
  );
  actions[2].secrets = [{ name: 'BLOCKED_COUNTRIES', updated_at: actions[2].created_at }];
  actions[2].deployed_version.secrets = actions[2].secrets;
  const FN = {
    'pre-user-registration': 'onExecutePreUserRegistration',
    'post-user-registration': 'onExecutePostUserRegistration',
    'credentials-exchange': 'onExecuteCredentialsExchange',
    'post-change-password': 'onExecutePostChangePassword',
    'send-phone-message': 'onExecuteSendPhoneMessage',
  };
  const stepAction = (i, newId) => {
    const trigger = TRIGGERS[1 + ((i - 3) % (TRIGGERS.length - 1))];
    const fn = FN[trigger[0]];
    return action(i, `${trigger[0]} step ${pad(i, 2)}`, trigger, `exports.${fn} = async (event, api) => {\n  // step ${i}: audit trail only\n  console.log('step ${i}', event.request && event.request.ip);\n};\n`, newId);
  };
  for (let i = 3; i < FIRST_ACTIONS; i++) actions.push(stepAction(i, uuid));
  r.actions = actions;
  r.postLoginBindings = actions.slice(0, 3).map((a, i) => ({
    id: uuid(),
    trigger_id: 'post-login',
    display_name: a.name,
    action: {
      id: a.id,
      name: a.name,
      supported_triggers: a.supported_triggers,
      all_changes_deployed: a.all_changes_deployed,
      runtime: a.runtime,
      status: a.status,
    },
    created_at: stamp(i + 10, 613),
    updated_at: stamp(i + 12, 613),
  }));

  // Organizations.
  const organizations = [];
  for (let i = 0; i < ORGANIZATION_COUNT; i++) {
    const display = `${ORG_WORDS[i % ORG_WORDS.length]} ${ORG_SUFFIXES[Math.floor(i / ORG_WORDS.length) % ORG_SUFFIXES.length]}`;
    const name = display.toLowerCase().replace(/\s+/g, '-');
    organizations.push({
      id: orgId(),
      name,
      display_name: display,
      branding: {
        logo_url: `https://static.${COMPANY}/customers/${name}/logo.svg`,
        colors: { primary: `#${chars(HEX, 6).toUpperCase()}`, page_background: '#FFFFFF' },
      },
      metadata: { customer_number: `C-${pad(1000 + i * 7, 5)}` },
    });
  }
  r.organizations = organizations;

  // ----------------------------------------------------------------------------------------------
  // Added later, from the second random stream.
  for (let i = FIRST_ACTIONS; i < ACTION_COUNT; i++) actions.push(stepAction(i, uuid2));
  Object.assign(r, laterResources(r, rebranded));

  return {
    description:
      `A large production tenant (${CLIENT_COUNT} clients including the global client, ${CONNECTION_COUNT} connections, ` +
      `${ACTION_COUNT} actions, ${ORGANIZATION_COUNT} organizations, ${API_COUNT + 1} APIs, ${ROLE_COUNT} roles) configured like the ` +
      'go-live-ready tenant, generated by scripts/generate-large-fixture.mjs. Four problems hide on the last page at page ' +
      'size 100: the last client "Legacy Partner Portal" has http://localhost:3000/callback, the database connection ' +
      '"legacy-import-users" has brute_force_protection false, the last connection "github-devkeys-legacy" ' +
      'uses Auth0 developer keys (empty client_id), and the last API "Legacy Partner Reports API" signs with HS256 ' +
      'and issues 30-day access tokens.',
    domain: `${TENANT}.us.auth0.com`,
    asOf: AS_OF,
    resources: r,
    memberTotals,
  };
}

function main() {
  const base = JSON.parse(readFileSync(BASE, 'utf8'));
  const b2b = JSON.parse(readFileSync(B2B, 'utf8'));
  const text = `${JSON.stringify(buildLargeFixture(base, b2b), null, 2)}\n`;
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(OUT, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== text) {
      process.stderr.write(`${OUT} is stale: run node scripts/generate-large-fixture.mjs\n`);
      process.exit(1);
    }
    process.stdout.write(`${OUT} is up to date\n`);
    return;
  }
  writeFileSync(OUT, text);
  process.stdout.write(`wrote ${OUT} (${Buffer.byteLength(text)} bytes)\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
