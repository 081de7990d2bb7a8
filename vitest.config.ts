import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Tests that start servers, intercept the network (nock), spawn processes or change the working
 * directory run in a fresh process per file. Every other file is a pure unit test: those share
 * their worker processes (`isolate: false`), so the engine, the rules and zod load once per worker
 * instead of once per file.
 */
const ISOLATED = [
  'test/e2e/**/*.test.ts',
  'test/browser/**/*.test.ts',
  'test/cli/epipe.test.ts',
  'test/cli/process.test.ts',
  'test/emulator/conformance.test.ts',
  'test/emulator/emulator.test.ts',
  'test/emulator/faults.test.ts',
  'test/emulator/fixtures.test.ts',
  'test/emulator/rate-limit.test.ts',
  'test/sources/collect.test.ts',
  'test/action.test.ts',
  'test/package.test.ts',
];

const shared = {
  setupFiles: ['test/support/no-network.ts'],
  testTimeout: 20_000,
  hookTimeout: 20_000,
};

export default defineConfig({
  test: {
    // Every core: most e2e runs are in-process now, so a worker is busy with its own CPU work.
    maxWorkers: availableParallelism(),
    projects: [
      { test: { ...shared, name: 'unit', include: ['test/**/*.test.ts'], exclude: ISOLATED, isolate: false } },
      { test: { ...shared, name: 'isolated', include: ISOLATED } },
    ],
  },
});
