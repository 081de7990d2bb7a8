import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';

interface LegacyFlag {
  label: string;
  why: string;
}

/**
 * The legacy toggles the Dashboard readiness check names, one Dashboard item each: legacy-idtoken-api2,
 * legacy-ro, legacy-other-grants, legacy-tokeninfo, legacy-delegation, legacy-profile (in this order).
 */
const KNOWN: Record<string, LegacyFlag> = {
  enable_idtoken_api2: {
    label: '"Allow ID Tokens for Management API v2 Authentication"',
    why: 'an ID token stolen from a browser can call the Management API users endpoints',
  },
  allow_legacy_ro_grant_types: {
    label: 'The legacy /oauth/ro endpoint (allowLegacyRoGrantTypes)',
    why: 'the deprecated resource-owner endpoint accepts passwords outside Universal Login, without modern protections',
  },
  allow_other_legacy_grant_types: {
    label: 'The legacy /oauth/access_token endpoint (allowOtherLegacyGrantTypes)',
    why: 'the deprecated endpoint exchanges raw social provider tokens for Auth0 tokens',
  },
  allow_legacy_tokeninfo_endpoint: {
    label: 'The legacy /tokeninfo endpoint (allowLegacyTokenInfoEndpoint)',
    why: 'the deprecated endpoint returns the full profile for any ID token presented to it',
  },
  allow_legacy_delegation_grant_types: {
    label: 'The legacy /delegation endpoint (allowLegacyDelegationGrantTypes)',
    why: 'the deprecated endpoint mints tokens for other applications from an existing token',
  },
  enable_legacy_profile: {
    label: 'Legacy User Profile',
    why: 'ID tokens and /userinfo carry the complete user profile instead of the OIDC claims asked for',
  },
};

/**
 * Legacy flags Auth0's readiness check does not list, judged one level lower (warning). The API
 * reference describes `change_pwd_flow_v1` as "the older v1 change password flow (true, not
 * recommended except for backward compatibility) or the newer safer flow (false, recommended)"
 * (https://auth0.com/docs/api/management/v2/tenants/patch-settings, `flags`); default false.
 */
const UNLISTED: Record<string, LegacyFlag> = {
  change_pwd_flow_v1: {
    label: 'The legacy change password flow v1 (change_pwd_flow_v1)',
    why: 'the v1 flow takes the new password in the /dbconnections/change_password request itself, so whoever requests the change chooses the password and one click on the emailed link applies it',
  },
};

const messages = {
  off: '{label} is off',
  on: '{label} is on: {why}',
  'other-off': 'Legacy flag {flag} is off',
  'other-on': 'Legacy flag {flag} is on: turn it off once nothing depends on the legacy behaviour',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'tenant-legacy-features-off',
  title: 'Legacy tenant features are all turned off',
  topics: bothPlans('p1.authentication.application-integration'),
  severity: 'blocker',
  checks: ['TEN-07'],
  dashboard: ['legacy-idtoken-api2', 'legacy-ro', 'legacy-other-grants', 'legacy-tokeninfo', 'legacy-delegation', 'legacy-profile'],
  rationale:
    'The legacy toggles keep deprecated, non-OIDC endpoints and token formats alive: /oauth/ro, /oauth/access_token, /tokeninfo, /delegation, ID tokens accepted by the Management API, full profiles in ID tokens, and the v1 change-password flow. Each widens what a leaked token can do and bypasses the protections of Universal Login. Tenants created today have them off; a tenant that has them on is depending on them or forgot them. The Dashboard readiness check lists each one as a critical fix; the v1 change-password flow, which it does not list, is a warning here.',
  remediation:
    'Migrate the applications that still use the legacy endpoint (tenant logs show their calls), then Dashboard → Settings → Advanced → Migrations: turn the toggle off; or PATCH /api/v2/tenants/settings with `{"flags": {"<flag>": false}}`.',
  docs: 'https://auth0.com/docs/troubleshoot/product-lifecycle/past-migrations',
  needs: ['tenantSettings'],
  messages,
  failSummary: {
    on: 'are legacy features still turned on',
    'other-on': 'are legacy flags still turned on',
  },
  evaluate({ tenantSettings }) {
    const flags = tenantSettings.flags ?? {};
    const out: FindingDraft<Msg>[] = [];
    for (const [flag, { label, why }] of Object.entries(KNOWN)) {
      const resource = { type: 'tenant-flag', id: flag, name: label };
      out.push(
        flags[flag] === true
          ? { status: 'fail', messageId: 'on', data: { label, why }, resource, field: `flags.${flag}`, value: true }
          : { status: 'pass', messageId: 'off', data: { label }, resource },
      );
    }
    for (const [flag, { label, why }] of Object.entries(UNLISTED)) {
      const resource = { type: 'tenant-flag', id: flag, name: label };
      out.push(
        flags[flag] === true
          ? { status: 'fail', messageId: 'on', data: { label, why }, resource, field: `flags.${flag}`, value: true, severity: 'warning' }
          : { status: 'pass', messageId: 'off', data: { label }, resource },
      );
    }
    // Catalog TEN-07: "no other flags.*legacy* is true" (e.g. enable_legacy_logs_search_v2).
    for (const [flag, value] of Object.entries(flags)) {
      if (flag in KNOWN || flag in UNLISTED || !/legacy/i.test(flag)) continue;
      const resource = { type: 'tenant-flag', id: flag, name: flag };
      out.push(
        value === true
          ? { status: 'fail', messageId: 'other-on', data: { flag }, resource, field: `flags.${flag}`, value: true }
          : { status: 'pass', messageId: 'other-off', data: { flag }, resource },
      );
    }
    return out;
  },
});
