/**
 * The field corpus: ten public Deploy CLI exports written by people who run Auth0 tenants (not by
 * us), kept outside the repository in `../shared/field/` (repository, commit, paths and licence in
 * its SOURCES.md; what each holds in test/field/CORPUS.md). Only their YAML and JSON files are
 * there: code and HTML (rules, Actions, hooks, database scripts, pages, email bodies) are left out
 * on purpose, so what they held is "not in the export", never a failure. Without ../shared the
 * corpus is skipped, saying so; with CI=true it is required (test/support/requires.ts).
 * Each is audited through the library as `auth0-readiness --from <export>` would:
 *
 * - it reads and audits without a crash, and no rule errors;
 * - every `unknown` finding is explained by something the export does not hold: a resource that is
 *   `not-in-export`, or a field the export's files do not carry (checked against the files);
 * - no topic is `unknown` because of an advice-level check alone (issue 10 §3);
 * - the verdicts its files plainly show.
 *
 * A defect found here is fixed in the reader or the rule, with a unit test next to its code
 * (test/sources/deploy-cli.test.ts), and the expectation below records the fixed verdict.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules as allRules } from '../../rules/index.js';
import { audit } from '../../src/run.js';
import type { AuditReport, ReportFinding } from '../../src/report/schema.js';
import { AuditReportSchema } from '../../src/report/schema.js';
import type { ResourceDataMap, ResourceKey } from '../../src/snapshot/resources.js';
import { SnapshotSchema, type Snapshot } from '../../src/snapshot/snapshot.js';
import { readDeployCliExport } from '../../src/sources/deploy-cli/index.js';
import type { TopicStatus } from '../../src/engine/status.js';
import { available, REQUIREMENTS, SHARED_DIR, skipLine } from '../support/requires.js';

const FIELD = `${SHARED_DIR}/field`;
const HAVE_FIELD = available(REQUIREMENTS.field);
const NOW = () => new Date('2026-12-01T00:00:00Z');

interface FieldExport {
  /** Folder under ../shared/field/ (see its SOURCES.md). */
  name: string;
  /** The export inside that folder: `tenant.yaml` (YAML format) or `.` (directory format). */
  path: string;
  format: 'yaml' | 'directory';
  /** Pass <name>/config.json as --deploy-config (only where the repository has one). */
  config?: boolean;
  /** Keyword values the repository documents elsewhere (e.g. an .envrc.sample), as --keyword. */
  keywords?: Record<string, unknown>;
  /** B2C topic statuses the files plainly show (topic id without the `b2c.` prefix). */
  topics: Record<string, TopicStatus>;
  /** Individual findings the files plainly show: [ruleId, status, resource name?]. */
  findings?: [string, ReportFinding['status'], string?][];
  /** Rules that must not be judged here, because the export does not hold what they read. */
  unknownRules?: string[];
}

