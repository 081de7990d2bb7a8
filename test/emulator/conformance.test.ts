/**
 * The emulator answers as the real Management API does, proven against the official OpenAPI 3.1
 * description (`../shared/spec/management-api-oas.json`, the oracle):
 *
 * - the real collector (`collect()`, the auth0 v7 SDK) is run against the emulator for every
 *   fixture tenant with every resource, and each request it sends and each answer it gets is
 *   captured at its `fetch`;
 * - each captured request must be an operation of the spec (a route the collector calls that the
 *   spec does not have fails), every query parameter must be one that operation declares, with a
 *   value its schema accepts, and the status must be one the operation documents;
 * - each answer's body validates (ajv, 2020-12 dialect, `$ref`s into `components`) against the
 *   operation's response schema for that status;
 * - every route the emulator serves is exercised, the ones the collector does not call by probes
 *   below, and must be an operation of the spec; every registry path too.
 *
 * Without ../shared the whole file is skipped, saying so on one line; with CI=true it is required
 * (test/support/requires.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../src/sources/management-api/collect.js';
import { RESOURCE_KEYS, RESOURCES } from '../../src/snapshot/resources.js';
import { available, REQUIREMENTS, skipLine } from '../support/requires.js';
import { REPO_ROOT } from '../support/tenant.js';
import type { TenantFixture } from './fixture.js';
import { ALL_READ_SCOPES, emulatorRoutes, loadFixture, startEmulator, templatePattern, type Emulator } from './server.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

// ---------------------------------------------------------------------------------------------
// The spec

interface Param {
  name: string;
  in: string;
  required?: boolean;
  schema?: Record<string, unknown>;
  $ref?: string;
}
interface Operation {
  operationId: string;
  parameters?: Param[];
  responses: Record<string, { content?: Record<string, { schema?: unknown }>; $ref?: string }>;
}
interface Spec {
  paths: Record<string, { get?: Operation }>;
  components: { parameters?: Record<string, Param> };
}

const HAVE_SPEC = available(REQUIREMENTS.spec);
const SKIPPED = HAVE_SPEC ? '' : ` (${skipLine(REQUIREMENTS.spec)})`;
/** The description, or (skipped) one with no operation, so that nothing below it runs. */
const spec: Spec = HAVE_SPEC ? (JSON.parse(readFileSync(REQUIREMENTS.spec.path, 'utf8')) as Spec) : { paths: {}, components: {} };

/**
 * Where the real API is known to answer beyond the vendored spec, each with its evidence. Kept
 * short and explicit: anything else the emulator does outside the spec fails the test.
 */
const BEYOND_SPEC: { what: string; evidence: string; apply(s: Spec & { components: { schemas: Record<string, { properties: Record<string, unknown> }> } }): void }[] = [
  {
    what: 'GET /email-templates/{templateName} answers 404 for a template never customised',
    evidence: '../shared/reference/node-auth0.md (observed on a tenant: "A template never customised returns 404"); the Deploy CLI treats it as "not configured"',
    apply: (s) => {
      (s.paths['/email-templates/{templateName}']?.get as Operation).responses['404'] = { content: { 'application/json': { schema: {} } } };
    },
  },
  {
    what: 'GET /logs reads the Lucene query from `q`',
    evidence: 'the operation\'s own description ("Set custom search criteria using the `q` parameter") and Auth0\'s log search docs; its parameter list names it `search`',
    apply: (s) => {
      (s.paths['/logs']?.get as Operation).parameters?.push({ name: 'q', in: 'query', schema: { type: 'string' } });
    },
  },
  {
    what: 'tenant flags `enable_custom_domain_in_emails` and `universal_login` (absent from TenantSettingsFlags, which forbids extra properties)',
    evidence: 'go-auth0, auth0.net and the Terraform provider all model both flags; rule custom-domain-in-emails reads the first',
    apply: (s) => {
      const flags = s.components.schemas.TenantSettingsFlags;
      if (flags) Object.assign(flags.properties, { enable_custom_domain_in_emails: { type: 'boolean' }, universal_login: { type: 'boolean' } });
    },
  },
  {
    what: 'PhoneProviderSchemaMasked lists `credentials` as required but does not declare it (and forbids undeclared properties): no object could match',
    evidence: 'the schema itself; "masked" providers carry no credentials, so the requirement is dropped',
    apply: (s) => {
      const p = s.components.schemas.PhoneProviderSchemaMasked as unknown as { required?: string[] } | undefined;
      if (p?.required) p.required = p.required.filter((r) => r !== 'credentials');
    },
  },
];
if (HAVE_SPEC) for (const b of BEYOND_SPEC) b.apply(spec as Parameters<(typeof BEYOND_SPEC)[number]['apply']>[0]);

