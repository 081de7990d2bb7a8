/**
 * The B2B plan: catalog.md §1.4 (source S4 only). Phase 1 inherits each workstream's milestone,
 * audience and parallelism from B2C; a topic named like a B2C topic in the same phase uses the
 * B2C evidence (`reuse`). Milestone names and placements are inferred (Decision 2).
 */
import type { Milestone, Phase, Plan, Workstream } from '../src/catalog/schema.js';
import { b2cP1Workstreams, b2cP2Workstreams, b2cP3Workstreams } from './b2c.js';
import { all, always, any, config, fact, reuse, revisit, t, topic, ws } from './build.js';

const P1 = 'b2b.p1';
const p1Milestones: Milestone[] = [
  { id: 'b2b.p1.m1-authentication', title: 'Milestone 1: Authentication', outcome: 'demo', attest: [], inferred: true },
  { id: 'b2b.p1.m2', title: 'Milestone 2', outcome: 'demo', attest: [], inferred: true },
  { id: 'b2b.p1.m3-go-live', title: 'Milestone 3: Go-Live', outcome: 'production', attest: ['prodcheck', 'env-tag'], inferred: true },
];

/** A B2B P1 workstream with the B2C workstream's milestone, audience and parallelism. */
function inherit(key: string, topics: ReturnType<typeof t>[]): Workstream {
  const src = b2cP1Workstreams.find((w) => w.key === key);
  if (!src) throw new Error(`catalog: no b2c.p1 workstream ${key}`);
  const ms = src.milestone.slice('b2c.p1.'.length).split('-')[0] ?? 'm1';
  return ws(
    P1,
    key,
    p1Milestones,
    ms,
    {
      title: src.title,
      ...(src.audience ? { audience: src.audience } : {}),
      ...(src.aka ? { aka: src.aka } : {}),
      ...(src.parallel ? { parallel: src.parallel } : {}),
      ...(src.recommendedAfter ? { recommendedAfter: src.recommendedAfter } : {}),
    },
    topics,
  );
}
const c1 = (key: string) => reuse(b2cP1Workstreams, key);

export const b2bP1Workstreams: Workstream[] = [
  inherit('architecture', ['tenant-provision', 'custom-domains', 'tenant-association', 'sdlc-support'].map(c1)),
  inherit('provisioning', [
    t('provision-organization', 'A', always, 'b2b', ['ORG-01', 'ORG-02'], { note: 'or per-org connection/tenant list from config' }),
    c1('user-migration'),
    t('provision-organization-users', 'A', always, 'b2b', ['ORG-06', 'ORG-02', 'DB-04']),
    t('user-invite', 'A', config('inviteModel', true), 'inviteModel', ['DB-04=true', 'ORG-05', 'EM-03', 'TEN-05', 'APP-11']),
  ]),
  inherit('authentication', [
    c1('universal-login'),
    c1('username-password'),
    c1('application-integration'),
    t('home-realm-discovery', 'A', any(fact('multiConnectionApp'), fact('organizations')), '>1 connection per app or orgs', ['ENT-02', 'UL-05', 'ORG-04']),
    c1('anomaly-detection'),
  ]),
  inherit('branding', [
    c1('universal-login-page'),
    c1('custom-domain-naming'),
    t('login-by-organization', 'A', fact('organizations'), 'isolated orgs', ['ORG-03', 'ORG-04', 'X-01 (tenant per org)']),
    c1('change-password-page'),
    c1('error-page'),
    c1('email-templates'),
  ]),
  inherit('deployment-automation', [c1('deployment-automation')]),
  inherit('quality-assurance', ['unit-testing', 'mock-testing', 'integration-testing'].map(c1)),
  inherit('profile-management', [
    c1('metadata'),
    c1('password-reset'),
    c1('account-verification'),
    t('admin-portal', 'W', config('adminPortal', false), 'config', ['P-ADMIN', 'GR-01']),
    c1('blocking-users'),
  ]),
  inherit('authorization', [c1('id-token-claims')]),
  inherit('logout', [c1('logout')]),
  inherit('operations', ['email-provider', 'monitoring', 'logging', 'firewall', 'notifications'].map(c1)),
];

const P2 = 'b2b.p2';
const p2Milestones: Milestone[] = [
  { id: 'b2b.p2.m1-api-integration', title: 'Milestone 1: API Integration', outcome: 'demo-or-production', attest: [], inferred: true },
  { id: 'b2b.p2.m2-advanced-features', title: 'Milestone 2: Advanced Features', outcome: 'demo-or-production', attest: [], inferred: true },
  { id: 'b2b.p2.m3-go-live', title: 'Milestone 3: Go-Live', outcome: 'production', attest: ['prodcheck', 'env-tag'], inferred: true },
];
const c2 = (key: string) => reuse(b2cP2Workstreams, key);
const p1ws = (key: string): Workstream => {
  const w = b2bP1Workstreams.find((x) => x.key === key);
  if (!w) throw new Error(`catalog: no b2b.p1 workstream ${key}`);
  return w;
};

