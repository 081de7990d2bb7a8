import { bothPlans, defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'database-brute-force-protection',
  appliesWhen: 'passwords',
  title: 'Database connections have brute-force protection on',
  topics: bothPlans('p1.authentication.username-password'),
  severity: 'warning',
  checks: ['AP-05'],
  rationale:
    'The tenant-wide brute-force shield acts only on connections that opt in: a database connection with `brute_force_protection` off lets one IP guess passwords for an account without limit.',
  remediation:
    'Dashboard → Authentication → Database → <connection> → Attack protection: enable brute-force protection; or PATCH /api/v2/connections/{id} with `options.brute_force_protection: true` (send the whole `options` object: PATCH replaces it).',
  docs: 'https://auth0.com/docs/secure/attack-protection/brute-force-protection',
  needs: ['connections'],
  messages: {
    on: 'Database connection {name} has brute-force protection on',
    off: 'Database connection {name} has brute-force protection off',
    hidden: 'Options of database connection {name} are not visible: grant read:connections_options',
  },
  failSummary: {
    off: 'have brute-force protection off',
  },
  evaluate({ connections }) {
    return connections
      .filter((c) => c.strategy === 'auth0')
      .map((c) => {
        const resource = { type: 'connection', id: c.id, name: c.name };
        const data = { name: c.name };
        if (!c.options) return { status: 'unknown' as const, messageId: 'hidden' as const, data, resource, field: 'options' };
        return c.options.brute_force_protection === true
          ? { status: 'pass' as const, messageId: 'on' as const, data, resource }
          : { status: 'fail' as const, messageId: 'off' as const, data, resource, field: 'options.brute_force_protection', value: c.options.brute_force_protection ?? null };
      });
  },
});