/**
 * The spec's `oneOf`s between a bare array, an offset page and a checkpoint page overlap (open
 * objects with no required property), so an answer can match two branches. They are read as
 * `anyOf`; the pagination test below checks which shape each request got.
 */
function oneOfAsAnyOf(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(oneOfAsAnyOf);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k === 'oneOf' ? 'anyOf' : k, oneOfAsAnyOf(x)]));
}

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true, unicodeRegExp: false });
addFormats(ajv);
ajv.addSchema({ $id: 'oas', ...(oneOfAsAnyOf(spec) as object) }, 'oas');

const pointer = (...segments: string[]) => segments.map((s) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');

interface SpecOp {
  template: string;
  op: Operation;
  pattern: RegExp;
  params: Param[];
}

const OPS: SpecOp[] = Object.entries(spec.paths)
  .filter(([, item]) => item.get)
  .map(([template, item]) => {
    const op = item.get as Operation;
    const params = (op.parameters ?? []).map((p) => {
      if (!p.$ref) return p;
      const name = p.$ref.replace('#/components/parameters/', '');
      return spec.components.parameters?.[name] as Param;
    });
    return { template, op, pattern: templatePattern(template), params };
  })
  // Literal paths first: `/branding/themes/default` before `/branding/themes/{themeId}`.
  .sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));

function operationOf(apiPath: string): SpecOp | undefined {
  return OPS.find((o) => o.pattern.test(apiPath));
}

const validators = new Map<string, ValidateFunction>();
function responseValidator(o: SpecOp, status: string): ValidateFunction | undefined {
  const key = `${o.template} ${status}`;
  let v = validators.get(key);
  if (!v) {
    const schema = o.op.responses[status]?.content?.['application/json']?.schema;
    if (schema === undefined) return undefined;
    v = ajv.compile({ $ref: `oas#/${pointer('paths', o.template, 'get', 'responses', status, 'content', 'application/json', 'schema')}` });
    validators.set(key, v);
  }
  return v;
}

