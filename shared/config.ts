import { environmentClock, systemClock } from './adapters/clock.ts';
import type { Clock } from './ports.ts';

/**
 * The only reader of process.env. Each value is read when a handler module loads (once per cold
 * start) and a missing required value throws then, naming the variable, instead of surfacing as
 * a confusing failure on the first request.
 */
const required = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value.trim() === '') {
    throw new Error(`Missing environment variable ${name}`);
  }
  return value;
};

/** Endpoints are set only for the local emulators; on AWS the SDK's defaults are right. */
const optional = (name: string): string | undefined => {
  const value = process.env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
};

export const tableConfig = () => ({
  tableName: required('TABLE_NAME'),
  endpoint: optional('DYNAMODB_ENDPOINT'),
});

export const mailConfig = () => ({
  from: required('MAIL_FROM'),
  configurationSet: optional('SES_CONFIGURATION_SET'),
  endpoint: optional('SES_ENDPOINT'),
});

/** The system clock on AWS; the local stack's virtual clock when VIRTUAL_CLOCK is set. */
export const clockFromEnv = (): Clock =>
  optional('VIRTUAL_CLOCK') ? environmentClock('VIRTUAL_CLOCK') : systemClock;

/**
 * Where scheduled events go, and how they are retried. `targets` pairs each kind with the
 * variable holding its function's ARN (the catalog's scheduleTarget entries); every one is required.
 */
export const schedulerConfig = (targets: readonly { kinds: readonly string[]; arnVariable: string }[]) => ({
  endpoint: optional('SCHEDULER_ENDPOINT'),
  groupPrefix: optional('SCHEDULE_GROUP_PREFIX') ?? '',
  functionFor: Object.fromEntries(
    targets.flatMap(({ kinds, arnVariable }) => {
      const arn = required(arnVariable);
      return kinds.map((kind) => [kind, arn]);
    }),
  ),
  target: {
    roleArn: required('SCHEDULER_ROLE_ARN'),
    deadLetterArn: required('SCHEDULER_DLQ_ARN'),
    maximumRetryAttempts: 3,
    maximumEventAgeSeconds: 6 * 3600,
  },
});

/** Organizers who receive decision readiness and overdue alerts: comma-separated addresses. */
export const organizerEmails = () =>
  required('ORGANIZER_EMAILS')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);

/** Set in the Lambda bundle, which carries the certificate fonts beside the code. */
export const certificateFontDir = () => optional('CERTIFICATE_FONT_DIR');
