import { describe, expect, it } from 'vitest';
import { calls, callsReading, findCalls, hardcodedSecrets, imports, instanceCalls, isConditional, parseCode, propertyReads, type ParsedCode } from '../../src/engine/code.js';

const parsed = (code: string): ParsedCode => {
  const p = parseCode(code);
  if (!p.ok) throw new Error(p.error);
  return p;
};

describe('code analysis', () => {
  it('finds calls with their location, following one level of aliases', () => {
    const p = parsed(`exports.onExecutePostLogin = async (event, api) => {
  const mfa = api.multifactor;
  if (event.user.app_metadata.admin) mfa.enable('any');
  api.idToken.setCustomClaim('https://acme/roles', event.authorization?.roles);
};`);
    expect(findCalls(p, 'api.multifactor.enable')).toEqual([{ callee: 'api.multifactor.enable', stringArgs: ['any'], line: 3, column: 38 }]);
    expect(findCalls(p, 'api.idToken.*').map((c) => c.line)).toEqual([4]);
    expect(calls(p).some((c) => c.callee === 'mfa.enable')).toBe(false);
  });

  it('does not mistake comments or strings for calls', () => {
    const p = parsed(`// api.multifactor.enable('any')
const doc = "api.multifactor.enable('any')";`);
    expect(findCalls(p, 'api.multifactor.enable')).toEqual([]);
  });

  it('lists imports and requires', () => {
    const p = parsed(`const { ManagementClient } = require('auth0');\nimport axios from 'axios';`);
    expect(imports(p).map((i) => i.module)).toEqual(['auth0', 'axios']);
  });

  it('finds hard-coded secrets by name and value, masked, with line and column', () => {
    const p = parsed(`const API_KEY = "sk_live_9f8A7b6C5d4E3f2G1h";
const region = "eu-west-1";
const config = { client_secret: 'Zq81Lm0Pw92Xn4Vb', timeout: 'thirtyseconds' };
options.password = "hunter2hunter2X";
const url = "https://admin:S3cr3tPass@db.acme.example/users";`);
    const hits = hardcodedSecrets(p);
    expect(hits.map((h) => [h.name, h.line])).toEqual([
      ['API_KEY', 1],
      ['client_secret', 3],
      ['password', 4],
      ['url', 5],
    ]);
    expect(JSON.stringify(hits)).not.toContain('9f8A7b6C5d4E3f2G1h');
    expect(hits[0]?.preview).toBe('sk_… (26 chars)');
  });

  it('flags lowercase-word literals assigned to secret-named keys and variables, masked', () => {
    const p = parsed(`const db = { user: 'admin', password: 'secret' };
const cfg = { apiKey: 'changeme' };
const clientSecret = 'changeme';
options.auth_token = 'letmein';`);
    const hits = hardcodedSecrets(p);
    expect(hits.map((h) => [h.name, h.line])).toEqual([
      ['password', 1],
      ['apiKey', 2],
      ['clientSecret', 3],
      ['auth_token', 4],
    ]);
    expect(JSON.stringify(hits)).not.toMatch(/'secret'|changeme|letmein/);
    expect(hits[0]?.preview).toBe('s… (6 chars)');
  });

  it('keeps false positives low: empty values, settings named after secrets, non-secret keys, placeholders, non-literals', () => {
    const p = parsed(`const a = { password: '', type: 'password', grant_type: 'password', token_type: 'Bearer', tokenType: 'bearer' };
const b = { passwordPolicy: 'good', token_endpoint_auth_method: 'client_secret_post', secretName: 'crm', passwordField: 'pwd' };
const c = { apiKey: process.env.API_KEY, password: event.secrets.DB_PASSWORD, token: await getToken(), secret: \`\${prefix}-x\` };
const d = { client_secret: '##CRM_SECRET##', api_key: '@@API_KEY@@', password: 'YOUR_PASSWORD_HERE', token: '<token>' };
const passwordError = 'Wrong email or password';
const pwd = undefined;`);
    expect(hardcodedSecrets(p)).toEqual([]);
  });

  it('does not flag secrets read from configuration or Action secrets', () => {
    const p = parsed(`const key = event.secrets.API_KEY; const pwd = configuration.DB_PASSWORD; const token_type = "Bearer";`);
    expect(hardcodedSecrets(p)).toEqual([]);
  });

  describe('property reads (member access, computed access, destructuring, one level of aliasing)', () => {
    const reads = (code: string) => propertyReads(parsed(code)).filter((r) => r.path.endsWith('.code_challenge')).map((r) => `${r.path} ${r.line}:${r.column}`);
    it('member access', () => {
      expect(reads('if (!event.request.query.code_challenge) deny();')).toEqual(['event.request.query.code_challenge 1:6']);
    });
    it('optional member access', () => {
      expect(reads('x = event.request?.query?.code_challenge;')).toEqual(['event.request.query.code_challenge 1:5']);
    });
    it('computed access with a string key', () => {
      expect(reads("x = event.request.query['code_challenge'];")).toEqual(['event.request.query.code_challenge 1:5']);
    });
    it('destructuring, renamed and with a default, nested', () => {
      expect(reads("const { code_challenge: cc = '' } = event.request.query;\nconst { request: { query: { code_challenge } } } = event;")).toEqual([
        'event.request.query.code_challenge 1:9',
        'event.request.query.code_challenge 2:29',
      ]);
    });
    it('one level of aliasing, by assignment or by destructuring', () => {
      expect(reads('const q = event.request.query;\nq.code_challenge;\nconst { query } = event.request;\nquery.code_challenge;')).toEqual([
        'event.request.query.code_challenge 2:1',
        'event.request.query.code_challenge 4:1',
      ]);
    });
    it("the 'in' operator", () => {
      expect(reads("if ('code_challenge' in event.request.query) ok();")).toEqual(['event.request.query.code_challenge 1:5']);
    });
    it('does not take a local variable of the same name for a property', () => {
      expect(reads('const code_challenge = 1; use(code_challenge);')).toEqual([]);
    });
  });

  it('reports a syntax error with its location instead of throwing', () => {
    const r = parseCode('function (');
    expect(r.ok).toBe(false);
    expect(r.ok ? undefined : r.location?.line).toBe(1);
  });
});

