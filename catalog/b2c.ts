/**
 * The B2C (CIAM) plan: catalog.md §1.3, ids exactly as written there.
 * Topic references in scope rules (`topic('p2.authentication.mfa')`) are relative to the track.
 */
import type { Milestone, Phase, Plan, Workstream } from '../src/catalog/schema.js';
import { always, any, config, fact, revisit, t, topic, ws } from './build.js';

const P1 = 'b2c.p1';
const p1Milestones: Milestone[] = [
  { id: 'b2c.p1.m1-authentication', title: 'Milestone 1: Authentication', outcome: 'demo', attest: [], inferred: false },
  { id: 'b2c.p1.m2', title: 'Milestone 2', outcome: 'demo', attest: [], inferred: false },
  {
    id: 'b2c.p1.m3-go-live',
    title: 'Milestone 3: Go-Live',
    outcome: 'production',
    attest: ['prodcheck', 'env-tag'],
    inferred: false,
  },
];

export const b2cP1Workstreams: Workstream[] = [
  ws(P1, 'architecture', p1Milestones, 'm1', { title: 'Architecture', audience: 'ops-infra*', aka: ['Tenant Architecture'] }, [
    t('tenant-provision', 'A', always, 'always', ['TEN-01', 'TEN-02', 'X-03'], { note: 'precursor to all' }),
    t('custom-domains', 'A', always, 'always', ['CD-01', 'CD-03', 'CD-04', 'X-05']),
    t('tenant-association', 'M', always, 'always', ['attest', 'X-06'], { required: true }),
    t('sdlc-support', 'X', always, 'always', ['X-01', 'X-02', 'X-04', 'X-08']),
  ]),
  ws(P1, 'provisioning', p1Milestones, 'm1', { title: 'Provisioning', audience: 'design-dev', parallel: ['authentication', 'branding'] }, [
    t('store-user-data', 'A', always, 'always', ['DB-01', 'DB-05'], { sources: ['S0'] }),
    t('user-migration', 'A', fact('customDb'), 'customDb or enabledDatabaseCustomization', ['DB-05', 'DB-06', 'TEN-09', 'attest-bulk-import']),
    t('self-sign-up', 'A', config('selfSignup', true), 'selfSignup (default true)', ['DB-04=false', 'DB-02', 'UL-01', 'AP-02', 'AP-03', 'TEN-17']),
  ]),
  ws(P1, 'authentication', p1Milestones, 'm1', { title: 'Authentication', audience: 'design-dev', parallel: ['provisioning', 'branding'] }, [
    t('universal-login', 'A', always, 'always', ['UL-01', 'APP-09', 'APP-05', 'UL-02', 'TEN-16']),
    t('username-password', 'A', fact('dbConnection'), 'db connection', ['DB-01', 'DB-02', 'DB-03', 'AP-05']),
    t('application-integration', 'A', always, 'always', [
      // APP-14 (advice) is in the catalog's check table but in no chk list; it evidences this topic.
      'APP-01', 'APP-02', 'APP-03', 'APP-04', 'APP-05', 'APP-06', 'APP-07', 'APP-08', 'APP-09', 'APP-10', 'APP-11', 'APP-12',
      'APP-14', 'TEN-07', 'TEN-08',
    ]),
    t('anomaly-detection', 'A', always, 'always', ['AP-01', 'AP-02', 'AP-03', 'AP-04', 'EM-03', 'TEN-17']),
  ]),
  ws(P1, 'branding', p1Milestones, 'm1', { title: 'Branding', audience: 'branding', aka: ['Customization'], parallel: ['provisioning', 'authentication'] }, [
    t('universal-login-page', 'A', always, 'always', ['UL-03', 'UL-04', 'UL-02', 'TEN-02', 'TEN-15']),
    t('custom-domain-naming', 'A', fact('customDomain'), 'custom domain', ['CD-01', 'CD-02', 'TEN-14']),
    t('change-password-page', 'A', fact('dbConnection'), 'db connection', ['TEN-12']),
    t('error-page', 'A', always, 'always', ['TEN-11', 'TEN-03', 'TEN-04']),
    t('email-templates', 'A', any(fact('dbConnection'), fact('notificationShield')), 'db connection or notifications', ['EM-03', 'EM-04', 'TEN-14']),
  ]),
  ws(P1, 'deployment-automation', p1Milestones, 'm2', { title: 'Deployment Automation', audience: 'ops-infra*', aka: ['Automation'] }, [
    t('deployment-automation', 'W', always, 'always', ['P-DEPLOY', 'ACT-03', 'X-04']),
  ]),
  ws(P1, 'quality-assurance', p1Milestones, 'm2', { title: 'Quality Assurance', audience: 'testing*' }, [
    t('unit-testing', 'M', fact('codeInTenant'), 'actions or db scripts exist', ['attest']),
    t('mock-testing', 'M', config('mockTesting', false), 'optional', ['attest']),
    t('integration-testing', 'W', always, 'always', ['X-01', 'P-QA']),
  ]),
  ws(P1, 'profile-management', p1Milestones, 'm2', { title: 'Profile Management', audience: 'design-dev' }, [
    t('metadata', 'W', config('usesMetadata', true), 'usesMetadata', ['USR-01', 'ACT-01']),
    t('password-reset', 'A', fact('dbConnection'), 'db connection', ['DB-07', 'EM-03', 'TEN-12', 'TEN-05', 'APP-11']),
    t('account-verification', 'A', fact('dbConnection'), 'db connection', ['EM-03', 'EM-04', 'USR-03']),
    t('blocking-users', 'W', always, 'always', ['AP-01', 'P-ADMIN']),
  ]),
  ws(P1, 'authorization', p1Milestones, 'm2', { title: 'Authorization', audience: 'design-dev' }, [
    t('id-token-claims', 'A', config('accessControl', true), 'accessControl (optional)', ['ACT-01', 'ACT-02', 'ACT-03', 'ACT-04', 'ACT-05', 'ACT-06', 'TEN-09']),
  ]),
  ws(P1, 'logout', p1Milestones, 'm2', { title: 'Logout', audience: 'design-dev' }, [
    t('logout', 'A', always, 'always', ['TEN-06', 'APP-03', 'TEN-10']),
  ]),
  ws(
    P1,
    'operations',
    p1Milestones,
    'm3',
    { title: 'Operations', audience: 'ops-infra*', parallel: ['*'], recommendedAfter: ['deployment-automation'] },
    [
      t('email-provider', 'A', always, 'always', ['EM-01', 'EM-02']),
      t('monitoring', 'W', always, 'always', ['P-MON', 'LOG-03']),
      t('logging', 'A', always, 'always', ['LOG-01', 'LOG-02', 'LOG-03']),
      t('firewall', 'M', any(fact('customDb'), fact('smtpProvider'), fact('outboundCalls')), 'custom db, smtp provider, or outbound calls', ['attest'], {
        required: true,
      }),
      // KEY-01 (advice) is in the check table but in no chk list: signing-key rotation is platform lifecycle.
      t('notifications', 'W', always, 'always', ['LOG-04', 'ACT-02', 'ACT-04', 'KEY-01', 'attest'], { required: true }),
    ],
  ),
];

