/**
 * What this tool is measured against (reference/anchors.md): the catalog's single-tenant checks
 * (§2.2), Auth0 CheckMate's 61 checks (§1.1) and the Dashboard "Run Readiness Check" items (§2).
 * Rules name what they cover (`checks`, `checkmate`, `dashboard`); what no rule covers is listed
 * here with the reason. A test holds the two together, and docs/rules.md prints the table.
 */

export const CATALOG_CHECKS = [
  ...range('TEN', 17), ...range('CD', 4), ...range('UL', 5), ...range('EM', 4), ...range('AP', 5), ...range('MFA', 4),
  ...range('LOG', 4), ...range('APP', 15), ...range('DB', 7), ...range('SOC', 2), ...range('ENT', 7), ...range('API', 6),
  ...range('GR', 2), ...range('ROLE', 1), ...range('ACT', 6), ...range('ORG', 6), ...range('SSP', 1), ...range('KEY', 1),
  ...range('USR', 3), ...range('FORM', 1),
] as const;

function range(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(2, '0')}`);
}

/** CheckMate for Auth0 v1.8.4: check number → function name. */
export const CHECKMATE: Record<number, string> = {
  1: 'checkCustomDomain', 2: 'checkCanonicalDomain', 3: 'checkBlockCanonicalDomain', 4: 'checkNetworkACL',
  5: 'checkManagementAPIACL', 6: 'checkEmailProvider', 7: 'checkEmailTemplates', 8: 'checkErrorPageTemplate',
  9: 'checkLogStream', 10: 'checkEventStreams', 11: 'checkBruteForce', 12: 'checkSuspiciousIPThrottling',
  13: 'checkBreachedPassword', 14: 'checkBotDetectionSetting', 15: 'checkGuardianFactors', 16: 'checkGuardianPolicy',
  17: 'checkPasswordPolicy', 18: 'checkPasswordHistory', 19: 'checkPasswordNoPersonalInfo', 20: 'checkPasswordComplexity',
  21: 'checkAuthenticationMethods', 22: 'checkEmailAttributeVerification', 23: 'checkDASHardCodedValues',
  24: 'checkEnabledDatabaseCustomization', 25: 'checkPromotedDBConnection', 26: 'checkJWTSignAlg', 27: 'checkGrantTypes',
  28: 'checkAllowedCallbacks', 29: 'checkWebOrigins', 30: 'checkAllowedLogoutUrl', 31: 'checkApplicationLoginUri',
  32: 'checkCrossOriginAuthentication', 33: 'checkRefreshToken', 34: 'checkAppTokenSenderConstraining', 35: 'checkPAR',
  36: 'checkJAR', 37: 'checkPKCEEnforcement', 38: 'checkPrivateKeyJWT', 39: 'checkBackchannelLogout',
  40: 'checkDefaultAudience', 41: 'checkDefaultDirectory', 42: 'checkEnabledDynamicClientRegistration',
  43: 'checkSessionLifetime', 44: 'checkSupportEmail', 45: 'checkSupportUrl', 46: 'checkTenantLoginUrl',
  47: 'checkTenantLogoutUrl', 48: 'checkSandboxVersion', 49: 'checkRules', 50: 'checkHooks', 51: 'checkActionsRuntime',
  52: 'checkDependencies', 53: 'checkActionsHardCodedValues', 54: 'checkPreRegistrationUserEnumeration',
  55: 'checkPasswordResetMFA', 56: 'checkManagementAPIUserAccess', 57: 'checkAPIAuthorizationPolicy',
  58: 'checkAPISigningAlgorithm', 59: 'checkAPITokenLifetime', 60: 'checkTokenConstrainingResourceServer',
  61: 'checkJWEResourceServer',
};

/** Dashboard "Run Readiness Check" items (anchors §2.1–§2.3): key → title. */
export const DASHBOARD: Record<string, { title: string; category: 'critical' | 'non-critical' | 'best-practice' }> = {
  'actions-node': { title: 'Actions run a recommended Node.js', category: 'critical' },
  'legacy-idtoken-api2': { title: '"Allow ID Tokens for Management API v2 Authentication" is off', category: 'critical' },
  'legacy-ro': { title: 'allowLegacyRoGrantTypes off', category: 'critical' },
  'legacy-other-grants': { title: 'allowOtherLegacyGrantTypes off', category: 'critical' },
  'legacy-tokeninfo': { title: 'allowLegacyTokenInfoEndpoint off', category: 'critical' },
  'legacy-delegation': { title: 'allowLegacyDelegationGrantTypes off', category: 'critical' },
  'callbacks-localhost': { title: 'Allowed Callback URLs not localhost', category: 'critical' },
  'origins-localhost': { title: 'Allowed Origins (CORS) not localhost', category: 'critical' },
  'web-origins-localhost': { title: 'Allowed Web Origins not localhost', category: 'critical' },
  'email-provider': { title: 'Email provider configured', category: 'critical' },
  hooks: { title: 'Hooks migrated to Actions', category: 'critical' },
  'mfa-sms-provider': { title: 'MFA SMS provider', category: 'critical' },
  'legacy-profile': { title: 'Legacy User Profile disabled', category: 'critical' },
  rules: { title: 'Rules migrated to Actions', category: 'critical' },
  'social-dev-keys': { title: 'Social connections not on Auth0 dev keys', category: 'critical' },
  'support-email': { title: 'Support Email configured', category: 'critical' },
  'support-url': { title: 'Support URL configured', category: 'critical' },
  'environment-tag': { title: 'Tenant Environment Tag set', category: 'critical' },
  'tenant-node': { title: 'Tenant default Node.js recommended', category: 'critical' },
  'tenant-login-uri': { title: 'Tenant Login URI', category: 'critical' },
  'custom-domain-emails': { title: 'Use Custom Domain in branded email templates', category: 'critical' },
  'log-streaming': { title: 'Configure log streaming', category: 'non-critical' },
  'custom-domain': { title: 'Custom domain configured', category: 'non-critical' },
  'error-page': { title: 'Custom error page configured', category: 'non-critical' },
  'universal-login': { title: 'Enable (New) Universal Login', category: 'non-critical' },
  'email-templates': { title: 'Email templates customised', category: 'non-critical' },
  mfa: { title: 'MFA configured', category: 'non-critical' },
  'admin-mfa': { title: 'MFA for tenant administrators', category: 'non-critical' },
  'logout-redirect': { title: 'Redirect logout URL defined', category: 'non-critical' },
  rs256: { title: 'Applications use RS256, not HS256', category: 'non-critical' },
  'app-login-uri': { title: 'Application Login URI set for interactive apps', category: 'non-critical' },
  'tenant-logout-url': { title: 'Tenant Allowed Logout URL', category: 'non-critical' },
  'externalize-config': { title: 'Externalise configuration parameters', category: 'best-practice' },
  'sso-timeouts': { title: 'Review SSO / session timeout values', category: 'best-practice' },
  'review-admins': { title: 'Review tenants and administrators', category: 'best-practice' },
  'client-ids': { title: 'Verify the Client IDs in app code match Auth0 apps', category: 'best-practice' },
  'ip-allowlist': { title: 'Allowlist Auth0 public IPs', category: 'best-practice' },
  'attack-protection': { title: 'Review Attack Protection', category: 'best-practice' },
};

/** Items no rule automates, and why. */
export const EXCLUSIONS: { anchor: 'catalog' | 'checkmate' | 'dashboard'; id: string; reason: string }[] = [
  { anchor: 'checkmate', id: 'checkDependencies', reason: 'Looks npm packages up in the GitHub advisory API on the internet; the tool works offline. Run `npm audit` on the Action dependencies in your repository instead.' },
  { anchor: 'dashboard', id: 'environment-tag', reason: 'The Management API does not expose the environment tag: it is the `env-tag` attestation (config), checked across tenants by X-08.' },
  { anchor: 'dashboard', id: 'admin-mfa', reason: 'Tenant members are not in the Management API: the `admin-mfa` attestation.' },
  { anchor: 'dashboard', id: 'review-admins', reason: 'Tenant members are not in the Management API: the `admin-review` attestation.' },
  { anchor: 'dashboard', id: 'client-ids', reason: 'Application code is outside the tenant.' },
  { anchor: 'dashboard', id: 'ip-allowlist', reason: 'The firewall is in your network: the firewall topic is attested.' },
];
