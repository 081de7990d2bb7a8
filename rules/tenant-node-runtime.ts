import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';

const RESOURCE = { type: 'tenant', id: 'sandbox_version', name: 'Tenant extensibility runtime' };
const LEGACY = { type: 'tenant', id: 'legacy_sandbox_version', name: 'Legacy Extensibility runtime (Rules and Hooks)' };

/** The Node.js major of a runtime setting (`22`, `v18`, `node18`), or NaN. */
const majorOf = (raw: string | undefined | null): number => (raw ? Number(/^\D*(\d+)/.exec(raw)?.[1]) : NaN);

type Msg = 'ok' | 'old' | 'unreported' | 'legacy-ok' | 'legacy-old' | 'legacy-unreadable';

export default defineRule({
  id: 'tenant-node-runtime',
  appliesWhen: 'legacy-extensibility',
  title: 'The tenant Node.js runtimes (Extensibility, and any Legacy Extensibility override) are the recommended one',
  // The runtime is what custom database scripts (user migration) and Rules/Hooks (claims) run on,
  // not a subscription to notices: "Custom Database scripts and Custom Social Connection scripts use
  // the tenant Extensibility runtime. Rules and Hooks use the same runtime unless you set a Legacy
  // Extensibility override" (https://auth0.com/docs/customize/extensibility-runtime/migrate/from-node-18-to-node-22).
  topics: bothPlans('p1.provisioning.user-migration', 'p1.authorization.id-token-claims'),
  severity: 'blocker',
  checks: ['TEN-09'],
  checkmate: ['checkSandboxVersion'],
  dashboard: ['tenant-node'],
  rationale:
    'The tenant Extensibility runtime (`sandbox_version`) runs custom database scripts and custom social connection scripts, and Rules and Hooks too unless a Legacy Extensibility override (`legacy_sandbox_version`) is set, which then runs them alone. Auth0\'s runtime best practices: check the tenant runtime "along with any Legacy Extensibility override set for Rules and Hooks". Auth0 retires old Node.js versions on a schedule: scripts left on one lose security patches and are force-migrated at end of life, which is when untested scripts break logins. The Dashboard readiness check lists it as a critical fix.',
  remediation:
    'Test your custom database and social connection scripts on the new version (Dashboard → Settings → Advanced → Extensibility → "Verify Custom DB Scripts"), then select the recommended runtime there, and under Legacy Extensibility either clear the Runtime override or set it to the recommended version; or PATCH /api/v2/tenants/settings with `{"sandbox_version": "22"}` (and `"legacy_sandbox_version": "22"` when an override is kept). The minimum is the `recommendedNode` setting.',
  docs: 'https://auth0.com/docs/customize/extensibility-runtime/best-practices',
  needs: ['tenantSettings'],
  messages: {
    ok: 'The tenant runtime is Node.js {version} (recommended: {recommended} or later)',
    old: 'The tenant runtime is Node.js {version}, older than the recommended {recommended}',
    unreported: 'The tenant settings do not report a runtime (sandbox_version{value}): not evaluated',
    'legacy-ok': 'Rules and Hooks run on the Legacy Extensibility override Node.js {version} (recommended: {recommended} or later)',
    'legacy-old': 'Rules and Hooks run on the Legacy Extensibility override Node.js {version}, older than the recommended {recommended}',
    'legacy-unreadable': 'The Legacy Extensibility override (legacy_sandbox_version = "{version}") is not a Node.js version: not evaluated',
  },
  evaluate({ tenantSettings }, ctx) {
    const recommended = ctx.settings.recommendedNode;
    const raw = tenantSettings.sandbox_version;
    const major = majorOf(raw);
    const out: FindingDraft<Msg>[] = [];
    if (!Number.isFinite(major)) {
      out.push({ status: 'unknown', messageId: 'unreported', data: { value: raw ? ` = "${raw}"` : '' }, resource: RESOURCE, field: 'sandbox_version', value: raw ?? null });
    } else {
      out.push(
        major >= recommended
          ? { status: 'pass', messageId: 'ok', data: { version: raw, recommended }, resource: RESOURCE }
          : { status: 'fail', messageId: 'old', data: { version: raw, recommended }, resource: RESOURCE, field: 'sandbox_version', value: raw },
      );
    }
    // `legacy_sandbox_version` defaults to "" (OAS GetTenantSettingsResponseContent): no override,
    // Rules and Hooks follow `sandbox_version`, judged above. Whether Rules or Hooks exist at all is
    // the tenant context's call, not this rule's.
    const legacy = tenantSettings.legacy_sandbox_version?.trim() ?? '';
    if (legacy) {
      const lm = majorOf(legacy);
      const data = { version: legacy, recommended };
      if (!Number.isFinite(lm)) out.push({ status: 'unknown', messageId: 'legacy-unreadable', data, resource: LEGACY, field: 'legacy_sandbox_version', value: legacy });
      else if (lm >= recommended) out.push({ status: 'pass', messageId: 'legacy-ok', data, resource: LEGACY });
      else out.push({ status: 'fail', messageId: 'legacy-old', data, resource: LEGACY, field: 'legacy_sandbox_version', value: legacy });
    }
    return out;
  },
});