const CORPUS: FieldExport[] = [
  {
    // YAML, with ##KEY## placeholders resolved from the repository's own prod config: Actions,
    // legacy rules, attack protection, MFA fully off.
    name: 'zenika-til',
    path: 'tenant.yaml',
    format: 'yaml',
    config: true,
    topics: {
      // every guardian factor is `enabled: false`: a known blocker failure
      'p2.authentication.mfa': 'fail',
      // emailProvider: {} is the built-in test provider
      'p1.operations.email-provider': 'fail',
      // logStreams: [] is "no log stream"
      'p1.operations.logging': 'fail',
      // roles and an API are defined
      'p2.authorization.rbac': 'pass',
      // customDomains is not in the export: it cannot be decided, and the reason is a blocker-level check
      'p1.architecture.custom-domains': 'unknown',
    },
    findings: [
      ['mfa-factor-enabled', 'fail'],
      // guardianPolicies: [] (never); whether the one bound post-login Action asks for MFA is in its
      // code file, which is not in the export: unknown (with the code, it does not: fail)
      ['mfa-policy-enforced', 'unknown'],
      ['legacy-rules-migrated', 'fail', 'sync-hasura-user'],
      ['action-runtime-current', 'fail', 'add-hasura-claims'], // runtime: node16
      ['attack-protection-brute-force', 'pass'],
      ['attack-protection-breached-password', 'fail'],
      // cross_origin_auth: false on the SPA (the deprecated name, read as a0deploy import reads it)
      ['app-cross-origin-auth-off', 'pass', 'TIL Client'],
    ],
  },
  {
    // YAML, hand-curated (no pages, no guardian, no attack protection), with an unquoted
    // @@APP_CALLBACKS@@ that only parses once replaced.
    name: 'zerohr',
    path: 'tenant.yaml',
    format: 'yaml',
    config: true,
    topics: {
      'p2.authentication.social-login': 'fail', // google-oauth2 without its own client id: Auth0 dev keys
    },
    findings: [
      // the keyword resolves to the production callbacks: https, not localhost
      ['app-callbacks-secure', 'pass', 'ZeroHR App'],
      ['app-refresh-token-rotation', 'pass', 'ZeroHR App'],
      ['legacy-rules-migrated', 'fail', 'custom-claims'],
      // tenant settings are in the export although pages are not: judged (was: all unknown)
      ['tenant-support-email', 'fail'],
    ],
    // not in this export at all: MFA, email, attack protection, Actions
    unknownRules: ['mfa-factor-enabled', 'mfa-policy-enforced', 'email-provider-configured', 'attack-protection-brute-force', 'action-runtime-current', 'error-page-custom'],
  },
  {
    // YAML (2019) with ##AUTH0_SITE_DOMAIN## etc. resolved from the repository's .envrc.sample;
    // SMTP credentials stay unresolved (secret fields: a warning, never judged).
    name: 'wwdjapan',
    path: 'tenant.yaml',
    format: 'yaml',
    keywords: { AUTH0_SITE_DOMAIN: 'xxxxx.wwdjapan.com', AUTH0_DEFAULT_FROM_ADDRESS: 'info@example.com', AUTH0_DOMAIN: 'xxx-yyyyyyy.auth0.com' },
    topics: {
      'p2.authentication.mfa': 'fail', // no guardianFactors enabled
      'p1.authentication.application-integration': 'fail', // a SPA lists http://localhost:3000 as a web origin
    },
    findings: [
      ['email-provider-configured', 'pass'], // smtp, enabled
      ['app-web-origins-secure', 'fail', 'wwdjapan.com(PCI)'],
      ['legacy-rules-migrated', 'fail', 'add usermeta to profile'],
      ['database-brute-force-protection', 'pass'],
      // The M2M app `membership` carries no token_endpoint_auth_method at all (a 2019 export, before
      // client_authentication_methods existed). Absent is not the API's null ("configured through
      // client authentication methods", issue 10 §2.4): the method cannot be judged from these files.
      ['app-token-endpoint-auth', 'unknown', 'membership'],
    ],
  },
  {
    // YAML from a0deploy export (2020): rules, a hook with _VALUE_NOT_SHOWN_ secrets, mailgun.
    name: 'dse-example-apps',
    path: 'tenant.yaml',
    format: 'yaml',
    topics: {
      'p1.operations.email-provider': 'pass', // mailgun, enabled, with a from address
      'p2.authentication.mfa': 'fail',
    },
    findings: [
      ['legacy-hooks-migrated', 'fail', 'post-change-password-test-hook'],
      ['legacy-rules-migrated', 'fail', 'Add country to the user profile'],
    ],
  },
  {
    // YAML from a recent a0deploy (2025): every section present, Actions, customDomains: [].
    name: 'baaa-hub',
    path: 'tenant.yaml',
    format: 'yaml',
    topics: {
      // customDomains: [] — the files plainly show no custom domain
      'p1.architecture.custom-domains': 'fail',
      'p1.operations.email-provider': 'fail', // emailProvider: {}
      'p1.operations.logging': 'fail', // logStreams: []
      'p2.authentication.mfa': 'fail',
    },
    findings: [
      ['custom-domain-ready', 'fail'],
      ['action-runtime-current', 'fail', 'Sync User to Database'], // node18
      // policies: [] and the bound Action's code file is not in the export (with it: fail, it does not ask for MFA)
      ['mfa-policy-enforced', 'unknown'],
    ],
  },
  {
    // Directory format (2022), no actions/ and no pages/ folder (git keeps no empty folder),
    // guardian/policies.json = [] (MFA "never"), ##EMAIL_FROM_ADDRESS## from its environment config.
    name: 'trunk-based',
    path: '.',
    format: 'directory',
    config: true,
    topics: {
      // all factors disabled: a known blocker failure decides the topic whatever else is unknown
      'p2.authentication.mfa': 'fail',
      // At risk until admin MFA and the admin review are attested (what a Go-Live judgement rests on).
      'p1.architecture.tenant-provision': 'at-risk',
    },
    findings: [
      ['mfa-factor-enabled', 'fail'],
      // MFA policy "never" and no actions/ folder: with the config that made the export (which does
      // not exclude actions), a0deploy writes no folder for zero Actions, so "no Action requires
      // MFA" is known and the check fails. Without the config it stays unknown (see below).
      ['mfa-policy-enforced', 'fail'],
      ['email-provider-configured', 'pass'], // smtp, enabled
      // the production config maps ##EMAIL_FROM_ADDRESS## to noreply@mail.example.com: a placeholder domain
      ['email-provider-from-address', 'fail'],
      // tenant.json is read although pages/ is absent (was: every tenant-settings rule unknown)
      ['tenant-support-email', 'fail'],
      // no tenant Login URI, but the export's only application is the Deploy CLI's M2M client: no
      // interactive app needs a login route (issue 10 §2.2 judges per application), so n/a
      ['tenant-login-uri', 'n/a'],
      // the pages are what is missing: their findings are unknown, never "no custom error page"
      ['error-page-custom', 'unknown'],
    ],
  },
  {
    // Directory format (2022): Actions with triggers, organizations, log stream, branding,
    // attack protection, rules, custom databases, SAML/OIDC connections, ##KEY## secrets.
    name: 'lets-do-auth',
    path: '.',
    format: 'directory',
    topics: {
      'p2.authorization.rbac': 'pass',
      // Its social connection is enabled on no application: not in use, so its checks are n/a.
      'p2.authentication.social-login': 'n/a',
      // At risk until admin MFA and the admin review are attested (what a Go-Live judgement rests on).
      'p1.architecture.tenant-provision': 'at-risk',
    },
    findings: [
      // policies: [] and the bound post-login Action "Enable MFA" asks for it in its code file, which
      // is not in the export: unknown (with the code: pass)
      ['mfa-policy-enforced', 'unknown'],
      ['mfa-factor-enabled', 'pass'],
      ['log-stream-active', 'pass'], // an active EventBridge stream
      ['attack-protection-brute-force', 'pass'],
      ['organizations-defined', 'pass'],
      ['action-runtime-current', 'fail', 'Enable MFA'], // node16
      ['app-callbacks-secure', 'fail', 'Auth0 Demo SPA'], // http://localhost:3000/callback
      ['email-provider-configured', 'pass'], // smtp with ##SMTP_PASSWORD## (a secret field)
    ],
  },
  {
    // Legacy directory layout (2020): database-connections/<name>/settings.json, grants named
    // "<client> (<audience>)", emails/provider.json = {} — no config (the repository's holds a secret).
    name: 'rules-test',
    path: '.',
    format: 'directory',
    topics: {
      'p1.operations.email-provider': 'fail', // {}: the built-in provider
      'p2.authentication.mfa': 'fail',
      // passwordPolicy low, but an 8-character minimum: fair in effect, at the 8-character floor
      // (NIST SP 800-63B-4 with MFA; Auth0's password-strength levels).
      'p1.authentication.username-password': 'pass',
    },
    findings: [
      ['database-password-policy', 'pass', 'Username-Password-Authentication'],
      ['legacy-rules-migrated', 'fail', 'set-country'],
      // jwt_configuration without alg: the API's default, HS256 (was: unknown)
      ['app-jwt-alg-rs256', 'fail', 'auth0-authz'],
      ['app-jwt-alg-rs256', 'pass', 'Default App'],
    ],
  },
  {
    // Directory format (2024), a narrow export: tenant.json, clients, one database, attack protection.
    name: 'caselaw-editor',
    path: '.',
    format: 'directory',
    topics: {
      // At risk until admin MFA and the admin review are attested (what a Go-Live judgement rests on).
      'p1.architecture.tenant-provision': 'at-risk',
    },
    findings: [
      ['attack-protection-brute-force', 'pass'],
      ['attack-protection-suspicious-ip', 'pass'],
      ['tenant-support-email', 'fail'],
    ],
    // connections/ is absent (only database-connections/): the connections are incomplete
    unknownRules: ['database-connection-enabled', 'social-connection-in-use'],
  },
  {
    // Directory format, hand-written for the Deploy CLI (clients, an API, two rules): no tenant.json.
    name: 'verified-email-change',
    path: '.',
    format: 'directory',
    topics: {
      'p1.authorization.id-token-claims': 'fail', // enabled legacy rules
    },
    findings: [
      ['legacy-rules-migrated', 'fail', 'Verify JWT'],
      ['app-callbacks-secure', 'fail', 'Profile Management'],
    ],
    unknownRules: ['tenant-support-email', 'mfa-factor-enabled', 'email-provider-configured'],
  },
];

