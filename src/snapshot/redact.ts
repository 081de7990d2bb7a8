/**
 * Redaction of secrets before anything leaves the process: snapshots, reports, logs.
 *
 * Two layers: known secret-bearing fields are removed wholesale (connection `configuration`,
 * email-provider `credentials`, log-stream `sink`, action secret values), and any key whose name
 * says "secret" is replaced wherever it appears. Values are replaced, never partially masked.
 */
export const REDACTED = '[REDACTED]';

const SECRET_KEY =
  /secret|token|password|passwd|api[_-]?key|authorization|private|skey|credential|signing_key|encryption_key|cert_key|assertion/i;
/** Keys that look secret but hold settings, not secrets. */
const NOT_SECRET = new Set([
  'token_endpoint_auth_method',
  'token_dialect',
  'token_lifetime',
  'token_lifetime_for_web',
  'token_quota',
  'refresh_token',
  'id_token',
  'access_token',
  'passwordPolicy',
  'password_complexity_options',
  'password_history',
  'password_dictionary',
  'password_no_personal_info',
  'password_options',
  'disable_self_service_change_password',
  'challenge_password_policy',
  'challenge_password_reset_policy',
  'change_password',
  'breached_password_detection',
  'allow_legacy_ro_grant_types',
  'authorization_code',
  'secrets',
  'private_key_jwt',
  'client_authentication_methods',
]);

/** Keys whose whole value is always dropped, whatever it holds. */
const DROP_VALUE = new Set(['configuration', 'credentials', 'sink', 'httpCustomHeaders', 'client_secret']);

/** Settings named after tokens or passwords: lifetimes, policies, methods, dialects. */
const SETTING_SHAPE = /lifetime|_policy$|_method$|_methods$|_dialect$|_type$|_types$|_grant_types$|^enable_|^allow_|^disable_/i;

function isSecretKey(key: string): boolean {
  if (NOT_SECRET.has(key) || SETTING_SHAPE.test(key)) return false;
  return SECRET_KEY.test(key);
}

/** A deep copy of `value` with every secret replaced by `[REDACTED]`. */
export function redact<T>(value: T): T {
  return walk(value) as T;
}

function walk(v: unknown, key?: string): unknown {
  if (Array.isArray(v)) {
    // Action `secrets` carry names (safe) and, in exports, values (not safe).
    if (key === 'secrets') {
      return v.map((s) =>
        s && typeof s === 'object'
          ? Object.fromEntries(
              Object.entries(s as Record<string, unknown>).map(([k, x]) => [k, k === 'name' ? x : REDACTED]),
            )
          : REDACTED,
      );
    }
    return v.map((x) => walk(x));
  }
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      // An empty list holds no secret, and keeping it shows a client whose credential list is empty.
      if (DROP_VALUE.has(k) && x !== null && x !== undefined && !(Array.isArray(x) && x.length === 0)) {
        out[k] = REDACTED;
      } else if (isSecretKey(k) && (typeof x === 'string' || typeof x === 'number')) {
        // A secret-looking name redacts a value, never a whole structure: `stolen_credentials`
        // and `password_reset` are email templates, not secrets.
        out[k] = REDACTED;
      } else {
        out[k] = walk(x, k);
      }
    }
    return out;
  }
  return v;
}
