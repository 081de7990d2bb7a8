#!/usr/bin/env node
/**
 * `npm run demo [-- <fixture>] [-- audit flags…]`: starts the local Management API emulator on a
 * bundled fixture tenant (default: brand-new) and runs a real audit through the real auth0 SDK
 * over HTTP, printing the console report. Fixtures: brand-new, go-live-ready-b2c,
 * b2b-organizations, large. Nothing leaves 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const serverJs = `${root}dist/test/emulator/server.js`;
if (!existsSync(serverJs)) {
  console.error('demo: the project is not built; run `npm run build` first');
  process.exit(2);
}
const { startEmulator, loadFixture } = await import(serverJs);

const args = process.argv.slice(2);
const name = args[0] && !args[0].startsWith('-') ? args.shift() : 'brand-new';
const fixturePath = `${root}fixtures/tenants/${name}.json`;
if (!existsSync(fixturePath)) {
  console.error(`demo: no fixture ${name}; try brand-new, go-live-ready-b2c, b2b-organizations or large`);
  process.exit(2);
}
const fixture = loadFixture(fixturePath);
const emulator = await startEmulator({ fixture, clientId: 'demo-client', clientSecret: 'demo-secret' });
const plan = name.startsWith('b2b') ? ['--plan', 'b2b'] : [];
console.error(`demo: emulating ${fixture.domain} (${name}: ${fixture.description}) on ${emulator.url}\n`);

const child = spawn(
  process.execPath,
  [`${root}bin/auth0-readiness.js`, 'audit', '--domain', fixture.domain, '--api-base-url', emulator.url, ...plan, ...args],
  { stdio: 'inherit', env: { ...process.env, AUTH0_CLIENT_ID: 'demo-client', AUTH0_CLIENT_SECRET: 'demo-secret' } },
);
child.on('exit', async (code) => {
  await emulator.close();
  const gets = emulator.requests.filter((r) => r.method === 'GET').length;
  console.error(`\ndemo: the audit sent ${emulator.requests.length} requests (${gets} GET, the rest the token request) and exited with code ${code}` +
    ` (${code === 0 ? 'gate passed' : code === 1 ? 'gate failed: the tenant is not ready' : 'error'}).`);
  process.exit(code === 0 || code === 1 ? 0 : code ?? 1);
});
