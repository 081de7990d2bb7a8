/**
 * The explicit rule registry. A meta test checks it equals the files in this folder.
 */
import type { AnyRule } from '../src/engine/define-rule.js';
import attackProtectionBotDetection from './attack-protection-bot-detection.js';
import attackProtectionBreachedPassword from './attack-protection-breached-password.js';
import attackProtectionBruteForce from './attack-protection-brute-force.js';
import attackProtectionSuspiciousIp from './attack-protection-suspicious-ip.js';
import changePasswordPageBranded from './change-password-page-branded.js';
import customDomainClientIpHeader from './custom-domain-client-ip-header.js';
import customDomainReady from './custom-domain-ready.js';
import databaseBruteForceProtection from './database-brute-force-protection.js';
import emailProviderConfigured from './email-provider-configured.js';
import emailProviderFromAddress from './email-provider-from-address.js';
import emailTemplatesCustomized from './email-templates-customized.js';
import emailTemplatesLinks from './email-templates-links.js';
import errorPageCustom from './error-page-custom.js';
import logStreamActive from './log-stream-active.js';
import logStreamFilters from './log-stream-filters.js';
import mfaFactorEnabled from './mfa-factor-enabled.js';
import mfaPolicyEnforced from './mfa-policy-enforced.js';
import mfaRecoveryCode from './mfa-recovery-code.js';
import mfaSmsProvider from './mfa-sms-provider.js';
import tenantSettingsReadable from './tenant-settings-readable.js';
import universalLoginBranding from './universal-login-branding.js';
import universalLoginCustomization from './universal-login-customization.js';
import universalLoginNewExperience from './universal-login-new-experience.js';

export const rules: readonly AnyRule[] = [
  attackProtectionBotDetection,
  attackProtectionBreachedPassword,
  attackProtectionBruteForce,
  attackProtectionSuspiciousIp,
  changePasswordPageBranded,
  customDomainClientIpHeader,
  customDomainReady,
  databaseBruteForceProtection,
  emailProviderConfigured,
  emailProviderFromAddress,
  emailTemplatesCustomized,
  emailTemplatesLinks,
  errorPageCustom,
  logStreamActive,
  logStreamFilters,
  mfaFactorEnabled,
  mfaPolicyEnforced,
  mfaRecoveryCode,
  mfaSmsProvider,
  tenantSettingsReadable,
  universalLoginBranding,
  universalLoginCustomization,
  universalLoginNewExperience,
];
