/**
 * Run the Management API emulator from the command line (after `npm run build`):
 *
 *   node dist/test/emulator/cli.js --fixture fixtures/tenants/go-live-ready-b2c.json \
 *     [--port 4010] [--rate 15 --burst 50] [--client-id emulator-client] [--client-secret emulator-secret] \
 *     [--scopes read:clients,read:connections] [--token my-static-token]
 *     [--error-rate 0.05] [--latency-ms 50 | --latency-ms 20-200] [--hang-rate 0.01]
 *     [--storm-after 100 --storm-count 20] [--token-failures 1] [--seed 1]
 *
 * Prints exactly one line on stdout, `listening on <url>`, then runs until SIGINT/SIGTERM.
 * Details (audience, credentials) go to stderr.
 */
import { parseArgs } from 'node:util';
import { ALL_READ_SCOPES, loadFixture, startEmulator, type EmulatorOptions, type FaultOptions } from './server.js';

const USAGE =
  'usage: node dist/test/emulator/cli.js --fixture <file> [--port 4010] [--rate <per second> --burst <n>]\n' +
  '       [--client-id <id>] [--client-secret <secret>] [--scopes <s1,s2>] [--token <static token>]\n' +
  '       faults: [--error-rate <0-1>] [--latency-ms <ms|min-max>] [--hang-rate <0-1>]\n' +
  '               [--storm-after <n> --storm-count <n>] [--token-failures <n>] [--seed <n>]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function positiveNumber(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) fail(`--${name} must be a non-negative number, got "${v}"`);
  return n;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        fixture: { type: 'string' },
        port: { type: 'string', default: '4010' },
        rate: { type: 'string' },
        burst: { type: 'string' },
        'client-id': { type: 'string' },
        'client-secret': { type: 'string' },
        scopes: { type: 'string' },
        token: { type: 'string', multiple: true },
        'error-rate': { type: 'string' },
        'latency-ms': { type: 'string' },
        'hang-rate': { type: 'string' },
        'storm-after': { type: 'string' },
        'storm-count': { type: 'string' },
        'token-failures': { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    fail((err as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.fixture) fail('--fixture is required');

  let fixture;
  try {
    fixture = loadFixture(values.fixture);
  } catch (err) {
    fail((err as Error).message);
  }

  const port = positiveNumber('port', values.port) ?? 4010;
  if (!Number.isInteger(port) || port > 65535) fail(`--port must be an integer between 0 and 65535, got "${values.port}"`);
  const rate = positiveNumber('rate', values.rate);
  const burst = positiveNumber('burst', values.burst);
  if ((rate === undefined) !== (burst === undefined)) fail('--rate and --burst go together');
  if (rate === 0 || burst === 0) fail('--rate and --burst must be greater than 0');
  const scopes = values.scopes?.split(/[\s,]+/).filter(Boolean) ?? [...ALL_READ_SCOPES];

  const share = (name: string, v: string | undefined): number | undefined => {
    const n = positiveNumber(name, v);
    if (n !== undefined && n > 1) fail(`--${name} must be between 0 and 1, got "${v}"`);
    return n;
  };
  const faults: FaultOptions = {};
  const errorRate = share('error-rate', values['error-rate']);
  if (errorRate !== undefined) faults.errorRate = errorRate;
  const hangRate = share('hang-rate', values['hang-rate']);
  if (hangRate !== undefined) faults.hangRate = hangRate;
  if (values['latency-ms'] !== undefined) {
    const m = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?$/.exec(values['latency-ms']);
    if (!m) fail(`--latency-ms must be <ms> or <min>-<max>, got "${values['latency-ms']}"`);
    faults.latencyMs = m[2] !== undefined ? [Number(m[1]), Number(m[2])] : Number(m[1]);
  }
  const stormAfter = positiveNumber('storm-after', values['storm-after']);
  const stormCount = positiveNumber('storm-count', values['storm-count']);
  if ((stormAfter === undefined) !== (stormCount === undefined)) fail('--storm-after and --storm-count go together');
  if (stormAfter !== undefined && stormCount !== undefined) faults.storm = { after: stormAfter, count: stormCount };
  const tokenFailures = positiveNumber('token-failures', values['token-failures']);
  if (tokenFailures !== undefined) faults.tokenFailures = tokenFailures;
  const seed = positiveNumber('seed', values.seed);
  if (seed !== undefined) faults.seed = seed;

  const options: EmulatorOptions = {
    ...(Object.keys(faults).length > 0 && { faults }),
    fixture,
    port,
    scopes,
    ...(values['client-id'] !== undefined && { clientId: values['client-id'] }),
    ...(values['client-secret'] !== undefined && { clientSecret: values['client-secret'] }),
    ...(rate !== undefined && burst !== undefined && { rateLimit: { perSecond: rate, burst } }),
    ...(values.token?.length && { tokens: Object.fromEntries(values.token.map((t) => [t, scopes])) }),
  };

  const emulator = await startEmulator(options);
  process.stdout.write(`listening on ${emulator.url}\n`);
  process.stderr.write(
    `tenant ${fixture.domain}: audience ${emulator.audience}, client id ${options.clientId ?? 'emulator-client'}` +
      `${rate !== undefined ? `, rate ${rate}/s burst ${burst}` : ''}\n`,
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: stopping after ${emulator.requests.length} requests\n`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
