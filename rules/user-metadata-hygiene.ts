import { looksLikeSecretValue } from '../src/engine/code.js';
import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';

/** Key names that announce a credential (the value must also look like one). */
const SECRET_KEY = /(secret|passw(or)?d|pwd|token|api[_-]?key|apikey|private[_-]?key|credential|auth[_-]?key|access[_-]?key|signing[_-]?key|bearer|ssn|social[_-]?security|card[_-]?number|\bpan\b|cvv)/i;
const DATE = /^\d{4}-\d{2}-\d{2}/;
const FIELDS = ['user_metadata', 'app_metadata'] as const;

/** Key paths (never values) of string leaves whose key names a credential and whose value looks like one. */
function secretPaths(v: unknown, path: string, depth = 0, out: string[] = []): string[] {
  if (depth > 8 || v === null || typeof v !== 'object') return out;
  for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
    const p = Array.isArray(v) ? `${path}[${k}]` : `${path}.${k}`;
    if (typeof child === 'string') {
      if (SECRET_KEY.test(k) && looksLikeSecretValue(child) && !DATE.test(child)) out.push(p);
    } else secretPaths(child, p, depth + 1, out);
  }
  return out;
}

const bytes = (v: unknown) => (v === undefined || v === null ? 0 : Buffer.byteLength(JSON.stringify(v), 'utf8'));

const messages = {
  ok: 'User {user}: metadata is {size} bytes and holds no credential-like value',
  large: 'User {user}: {field} is {size} bytes, over the {max}-byte limit',
  secret: 'User {user}: {field} looks like a stored credential (value not shown){more}',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'user-metadata-hygiene',
  title: 'User metadata stays small and holds no secrets (sampled users)',
  topics: bothPlans('p1.profile-management.metadata'),
  severity: 'advice',
  checks: ['USR-01'],
  optIn: 'users',
  rationale:
    'Metadata travels: it is returned by every profile read, often copied into tokens by Actions, and visible to anyone with read:users. Large metadata slows logins and bloats tokens and cookies past browser limits; credentials, tokens or card numbers stored there leak through exports, logs and support tools. Keep it to small profile and authorization data.',
  remediation:
    'Move bulky data to your own store keyed by user_id, and secrets to a vault (Action secrets for shared ones); remove them with PATCH /api/v2/users/{id} (set the key to null in `user_metadata` / `app_metadata`), in bulk from a script over GET /api/v2/users. Rotate any credential found. Configure `maxMetadataBytes` if your limit differs.',
  docs: 'https://auth0.com/docs/manage-users/user-accounts/metadata/metadata-fields-data',
  needs: ['usersSample'],
  messages,
  failSummary: {
    large: 'have user_metadata or app_metadata over the size limit',
    secret: 'hold credential-like values in their metadata',
  },
  evaluate({ usersSample }, ctx) {
    const max = ctx.settings.maxMetadataBytes;
    return (usersSample.sample ?? []).map((u): FindingDraft<Msg> => {
      const resource = { type: 'user', id: u.user_id };
      const data = { user: u.user_id, max };
      for (const field of FIELDS) {
        const size = bytes(u[field]);
        if (size > max) return { status: 'fail', messageId: 'large', data: { ...data, field, size }, resource, field, value: size };
      }
      const secrets = FIELDS.flatMap((field) => secretPaths(u[field], field));
      const first = secrets[0];
      if (first) {
        return { status: 'fail', messageId: 'secret', data: { ...data, field: first, more: secrets.length > 1 ? ` (+${secrets.length - 1} more)` : '' }, resource, field: first, value: secrets };
      }
      return { status: 'pass', messageId: 'ok', data: { ...data, size: bytes(u.user_metadata) + bytes(u.app_metadata) }, resource };
    });
  },
});