describe('callsReading, isConditional, instanceCalls (issue 16 §3)', () => {
  const EMAIL = /^event\.user\.email$/;
  it('reports the outermost call whose arguments read the property, through aliases and variables', () => {
    const p = parsed(`exports.h = async (event, api) => {
  const url = 'https://x.example/?e=' + encodeURIComponent(event.user.email);
  await fetch(url);
  const { email } = event.user;
  lookup(email);
  console.log(event.user.name);
};`);
    expect(callsReading(p, EMAIL).map((c) => `${c.callee}@${c.line} ${c.awaited}`)).toEqual(['encodeURIComponent@2 false', 'fetch@3 true', 'lookup@5 false']);
  });
  it('tells conditional code from code that always runs', () => {
    const p = parsed(`exports.h = async (event, api) => {
  always();
  if (event.x) { inIf(); }
  event.y && inAnd();
  if (event.z) return;
  afterGuard();
};
function other() { if (a) return; notGuardedByOther; }`);
    const at = (name: string) => calls(p).find((c) => c.callee === name) ?? { line: 0, column: 0 };
    expect(isConditional(p, at('always'))).toBe(false);
    expect(isConditional(p, at('inIf'))).toBe(true);
    expect(isConditional(p, at('inAnd'))).toBe(true);
    expect(isConditional(p, at('afterGuard'))).toBe(true);
  });
  it('an early return in another function guards nothing here', () => {
    const p = parsed(`function a() { if (x) return; }
exports.h = async () => { run(); };`);
    expect(isConditional(p, calls(p).find((c) => c.callee === 'run') ?? { line: 0, column: 0 })).toBe(false);
  });
  it('finds method calls on objects built with new', () => {
    const p = parsed(`const m = new ManagementClient({});
let n;
n = new auth0.ManagementClient({});
m.users.get({ id: 1 });
n.roles.list();
other.users.get();`);
    expect(instanceCalls(p, /(^|\.)ManagementClient$/).map((c) => c.callee)).toEqual(['m.users.get', 'n.roles.list']);
  });
});