const P2 = 'b2c.p2';
const p2Milestones: Milestone[] = [
  { id: 'b2c.p2.m1-api-integration', title: 'Milestone 1: API Integration', outcome: 'demo-or-production', attest: [], inferred: true },
  { id: 'b2c.p2.m2-advanced-features', title: 'Milestone 2: Advanced Features', outcome: 'demo-or-production', attest: [], inferred: true },
  { id: 'b2c.p2.m3-go-live', title: 'Milestone 3: Go-Live', outcome: 'production', attest: ['prodcheck', 'env-tag'], inferred: true },
];

const p1 = (key: string): Workstream => {
  const w = b2cP1Workstreams.find((x) => x.key === key);
  if (!w) throw new Error(`catalog: no b2c.p1 workstream ${key}`);
  return w;
};

export const b2cP2Workstreams: Workstream[] = [
  ws(P2, 'authorization', p2Milestones, 'm1', { title: 'Authorization' }, [
    t('api-integration', 'A', fact('customApi'), 'non-system API', ['API-01', 'API-02', 'API-03', 'API-04', 'API-05', 'APP-13', 'GR-01']),
    t('rbac', 'A', fact('roles'), 'roles exist', ['ROLE-01', 'API-06'], { sources: ['S4 link only'] }),
  ]),
  ws(P2, 'authentication', p2Milestones, 'm2', { title: 'Authentication', parallel: ['authorization', 'deployment-automation'] }, [
    t('sso-legacy', 'A', config('legacySso', false), 'legacySso', ['ENT-01 to legacy IdP', 'clients[].addons.samlp|wsfed', 'attest'], { attest: true }),
    t('social-login', 'A', fact('socialConnection'), 'social connection', ['SOC-01', 'SOC-02']),
    // Decision 4: MFA is in scope by default; config `mfa: false` takes it out.
    t('mfa', 'A', any(config('mfa', true), fact('mfaFactor')), 'config or factor enabled', ['MFA-01', 'MFA-02', 'MFA-03', 'MFA-04', 'EM-03']),
  ]),
  revisit(P2, p1('deployment-automation'), p2Milestones, 'm3'),
  revisit(P2, p1('quality-assurance'), p2Milestones, 'm3'),
  ws(P2, 'provisioning', p2Milestones, 'm2', { title: 'Provisioning', parallel: ['*'] }, [
    t('social-sign-up', 'A', topic('p2.authentication.social-login'), 'social-login', ['SOC-02']),
  ]),
  ws(P2, 'profile-management', p2Milestones, 'm2', { title: 'Profile Management' }, [
    t('link-accounts', 'W', topic('p2.authentication.social-login'), 'social-login (recommended)', ['action-linking-code', 'USR-02']),
    t('deprovisioning', 'W', always, 'always', ['logs type:sdu', 'P-ADMIN', 'attest']),
  ]),
  ws(P2, 'branding', p2Milestones, 'm2', { title: 'Branding', parallel: ['*'] }, [
    t('mfa-page', 'A', topic('p2.authentication.mfa'), 'mfa', ['TEN-13', 'UL-03']),
  ]),
];

