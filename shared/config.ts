import { environmentClock, systemClock } from './adapters/clock.ts';
import { parsePublicLinkKeys } from './domain/link-keys.ts';
import { edgeOff, readVariable, variables } from './environment.ts';
import type { Clock } from './ports.ts';

/**
 * The only reader of the configuration (through shared/environment.ts). Handler modules call these at load (once per cold start), so a
 * missing required value stops the function at start, naming the variable, instead of surfacing
 * as a confusing failure on the first request. Which function gets which variable follows its
 * catalog entry (functions/environment.ts).
 */
const required = (name: string): string => {
  const value = readVariable(name);
  if (value === undefined || value.trim() === '') {
    throw new Error(`Missing environment variable ${name}`);
  }
  return value;
};

/** Set, though possibly to nothing: the local stack's schedule groups have no prefix. */
const present = (name: string): string => {
  const value = readVariable(name);
  if (value === undefined) throw new Error(`Missing environment variable ${name}`);
  return value;
};

/** Endpoints are set only for the local emulators; on AWS the SDK's defaults are right. */
const optional = (name: string): string | undefined => {
  const value = readVariable(name);
  return value === undefined || value.trim() === '' ? undefined : value;
};

export const tableConfig = () => ({
  tableName: required(variables.TABLE_NAME),
  endpoint: optional(variables.DYNAMODB_ENDPOINT),
});

export const mailConfig = () => ({
  from: required(variables.MAIL_FROM),
  configurationSet: optional(variables.SES_CONFIGURATION_SET),
  endpoint: optional(variables.SES_ENDPOINT),
});

/**
 * The system clock on AWS; the local stack's virtual clock when VIRTUAL_CLOCK is set. The one
 * value read at every use rather than at load: the local stack moves the clock as it runs.
 */
export const clockFromEnv = (): Clock =>
  optional(variables.VIRTUAL_CLOCK) ? environmentClock(variables.VIRTUAL_CLOCK) : systemClock;

/**
 * The name the metrics a function emits are kept under (their FunctionName dimension): Lambda's
 * own name for the function on AWS; "local" on the local stack, where functions share one process
 * and Lambda sets nothing. Read at every use for that reason.
 */
export const metricsFunctionName = () => optional(variables.AWS_LAMBDA_FUNCTION_NAME) ?? 'local';

/**
 * Where scheduled events go, and how they are retried. `targets` pairs each kind with the
 * variable holding its function's ARN (the catalog's scheduleTarget entries); every one is required.
 */
export const schedulerConfig = (targets: readonly { kinds: readonly string[]; arnVariable: string }[]) => ({
  endpoint: optional(variables.SCHEDULER_ENDPOINT),
  groupPrefix: present(variables.SCHEDULE_GROUP_PREFIX),
  functionFor: Object.fromEntries(
    targets.flatMap(({ kinds, arnVariable }) => {
      const arn = required(arnVariable);
      return kinds.map((kind) => [kind, arn]);
    }),
  ),
  target: {
    roleArn: required(variables.SCHEDULER_ROLE_ARN),
    deadLetterArn: required(variables.SCHEDULER_DLQ_ARN),
    maximumRetryAttempts: 3,
    maximumEventAgeSeconds: 6 * 3600,
  },
});

/** Organizers who receive decision readiness and overdue alerts: comma-separated addresses. */
export const organizerEmails = () =>
  required(variables.ORGANIZER_EMAILS)
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);

/** The certificate fonts: beside the code in the Lambda bundle, in node_modules locally. */
export const certificateFontDir = () => required(variables.CERTIFICATE_FONT_DIR);

/**
 * The staff console's files, and where it signs in: optional, so the console says in words
 * that sign-in is not set up rather than failing to start.
 */
export const staffConsoleConfig = () => ({
  assetDir: required(variables.CONSOLE_ASSET_DIR),
  authority: optional(variables.CONSOLE_AUTHORITY),
  clientId: optional(variables.CONSOLE_CLIENT_ID),
  signOutUrl: optional(variables.CONSOLE_SIGN_OUT_URL),
});

/** Where people open the site, without a trailing slash: the base of the participants' links. */
export const siteUrlConfig = () => required(variables.SITE_URL).replace(/\/$/, '');

/** The secret holding the private key that signs links: given only to the functions that mint them. */
export const linkSecretConfig = () => ({
  secretId: required(variables.LINK_SECRET_ID),
  endpoint: optional(variables.SECRETS_MANAGER_ENDPOINT),
});

/** The public keys links are checked against (docs/link-keys.md), parsed at load so a wrong one stops the start. */
export const linkPublicKeysConfig = () => parsePublicLinkKeys(required(variables.LINK_PUBLIC_KEYS));

/**
 * The secret CloudFront's origin header must carry, or undefined where no CloudFront stands in
 * front. Written out as `off` rather than left unset, so a function that lost the variable stops
 * at start instead of answering requests that went around CloudFront.
 */
export const edgeConfig = () => {
  const secretId = required(variables.EDGE_SECRET_ID);
  return secretId === edgeOff
    ? undefined
    : { secretId, endpoint: optional(variables.SECRETS_MANAGER_ENDPOINT) };
};

const positiveInteger = (name: string): number => {
  const value = Number(required(name));
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number from 1`);
  return value;
};

/** The submission limits: stage settings on AWS, the local stack's own locally. */
export const intakeLimitsConfig = () => ({
  perNominatorPerDay: positiveInteger(variables.LIMIT_PER_NOMINATOR_PER_DAY),
  perSourcePerHour: positiveInteger(variables.LIMIT_PER_SOURCE_PER_HOUR),
});
