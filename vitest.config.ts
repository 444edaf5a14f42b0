import { defineConfig } from 'vitest/config';

/**
 * Test files that need a local stack of their own, or change the process they run in: each runs
 * in a fresh process. Submission limits (intake-abuse), the origin secret (edge-origin) and the
 * DEBUG log level (personal-data) are read by the functions as they load; the simulated year and
 * decision day start a whole stack (the latter with the SES emulator's sending rate); the fault
 * tests mock SDK clients for their whole process or stop DynamoDB Local; the bundle tests run
 * the synthesized functions against emulators of their own.
 */
const ownProcess = [
  'test/faults/**/*.test.ts',
  'test/infra/bundles.test.ts',
  'test/integration/decision-day.test.ts',
  'test/integration/edge-origin.test.ts',
  'test/integration/intake-abuse.test.ts',
  'test/integration/personal-data.test.ts',
  'test/integration/simulate.test.ts',
];

export default defineConfig({
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // Guards against a hang, not a measure of speed (that is `npm run bench`).
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores here: more workers only fight over them and DynamoDB Local.
    maxWorkers: 2,
    projects: [
      // The one-minute loop: no emulators, no global setup, so Java does not start. Its files
      // share a process per worker: they hold no state between them (the two that load
      // modules under changed variables reset the module registry), and importing the domain,
      // Preact and the SDK once per worker instead of once per file is two thirds of its time.
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], isolate: false } },
      // The CDK app's templates: no emulators either. A worker's files share its process, and
      // in it the dev stage's templates, synthesized once (test/infra/synthesized.ts).
      {
        extends: true,
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          exclude: ['test/infra/bundles.test.ts'],
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'stack',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          exclude: ownProcess,
          // One process per worker for all the files it runs, and in it one local stack
          // (test/support/test-stack.ts) and one Chromium (test/support/browser.ts), which each
          // file gets reset or in a new context.
          isolate: false,
          globalSetup: ['test/global-setup.ts'],
          setupFiles: ['test/support/stack-file-hooks.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'own-process', include: ownProcess, globalSetup: ['test/global-setup.ts'] },
      },
    ],
  },
});
