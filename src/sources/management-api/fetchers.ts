/**
 * One fetcher per resource key. A fetcher reads every page of its resource through the shared
 * request limiter and returns the raw data; the collector validates it against the registry's
 * schema, redacts it, and turns errors into discriminated failures. A 404 that means "not
 * configured" (email provider, theme, page template, a default email template) becomes `null`.
 */
import type { ManagementClient } from 'auth0';
import { EMAIL_TEMPLATE_NAMES, type ResourceKey } from '../../snapshot/resources.js';

export const PAGE_SIZE = 100;

export interface FetchContext {
  mgmt: ManagementClient;
  /** Run one request under the shared concurrency limit. */
  request<T>(fn: () => Promise<T>): Promise<T>;
  /** Data of another resource this one depends on (fetched once, shared); undefined if unread. */
  need(key: ResourceKey): Promise<unknown>;
  /** Canonical tenant domain. */
  domain: string;
  now: Date;
  /** Lookback of log searches, days (`--with-logs`, default 7). */
  logLookbackDays: number;
  /** Users in the sample (`--with-users`). */
  userSampleSize: number;
}

export class DependencyUnavailableError extends Error {
  constructor(readonly dependency: ResourceKey) {
    super(`depends on ${dependency}, which could not be read`);
  }
}

/** Data of a dependency, or an error that makes this resource unknown too. */
async function dependency<T>(ctx: FetchContext, key: ResourceKey): Promise<T> {
  const d = await ctx.need(key);
  if (d === undefined) throw new DependencyUnavailableError(key);
  return d as T;
}

/** One request per item of a parent list, all under the limiter; results keyed by id. */
async function perItem<T>(ids: string[], fetch: (id: string) => Promise<T>): Promise<Record<string, T>> {
  const out: Record<string, T> = {};
  await Promise.all(ids.map(async (id) => { out[id] = await fetch(id); }));
  return out;
}

export interface Fetcher {
  (ctx: FetchContext): Promise<unknown>;
}

interface HttpError {
  statusCode?: number;
}
const statusOf = (e: unknown): number | undefined =>
  e && typeof e === 'object' && typeof (e as HttpError).statusCode === 'number' ? (e as HttpError).statusCode : undefined;

/** `null` when the API answers 404: the thing is not configured. */
async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (statusOf(e) === 404) return null;
    throw e;
  }
}

interface OffsetPage<T> {
  data: T[];
  response: { total?: number | undefined };
}

/**
 * Offset pagination with the fewest requests: the first page tells the total, the remaining
 * pages are requested together under the limiter. Without a total, pages are read until a
 * short one.
 */
async function listOffset<T>(ctx: FetchContext, page: (n: number) => Promise<OffsetPage<T>>): Promise<T[]> {
  const first = await ctx.request(() => page(0));
  const items = [...first.data];
  const total = first.response.total;
  if (typeof total === 'number') {
    // A server that caps the page below what was asked pages by its own size.
    const size = first.data.length < PAGE_SIZE && first.data.length < total ? first.data.length : PAGE_SIZE;
    if (size === 0) return items;
    const pages = Math.ceil(total / size);
    const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => ctx.request(() => page(i + 1))));
    for (const p of rest) items.push(...p.data);
    return items;
  }
  let n = 0;
  let last = first;
  while (last.data.length >= PAGE_SIZE) {
    n++;
    last = await ctx.request(() => page(n));
    items.push(...last.data);
  }
  return items;
}

interface CheckpointPage<T> {
  data: T[];
  response: { next?: string | undefined };
}

async function listCheckpoint<T>(ctx: FetchContext, page: (from: string | undefined) => Promise<CheckpointPage<T>>): Promise<T[]> {
  const items: T[] = [];
  let from: string | undefined;
  const seen = new Set<string>();
  for (;;) {
    const p = await ctx.request(() => page(from));
    items.push(...p.data);
    const next = p.response.next;
    if (!next || seen.has(next)) return items;
    seen.add(next);
    from = next;
  }
}

interface LogItem {
  type?: string;
  date?: unknown;
  hostname?: string;
  client_id?: string;
  client_name?: string;
  description?: string;
}

/** Events read per log search: a sample, not a count. */
const LOG_PAGE = 10;

async function searchLogs(ctx: FetchContext, q: string) {
  const since = new Date(ctx.now.getTime() - ctx.logLookbackDays * 86_400_000).toISOString();
  const query = `(${q}) AND date:[${since} TO *]`;
  // The v7 SDK names the parameter `search`; the API reads `q`: send it as an extra query param.
  // No `include_totals`: deprecated for log search v3, and no total is derived from a page length.
  // `include_totals: null`: the SDK defaults it to true, and skips a null parameter. Without it
  // the API answers a bare array, which the SDK's Page does not read (`response.logs`): read the
  // raw body.
  const page = (await ctx.request(() =>
    ctx.mgmt.logs.list({ per_page: LOG_PAGE, include_totals: null }, { queryParams: { q: query } }),
  )) as unknown as { response: unknown };
  const body = page.response;
  const items: LogItem[] = Array.isArray(body) ? (body as LogItem[]) : ((body as { logs?: LogItem[] } | null)?.logs ?? []);
  return {
    q: query,
    count: items.length,
    more: items.length >= LOG_PAGE,
    sample: items.map((l) => ({
      ...(l.type ? { type: l.type } : {}),
      ...(l.date ? { date: String(l.date) } : {}),
      ...(l.hostname ? { hostname: l.hostname } : {}),
      ...(l.client_id ? { client_id: l.client_id } : {}),
      ...(l.client_name ? { client_name: l.client_name } : {}),
      ...(l.description ? { description: l.description } : {}),
    })),
  };
}

