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
 * Contents: 420 clients (the global "All Applications" client first), 260 connections, 50
 * actions (3 bound to post-login), 60 organizations, 1 log stream. Three problems are hidden on
 * the LAST page at a page size of 100 (clients page=4, connections after the 2nd `next`):
 *   - client "Legacy Partner Portal" (the last client) has `http://localhost:3000/callback`;
 *   - database connection "legacy-import-users" has `options.brute_force_protection: false`;
 *   - social connection "github-devkeys-legacy" (the last connection) has an empty
 *     `options.client_id` (Auth0 developer keys).
 * Everything else is configured like the go-live-ready tenant.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BASE = join(ROOT, 'fixtures/tenants/go-live-ready-b2c.json');
const B2B = join(ROOT, 'fixtures/tenants/b2b-organizations.json');
const OUT = join(ROOT, 'fixtures/tenants/large.json');

export const CLIENT_COUNT = 420; // including the global client
export const CONNECTION_COUNT = 260;
export const ACTION_COUNT = 50;
export const ORGANIZATION_COUNT = 60;
const SEED = 0x5eed2026;
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

function action(i, name, trigger, code) {
  const id = uuid();
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
      id: uuid(),
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
    'breachedPasswordDetection', 'botDetection', 'guardianFactors', 'guardianPolicies', 'guardianPhoneProvider',
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
  for (let i = 3; i < ACTION_COUNT; i++) {
    const trigger = TRIGGERS[1 + ((i - 3) % (TRIGGERS.length - 1))];
    const fn = {
      'pre-user-registration': 'onExecutePreUserRegistration',
      'post-user-registration': 'onExecutePostUserRegistration',
      'credentials-exchange': 'onExecuteCredentialsExchange',
      'post-change-password': 'onExecutePostChangePassword',
      'send-phone-message': 'onExecuteSendPhoneMessage',
    }[trigger[0]];
    actions.push(
      action(i, `${trigger[0]} step ${pad(i, 2)}`, trigger, `exports.${fn} = async (event, api) => {\n  // step ${i}: audit trail only\n  console.log('step ${i}', event.request && event.request.ip);\n};\n`),
    );
  }
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

  return {
    description:
      `A large production tenant (${CLIENT_COUNT} clients including the global client, ${CONNECTION_COUNT} connections, ` +
      `${ACTION_COUNT} actions, ${ORGANIZATION_COUNT} organizations) configured like the go-live-ready tenant, ` +
      'generated by scripts/generate-large-fixture.mjs. Three problems hide on the last page at page size 100: ' +
      'the last client "Legacy Partner Portal" has http://localhost:3000/callback, the database connection ' +
      '"legacy-import-users" has brute_force_protection false, and the last connection "github-devkeys-legacy" ' +
      'uses Auth0 developer keys (empty client_id).',
    domain: `${TENANT}.us.auth0.com`,
    resources: r,
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
