import { join, resolve } from 'node:path';

export const projectRoot = resolve(import.meta.dirname, '..');

/** Defaults shared by `npm start` and `npm run token`, so a token printed by one works with the other. */
export const localDefaults = {
  apiPort: 3000,
  sesPort: 8005,
  dynamoDbPort: 8000,
  schedulerPort: 8006,
  oidcPort: 8007,
  dataDir: join(projectRoot, '.local'),
  keyFile: join(projectRoot, '.local', 'keys', 'jwt-signing-key.json'),
  /** The OpenID provider's, so an ID token copied from the console outlives a restart as `npm run token`'s do. */
  oidcKeyFile: join(projectRoot, '.local', 'keys', 'oidc-signing-key.json'),
  tableName: 'metlib-nominations',
  mailFrom: 'MetLib Learning Circle <learning-circle@metlib.example.org>',
  /**
   * As on AWS per nominator address; per source address high enough that `npm run load` and the
   * tests, which all post from 127.0.0.1, are never refused (`--source-limit` lowers it).
   */
  intakeLimits: { perNominatorPerDay: 5, perSourcePerHour: 100_000 },
  /** Inside the 2024 nomination window, so the form is open on a fresh start. */
  clock: '2024-02-01T14:00:00Z',
};

/** The one password of every seeded staff account of the local OpenID provider (local/oidc/accounts.ts). */
export const localStaffPassword = 'metlib-staff-local';

/**
 * What the local tools, the bench and the tests read from the environment, read here once (the
 * functions read theirs in shared/config.ts).
 */
export const localEnvironment = {
  /** Debian's Chromium (.ci/run installs it), unless CHROMIUM_PATH names another. */
  chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  /** `npm run test:volume`: the volume tests at full size (test/support/volume.ts). */
  fullVolume: process.env.METLIB_TEST_VOLUME === 'full',
  /** `npm run screenshots`: the browser tests take their screenshots (test/support/screenshots.ts). */
  screenshots: process.env.METLIB_SCREENSHOTS === '1',
  /** Where a child process finds its commands. */
  path: process.env.PATH ?? '',
};

/** Chromium headless and quiet: no sandbox (CI runs as root), no GPU, no calls home a closed network refuses. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Lambda runs the handlers on Node 24; the SDK's notice about this machine's Node 20 is known and
 * only noise in what the local tools print.
 */
export const quietNodeVersionNotice = () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
};
