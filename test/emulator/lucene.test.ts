/** The Lucene subset of the emulator's log and user search. */
import { describe, expect, it } from 'vitest';
import { LuceneSyntaxError, matches, parseLucene } from './lucene.js';

const log = {
  type: 's',
  date: '2026-11-21T09:02:41.512Z',
  hostname: 'login.acme.example',
  client_name: 'Acme Web Store',
  details: { prompts: [] },
};
const user = {
  user_id: 'okta|umbrella-okta|00u1',
  email_verified: false,
  logins_count: 12,
  identities: [
    { provider: 'okta', connection: 'umbrella-okta' },
    { provider: 'auth0', connection: 'globex-partners-db' },
  ],
  app_metadata: { partner_id: 'P-0107' },
};
const m = (q: string, record: unknown) => matches(parseLucene(q), record);

describe('lucene subset', () => {
  it('matches quoted and bare values, OR lists, AND, OR, NOT and groups', () => {
    expect(m('type:"s"', log)).toBe(true);
    expect(m('type:s', log)).toBe(true);
    expect(m('type:"ss"', log)).toBe(false);
    expect(m('type:("f" OR "s")', log)).toBe(true);
    expect(m('type:"s" AND hostname:"login.acme.example"', log)).toBe(true);
    expect(m('type:"s" AND hostname:"acme-prod.us.auth0.com"', log)).toBe(false);
    expect(m('type:"f" OR hostname:"login.acme.example"', log)).toBe(true);
    expect(m('NOT type:"s"', log)).toBe(false);
    expect(m('(type:"f" OR type:"s") AND NOT hostname:"x"', log)).toBe(true);
  });

  it('compares date ranges by instant, bare ISO timestamps included', () => {
    expect(m('date:[2026-11-15T00:00:00.000Z TO *]', log)).toBe(true);
    expect(m('date:[2026-11-21T09:02:41.512Z TO *]', log)).toBe(true);
    expect(m('date:{2026-11-21T09:02:41.512Z TO *]', log)).toBe(false);
    expect(m('date:[* TO 2026-11-01T00:00:00Z]', log)).toBe(false);
    expect(m('date:["2026-11-21T00:00:00+00:00" TO "2026-11-22T00:00:00+00:00"]', log)).toBe(true);
    expect(m('logins_count:[10 TO 20]', user)).toBe(true);
    expect(m('logins_count:[2 TO 9]', user)).toBe(false); // numerically, not as text
  });

  it('reads dotted paths, arrays, booleans and wildcards', () => {
    expect(m('email_verified:false', user)).toBe(true);
    expect(m('email_verified:true', user)).toBe(false);
    expect(m('identities.connection:"globex-partners-db"', user)).toBe(true);
    expect(m('identities.provider:"samlp"', user)).toBe(false);
    expect(m('app_metadata.partner_id:"P-0107"', user)).toBe(true);
    expect(m('client_name:Acme*', log)).toBe(true);
    expect(m('client_name:*Store', log)).toBe(true);
    expect(m('client_name:"Acme*"', log)).toBe(false); // quoted: literal
    expect(m('user_name:*', log)).toBe(false); // no such field
    expect(m('hostname:*', log)).toBe(true);
  });

  it('refuses what it does not support', () => {
    for (const q of ['', 'type:"s" hostname:"x"', 's', 'type:', 'type:("s"', 'date:[a b]', 'type:"s" AND', '"unterminated']) {
      expect(() => parseLucene(q), q).toThrow(LuceneSyntaxError);
    }
  });
});
