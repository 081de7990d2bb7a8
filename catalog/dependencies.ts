/**
 * Topic dependencies: catalog.md §1.5, written the same way (`*` matches one id segment, or
 * everything when it stands alone). Expanded to concrete topic pairs per plan when the catalog loads.
 */
import type { DependencySpec } from '../src/catalog/schema.js';

export const dependencies: DependencySpec[] = [
  { from: ['*.p1.architecture.tenant-provision'], to: ['*'], kind: 'precedes', sources: ['S0', 'S3', 'S4'] },
  { from: ['*.p1.operations.email-provider'], to: ['*.p1.branding.email-templates'], kind: 'precedes', sources: ['S3', 'S4', 'BRAND', 'OPS'] },
  {
    from: ['*.p1.operations.email-provider'],
    to: ['*.p1.authentication.anomaly-detection'],
    kind: 'precedes',
    when: 'notificationShield',
    sources: ['AUTHN'],
  },
  { from: ['*.p1.architecture.custom-domains'], to: ['*.p1.branding.custom-domain-naming'], kind: 'precedes' },
  {
    from: ['*.p1.deployment-automation.deployment-automation'],
    to: ['*.p1.quality-assurance.*'],
    kind: 'precedes',
    sources: ['S0', 'S1', 'S3'],
  },
  {
    from: ['*.p1.deployment-automation.deployment-automation'],
    to: ['*.p1.operations.*'],
    kind: 'recommendedAfter',
    sources: ['S1', 'S2'],
  },
  { from: ['*.p1.architecture.custom-domains'], to: ['b2b.p2.authentication.enterprise-login'], kind: 'advises', sources: ['BP-TEN'] },
  { from: ['b2c.p2.authentication.social-login'], to: ['b2c.p2.profile-management.link-accounts'], kind: 'recommends', sources: ['S3', 'S4'] },
  { from: ['b2c.p2.authentication.social-login'], to: ['b2c.p2.provisioning.social-sign-up'], kind: 'only-if' },
  {
    from: ['*.p2.authentication.mfa'],
    to: ['*.p2.branding.mfa-page', '*.p3.authentication.step-up-authentication'],
    kind: 'only-if',
    sources: ['S3', 'S4'],
  },
  {
    from: ['b2c.p3.provisioning.signup-by-invitation', 'b2c.p3.profile-management.verified-email-change'],
    to: ['b2c.p3.branding.redirect-pages'],
    kind: 'recommends',
    sources: ['S3'],
  },
  { from: ['b2b.p2.authentication.enterprise-login'], to: ['b2b.p2.authentication.home-realm-discovery'], kind: 'recommends', sources: ['AUTHN'] },
  {
    from: ['b2b.p2.authentication.enterprise-login'],
    to: ['b2b.p2.logout.federated-logout', 'b2b.p2.provisioning.enterprise-sign-up'],
    kind: 'only-if',
    sources: ['S4'],
  },
  { from: ['b2b.p2.logout.federated-logout'], to: ['b2b.p2.logout.single-logout'], kind: 'recommends', sources: ['LOGOUT'] },
  {
    from: ['b2b.p3.architecture.separate-tenant-multi-idp-org'],
    to: ['b2b.p3.authentication.connect-multi-idp-org-tenant', 'b2b.p3.branding.multi-idp-org-tenant-branding'],
    kind: 'precedes',
  },
];