export const b2bP2Workstreams: Workstream[] = [
  ws(P2, 'authorization', p2Milestones, 'm1', { title: 'Authorization' }, [
    c2('api-integration'),
    t('m2m-authorization', 'A', fact('m2mClient'), 'non_interactive client', ['GR-01', 'GR-02', 'APP-06', 'API-03']),
    t('roles-permissions', 'A', fact('roles'), 'roles exist', ['ROLE-01', 'API-06', 'ORG-06']),
  ]),
  ws(
    P2,
    'authentication',
    p2Milestones,
    'm2',
    { title: 'Authentication', aka: ['Extending Authentication'], parallel: ['authorization', 'deployment-automation'] },
    [
      c2('sso-legacy'),
      t('enterprise-login', 'A', fact('enterpriseConnection'), 'enterprise connection', ['ENT-01', 'ENT-03', 'ENT-04']),
      t('home-realm-discovery', 'A', topic('p2.authentication.enterprise-login'), 'enterprise-login', ['ENT-02', 'UL-05']),
      c2('mfa'),
    ],
  ),
  revisit(P2, p1ws('deployment-automation'), p2Milestones, 'm3'),
  revisit(P2, p1ws('quality-assurance'), p2Milestones, 'm3'),
  ws(P2, 'provisioning', p2Milestones, 'm2', { title: 'Provisioning' }, [
    t('enterprise-sign-up', 'A', topic('p2.authentication.enterprise-login'), 'enterprise-login', ['ENT-01', 'ORG-02']),
  ]),
  ws(P2, 'profile-management', p2Milestones, 'm2', { title: 'Profile Management' }, [
    t('organization-admin-portal', 'W', config('organizationAdminPortal', false), 'config', ['P-ADMIN']),
  ]),
  ws(P2, 'branding', p2Milestones, 'm2', { title: 'Branding' }, [c2('mfa-page')]),
  ws(P2, 'logout', p2Milestones, 'm2', { title: 'Logout' }, [
    t('single-logout', 'A', config('singleLogout', false), 'config', ['APP-15', 'API-03', 'APP-12']),
    t('federated-logout', 'W', topic('p2.authentication.enterprise-login'), 'enterprise-login', ['ENT-05', 'attest']),
  ]),
];

const P3 = 'b2b.p3';
const p3Milestones: Milestone[] = [
  { id: 'b2b.p3.m1-go-live', title: 'Go-Live', outcome: 'production', attest: ['prodcheck', 'env-tag'], inferred: true },
];
const c3 = (key: string) => reuse(b2cP3Workstreams, key);
const orgTenants = config('orgTenants', false);

export const b2bP3Workstreams: Workstream[] = [
  ws(P3, 'architecture', p3Milestones, 'm1', { title: 'Architecture', inferred: true }, [
    t('separate-tenant-multi-idp-org', 'X', orgTenants, 'orgTenants', ['X-01']),
  ]),
  ws(P3, 'authentication', p3Milestones, 'm1', { title: 'Authentication' }, [
    t('connect-multi-idp-org-tenant', 'A', orgTenants, 'orgTenants', ['ENT-07']),
    c3('step-up-authentication'),
  ]),
  ws(P3, 'profile-management', p3Milestones, 'm1', { title: 'Profile Management' }, [
    c3('progressive-profiling'),
    t('scim-deprovisioning', 'A', config('scimDeprovisioning', false), 'config', ['ENT-06']),
    t(
      'link-enterprise-to-database',
      'W',
      all(topic('p2.authentication.enterprise-login'), fact('dbConnection')),
      'enterprise-login and db',
      ['action-linking-code', 'USR-02'],
    ),
  ]),
  ws(P3, 'branding', p3Milestones, 'm1', { title: 'Branding' }, [
    t('multi-idp-org-tenant-branding', 'X', orgTenants, 'orgTenants', ['UL-03, CD-01, TEN-11, EM-03 run per org tenant']),
    // B2C scopes redirect pages by sign-up by invitation or verified email change; B2B has
    // neither topic, so here it is a config choice.
    { ...c3('redirect-pages'), scope: config('redirectPages', false), inText: 'config' },
  ]),
  ws(P3, 'provisioning', p3Milestones, 'm1', { title: 'Provisioning' }, [
    t('self-signup-with-approval', 'W', config('selfSignupWithApproval', false), 'config', ['DB-04=false', 'action gating on app_metadata approval flag']),
    t('self-signup-new-organization', 'W', config('selfSignupNewOrganization', false), 'config', ['P-ADMIN create:organizations', 'logs type:sapi']),
  ]),
  ws(P3, 'operations', p3Milestones, 'm1', { title: 'Operations' }, [
    c3('companion-app'),
    t('self-service-sso-setup', 'A', config('selfServiceSso', false), 'config', ['SSP-01', 'P-ADMIN create:connections']),
  ]),
];

const phases: Phase[] = [
  { id: 'b2b.p1', title: 'Phase 1', requires: [], milestones: p1Milestones, workstreams: b2bP1Workstreams },
  { id: 'b2b.p2', title: 'Phase 2', requires: ['b2b.p1'], milestones: p2Milestones, workstreams: b2bP2Workstreams },
  { id: 'b2b.p3', title: 'Phase 3', requires: ['b2b.p1'], milestones: p3Milestones, workstreams: b2bP3Workstreams },
];

export const b2b: Plan = { id: 'b2b', title: 'B2B implementation plan', phases };