const paramValidators = new Map<string, ValidateFunction>();
/** Problems with one query parameter against the operation's declaration, or none. */
function checkParam(o: SpecOp, name: string, values: string[]): string[] {
  const p = o.params.find((x) => x.in === 'query' && x.name === name);
  if (!p) return [`query parameter "${name}" is not a parameter of GET ${o.template}`];
  const schema = p.schema ?? {};
  const key = `${o.template}?${name}`;
  let v = paramValidators.get(key);
  if (!v) {
    const i = (o.op.parameters ?? []).findIndex((x) => (x.$ref ? x.$ref.endsWith(`/${name}`) : x.name === name && x.in === 'query'));
    const raw = (o.op.parameters ?? [])[i];
    v = raw?.$ref
      ? ajv.compile({ $ref: `oas#/${pointer('components', 'parameters', raw.$ref.replace('#/components/parameters/', ''), 'schema')}` })
      : ajv.compile({ $ref: `oas#/${pointer('paths', o.template, 'get', 'parameters', String(i), 'schema')}` });
    paramValidators.set(key, v);
  }
  const type = schema.type;
  const out: string[] = [];
  const coerce = (s: string): unknown => {
    if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
    if (type === 'boolean') return s === 'true' ? true : s === 'false' ? false : s;
    return s;
  };
  const value = type === 'array' ? values.flatMap((s) => s.split(',')) : values.length === 1 ? coerce(values[0] ?? '') : values.map(coerce);
  if (!v(value)) out.push(`query parameter ${name}=${values.join(',')}: ${ajv.errorsText(v.errors)}`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Exchanges: what the collector (or a probe) sent and what it got

interface Exchange {
  path: string;
  query: URLSearchParams;
  status: number;
  body: unknown;
  by: string;
}

/** A `fetch` that records every /api/v2 exchange. */
function recordingFetch(out: Exchange[], by: string): typeof fetch {
  return async (input, init) => {
    const res = await fetch(input, init);
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (url.pathname.startsWith('/api/v2/')) {
      const text = await res.clone().text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* kept as text: fails validation */
      }
      out.push({ path: url.pathname.slice('/api/v2'.length), query: url.searchParams, status: res.status, body, by });
    }
    return res;
  };
}

/** Problems with one exchange against the spec. */
function conformance(x: Exchange): string[] {
  const where = `${x.by}: GET ${x.path}${x.query.size ? `?${x.query.toString()}` : ''} → ${x.status}`;
  const o = operationOf(x.path);
  if (!o) return [`${where}: the spec has no GET operation for this path`];
  const problems: string[] = [];
  for (const name of new Set(x.query.keys())) problems.push(...checkParam(o, name, x.query.getAll(name)));
  for (const p of o.params.filter((p) => p.in === 'query' && p.required)) {
    if (!x.query.has(p.name)) problems.push(`required query parameter "${p.name}" missing`);
  }
  const status = String(x.status);
  if (!o.op.responses[status]) {
    problems.push(`status ${status} is not a response of GET ${o.template} (${Object.keys(o.op.responses).join(', ')})`);
  } else {
    const v = responseValidator(o, status);
    if (v && !v(x.body)) {
      const errs = (v.errors ?? []).slice(0, 6).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
      problems.push(`body does not match the ${status} schema of GET ${o.template}: ${errs.join('; ')}`);
    }
  }
  return problems.map((p) => `${where}: ${p}`);
}

// ---------------------------------------------------------------------------------------------

const DIR = join(REPO_ROOT, 'fixtures', 'tenants');
const NAMES = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();
const TOKEN = 'conformance-token';

describe.skipIf(!HAVE_SPEC)(`the spec covers what the collector and the emulator use${SKIPPED}`, () => {
  it('every registry path is a GET operation of the spec', () => {
    const missing = RESOURCE_KEYS.flatMap((k) => RESOURCES[k].paths.filter((p) => !operationOf(p)).map((p) => `${k}: ${p}`));
    if (missing.length) throw new Error(missing.join('\n'));
  });

  it('every route the emulator serves is a GET operation of the spec', () => {
    const missing = emulatorRoutes().filter((r) => !spec.paths[r.path]?.get).map((r) => r.path);
    if (missing.length) throw new Error(missing.join('\n'));
  });

  it('every registry scope is one the spec asks of that resource\'s operations', () => {
    const problems: string[] = [];
    for (const k of RESOURCE_KEYS) {
      const wanted = new Set(
        RESOURCES[k].paths.flatMap((p) => {
          const sec = (operationOf(p)?.op as unknown as { security?: Record<string, string[]>[] } | undefined)?.security ?? [];
          return sec.flatMap((s) => s.oAuth2ClientCredentials ?? []);
        }),
      );
      for (const s of RESOURCES[k].scopes) {
        // read:connections_options widens what GET /connections returns; the spec lists it nowhere as required.
        if (!wanted.has(s) && s !== 'read:connections_options') problems.push(`${k}: ${s} (spec: ${[...wanted].join(', ')})`);
      }
    }
    if (problems.length) throw new Error(`${problems.length} problems:\n${problems.join('\n')}`);
  });
});

describe.skipIf(!HAVE_SPEC).each(NAMES)(`fixture %s through the real collector${SKIPPED}`, (name) => {
  const fixture: TenantFixture = loadFixture(join(DIR, `${name}.json`));
  let em: Emulator;
  const exchanges: Exchange[] = [];

  beforeAll(async () => {
    em = await startEmulator({
      fixture,
      tokens: { [TOKEN]: [...ALL_READ_SCOPES] },
      ...(fixture.asOf ? { now: () => Date.parse(fixture.asOf as string) } : {}),
    });
    await collect({
      credentials: { domain: fixture.domain, token: TOKEN },
      resources: RESOURCE_KEYS,
      apiBaseUrl: new URL(em.url),
      fetchImpl: recordingFetch(exchanges, 'collector'),
      ...(fixture.asOf ? { now: () => new Date(fixture.asOf as string) } : {}),
    });
    // Probes for every route the collector did not call, and for the defaults it does not ask for.
    const probe = recordingFetch(exchanges, 'probe');
    const get = (path: string) => probe(`${em.url}/api/v2${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const called = new Set(exchanges.map((x) => operationOf(x.path)?.template));
    const r = fixture.resources;
    const firstConnection = r.connections?.[0]?.id ?? 'con_none';
    const ids: Record<string, string> = { id: firstConnection };
    for (const route of emulatorRoutes()) {
      if (called.has(route.path)) continue;
      const path = route.path.replace(/\{(\w+)\}/g, (_, p: string) => encodeURIComponent(ids[p] ?? 'x'));
      await get(path);
    }
    // Without `fields`, what the spec says each operation answers by default.
    await get('/emails/provider');
    await get('/prompts/login/custom-text/fr');
    await get('/email-templates/async_approval');
  }, 60_000);
  afterAll(() => em?.close());

  it('the collector read every resource', () => {
    expect(exchanges.filter((x) => x.by === 'collector').length).toBeGreaterThan(RESOURCE_KEYS.length - 3);
  });

  it('every request is an operation of the spec, with its parameters, documented statuses and response schemas', () => {
    const problems = exchanges.flatMap(conformance);
    if (problems.length) throw new Error(`${problems.length} problems:\n${problems.join('\n')}`);
  });

  it('every route the emulator serves was exercised', () => {
    const hit = new Set(exchanges.map((x) => operationOf(x.path)?.template));
    expect(emulatorRoutes().map((r) => r.path).filter((p) => !hit.has(p))).toEqual([]);
  });

  it('the pagination style of each request is one its operation offers', () => {
    const problems: string[] = [];
    for (const x of exchanges) {
      const o = operationOf(x.path);
      if (!o) continue;
      const has = (n: string) => o.params.some((p) => p.in === 'query' && p.name === n);
      const checkpoint = x.query.has('from') || x.query.has('take');
      const offset = x.query.has('page') || x.query.has('per_page');
      if (checkpoint && !(has('from') && has('take'))) problems.push(`${x.path}: checkpoint paging, not offered`);
      if (offset && !(has('page') && has('per_page'))) problems.push(`${x.path}: offset paging, not offered`);
      if (checkpoint && offset) problems.push(`${x.path}: both paging styles at once`);
      if (x.status === 200 && checkpoint && (Array.isArray(x.body) || typeof x.body !== 'object' || 'total' in (x.body as object))) {
        problems.push(`${x.path}: checkpoint paging answered without the {<list>, next?} object`);
      }
      if (x.status === 200 && offset && x.query.get('include_totals') !== 'true' && !Array.isArray(x.body) && o.template !== '/actions/actions' && !o.template.endsWith('/bindings')) {
        problems.push(`${x.path}: offset paging without include_totals answered something other than a bare array`);
      }
      // A paged list that answered 200 must say how to go on: a total (offset) or a `next` (checkpoint) when more remains.
      if (x.status === 200 && x.by === 'collector' && offset && x.query.get('include_totals') === 'true') {
        const b = x.body as Record<string, unknown>;
        if (typeof b !== 'object' || b === null || Array.isArray(b) || typeof b.total !== 'number') {
          problems.push(`${x.path}: include_totals=true answered without a total`);
        }
      }
    }
    if (problems.length) throw new Error(`${problems.length} problems:\n${problems.join('\n')}`);
  });

  it('GET /emails/provider without `fields` answers only `name` and `enabled`', () => {
    const x = exchanges.find((e) => e.by === 'probe' && e.path === '/emails/provider');
    expect(x).toBeDefined();
    if (x?.status === 200) expect(Object.keys(x.body as object).sort()).toEqual(['enabled', 'name'].filter((k) => k in (x.body as object)));
    if (x?.status === 200) expect(Object.keys(x.body as object).every((k) => k === 'name' || k === 'enabled')).toBe(true);
  });

  it('the collector asks the email provider for its from-address but never its credentials, and never sends include_totals to /logs', () => {
    const provider = exchanges.filter((e) => e.by === 'collector' && e.path === '/emails/provider');
    expect(provider).toHaveLength(1);
    expect(provider[0]?.query.get('fields')?.split(',')).toContain('default_from_address');
    expect(provider[0]?.query.get('fields')).not.toContain('credentials');
    expect(exchanges.filter((e) => e.by === 'collector' && e.path === '/logs' && e.query.has('include_totals'))).toEqual([]);
  });

  it('a never-customised prompt text is 200 {}', () => {
    const x = exchanges.find((e) => e.by === 'probe' && e.path === '/prompts/login/custom-text/fr');
    expect(x?.status).toBe(200);
  });
});
