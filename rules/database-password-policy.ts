import { asRecord } from '../src/engine/connections.js';
import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import type { ConnectionData } from '../src/snapshot/resources.js';

const LEVELS = ['none', 'low', 'fair', 'good', 'excellent'] as const;
type Level = (typeof LEVELS)[number];
/** The minimum length each strength level implies when `min_length` is not set (Auth0 docs). */
const LEVEL_MIN_LENGTH: Record<Level, number> = { none: 1, low: 6, fair: 8, good: 8, excellent: 10 };

const isLevel = (v: unknown): v is Level => typeof v === 'string' && (LEVELS as readonly string[]).includes(v);
const rank = (l: Level) => LEVELS.indexOf(l);
const stronger = (a: Level, b: Level): Level => (rank(a) >= rank(b) ? a : b);

/**
 * What a minimum length alone is worth, whatever the character types. Length is what makes a
 * password expensive to guess: NIST SP 800-63B-4 §3.1.1.2 asks for at least 8 characters when the
 * password is one factor of MFA and 15 when it is the only factor, and forbids composition rules.
 * So 8 characters of any kind are worth Auth0's "fair" (its own 8-character level), 12 "good" and
 * 15 "excellent".
 */
function lengthLevel(len: number): Level {
  return len >= 15 ? 'excellent' : len >= 12 ? 'good' : len >= 8 ? 'fair' : len >= 6 ? 'low' : 'none';
}

interface Policy {
  level: Level;
  /** How the level reads in a message. */
  label: string;
  /** The level came from the minimum length rather than from the character-type rules. */
  byLength: boolean;
  field: string;
  value: unknown;
  /** The effective minimum length and where it comes from. */
  minLength: number | undefined;
  lengthSource: string;
  lengthField: string;
}

/**
 * The flexible password policy (`options.password_options.complexity`), graded on Auth0's five
 * levels: length first, character types only as a substitute for length.
 */
function flexible(complexity: Record<string, unknown>): Policy {
  const min = typeof complexity.min_length === 'number' ? complexity.min_length : undefined;
  const types = Array.isArray(complexity.character_types) ? complexity.character_types.filter((t): t is string => typeof t === 'string') : [];
  const rule = complexity.character_type_rule;
  const required = rule === 'three_of_four' ? 3 : types.length;
  const len = min ?? 1;
  const byTypes: Level =
    len >= 10 && required >= 3 && complexity.identical_characters === 'block'
      ? 'excellent'
      : len >= 8 && required >= 3 && (types.includes('special') || rule === 'three_of_four')
        ? 'good'
        : len >= 8 && required >= 3
          ? 'fair'
          : len >= 6
            ? 'low'
            : 'none';
  const byLength = lengthLevel(len);
  const level = stronger(byTypes, byLength);
  const lengthDecides = rank(byLength) > rank(byTypes);
  const kinds = rule === 'three_of_four' ? '3 of 4 character types' : types.length ? `${types.join(', ')} required` : 'no character types required';
  return {
    level,
    byLength: lengthDecides,
    label: `equivalent to ${level}${lengthDecides ? ' on length alone' : ''} (password_options.complexity: ${min ?? 'no'} minimum length, ${kinds}, identical characters ${complexity.identical_characters === 'block' ? 'blocked' : 'allowed'})`,
    field: 'options.password_options.complexity',
    value: complexity,
    minLength: min,
    lengthSource: min === undefined ? 'not set' : 'password_options.complexity.min_length',
    lengthField: 'options.password_options.complexity.min_length',
  };
}

function legacy(options: Record<string, unknown>): Policy {
  const raw = options.passwordPolicy;
  const named: Level = isLevel(raw) ? raw : 'none';
  const explicit = asRecord(options.password_complexity_options)?.min_length;
  const min = typeof explicit === 'number' ? explicit : undefined;
  const minLength = min ?? LEVEL_MIN_LENGTH[named];
  const byLength = lengthLevel(minLength);
  const level = stronger(named, byLength);
  const lengthDecides = rank(byLength) > rank(named);
  const base = isLevel(raw) ? named : 'not set (Auth0 applies none)';
  return {
    level,
    byLength: lengthDecides,
    label: lengthDecides ? `${base}, but its ${minLength}-character minimum length makes it equivalent to ${level}` : base,
    field: 'options.passwordPolicy',
    value: raw ?? null,
    minLength,
    lengthSource: min === undefined ? `password_complexity_options not set: the ${named} policy implies ${LEVEL_MIN_LENGTH[named]}` : 'password_complexity_options.min_length',
    lengthField: 'options.password_complexity_options.min_length',
  };
}

function passwordPolicyOf(c: ConnectionData): Policy | undefined {
  if (!c.options) return undefined;
  const complexity = asRecord(asRecord(c.options.password_options)?.complexity);
  return complexity ? flexible(complexity) : legacy(c.options);
}

