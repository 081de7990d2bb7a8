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
  /** Data of another resource this one depends on (fetched once, shared). */
  need(key: ResourceKey): Promise<unknown>;
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

const CUSTOM_TEXT_PROMPTS = ['login', 'signup', 'reset-password'] as const;

export const FETCHERS: Record<ResourceKey, Fetcher> = {
  tenantSettings: (c) => c.request(() => c.mgmt.tenants.settings.get()),
  customDomains: (c) => c.request(() => c.mgmt.customDomains.list()),
  prompts: (c) => c.request(() => c.mgmt.prompts.getSettings()),
  promptsCustomText: async (c) => {
    const settings = (await c.need('tenantSettings')) as { enabled_locales?: string[] } | undefined;
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
  emailProvider: (c) => c.request(() => orNull(c.mgmt.emails.provider.get())),
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
  logStreams: (c) => c.request(() => c.mgmt.logStreams.list()),
  clients: (c) => listOffset(c, (page) => c.mgmt.clients.list({ page, per_page: PAGE_SIZE, include_totals: true })),
  connections: (c) =>
    listCheckpoint(c, (from) => c.mgmt.connections.list(from ? { take: PAGE_SIZE, from } : { take: PAGE_SIZE })),
  actions: (c) => listOffset(c, (page) => c.mgmt.actions.list({ page, per_page: PAGE_SIZE })),
  postLoginBindings: (c) =>
    listOffset(c, (page) => c.mgmt.actions.triggers.bindings.list('post-login', { page, per_page: PAGE_SIZE })),
  organizations: (c) =>
    listCheckpoint(c, (from) => c.mgmt.organizations.list(from ? { take: PAGE_SIZE, from } : { take: PAGE_SIZE })),
};
