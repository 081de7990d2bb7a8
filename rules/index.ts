/**
 * The explicit rule registry. A meta test checks it equals the files in this folder.
 */
import type { AnyRule } from '../src/engine/define-rule.js';
import actionChangesDeployed from './action-changes-deployed.js';
import actionCustomClaims from './action-custom-claims.js';
import actionNoHardcodedSecrets from './action-no-hardcoded-secrets.js';
import actionNoMgmtApiPerLogin from './action-no-mgmt-api-per-login.js';
import actionPasswordResetMfa from './action-password-reset-mfa.js';
import actionPreRegistrationEnumeration from './action-pre-registration-enumeration.js';
import actionRuntimeCurrent from './action-runtime-current.js';
import apiDefined from './api-defined.js';
import apiOfflineAccess from './api-offline-access.js';
import apiRbacEnforced from './api-rbac-enforced.js';
import apiSenderConstrainedTokens from './api-sender-constrained-tokens.js';
import apiSigningAlg from './api-signing-alg.js';
import apiSkipConsent from './api-skip-consent.js';
import apiTokenEncryption from './api-token-encryption.js';
import apiTokenLifetime from './api-token-lifetime.js';
import apiUserAccessPolicy from './api-user-access-policy.js';
import appAllowedOriginsSecure from './app-allowed-origins-secure.js';
import appBackchannelLogout from './app-backchannel-logout.js';
import appCallbacksSecure from './app-callbacks-secure.js';
import appConnectionsIntended from './app-connections-intended.js';
import appCrossOriginAuthOff from './app-cross-origin-auth-off.js';
import appGrantTypesMinimal from './app-grant-types-minimal.js';
import appIdTokenLifetime from './app-id-token-lifetime.js';
import appJwtAlgRs256 from './app-jwt-alg-rs256.js';
import appLoginUri from './app-login-uri.js';
import appLogoutUrlsSecure from './app-logout-urls-secure.js';
import appOidcConformant from './app-oidc-conformant.js';
import appPkceEnforced from './app-pkce-enforced.js';
import appPrivateKeyJwt from './app-private-key-jwt.js';
import appPushedAuthorizationRequests from './app-pushed-authorization-requests.js';
import appRefreshTokenRotation from './app-refresh-token-rotation.js';
import appSenderConstrainedTokens from './app-sender-constrained-tokens.js';
import appSignedRequestObject from './app-signed-request-object.js';
import appThirdPartyFlag from './app-third-party-flag.js';
import appTokenEndpointAuth from './app-token-endpoint-auth.js';
import appTypeSet from './app-type-set.js';
import appWebOriginsSecure from './app-web-origins-secure.js';
import attackProtectionBotDetection from './attack-protection-bot-detection.js';
import attackProtectionBreachedPassword from './attack-protection-breached-password.js';
import attackProtectionBruteForce from './attack-protection-brute-force.js';
import attackProtectionSuspiciousIp from './attack-protection-suspicious-ip.js';
import canonicalDomainBlocked from './canonical-domain-blocked.js';
import canonicalDomainLogins from './canonical-domain-logins.js';
import changePasswordPageBranded from './change-password-page-branded.js';
import customDomainClientIpHeader from './custom-domain-client-ip-header.js';
import customDomainInEmails from './custom-domain-in-emails.js';
import customDomainNaming from './custom-domain-naming.js';
import customDomainReady from './custom-domain-ready.js';
import databaseBruteForceProtection from './database-brute-force-protection.js';
import databaseConnectionEnabled from './database-connection-enabled.js';
import databaseCustomScriptsMode from './database-custom-scripts-mode.js';
import databaseDomainConnection from './database-domain-connection.js';
import databaseEmailVerificationOtp from './database-email-verification-otp.js';
import databasePasskeys from './database-passkeys.js';
import databasePasswordHygiene from './database-password-hygiene.js';
import databasePasswordPolicy from './database-password-policy.js';
import databaseScriptsNoSecrets from './database-scripts-no-secrets.js';
import databaseSelfServicePasswordChange from './database-self-service-password-change.js';
import databaseSignupIntent from './database-signup-intent.js';
import dynamicClientRegistration from './dynamic-client-registration.js';
import emailProviderConfigured from './email-provider-configured.js';
import emailProviderFromAddress from './email-provider-from-address.js';
import emailTemplatesCustomized from './email-templates-customized.js';
import emailTemplatesLinks from './email-templates-links.js';
import enterpriseCertificatesValid from './enterprise-certificates-valid.js';
import enterpriseConnectionInUse from './enterprise-connection-in-use.js';
import errorPageCustom from './error-page-custom.js';
import eventStreams from './event-streams.js';
import formsInUse from './forms-in-use.js';
import homeRealmDiscovery from './home-realm-discovery.js';
import identifierFirstForHrd from './identifier-first-for-hrd.js';
import legacyHooksMigrated from './legacy-hooks-migrated.js';
import legacyRulesMigrated from './legacy-rules-migrated.js';
import logDeprecations from './log-deprecations.js';
import logRateLimits from './log-rate-limits.js';
import logStreamActive from './log-stream-active.js';
import logStreamFilters from './log-stream-filters.js';
import m2mGrantsConsistent from './m2m-grants-consistent.js';
import managementApiAcl from './management-api-acl.js';
import mfaFactorEnabled from './mfa-factor-enabled.js';
import mfaPageBranded from './mfa-page-branded.js';
import mfaPolicyEnforced from './mfa-policy-enforced.js';
import mfaRecoveryCode from './mfa-recovery-code.js';
import mfaSmsProvider from './mfa-sms-provider.js';
import mgmtApiGrantsLeastPrivilege from './mgmt-api-grants-least-privilege.js';
import mgmtApiUserAccess from './mgmt-api-user-access.js';
import networkAclsReviewed from './network-acls-reviewed.js';
import orgTenantConnections from './org-tenant-connections.js';
import organizationApps from './organization-apps.js';
import organizationBranding from './organization-branding.js';
import organizationConnections from './organization-connections.js';
import organizationInvitations from './organization-invitations.js';
import organizationMembers from './organization-members.js';
import organizationsDefined from './organizations-defined.js';
import rolesDefined from './roles-defined.js';
import samlFederatedLogout from './saml-federated-logout.js';
import samlRequestSigning from './saml-request-signing.js';
import scimProvisioning from './scim-provisioning.js';
import selfServiceSsoProfiles from './self-service-sso-profiles.js';
import signingKeyRotation from './signing-key-rotation.js';
import socialConnectionInUse from './social-connection-in-use.js';
import socialOwnCredentials from './social-own-credentials.js';
import tenantBrandingIdentity from './tenant-branding-identity.js';
import tenantClickjackProtection from './tenant-clickjack-protection.js';
import tenantClientConnectionsFlag from './tenant-client-connections-flag.js';
import tenantDefaultAudience from './tenant-default-audience.js';
import tenantDefaultDirectory from './tenant-default-directory.js';
import tenantLegacyFeaturesOff from './tenant-legacy-features-off.js';
import tenantLocales from './tenant-locales.js';
import tenantLoginUri from './tenant-login-uri.js';
import tenantLogoutUrls from './tenant-logout-urls.js';
import tenantNodeRuntime from './tenant-node-runtime.js';
import tenantSessionLifetimes from './tenant-session-lifetimes.js';
import tenantSettingsReadable from './tenant-settings-readable.js';
import tenantSignupEnumeration from './tenant-signup-enumeration.js';
import tenantSupportEmail from './tenant-support-email.js';
import tenantSupportUrl from './tenant-support-url.js';
import universalLoginBranding from './universal-login-branding.js';
import universalLoginCustomPage from './universal-login-custom-page.js';
import universalLoginCustomization from './universal-login-customization.js';
import universalLoginNewExperience from './universal-login-new-experience.js';
import userAccountLinking from './user-account-linking.js';
import userEmailVerification from './user-email-verification.js';
import userMetadataHygiene from './user-metadata-hygiene.js';

