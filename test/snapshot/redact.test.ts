import { describe, expect, it } from 'vitest';
import { redact, REDACTED } from '../../src/snapshot/redact.js';

describe('redact', () => {
  it('removes every secret-bearing field of catalog §0', () => {
    const out = redact({
      connection: { options: { client_secret: 'S1', twilio_token: 'S2', configuration: { DB_PASSWORD: 'S3' }, passwordPolicy: 'good', brute_force_protection: true } },
      provider: { name: 'smtp', credentials: { smtp_host: 'h', smtp_pass: 'S4' } },
      stream: { sink: { httpAuthorization: 'S5', httpCustomHeaders: [{ header: 'x', value: 'S6' }] } },
      action: { secrets: [{ name: 'API_KEY', value: 'S7' }] },
      client: { client_secret: 'S8', token_endpoint_auth_method: 'client_secret_post', refresh_token: { rotation_type: 'rotating', token_lifetime: 3600 } },
      api: { signing_secret: 'S9', token_lifetime: 86400 },
    });
    const text = JSON.stringify(out);
    for (let i = 1; i <= 9; i++) expect(text).not.toContain(`S${i}`);
    expect(out.connection.options.passwordPolicy).toBe('good');
    expect(out.client.token_endpoint_auth_method).toBe('client_secret_post');
    expect(out.client.refresh_token).toEqual({ rotation_type: 'rotating', token_lifetime: 3600 });
    expect(out.api.token_lifetime).toBe(86400);
    expect(out.action.secrets).toEqual([{ name: 'API_KEY', value: REDACTED }]);
  });

  it('keeps structures whose names only look secret (email templates)', () => {
    const out = redact({ stolen_credentials: { enabled: true, subject: 'x' }, password_reset: { enabled: true } });
    expect(out).toEqual({ stolen_credentials: { enabled: true, subject: 'x' }, password_reset: { enabled: true } });
  });

  it('keeps an empty credential list: it holds no secret, and it is how a client that cannot authenticate shows', () => {
    const out = redact({ client_authentication_methods: { private_key_jwt: { credentials: [] } }, other: { credentials: [{ id: 'cred_1', pem: 'S1' }] } });
    expect(out.client_authentication_methods.private_key_jwt.credentials).toEqual([]);
    expect(out.other.credentials).toBe(REDACTED);
  });
});