const P3 = 'b2c.p3';
const p3Milestones: Milestone[] = [
  { id: 'b2c.p3.m1-go-live', title: 'Go-Live', outcome: 'production', attest: ['prodcheck', 'env-tag'], inferred: true },
];

export const b2cP3Workstreams: Workstream[] = [
  ws(P3, 'authentication', p3Milestones, 'm1', { title: 'Authentication' }, [
    t('step-up-authentication', 'W', topic('p2.authentication.mfa'), 'mfa', ['action acr_values/amr + MFA trigger', 'MFA-01', 'tenant acr_values_supported']),
  ]),
  ws(P3, 'profile-management', p3Milestones, 'm1', { title: 'Profile Management' }, [
    t('progressive-profiling', 'W', config('progressiveProfiling', false), 'config', ['FORM-01']),
    t('verified-email-change', 'M', config('verifiedEmailChange', false), 'config', ['attest']),
  ]),
  ws(P3, 'provisioning', p3Milestones, 'm1', { title: 'Provisioning' }, [
    t('signup-by-invitation', 'W', config('signupByInvitation', false), 'config', ['DB-04=true', 'EM-03', 'P-ADMIN'], {
      note: 'S3 also names it under Authentication',
    }),
  ]),
  ws(P3, 'operations', p3Milestones, 'm1', { title: 'Operations' }, [
    t('companion-app', 'M', config('companionApp', false), 'config', ['attest']),
  ]),
  ws(P3, 'branding', p3Milestones, 'm1', { title: 'Branding' }, [
    t(
      'redirect-pages',
      'W',
      any(topic('p3.provisioning.signup-by-invitation'), topic('p3.profile-management.verified-email-change')),
      'recommended by signup-by-invitation or verified-email-change',
      ['action api.redirect.sendUserTo to company domain', 'attest'],
    ),
  ]),
];

const phases: Phase[] = [
  { id: 'b2c.p1', title: 'Phase 1', requires: [], milestones: p1Milestones, workstreams: b2cP1Workstreams },
  { id: 'b2c.p2', title: 'Phase 2', requires: ['b2c.p1'], milestones: p2Milestones, workstreams: b2cP2Workstreams },
  { id: 'b2c.p3', title: 'Phase 3', requires: ['b2c.p1'], milestones: p3Milestones, workstreams: b2cP3Workstreams },
];

export const b2c: Plan = { id: 'b2c', title: 'B2C (CIAM) implementation plan', phases };

