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