type Clients = ResourceDataMap['clients'];

function data<K extends ResourceKey>(s: Snapshot, key: K): ResourceDataMap[K] | undefined {
  const r = s.resources[key];
  return r?.ok ? (r.data as ResourceDataMap[K]) : undefined;
}
const clientOf = (s: Snapshot, f: ReportFinding): Clients[number] | undefined => data(s, 'clients')?.find((c) => c.client_id === f.resource?.id);

/**
 * Whether the code of the Action or legacy rule `ref` names is absent from the snapshot: the
 * export's code files are not in the corpus (only its YAML and JSON are), or are templated.
 */
function codeAbsent(s: Snapshot, ref: { id?: string; name?: string } | undefined): boolean {
  if (!ref) return false;
  const is = (x: { id?: string; name?: string }) => (ref.id !== undefined && x.id === ref.id) || (ref.name !== undefined && x.name === ref.name);
  const action = data(s, 'actions')?.find(is);
  if (action) return typeof action.code !== 'string';
  const rule = data(s, 'rules')?.find(is);
  return !!rule && typeof rule.script !== 'string';
}
const CODE_NOT_IN_EXPORT = {
  why: "the Action's code file is not in the export (the corpus holds its YAML and JSON only)",
  holds: (f: ReportFinding, s: Snapshot) => codeAbsent(s, f.resource),
};

