import { asRecord } from '../src/engine/connections.js';
import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import { hardcodedSecrets, parseCode } from '../src/engine/code.js';

type Msg = 'clean' | 'secret' | 'syntax' | 'hidden';

export default defineRule({
  id: 'database-scripts-no-secrets',
  title: 'Custom database scripts hold no hard-coded secrets',
  // Catalog §5 maps the Dashboard item to deployment-automation, whose chk list does not name
  // DB-06: the rule evidences user-migration only.
  topics: bothPlans('p1.provisioning.user-migration'),
  severity: 'warning',
  checks: ['DB-06'],
  checkmate: ['checkDASHardCodedValues'],
  dashboard: ['externalize-config'],
  rationale:
    'Custom database scripts are stored in the tenant and copied into every export, Deploy CLI repository and snapshot: a password, API key or connection string written in the script is readable by every dashboard admin and ends up in source control, and rotating it means editing code in every environment. Configuration values (`configuration.KEY`) are encrypted at rest, hidden in the Dashboard and replaced per environment by Deploy CLI keyword mappings. This is static analysis of string literals assigned to secret-like names and of credentials in URLs: treat a hit as evidence to review, not proof. Auth0 lists externalising configuration among its readiness best practices (https://auth0.com/docs/deploy-monitor/pre-deployment-checks/production-checks-best-practices); a warning here goes further because a leaked credential outlives the fix until it is rotated.',
  remediation:
    'Dashboard → Authentication → Database → <connection> → Custom Database → Settings: add each secret as a configuration value and read it in the script as `configuration.MY_SECRET`; then rotate the exposed secret. Or PATCH /api/v2/connections/{id} with `options.configuration: { "MY_SECRET": "…" }` and the updated `options.customScripts` (PATCH replaces the whole `options` object: send it complete).',
  docs: 'https://auth0.com/docs/authenticate/database-connections/custom-db/create-db-connection',
  needs: ['connections'],
  messages: {
    clean: 'Script {script} of database connection {name} has no hard-coded secret',
    secret: 'Script {script} of database connection {name} hard-codes a secret in {variable} at {line}:{column} ({preview}): move it to configuration',
    syntax: 'Script {script} of database connection {name} does not parse ({error}{at}): not checked for secrets',
    hidden: 'Options of database connection {name} are not visible: grant read:connections_options',
  },
  failSummary: {
    secret: 'hard-code secrets in their scripts',
  },
  evaluate({ connections }) {
    const out: FindingDraft<Msg>[] = [];
    for (const c of connections.filter((x) => x.strategy === 'auth0')) {
      const resource = { type: 'connection', id: c.id, name: c.name };
      if (!c.options) {
        out.push({ status: 'unknown', messageId: 'hidden', data: { name: c.name }, resource, field: 'options' });
        continue;
      }
      const scripts = asRecord(c.options.customScripts);
      if (!scripts) continue;
      for (const [script, code] of Object.entries(scripts)) {
        if (typeof code !== 'string' || !code.trim()) continue;
        const field = `options.customScripts.${script}`;
        const parsed = parseCode(code);
        if (!parsed.ok) {
          const at = parsed.location ? ` at ${parsed.location.line}:${parsed.location.column}` : '';
          const error = parsed.error.replace(/\s*\(\d+:\d+\)$/, ''); // acorn appends a 0-based position
          out.push({ status: 'unknown', messageId: 'syntax', data: { name: c.name, script, error, at }, resource, field });
          continue;
        }
        const hits = hardcodedSecrets(parsed);
        if (hits.length === 0) {
          out.push({ status: 'pass', messageId: 'clean', data: { name: c.name, script }, resource });
          continue;
        }
        for (const h of hits) {
          out.push({
            status: 'fail',
            messageId: 'secret',
            data: { name: c.name, script, variable: h.name, line: h.line, column: h.column, preview: h.preview },
            resource,
            field,
            value: `${h.line}:${h.column}`,
          });
        }
      }
    }
    return out;
  },
});
