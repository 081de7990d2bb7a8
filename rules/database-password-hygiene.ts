import { asRecord } from '../src/engine/connections.js';
import { bothPlans, defineRule } from '../src/engine/define-rule.js';

interface Control {
  label: string;
  /** Legacy option and its flag. */
  legacy: string;
  /** Flexible password policy (`options.password_options`) key; its flag is `active`. */
  flexible: string;
}

const CONTROLS: Control[] = [
  { label: 'password history', legacy: 'password_history', flexible: 'history' },
  { label: 'password dictionary', legacy: 'password_dictionary', flexible: 'dictionary' },
  { label: 'no personal info in passwords', legacy: 'password_no_personal_info', flexible: 'profile_data' },
];

export default defineRule({
  id: 'database-password-hygiene',
  appliesWhen: 'passwords',
  title: 'Database connections block reused, common and personal passwords',
  topics: bothPlans('p1.authentication.username-password'),
  severity: 'advice',
  checks: ['DB-03'],
  checkmate: ['checkPasswordHistory', 'checkPasswordNoPersonalInfo'],
  rationale:
    'Length and character rules do not stop `Summer2024!`, the password a user had before, or one built from their own name or email. Password history stops users cycling back to a password that was reset after a compromise; the dictionary rejects the passwords attackers try first; the personal-info check rejects passwords derived from profile data that an attacker can look up.',
  remediation:
    'Dashboard → Authentication → Database → <connection> → Authentication Methods → Password → Password Policy: enable Password History (e.g. 5), Password Dictionary and Personal Data. Or PATCH /api/v2/connections/{id} with `options.password_history: { "enable": true, "size": 5 }`, `options.password_dictionary: { "enable": true }` and `options.password_no_personal_info: { "enable": true }` — or, with the flexible policy, `options.password_options.history|dictionary|profile_data.active: true`. PATCH replaces the whole `options` object: send it complete.',
  docs: 'https://auth0.com/docs/authenticate/database-connections/password-options',
  needs: ['connections'],
  messages: {
    on: 'Database connection {name} enforces password history, a password dictionary and no personal info in passwords',
    off: 'Database connection {name} does not enforce {missing}',
    hidden: 'Options of database connection {name} are not visible: grant read:connections_options',
  },
  failSummary: {
    off: 'do not enforce password history, dictionary and personal-info checks',
  },
  evaluate({ connections }) {
    return connections
      .filter((c) => c.strategy === 'auth0')
      .map((c) => {
        const resource = { type: 'connection', id: c.id, name: c.name };
        if (!c.options) return { status: 'unknown' as const, messageId: 'hidden' as const, data: { name: c.name }, resource, field: 'options' };
        const flex = asRecord(c.options.password_options);
        const off = CONTROLS.map((k) => {
          const field = flex ? `options.password_options.${k.flexible}.active` : `options.${k.legacy}.enable`;
          const value = flex ? asRecord(flex[k.flexible])?.active : asRecord(c.options?.[k.legacy])?.enable;
          return { ...k, field, value };
        }).filter((k) => k.value !== true);
        const first = off[0];
        return first
          ? {
              status: 'fail' as const,
              messageId: 'off' as const,
              data: { name: c.name, missing: off.map((k) => k.label).join(', ') },
              resource,
              field: first.field,
              value: first.value ?? null,
            }
          : { status: 'pass' as const, messageId: 'on' as const, data: { name: c.name }, resource };
      });
  },
});
