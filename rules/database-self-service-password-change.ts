import { bothPlans, defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'database-self-service-password-change',
  appliesWhen: 'passwords',
  title: 'Users can reset their own password on database connections',
  topics: bothPlans('p1.profile-management.password-reset'),
  severity: 'warning',
  checks: ['DB-07'],
  rationale:
    'With `disable_self_service_change_password` on, the login page shows no "Forgot password?" link: a user who forgets their password has no way back except your support team, which turns every forgotten password into a ticket and invites social-engineering of the helpdesk. The password-reset topic assumes users reset their own password through the branded reset flow.',
  remediation:
    'Dashboard → Authentication → Database → <connection> → Settings: turn off "Disable Self Service Change Password" (so the login page offers "Forgot password?"); or PATCH /api/v2/connections/{id} with `options.disable_self_service_change_password: false` (PATCH replaces the whole `options` object: send it complete). If resets are deliberately handled by an administrator, take the password-reset topic out of scope in the config with that reason.',
  docs: 'https://auth0.com/docs/authenticate/database-connections/password-change',
  needs: ['connections'],
  messages: {
    enabled: 'Database connection {name} lets users reset their own password',
    disabled: 'Database connection {name} disables self-service password change: the login page shows no "Forgot password?" link',
    hidden: 'Options of database connection {name} are not visible: grant read:connections_options',
  },
  failSummary: {
    disabled: 'disable self-service password change, so the login page shows no "Forgot password?" link',
  },
  evaluate({ connections }) {
    return connections
      .filter((c) => c.strategy === 'auth0')
      .map((c) => {
        const resource = { type: 'connection', id: c.id, name: c.name };
        const data = { name: c.name };
        if (!c.options) return { status: 'unknown' as const, messageId: 'hidden' as const, data, resource, field: 'options' };
        return c.options.disable_self_service_change_password === true
          ? { status: 'fail' as const, messageId: 'disabled' as const, data, resource, field: 'options.disable_self_service_change_password', value: true }
          : { status: 'pass' as const, messageId: 'enabled' as const, data, resource };
      });
  },
});