/**
 * Unknown findings that are not about a missing resource but about a field the export's files do
 * not carry. Each says why, and `holds` checks the files really lack it (so a reader regression
 * that drops a field cannot hide here).
 */
const FIELD_NOT_IN_EXPORT: Record<string, { why: string; holds(f: ReportFinding, s: Snapshot): boolean }> = {
  'email-templates-customized': {
    // The corpus leaves out HTML files on purpose: a directory export's emails/<template>.html.
    why: 'the template body (emails/<template>.html) is not in the export',
    holds: (f, s) => {
      const templates: Record<string, unknown> = data(s, 'emailTemplates') ?? {};
      const t = templates[f.resource?.id ?? ''];
      return f.messageId === 'body-unknown' && !!t && (t as Record<string, unknown>).body === undefined;
    },
  },
  'tenant-node-runtime': {
    why: 'the tenant section carries no sandbox_version (a0deploy exports it only when the API returns it)',
    holds: (_f, s) => data(s, 'tenantSettings')?.sandbox_version === undefined,
  },
  'mgmt-api-user-access': {
    why: 'a Deploy CLI export never holds the Auth0 Management API resource server',
    holds: (_f, s) => !(data(s, 'resourceServers') ?? []).some((r) => r.identifier.endsWith('/api/v2/')),
  },
  'app-cross-origin-auth-off': {
    why: 'the client carries neither cross_origin_authentication nor the older cross_origin_auth',
    holds: (f, s) => {
      const c = clientOf(s, f) as Record<string, unknown> | undefined;
      return !!c && c.cross_origin_authentication === undefined && c.cross_origin_auth === undefined;
    },
  },
  'app-jwt-alg-rs256': {
    why: 'the client carries no jwt_configuration',
    holds: (f, s) => clientOf(s, f)?.jwt_configuration == null,
  },
  'app-token-endpoint-auth': {
    why: 'the client carries no token_endpoint_auth_method',
    holds: (f, s) => clientOf(s, f)?.token_endpoint_auth_method == null,
  },
  'app-private-key-jwt': {
    why: 'the client carries no token_endpoint_auth_method',
    holds: (f, s) => clientOf(s, f)?.token_endpoint_auth_method == null,
  },
  'action-no-hardcoded-secrets': {
    why: 'the code file is not in the export, or is templated with keywords the repository does not provide (##SFDC_CLIENT_SECRET##): not assessable',
    holds: (f, s) => codeAbsent(s, f.resource),
  },
  'action-custom-claims': CODE_NOT_IN_EXPORT,
  'action-no-mgmt-api-per-login': CODE_NOT_IN_EXPORT,
  'mfa-policy-enforced': {
    why: 'the policy is "never" and a post-login Action whose code file is not in the export could ask for MFA',
    holds: (f, s) => {
      const name = /the code of Action (.+) is not available$/.exec(f.message)?.[1];
      return name !== undefined && codeAbsent(s, { name });
    },
  },
};

