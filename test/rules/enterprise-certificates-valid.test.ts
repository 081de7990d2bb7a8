import rule from '../../rules/enterprise-certificates-valid.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, tenantFrom, type Mutator } from '../support/tenant.js';
import { expect, it } from 'vitest';

// Self-signed P-256 test certificates (no private key kept). The tester's clock is 2026-11-22.
const EXPIRING = `-----BEGIN CERTIFICATE-----
MIIBPzCB5qADAgECAhQNBzW7aHE6f6VK/vWFN8LDTJzgPDAKBggqhkjOPQQDAjAg
MR4wHAYDVQQDDBVpZHAtc29vbi50ZXN0LmV4YW1wbGUwHhcNMjUxMjEwMDAwMDAw
WhcNMjYxMjEwMDAwMDAwWjAgMR4wHAYDVQQDDBVpZHAtc29vbi50ZXN0LmV4YW1w
bGUwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATfywSt87xc/iR0H+lXy53BmH17
RMTUEY4RgdzWPG04Nx+s/ZurY+/lsQYqDHcd7/lKSY961FC05P548DbKaA8eMAoG
CCqGSM49BAMCA0gAMEUCIQCEacyAWXtmDUxsi8JkFMTy9FvEhoHsy7mSLOiALh5c
HQIgfi7bTzCSicoFcBbD0WPCbWCqdlRd8bLORL1i5aKwAmc=
-----END CERTIFICATE-----
`; // valid until 2026-12-10: 18 days left
const EXPIRED = `-----BEGIN CERTIFICATE-----
MIIBRTCB7KADAgECAhRQZiffsszN2FLngGNS8tlFJc5auzAKBggqhkjOPQQDAjAj
MSEwHwYDVQQDDBhpZHAtZXhwaXJlZC50ZXN0LmV4YW1wbGUwHhcNMjUwNjAxMDAw
MDAwWhcNMjYwNjAxMDAwMDAwWjAjMSEwHwYDVQQDDBhpZHAtZXhwaXJlZC50ZXN0
LmV4YW1wbGUwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAARW8KY1ImXCzxSYUiFL
OGC6weRd8/ojOYZ5kw7zydgWme6tsp3KIH7DyA5/gU7nBc72tJ1wlbEdH4DrAs6F
X6JYMAoGCCqGSM49BAMCA0gAMEUCIQCWRpO3+FSsCd9e0GewF49tc+0AJvZaTQPD
ZDvF4tifVQIgSz/1RRyQgrH/VPY+7n3mK+Xxna6CoNsi6Km5SDV8pV4=
-----END CERTIFICATE-----
`; // expired 2026-06-01
const VALID = `-----BEGIN CERTIFICATE-----
MIIBQjCB6KADAgECAhQ5z98Hwm0PxD898aaXFD8V0dgxfzAKBggqhkjOPQQDAjAh
MR8wHQYDVQQDDBZpZHAtdmFsaWQudGVzdC5leGFtcGxlMB4XDTI2MDEwMTAwMDAw
MFoXDTMxMDEwMTAwMDAwMFowITEfMB0GA1UEAwwWaWRwLXZhbGlkLnRlc3QuZXhh
bXBsZTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABLnAVs3IvQFZ3IN7b44KaTwV
t3H8uAWBZQNMBTPne6mRZN1vUodLF7kokobq/du11/5tA+sbXBH1ZmqfbcXfX4Mw
CgYIKoZIzj0EAwIDSQAwRgIhAIOJNxfy+j/j6w3gAU2n7YKIiVsgQBMTWeyackyg
cChHAiEA/pUAIvSk79vr83iMTRmmr7Ju7vfeNRIJG5r8Ap693sE=
-----END CERTIFICATE-----
`; // valid until 2031-01-01

const b64 = (s: string) => Buffer.from(s).toString('base64');
const derB64 = (pem: string) => pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
const saml = (id: string, options: Record<string, unknown>): Mutator => (t) => {
  t.connections = [...(t.connections ?? []), { id, name: id.replace('con_', ''), strategy: 'samlp', options: { signInEndpoint: 'https://idp.test.example/sso', ...options } }];
};

ruleTester(rule, {
  valid: [
    { name: 'B2C baseline: no certificate (n/a)', tenant: tenant() },
    { name: 'B2B fixture: the Initech certificate runs to 2036 (PEM in cert, base64 PEM in signingCert)', tenant: tenantFrom('b2b-organizations') },
    { name: 'base64 DER in signingCert', tenant: tenant(saml('con_der', { signingCert: derB64(VALID) })) },
  ],
  invalid: [
    {
      name: 'a certificate that expires within the warning window',
      tenant: tenant(saml('con_soon', { signingCert: b64(EXPIRING), cert: EXPIRING })),
      findings: [{ status: 'fail', messageId: 'expiring', severity: 'warning', resource: 'con_soon', field: 'options.signingCert', value: '2026-12-10T00:00:00.000Z' }],
    },
    {
      name: 'an expired certificate',
      tenant: tenant(saml('con_old', { cert: EXPIRED })),
      findings: [{ status: 'fail', messageId: 'expired', severity: 'warning', resource: 'con_old', field: 'options.cert', value: '2026-06-01T00:00:00.000Z' }],
    },
    {
      name: 'a certificate that does not parse is unknown',
      tenant: tenant(saml('con_bad', { signingCert: 'bm90IGEgY2VydGlmaWNhdGU=' })),
      findings: [{ status: 'unknown', messageId: 'unreadable', resource: 'con_bad', field: 'options.signingCert' }],
    },
    {
      name: 'options hidden on a SAML connection',
      tenant: tenantFrom('b2b-organizations', (t) => { t.connections = (t.connections ?? []).map(({ options: _o, ...c }) => c); }),
      findings: [{ status: 'unknown', messageId: 'hidden', resource: 'con_Rd8EpEhTFYBomjxD', field: 'options' }],
    },
  ],
});

it('reports the same certificate once when cert and signingCert both hold it, and each distinct one', () => {
  const same = run(rule, tenant(saml('con_soon', { signingCert: b64(EXPIRING), cert: EXPIRING })));
  expect(same).toHaveLength(1);
  expect(same[0]?.message).toBe('Certificate CN=idp-soon.test.example of connection soon (options.signingCert) expires on 2026-12-10, in 18 days (warning at 30 days): plan the rollover with the IdP');
  const rollover = run(rule, tenant(saml('con_roll', { cert: `${EXPIRING}${VALID}` })));
  expect(rollover.map((f) => f.messageId)).toEqual(['expiring', 'valid']);
});

it('uses the configured warning window', () => {
  expect(run(rule, tenant(saml('con_soon', { cert: EXPIRING })), { settings: { certificateWarningDays: 10 } })[0]?.status).toBe('pass');
});

it('says nothing about hidden options of strategies without certificates', () => {
  const fs = run(rule, tenant((t) => { t.connections = [{ id: 'con_okta', name: 'okta', strategy: 'okta' }]; }));
  expect(fs.map((f) => f.status)).toEqual(['n/a']);
});
