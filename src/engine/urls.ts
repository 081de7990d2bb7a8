/** URL and domain helpers shared by rules. Pure. */

export function parseUrl(s: string): URL | undefined {
  try {
    return new URL(s);
  } catch {
    return undefined;
  }
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)$/i;

/** localhost, 127.0.0.0/8, ::1, 0.0.0.0, or a *.localhost name. */
export function isLocalhost(s: string): boolean {
  const u = parseUrl(s);
  const host = u ? u.hostname : s.replace(/^[a-z]+:\/\//i, '').split(/[/:?#]/)[0] ?? '';
  return LOOPBACK.test(host) || /\.localhost$/i.test(host) || /^localhost$/i.test(host);
}

export function isHttps(s: string): boolean {
  return parseUrl(s)?.protocol === 'https:';
}

export function hasWildcard(s: string): boolean {
  return s.includes('*');
}

export function emailDomain(address: string): string | undefined {
  const m = /@([^@\s>]+)>?\s*$/.exec(address.trim());
  return m?.[1]?.toLowerCase();
}

/** `login.acme.com` → `acme.com` (drops the first label when at least two remain). */
export function parentDomain(host: string): string {
  const parts = host.toLowerCase().split('.');
  return parts.length > 2 ? parts.slice(1).join('.') : host.toLowerCase();
}

/** `a.b.com` is `b.com` or under it. */
export function isSameOrSubdomain(host: string, of: string): boolean {
  const h = host.toLowerCase();
  const o = of.toLowerCase().replace(/^\.+/, '');
  return h === o || h.endsWith(`.${o}`);
}

/**
 * Why a login route (`default_redirection_uri`, `initiate_login_uri`) cannot be used, or
 * undefined when it can: Auth0 requires an absolute https URL that is not localhost. `{…}`
 * placeholders (organization routes) are allowed.
 */
export function loginRouteProblem(uri: string): 'not-https' | 'localhost' | 'wildcard' | undefined {
  const s = uri.trim();
  if (isLocalhost(s.replace(/\{[^}]*\}/g, 'placeholder'))) return 'localhost';
  const u = parseUrl(s.replace(/\{[^}]*\}/g, 'placeholder'));
  if (!u || u.protocol !== 'https:') return 'not-https';
  if (hasWildcard(s)) return 'wildcard';
  return undefined;
}