/** What `GET /emails/provider` is asked for: everything the rules read, never `credentials`. */
export const EMAIL_PROVIDER_FIELDS = 'name,enabled,default_from_address,settings';

const CUSTOM_TEXT_PROMPTS = ['login', 'signup', 'reset-password'] as const;

export const FETCHERS: Record<ResourceKey, Fetcher> = {
  tenantSettings: (c) => c.request(() => c.mgmt.tenants.settings.get()),
  customDomains: (c) => c.request(() => c.mgmt.customDomains.list()),
  prompts: (c) => c.request(() => c.mgmt.prompts.getSettings()),
  promptsCustomText: async (c) => {
    const settings = await dependency<{ enabled_locales?: string[] }>(c, 'tenantSettings');
    const locales = settings?.enabled_locales?.length ? settings.enabled_locales : ['en'];
    const out: Record<string, Record<string, unknown>> = {};
    await Promise.all(
      CUSTOM_TEXT_PROMPTS.flatMap((prompt) =>
        locales.map(async (lang) => {
          const text = await c.request(() =>
            c.mgmt.prompts.customText.get(prompt as never, lang as never),
          );
          (out[prompt] ??= {})[lang] = text ?? {};
        }),
      ),
    );
    return out;
  },
  branding: (c) => c.request(() => c.mgmt.branding.get()),
  brandingTheme: (c) => c.request(() => orNull(c.mgmt.branding.themes.getDefault())),
  brandingTemplate: (c) => c.request(() => orNull(c.mgmt.branding.templates.getUniversalLogin())),
  // Without `fields` the API answers only `name` and `enabled` (the OAS); ask for what the rules
  // read, and never for `credentials`.
  emailProvider: (c) =>
    c.request(() => orNull(c.mgmt.emails.provider.get({ fields: EMAIL_PROVIDER_FIELDS, include_fields: true }))),
  emailTemplates: async (c) => {
    const out: Record<string, unknown> = {};
    await Promise.all(
      EMAIL_TEMPLATE_NAMES.map(async (name) => {
        out[name] = await c.request(() => orNull(c.mgmt.emailTemplates.get(name)));
      }),
    );
    return out;
  },
  bruteForceProtection: (c) => c.request(() => c.mgmt.attackProtection.bruteForceProtection.get()),
  suspiciousIpThrottling: (c) => c.request(() => c.mgmt.attackProtection.suspiciousIpThrottling.get()),
  breachedPasswordDetection: (c) => c.request(() => c.mgmt.attackProtection.breachedPasswordDetection.get()),
  botDetection: (c) => c.request(() => c.mgmt.attackProtection.botDetection.get()),
  guardianFactors: (c) => c.request(() => c.mgmt.guardian.factors.list()),
  guardianPolicies: (c) => c.request(() => c.mgmt.guardian.policies.list()),
  guardianPhoneProvider: (c) => c.request(() => c.mgmt.guardian.factors.phone.getSelectedProvider()),
  // Unified Phone Experience: `{providers: [...]}` (the masked schema: no credentials).
  phoneProviders: async (c) => (await c.request(() => c.mgmt.branding.phone.providers.list())).providers ?? [],
  logStreams: (c) => c.request(() => c.mgmt.logStreams.list()),
  clients: (c) => listOffset(c, (page) => c.mgmt.clients.list({ page, per_page: PAGE_SIZE, include_totals: true })),
  connections: (c) =>
    listCheckpoint(c, (from) => c.mgmt.connections.list(from ? { take: PAGE_SIZE, from } : { take: PAGE_SIZE })),
  actions: (c) => listOffset(c, (page) => c.mgmt.actions.list({ page, per_page: PAGE_SIZE })),
  postLoginBindings: (c) =>
    listOffset(c, (page) => c.mgmt.actions.triggers.bindings.list('post-login', { page, per_page: PAGE_SIZE })),
  organizations: (c) =>
    listCheckpoint(c, (from) => c.mgmt.organizations.list(from ? { take: PAGE_SIZE, from } : { take: PAGE_SIZE })),
  connectionClients: async (c) => {
    const conns = await dependency<{ id: string; enabled_clients?: string[] }[]>(c, 'connections');
    // Tenants still on the legacy payload list enabled clients inline: no request needed.
    return perItem(conns.map((x) => x.id), async (id) => {
      const inline = conns.find((x) => x.id === id)?.enabled_clients;
      if (inline) return inline;
      const items = await listCheckpoint(c, (from) => c.mgmt.connections.clients.get(id, from ? { take: PAGE_SIZE, from } : { take: PAGE_SIZE }));
      return items.map((i) => i.client_id);
    });
  },
  resourceServers: (c) => listOffset(c, (page) => c.mgmt.resourceServers.list({ page, per_page: PAGE_SIZE, include_totals: true })),
  clientGrants: (c) =>
    listCheckpoint(c, (from) => c.mgmt.clientGrants.list(from ? { take: PAGE_SIZE, from } : { take: PAGE_SIZE })),
  roles: (c) => listOffset(c, (page) => c.mgmt.roles.list({ page, per_page: PAGE_SIZE, include_totals: true })),
  rolePermissions: async (c) => {
    const roles = await dependency<{ id: string }[]>(c, 'roles');
    return perItem(roles.map((r) => r.id), (id) =>
      listOffset(c, (page) => c.mgmt.roles.permissions.list(id, { page, per_page: PAGE_SIZE, include_totals: true })),
    );
  },
  rules: (c) => listOffset(c, (page) => c.mgmt.rules.list({ page, per_page: PAGE_SIZE, include_totals: true })),
  hooks: (c) => listOffset(c, (page) => c.mgmt.hooks.list({ page, per_page: PAGE_SIZE, include_totals: true })),
  organizationConnections: async (c) => {
    const orgs = await dependency<{ id: string }[]>(c, 'organizations');
    return perItem(orgs.map((o) => o.id), (id) =>
      listOffset(c, (page) => c.mgmt.organizations.enabledConnections.list(id, { page, per_page: PAGE_SIZE, include_totals: true })),
    );
  },
  organizationMembers: async (c) => {
    const orgs = await dependency<{ id: string }[]>(c, 'organizations');
    // Rules only ask whether an organization has members: one page each is enough.
    return perItem(orgs.map((o) => o.id), async (id) => {
      const p = await c.request(() => c.mgmt.organizations.members.list(id, { take: 50, fields: 'user_id', include_fields: true }));
      return { count: p.data.length, more: !!p.response.next };
    });
  },
  organizationDiscoveryDomains: async (c) => {
    const orgs = await dependency<{ id: string }[]>(c, 'organizations');
    return perItem(orgs.map((o) => o.id), (id) =>
      listCheckpoint(c, (from) => c.mgmt.organizations.discoveryDomains.list(id, from ? { take: PAGE_SIZE, from } : { take: PAGE_SIZE })),
    );
  },
  scimConfigurations: (c) =>
    listCheckpoint(c, (from) => c.mgmt.connections.scimConfiguration.list(from ? { take: PAGE_SIZE, from } : { take: PAGE_SIZE })),
  selfServiceProfiles: (c) => listOffset(c, (page) => c.mgmt.selfServiceProfiles.list({ page, per_page: PAGE_SIZE, include_totals: true })),
  forms: (c) => listOffset(c, (page) => c.mgmt.forms.list({ page, per_page: PAGE_SIZE, include_totals: true })),
  signingKeys: (c) => c.request(() => c.mgmt.keys.signing.list()),
  networkAcls: (c) => listOffset(c, (page) => c.mgmt.networkAcls.list({ page, per_page: PAGE_SIZE, include_totals: true })),
  eventStreams: (c) =>
    listCheckpoint(c, (from) => c.mgmt.eventStreams.list(from ? { take: PAGE_SIZE, from } : { take: PAGE_SIZE })),
  logEvents: async (c) => {
    const [canonicalDomainLogins, rateLimits, deprecations] = await Promise.all([
      searchLogs(c, `type:("s" OR "ss" OR "f" OR "fp" OR "fu") AND hostname:"${c.domain}"`),
      searchLogs(c, 'type:("api_limit" OR "api_limit_warning")'),
      searchLogs(c, 'type:"depnote"'),
    ]);
    return { canonicalDomainLogins, rateLimits, deprecations };
  },
  usersSample: async (c) => {
    // Only the fields the USR checks read: no email, no name.
    const fields = 'user_id,identities,user_metadata,app_metadata';
    const [sample, unverified] = await Promise.all([
      c.request(() => c.mgmt.users.list({ per_page: c.userSampleSize, include_totals: true, search_engine: 'v3', fields, include_fields: true })),
      c.request(() => c.mgmt.users.list({ q: 'email_verified:false', per_page: 1, include_totals: true, search_engine: 'v3', fields: 'user_id', include_fields: true })),
    ]);
    return {
      total: sample.response.total ?? sample.data.length,
      unverified: unverified.response.total ?? unverified.data.length,
      sample: sample.data.map((u) => ({
        user_id: u.user_id ?? '',
        identities: (u.identities ?? []).map((i) => ({ provider: i.provider, connection: i.connection })),
        user_metadata: u.user_metadata,
        app_metadata: u.app_metadata,
      })),
    };
  },
};