const RULES = new Map(allRules.map((r) => [r.id, r]));

/** The explanation of an unknown finding, or undefined when nothing the export lacks explains it. */
function explain(f: ReportFinding, s: Snapshot): string | undefined {
  if (f.missing?.length) {
    // Not in this export, or never in any export (out of reach: "needs a live audit").
    return f.missing.every((m) => m.reason === 'not-in-export' || m.reason === 'out-of-reach') ? f.missing.map((m) => `${m.key}: ${m.detail}`).join('; ') : undefined;
  }
  // A rule that reads an optional resource (`wants`) says itself that it is not in the export:
  // the resource it names must really be not-in-export here.
  const rule = RULES.get(f.ruleId);
  const absent = [...(rule?.needs ?? []), ...(rule?.wants ?? [])].filter((k) => {
    const r = s.resources[k];
    return r !== undefined && !r.ok && (r.reason === 'not-in-export' || r.reason === 'out-of-reach');
  });
  if (absent.length && /is not in the export|is not part of a Deploy CLI export/.test(f.message)) return `${absent.join(', ')} not in the export`;
  const known = FIELD_NOT_IN_EXPORT[f.ruleId];
  return known?.holds(f, s) ? known.why : undefined;
}

async function auditExport(e: FieldExport, withConfig = e.config): Promise<{ report: AuditReport; snapshot: Snapshot; warnings: string[] }> {
  const dir = `${FIELD}/${e.name}`;
  const path = e.path === '.' ? dir : `${dir}/${e.path}`;
  const { snapshot, warnings } = readDeployCliExport(path, {
    ...(withConfig ? { deployConfigPath: `${dir}/config.json` } : {}),
    ...(e.keywords ? { keywords: e.keywords } : {}),
  });
  const report = await audit({ source: { kind: 'snapshot', snapshot }, now: NOW });
  return { report, snapshot, warnings };
}

const findingsOf = (r: AuditReport, ruleId: string, name?: string) =>
  r.findings.filter((f) => f.ruleId === ruleId && (name === undefined || f.resource?.name === name));

/** Whether the export's files are there (its folder and, where it has one, its config). */
const present = (e: FieldExport) => existsSync(`${FIELD}/${e.name}/${e.path}`) && (!e.config || existsSync(`${FIELD}/${e.name}/config.json`));
const SKIPPED = HAVE_FIELD ? '' : ` (${skipLine(REQUIREMENTS.field)})`;

describe.skipIf(!HAVE_FIELD)(`the field corpus${SKIPPED}`, () => {
  it('lists every export of ../shared/field, in both formats, each with its source in SOURCES.md, each in place', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(10);
    expect(new Set(CORPUS.map((e) => e.format))).toEqual(new Set(['yaml', 'directory']));
    const sources = readFileSync(`${FIELD}/SOURCES.md`, 'utf8');
    for (const e of CORPUS) expect(sources, e.name).toContain(`\`${e.name}/\``);
    // an export added to the corpus is audited, never silently left out
    const folders = readdirSync(FIELD, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(CORPUS.map((e) => e.name).sort()).toEqual(folders);
    expect(CORPUS.filter((e) => !present(e)).map((e) => e.name)).toEqual([]);
  });

  it('holds data files only: no code or HTML, so nothing is audited from a file the export does not carry', () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)]));
    const other = walk(FIELD).filter((f) => !/\.(ya?ml|json|md)$/.test(f));
    expect(other).toEqual([]);
  });
});

