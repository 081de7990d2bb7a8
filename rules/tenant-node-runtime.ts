import { bothPlans, defineRule } from '../src/engine/define-rule.js';

const RESOURCE = { type: 'tenant', id: 'sandbox_version', name: 'Tenant extensibility runtime' };

export default defineRule({
  id: 'tenant-node-runtime',
  appliesWhen: 'legacy-extensibility',
  title: 'The tenant default Node.js runtime is the recommended one',
  topics: bothPlans('p1.operations.notifications'),
  severity: 'blocker',
  checks: ['TEN-09'],
  checkmate: ['checkSandboxVersion'],
  dashboard: ['tenant-node'],
  rationale:
    'The tenant runtime (`sandbox_version`) runs custom database scripts, custom social connections and legacy Rules/Hooks. Auth0 retires old Node.js versions on a schedule: scripts left on one lose security patches and are force-migrated at end of life, which is when untested scripts break logins. The Dashboard readiness check lists it as a critical fix.',
  remediation:
    'Test your custom database and social connection scripts on the new version (Dashboard → Settings → Advanced → Extensibility → "Verify Custom DB Scripts"), then select the recommended runtime there; or PATCH /api/v2/tenants/settings with `{"sandbox_version": "22"}`. The minimum is the `recommendedNode` setting.',
  docs: 'https://auth0.com/docs/troubleshoot/product-lifecycle/deprecations-and-migrations/migrate-nodejs-22',
  needs: ['tenantSettings'],
  messages: {
    ok: 'The tenant runtime is Node.js {version} (recommended: {recommended} or later)',
    old: 'The tenant runtime is Node.js {version}, older than the recommended {recommended}',
    unreported: 'The tenant settings do not report a runtime (sandbox_version{value}): not evaluated',
  },
  evaluate({ tenantSettings }, ctx) {
    const recommended = ctx.settings.recommendedNode;
    const raw = tenantSettings.sandbox_version;
    const major = raw ? Number(/^\D*(\d+)/.exec(raw)?.[1]) : NaN;
    if (!Number.isFinite(major)) {
      return [{ status: 'unknown', messageId: 'unreported', data: { value: raw ? ` = "${raw}"` : '' }, resource: RESOURCE, field: 'sandbox_version', value: raw ?? null }];
    }
    return major >= recommended
      ? [{ status: 'pass', messageId: 'ok', data: { version: raw, recommended }, resource: RESOURCE }]
      : [{ status: 'fail', messageId: 'old', data: { version: raw, recommended }, resource: RESOURCE, field: 'sandbox_version', value: raw }];
  },
});
