import { edgeOff, grantedVariables as v } from '#shared/environment';
import { type BundleFiles, catalog, type FunctionEntry } from './catalog.ts';

/**
 * The values behind a function's variables, wherever it runs: CloudFormation references for the
 * CDK stack, the emulators and fixed local values for the local stack.
 */
export interface FunctionResources {
  tableName: string;
  mailFrom: string;
  /** Unset locally: the SES emulator has no configuration sets. */
  sesConfigurationSet?: string;
  organizerEmails: readonly string[];
  /** `<stack name>-` on AWS; the local stack has its own Scheduler emulator, and no prefix. */
  scheduleGroupPrefix: string;
  /** The ARN of the catalog function of this name (the schedule targets). */
  functionArn: (name: string) => string;
  schedulerRoleArn: string;
  schedulerDeadLetterArn: string;
  /** Where a function finds its bundle files as it runs. */
  bundleFilesFolder: (files: BundleFiles) => string;
  /** The emulators, locally; on AWS the SDK's defaults are right. */
  endpoints?: { dynamoDb: string; ses: string; scheduler: string; secretsManager: string };
  /**
   * Where the staff console signs in: the OpenID issuer (the user pool's on AWS, the local
   * provider's locally) and the console's public client there. Needed by `access.consoleSignIn`.
   */
  console?: ConsoleSignIn;
  /** The secret holding the private key that signs links: its ARN on AWS, its name locally. */
  linkSecret: string;
  /** The public keys links are checked against: a JSON array of JWKs (docs/link-keys.md). */
  linkPublicKeys: string;
  /**
   * The secret CloudFront sends in its origin header, which every function with a route checks:
   * its ARN on AWS, its name locally; `edgeOff` where no CloudFront stands in front.
   */
  edgeSecret: string;
  /** Where people open the site: the base of the links emails carry (`access.siteUrl`). */
  siteUrl: string;
  /** How many submissions a nominator address may make a day, and a source address an hour. */
  intakeLimits: { perNominatorPerDay: number; perSourcePerHour: number };
}

/** The console's public client at its OpenID issuer, and Cognito's logout endpoint on AWS. */
export interface ConsoleSignIn {
  authority: string;
  clientId: string;
  signOutUrl?: string;
}

/** The console's pages the provider returns to: after sign-in, and after sign-out. */
export const consolePaths = { callback: '/staff/callback', signedOut: '/staff' } as const;

const scheduleTargets = catalog.flatMap((entry) =>
  entry.scheduleTarget ? [{ name: entry.name, arnVariable: entry.scheduleTarget.arnVariable }] : [],
);

/**
 * Exactly the variables a catalog entry may read (shared/config.ts), by what its `access` grants
 * and the files its bundle carries. The CDK stack sets these and no other; the local stack loads
 * each handler with these alone, so a grant missing from the catalog fails at local start too.
 */
export const environmentFor = (
  entry: FunctionEntry,
  resources: FunctionResources,
): Record<string, string> => {
  const { access, bundleFiles } = entry;
  const endpoints = resources.endpoints;
  const readsSecrets = access.signLinks || (entry.routes && resources.edgeSecret !== edgeOff);
  if (access.consoleSignIn && !resources.console) {
    throw new Error(`${entry.name} needs the console's sign-in settings (FunctionResources.console)`);
  }
  return {
    ...(access.table && {
      [v.TABLE_NAME]: resources.tableName,
      ...(endpoints && { [v.DYNAMODB_ENDPOINT]: endpoints.dynamoDb }),
    }),
    ...(access.sendEmail && {
      [v.MAIL_FROM]: resources.mailFrom,
      ...(resources.sesConfigurationSet && { [v.SES_CONFIGURATION_SET]: resources.sesConfigurationSet }),
      ...(endpoints && { [v.SES_ENDPOINT]: endpoints.ses }),
    }),
    ...(access.manageSchedules && {
      [v.SCHEDULE_GROUP_PREFIX]: resources.scheduleGroupPrefix,
      ...Object.fromEntries(scheduleTargets.map((t) => [t.arnVariable, resources.functionArn(t.name)])),
      [v.SCHEDULER_ROLE_ARN]: resources.schedulerRoleArn,
      [v.SCHEDULER_DLQ_ARN]: resources.schedulerDeadLetterArn,
      ...(endpoints && { [v.SCHEDULER_ENDPOINT]: endpoints.scheduler }),
    }),
    ...(access.organizerEmails && { [v.ORGANIZER_EMAILS]: resources.organizerEmails.join(',') }),
    ...(access.consoleSignIn &&
      resources.console && {
        [v.CONSOLE_AUTHORITY]: resources.console.authority,
        [v.CONSOLE_CLIENT_ID]: resources.console.clientId,
        ...(resources.console.signOutUrl && { [v.CONSOLE_SIGN_OUT_URL]: resources.console.signOutUrl }),
      }),
    ...(access.signLinks && { [v.LINK_SECRET_ID]: resources.linkSecret }),
    ...((access.signLinks || access.verifyLinks) && { [v.LINK_PUBLIC_KEYS]: resources.linkPublicKeys }),
    ...(entry.routes && { [v.EDGE_SECRET_ID]: resources.edgeSecret }),
    ...(readsSecrets && endpoints && { [v.SECRETS_MANAGER_ENDPOINT]: endpoints.secretsManager }),
    ...(access.siteUrl && { [v.SITE_URL]: resources.siteUrl }),
    ...(access.intakeLimits && {
      [v.LIMIT_PER_NOMINATOR_PER_DAY]: String(resources.intakeLimits.perNominatorPerDay),
      [v.LIMIT_PER_SOURCE_PER_HOUR]: String(resources.intakeLimits.perSourcePerHour),
    }),
    ...(bundleFiles && { [bundleFiles.environmentVariable]: resources.bundleFilesFolder(bundleFiles) }),
  };
};