for (const e of CORPUS) {
  describe.skipIf(!HAVE_FIELD)(`field export ${e.name} (${e.format})${SKIPPED}`, () => {
    let audited: ReturnType<typeof auditExport> | undefined;
    const run = () => (audited ??= auditExport(e));

    it('reads into a valid snapshot and audits without a crash or a rule error', async () => {
      const { report, snapshot, warnings } = await run();
      expect(SnapshotSchema.safeParse(snapshot).success).toBe(true);
      expect(AuditReportSchema.safeParse(report).success).toBe(true);
      expect(snapshot.source.kind).toBe('deploy-cli');
      expect(report.findings.filter((f) => f.status === 'error').map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
      // nothing it warns about is a shape the reader could not use
      expect(warnings.filter((w) => /expected shape|is not an object|not valid/.test(w))).toEqual([]);
      // no resource the export holds is broken (an unresolved keyword outside a secret field would be)
      const broken = Object.entries(snapshot.resources).filter(([, r]) => r && !r.ok && r.reason !== 'not-in-export' && r.reason !== 'out-of-reach');
      expect(broken.map(([k, r]) => `${k}: ${r && !r.ok ? r.detail : ''}`)).toEqual([]);
    });

    it('is unknown only about what the export does not hold', async () => {
      const { report, snapshot } = await run();
      const unexplained = report.findings
        .filter((f) => f.status === 'unknown' && explain(f, snapshot) === undefined)
        .map((f) => `${f.ruleId}${f.resource ? ` [${f.resource.name ?? f.resource.id}]` : ''}: ${f.message}`);
      expect(unexplained.join('\n')).toBe('');
    });

    it('has no topic unknown because of an advice-level check alone (issue 10 §3)', async () => {
      const { report } = await run();
      const offenders = report.topics
        .filter((t) => t.status === 'unknown')
        .filter((t) => {
          // a prerequisite topic that could not be evaluated, or a topic no rule evaluates: not this rule
          if (t.dependsOn?.length || t.reasons.some((r) => /no rule evaluates/.test(r))) return false;
          const unknown = report.findings.filter((f) => f.topicIds.includes(t.id) && (f.status === 'unknown' || f.status === 'error'));
          return !unknown.some((f) => f.severity === 'warning' || f.severity === 'blocker');
        })
        .map((t) => `${t.id}: ${t.reasons[0] ?? ''}`);
      expect(offenders.join('\n')).toBe('');
    });

    it('shows the verdicts its files plainly show', async () => {
      const { report } = await run();
      const topics = new Map(report.topics.map((t) => [t.id, t]));
      for (const [id, status] of Object.entries(e.topics)) {
        const t = topics.get(`b2c.${id}`);
        expect(t, id).toBeDefined();
        expect(`${id}: ${t?.status}`, t?.reasons.join(' | ')).toBe(`${id}: ${status}`);
      }
      for (const [ruleId, status, name] of e.findings ?? []) {
        const fs = findingsOf(report, ruleId, name);
        expect(fs.length, `${ruleId} ${name ?? ''}: no finding`).toBeGreaterThan(0);
        expect(
          fs.map((f) => `${ruleId}${name ? ` [${name}]` : ''}: ${f.status}`),
          fs.map((f) => f.message).join(' | '),
        ).toContain(`${ruleId}${name ? ` [${name}]` : ''}: ${status}`);
      }
      for (const ruleId of e.unknownRules ?? []) {
        const fs = findingsOf(report, ruleId);
        expect(fs.length, ruleId).toBeGreaterThan(0);
        expect(fs.every((f) => f.status === 'unknown' && f.missing?.every((m) => m.reason === 'not-in-export')), `${ruleId}: ${fs.map((f) => f.message).join(' | ')}`).toBe(true);
      }
    });
  });
}

const trunk = CORPUS.find((e) => e.name === 'trunk-based') as FieldExport;
describe.skipIf(!HAVE_FIELD)(`the ambiguities the corpus shows, decided as far as the files allow${SKIPPED}`, () => {

  it('MFA policy "never" with no actions/ folder and no config: no Action requiring MFA cannot be ruled out', async () => {
    // A directory export with no actions/ folder is either a tenant with no Actions (a0deploy writes
    // no folder then) or an export that excluded them. Without the config that made it, the reader
    // cannot tell: mfa-policy-enforced (a warning) stays unknown, naming the Actions. The MFA topic
    // is still decided — every factor is disabled, a known blocker failure — so the ambiguity costs
    // nothing there.
    const { report } = await auditExport(trunk, false);
    const policy = findingsOf(report, 'mfa-policy-enforced');
    expect(policy.map((f) => `${f.status} ${f.severity}`)).toEqual(['unknown warning']);
    expect(policy[0]?.message).toMatch(/^MFA policy is "Never"; could not check post-login Actions: .*actions is not in the export \(excluded or not managed, or there are none: a0deploy writes no folder then\)/);
    expect(report.topics.find((t) => t.id === 'b2c.p2.authentication.mfa')?.status).toBe('fail');
  });

  it('the same export with its config: no folder means no Actions, so the policy check is decided', async () => {
    const { report, warnings } = await auditExport(trunk, true);
    expect(warnings.some((w) => w.startsWith('note: no actions/ folder'))).toBe(true);
    expect(findingsOf(report, 'mfa-policy-enforced').map((f) => f.status)).toEqual(['fail']);
  });
});
