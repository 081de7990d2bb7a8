/** Live-source options from flags, the environment and the config's tenants list (usage errors are exit 2). */
import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import { UsageError } from '../errors.js';
import type { OptIns, SourceOptions } from '../run.js';
import { normaliseDomain } from '../sources/management-api/domain.js';
import { pacingOptions } from '../sources/management-api/pacing-options.js';
import type { LogFormat } from './output.js';
import type { Progress } from './progress.js';
import { cliIo } from './io.js';

/** Flags of every command that reads a live tenant. */
export interface SourceFlags {
  domain?: string;
  clientId?: string;
  clientSecret?: string;
  token?: string;
  apiBaseUrl?: string;
  concurrency: string;
  timeout: string;
  withLogs?: boolean | string;
  withUsers?: boolean;
  withForms?: boolean;
  logFormat?: LogFormat;
  rateReserve?: string;
  maxRps?: string;
}

export function parseUrlFlag(value: string): URL {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new UsageError(`--api-base-url ${JSON.stringify(value)} is not a URL (e.g. http://127.0.0.1:4010)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UsageError(`--api-base-url must be http or https, not ${u.protocol}`);
  return u;
}

export function logDaysOf(flags: SourceFlags): number {
  const days = flags.withLogs === undefined || flags.withLogs === true ? 7 : Number(flags.withLogs);
  if (!Number.isInteger(days) || days < 1 || days > 30) {
    throw new UsageError('--with-logs takes a number of days from 1 to 30 (Auth0 keeps logs 2 to 30 days)');
  }
  return days;
}

export function optInsOf(flags: SourceFlags): OptIns {
  return { logs: flags.withLogs !== undefined, users: !!flags.withUsers, forms: !!flags.withForms };
}

/**
 * The flags about reading a tenant, checked the same whatever the source: a bad `--timeout` is
 * exit 2 with `--from` too, not ignored there and refused live.
 */
export function checkReadingFlags(flags: SourceFlags): { concurrency: number; timeout: number; pacing: ReturnType<typeof pacingOptions> } {
  const concurrency = Number(flags.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) throw new UsageError('--concurrency must be an integer from 1 to 16');
  const timeout = Number(flags.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0 || timeout > 3600) throw new UsageError('--timeout must be a number of seconds from 1 to 3600');
  return { concurrency, timeout, pacing: pacingOptions(flags) };
}

/** The live source from flags and environment; every check here is a usage error (exit 2). */
export function liveSource(flags: SourceFlags, log: Logger, progress?: Progress): Extract<SourceOptions, { kind: 'management-api' }> {
  const { env } = cliIo();
  const domainInput = flags.domain ?? env.AUTH0_DOMAIN;
  if (!domainInput) throw new UsageError('no tenant given: pass --domain <tenant>.auth0.com or set AUTH0_DOMAIN (or audit a saved configuration with --from)');
  const domain = normaliseDomain(domainInput);
  const token = flags.token ?? env.AUTH0_ACCESS_TOKEN;
  const clientId = flags.clientId ?? env.AUTH0_CLIENT_ID;
  const clientSecret = flags.clientSecret ?? env.AUTH0_CLIENT_SECRET;
  if (!token && (!clientId || !clientSecret)) {
    throw new UsageError(
      `no credentials: pass --client-id and --client-secret (or set AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET), or --token (AUTH0_ACCESS_TOKEN)${clientId && !clientSecret ? '; the client secret is missing' : ''}`,
    );
  }
  const baseInput = flags.apiBaseUrl ?? env.AUTH0_API_BASE_URL;
  const apiBaseUrl = baseInput ? parseUrlFlag(baseInput) : undefined;
  const { concurrency, timeout, pacing } = checkReadingFlags(flags);
  log.debug({ domain, apiBaseUrl: apiBaseUrl?.origin }, 'reading tenant');
  return {
    kind: 'management-api',
    credentials: token ? { domain, token } : { domain, clientId: clientId as string, clientSecret: clientSecret as string },
    ...(apiBaseUrl ? { apiBaseUrl } : {}),
    concurrency,
    retryBudgetMs: timeout * 1000,
    ...pacing,
    onEvent: (e) => {
      progress?.onEvent(e);
      if (e.type === 'retry') log.warn({ path: e.path, reason: e.reason, waitMs: e.waitMs, attempt: e.attempt }, 'retrying');
      else if (e.type === 'response') log.debug({ method: e.method, path: e.path, status: e.status, ms: e.ms }, 'response');
      else if (e.type === 'resource' && !e.ok) log.info({ resource: e.key }, 'resource not read');
    },
  };
}

export type TenantConfig = NonNullable<Config['tenants']>[number];

/** A configured tenant's live source: credentials from the environment variables it names. */
export function tenantSource(t: TenantConfig, flags: SourceFlags, log: Logger): Extract<SourceOptions, { kind: 'management-api' }> {
  const { env } = cliIo();
  const c = t.credentials ?? {};
  const read = (name: string | undefined) => (name ? env[name] : undefined);
  const token = read(c.tokenEnv);
  const clientId = read(c.clientIdEnv);
  const clientSecret = read(c.clientSecretEnv);
  if (!token && (!clientId || !clientSecret)) {
    const names = [c.tokenEnv, c.clientIdEnv, c.clientSecretEnv].filter(Boolean);
    throw new UsageError(
      names.length
        ? `tenant ${t.alias}: no credentials: set ${names.join(' / ')} (tenants[].credentials names them)`
        : `tenant ${t.alias}: no credentials configured: give tenants[].credentials {clientIdEnv, clientSecretEnv} or {tokenEnv}`,
    );
  }
  const base = t.apiBaseUrl ?? flags.apiBaseUrl;
  return {
    ...liveSource({ ...flags, domain: t.domain, ...(token ? { token } : { clientId, clientSecret }), ...(base ? { apiBaseUrl: base } : {}) }, log),
    credentials: token ? { domain: normaliseDomain(t.domain), token } : { domain: normaliseDomain(t.domain), clientId: clientId as string, clientSecret: clientSecret as string },
  };
}
