import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores here: more workers only fight over them and DynamoDB Local.
    maxWorkers: 2,
    // date-fns-tz pulls in all of date-fns, some two seconds per test file unless pre-bundled.
    deps: { optimizer: { ssr: { enabled: true, include: ['date-fns', 'date-fns-tz'] } } },
    projects: [
      // Unit tests need no emulators: their project has no global setup, so Java does not start.
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'stack',
          // A guard against a hang, not a measure of speed (that is `npm run bench`): on two
          // shared cores, browsers and stacks running side by side can stretch a test well past 30 s.
          testTimeout: 90_000,
          include: ['test/**/*.test.ts'],
          exclude: ['test/unit/**'],
          globalSetup: ['test/global-setup.ts'],
        },
      },
    ],
  },
});
