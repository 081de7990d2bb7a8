import { asRecord } from '../src/engine/connections.js';
import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';

/** Scripts automatic migration cannot work without: login migrates, get_user serves sign-up and password reset. */
const MIGRATION_SCRIPTS = ['login', 'get_user'] as const;

type Msg = 'migration-ok' | 'migration-incomplete' | 'proxy' | 'hidden';

export default defineRule({
  id: 'database-custom-scripts-mode',
  title: 'Custom databases migrate users into Auth0 (or their proxy mode is attested)',
  topics: ['b2c.p1.provisioning.store-user-data', ...bothPlans('p1.provisioning.user-migration')],
  severity: 'warning',
  checks: ['DB-05'],
  checkmate: ['checkEnabledDatabaseCustomization'],
  rationale:
    'A custom database connection runs your scripts against a legacy user store. In import mode (automatic migration) each user is copied into Auth0 at first login, which needs both a Login and a Get User script: without Get User, sign-up and password reset for users not yet migrated break. Without import mode Auth0 is only a proxy: every login, sign-up and password change depends on the legacy store and the scripts being up, the legacy store stays the system of record, and the plan must say so deliberately. Auth0 documents that legacy-authentication mode as a supported use of custom databases, beside automatic migration (https://auth0.com/docs/authenticate/database-connections/custom-db/overview-custom-db-connections), so proxy mode is advice to record the decision, not a warning; an import mode missing its Login or Get User script is a warning.',
  remediation:
    'Dashboard → Authentication → Database → <connection> → Custom Database: turn on "Import Users to Auth0" for a trickle migration and provide both the Login and Get User scripts; or PATCH /api/v2/connections/{id} with `options.import_mode: true` and `options.customScripts.login` / `options.customScripts.get_user` (PATCH replaces the whole `options` object: send it complete). If the legacy store must stay authoritative (proxy mode), record that decision as an attestation or waive this finding in the config.',
  docs: 'https://auth0.com/docs/authenticate/database-connections/custom-db/overview-custom-db-connections',
  needs: ['connections'],
  messages: {
    'migration-ok': 'Custom database {name} migrates users into Auth0 (import mode with Login and Get User scripts)',
    'migration-incomplete': 'Custom database {name} is in import mode but has no {missing} script: users not yet migrated cannot {impact}',
    proxy:
      'Custom database {name} proxies a legacy user store (import mode off): every login depends on the legacy store; attest this decision or waive the finding',
    hidden: 'Options of database connection {name} are not visible: grant read:connections_options',
  },
  failSummary: {
    'migration-incomplete': 'are in import mode but lack a Login or Get User script, so users not yet migrated are stuck',
    proxy: 'proxy a legacy user store (import mode off), so every login depends on it',
  },
  evaluate({ connections }) {
    const out: FindingDraft<Msg>[] = [];
    for (const c of connections.filter((x) => x.strategy === 'auth0')) {
      const resource = { type: 'connection', id: c.id, name: c.name };
      if (!c.options) {
        out.push({ status: 'unknown', messageId: 'hidden', data: { name: c.name }, resource, field: 'options' });
        continue;
      }
      if (c.options.enabledDatabaseCustomization !== true) continue;
      if (c.options.import_mode !== true) {
        // Legacy authentication is a documented, supported mode: advice to attest the decision.
        out.push({ status: 'fail', messageId: 'proxy', data: { name: c.name }, resource, field: 'options.import_mode', value: c.options.import_mode ?? null, severity: 'advice' });
        continue;
      }
      const scripts = asRecord(c.options.customScripts) ?? {};
      const missing = MIGRATION_SCRIPTS.filter((s) => typeof scripts[s] !== 'string' || !(scripts[s] as string).trim());
      const first = missing[0];
      out.push(
        first
          ? {
              status: 'fail',
              messageId: 'migration-incomplete',
              data: {
                name: c.name,
                missing: missing.join(' and '),
                impact: missing.includes('login') ? 'log in or be migrated' : 'sign up or reset their password against the legacy store',
              },
              resource,
              field: `options.customScripts.${first}`,
              value: null,
            }
          : { status: 'pass', messageId: 'migration-ok', data: { name: c.name }, resource },
      );
    }
    return out;
  },
});
