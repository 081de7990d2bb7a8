import type { ResourceKey } from '../snapshot/resource-meta.js';

/** Resources the scope facts read: collected in every audit. */
export const SCOPE_RESOURCES: readonly ResourceKey[] = [
  'connections',
  'connectionClients',
  'customDomains',
  'organizations',
  'clients',
  'guardianFactors',
  'actions',
  'bruteForceProtection',
  'breachedPasswordDetection',
  'emailProvider',
  'resourceServers',
  'roles',
];
