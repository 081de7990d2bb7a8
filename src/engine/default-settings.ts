/** The settings rules get unless the config says otherwise (RuleSettings in define-rule.ts). A light module: no rule loads with it. */
import type { RuleSettings } from './define-rule.js';

export const DEFAULT_SETTINGS: RuleSettings = {
  maxEmailLinkLifetimeSeconds: 432_000,
  recommendedNode: 22,
  maxTokenLifetimeSeconds: 86_400,
  maxIdTokenLifetimeSeconds: 36_000,
  minPasswordLength: 8,
  certificateWarningDays: 30,
  maxMetadataBytes: 16_384,
};