export const rules: readonly AnyRule[] = [
  actionChangesDeployed,
  actionCustomClaims,
  actionNoHardcodedSecrets,
  actionNoMgmtApiPerLogin,
  actionPasswordResetMfa,
  actionPreRegistrationEnumeration,
  actionRuntimeCurrent,
  apiDefined,
  apiOfflineAccess,
  apiRbacEnforced,
  apiSenderConstrainedTokens,
  apiSigningAlg,
  apiSkipConsent,
  apiTokenEncryption,
  apiTokenLifetime,
  apiUserAccessPolicy,
  appAllowedOriginsSecure,
  appBackchannelLogout,
  appCallbacksSecure,
  appConnectionsIntended,
  appCrossOriginAuthOff,
  appGrantTypesMinimal,
  appIdTokenLifetime,
  appJwtAlgRs256,
  appLoginUri,
  appLogoutUrlsSecure,
  appOidcConformant,
  appPkceEnforced,
  appPrivateKeyJwt,
  appPushedAuthorizationRequests,
  appRefreshTokenRotation,
  appSenderConstrainedTokens,
  appSignedRequestObject,
  appThirdPartyFlag,
  appTokenEndpointAuth,
  appTypeSet,
  appWebOriginsSecure,
  attackProtectionBotDetection,
  attackProtectionBreachedPassword,
  attackProtectionBruteForce,
  attackProtectionSuspiciousIp,
  canonicalDomainBlocked,
  canonicalDomainLogins,
  changePasswordPageBranded,
  customDomainClientIpHeader,
  customDomainInEmails,
  customDomainNaming,
  customDomainReady,
  databaseBruteForceProtection,
  databaseConnectionEnabled,
  databaseCustomScriptsMode,
  databaseDomainConnection,
  databaseEmailVerificationOtp,
  databasePasskeys,
  databasePasswordHygiene,
  databasePasswordPolicy,
  databaseScriptsNoSecrets,
  databaseSelfServicePasswordChange,
  databaseSignupIntent,
  dynamicClientRegistration,
  emailProviderConfigured,
  emailProviderFromAddress,
  emailTemplatesCustomized,
  emailTemplatesLinks,
  enterpriseCertificatesValid,
  enterpriseConnectionInUse,
  errorPageCustom,
  eventStreams,
  formsInUse,
  homeRealmDiscovery,
  identifierFirstForHrd,
  legacyHooksMigrated,
  legacyRulesMigrated,
  logDeprecations,
  logRateLimits,
  logStreamActive,
  logStreamFilters,
  m2mGrantsConsistent,
  managementApiAcl,
  mfaFactorEnabled,
  mfaPageBranded,
  mfaPolicyEnforced,
  mfaRecoveryCode,
  mfaSmsProvider,
  mgmtApiGrantsLeastPrivilege,
  mgmtApiUserAccess,
  networkAclsReviewed,
  orgTenantConnections,
  organizationApps,
  organizationBranding,
  organizationConnections,
  organizationInvitations,
  organizationMembers,
  organizationsDefined,
  rolesDefined,
  samlFederatedLogout,
  samlRequestSigning,
  scimProvisioning,
  selfServiceSsoProfiles,
  signingKeyRotation,
  socialConnectionInUse,
  socialOwnCredentials,
  tenantBrandingIdentity,
  tenantClickjackProtection,
  tenantClientConnectionsFlag,
  tenantDefaultAudience,
  tenantDefaultDirectory,
  tenantLegacyFeaturesOff,
  tenantLocales,
  tenantLoginUri,
  tenantLogoutUrls,
  tenantNodeRuntime,
  tenantSessionLifetimes,
  tenantSettingsReadable,
  tenantSignupEnumeration,
  tenantSupportEmail,
  tenantSupportUrl,
  universalLoginBranding,
  universalLoginCustomPage,
  universalLoginCustomization,
  universalLoginNewExperience,
  userAccountLinking,
  userEmailVerification,
  userMetadataHygiene,
];