type Msg = 'policy-ok' | 'policy-weak' | 'length-ok' | 'length-short' | 'hidden';

export default defineRule({
  id: 'database-password-policy',
  appliesWhen: 'passwords',
  title: 'Database connections require passwords of at least 8 characters (length first) and the configured minimum length',
  topics: ['b2c.p1.provisioning.self-sign-up', ...bothPlans('p1.authentication.username-password')],
  // Catalog DB-02: blocker for none or low (shorter than 8 characters); the minimum length is a warning.
  severity: 'blocker',
  checks: ['DB-02'],
  checkmate: ['checkPasswordPolicy', 'checkPasswordComplexity'],
  rationale:
    'The password policy is the only control on what users may choose as a password. Length is what makes a password expensive to guess, and the line is drawn where the standards draw it: NIST SP 800-63B-4 (§3.1.1.2, https://pages.nist.gov/800-63-4/sp800-63b.html) requires at least 8 characters when the password is one factor of multi-factor authentication and 15 when it is the only factor, and forbids composition rules; Auth0\'s own policy levels start real protection at 8 characters ("fair": 8 with lower case, upper case and numbers; "good": 8 with 3 of 4 types; "excellent": 10), and its docs call passwords under 10 characters weak (https://auth0.com/docs/authenticate/database-connections/password-strength). So a policy passes at 8 characters or more — character types count only as a substitute for length — and fails, as a blocker, at `none` or `low`, where a one- or six-character password is accepted, which online guessing breaks even with brute-force protection. The minimum length defaults to 8 (setting `minPasswordLength`); set it to 15 where the password is the only factor (no MFA). CheckMate asks for 12, which this project judged stricter than either Auth0 or NIST with MFA. Auth0\'s readiness check does not list the password policy; its connection best practices ask for one so that users have strong passwords (https://auth0.com/docs/authenticate/connection-settings-best-practices): the blocker for `none`/`low` goes further because they accept passwords below every standard\'s floor.',
  remediation:
    'Dashboard → Authentication → Database → <connection> → Authentication Methods → Password: with the flexible policy, a minimum length of at least 8 — 15 where users have no second factor — (`options.password_options.complexity.min_length`); with the legacy policy, Fair or better and `password_complexity_options.min_length` of at least 8. Or PATCH /api/v2/connections/{id} with `options.password_options.complexity: { "min_length": 15 }` — or `options.passwordPolicy: "good"` and `options.password_complexity_options: { "min_length": 8 }`. PATCH replaces the whole `options` object: send it complete.',
  docs: 'https://auth0.com/docs/authenticate/database-connections/password-strength',
  needs: ['connections'],
  messages: {
    'policy-ok': 'Database connection {name} requires {policy} passwords',
    'policy-weak': 'Database connection {name} has password policy {policy}: {why}',
    'length-ok': 'Database connection {name} requires at least {length} characters',
    'length-short': 'Database connection {name} accepts {length}-character passwords ({source}); the minimum is {min}',
    hidden: 'Options of database connection {name} are not visible: grant read:connections_options',
  },
  failSummary: {
    'policy-weak': 'have a weak password policy',
    'length-short': 'accept passwords shorter than the minimum',
  },
  evaluate({ connections }, ctx) {
    const min = ctx.settings.minPasswordLength;
    const out: FindingDraft<Msg>[] = [];
    for (const c of connections.filter((x) => x.strategy === 'auth0')) {
      const resource = { type: 'connection', id: c.id, name: c.name };
      const p = passwordPolicyOf(c);
      if (!p) {
        out.push({ status: 'unknown', messageId: 'hidden', data: { name: c.name }, resource, field: 'options' });
        continue;
      }
      // Fair (8 characters) is the floor: NIST SP 800-63B-4 with MFA, Auth0's first 8-character level.
      const good = rank(p.level) >= rank('fair');
      out.push(
        good
          ? { status: 'pass', messageId: 'policy-ok', data: { name: c.name, policy: p.label }, resource }
          : {
              status: 'fail',
              messageId: 'policy-weak',
              data: {
                name: c.name,
                policy: p.label,
                why: p.byLength
                  ? `passwords of ${p.minLength ?? 1} characters pass; require at least 8 (NIST SP 800-63B-4 with MFA; 15 where the password is the only factor)`
                  : 'passwords shorter than 8 characters pass; require at least 8 characters (fair or better), 15 where the password is the only factor',
              },
              resource,
              field: p.field,
              value: p.value,
              severity: 'blocker',
            },
      );
      const length = p.minLength;
      out.push(
        length !== undefined && length >= min
          ? { status: 'pass', messageId: 'length-ok', data: { name: c.name, length }, resource }
          : {
              status: 'fail',
              messageId: 'length-short',
              data: { name: c.name, length: length ?? 1, source: p.lengthSource, min },
              resource,
              field: p.lengthField,
              value: length ?? null,
              severity: 'warning',
            },
      );
    }
    return out;
  },
});
