/**
 * The name of every environment variable the project sets or reads, in one place, and the one
 * reader of the environment (`readVariable`). shared/config.ts reads the variables through it;
 * functions/environment.ts decides which function gets which; infra/ and local/ set them.
 * Written as `variables.TABLE_NAME` so a search for the name finds every use.
 */

/** What a function may be given, each by what its catalog entry grants (functions/environment.ts). */
export const grantedVariables = {
  /** The DynamoDB table. */
  TABLE_NAME: 'TABLE_NAME',
  /** DynamoDB Local, locally; unset on AWS. */
  DYNAMODB_ENDPOINT: 'DYNAMODB_ENDPOINT',
  /** The sender of every email, an SES-verified identity. */
  MAIL_FROM: 'MAIL_FROM',
  /** The SES configuration set for sending events; unset locally. */
  SES_CONFIGURATION_SET: 'SES_CONFIGURATION_SET',
  /** The SES emulator, locally; unset on AWS. */
  SES_ENDPOINT: 'SES_ENDPOINT',
  /** Comma-separated organizer addresses, for the alerts of the timeline. */
  ORGANIZER_EMAILS: 'ORGANIZER_EMAILS',
  /** Prepended to each program's id to name its schedule group: the stage's own groups on AWS. */
  SCHEDULE_GROUP_PREFIX: 'SCHEDULE_GROUP_PREFIX',
  /** The role EventBridge Scheduler assumes to invoke a schedule's target. */
  SCHEDULER_ROLE_ARN: 'SCHEDULER_ROLE_ARN',
  /** Where EventBridge Scheduler parks an event it could not deliver. */
  SCHEDULER_DLQ_ARN: 'SCHEDULER_DLQ_ARN',
  /** The Scheduler emulator, locally; unset on AWS. */
  SCHEDULER_ENDPOINT: 'SCHEDULER_ENDPOINT',
  /** The function that runs the timeline's schedules but the certificates'. */
  TIMELINE_FUNCTION_ARN: 'TIMELINE_FUNCTION_ARN',
  /** The function that checks, after decisions are due, that every decided nomination was notified. */
  DECISIONS_CHECK_FUNCTION_ARN: 'DECISIONS_CHECK_FUNCTION_ARN',
  /** The function that runs the certificates' schedule. */
  CERTIFICATE_FUNCTION_ARN: 'CERTIFICATE_FUNCTION_ARN',
  /** The folder holding the certificate fonts. */
  CERTIFICATE_FONT_DIR: 'CERTIFICATE_FONT_DIR',
  /** The OpenID issuer the staff console signs in with: the user pool's, or the local provider's. */
  CONSOLE_AUTHORITY: 'CONSOLE_AUTHORITY',
  /** The console's public client at that issuer. */
  CONSOLE_CLIENT_ID: 'CONSOLE_CLIENT_ID',
  /**
   * Where the console ends a session when the issuer publishes no end-session endpoint (Cognito's
   * logout endpoint, which takes `client_id` and `logout_uri`). Unset where discovery has one.
   */
  CONSOLE_SIGN_OUT_URL: 'CONSOLE_SIGN_OUT_URL',
  /** The folder holding the staff console's built files (console/dist). */
  CONSOLE_ASSET_DIR: 'CONSOLE_ASSET_DIR',
  /** The Secrets Manager secret holding the private key (a JWK) that signs links. */
  LINK_SECRET_ID: 'LINK_SECRET_ID',
  /** The public keys (a JSON array of JWKs) that links are checked against. */
  LINK_PUBLIC_KEYS: 'LINK_PUBLIC_KEYS',
  /**
   * Where people open the site (the console's URL on AWS, the gateway's locally): the base of the
   * participants' private links in the emails scheduled and staff functions send.
   */
  SITE_URL: 'SITE_URL',
  /**
   * Given to every function with a route: the Secrets Manager secret whose value CloudFront sends
   * in its origin header (the function refuses a request without it), or `off` where no
   * CloudFront stands in front (a stage with the edge turned off, the local stack by default).
   */
  EDGE_SECRET_ID: 'EDGE_SECRET_ID',
  /** The local Secrets Manager emulator; unset on AWS. */
  SECRETS_MANAGER_ENDPOINT: 'SECRETS_MANAGER_ENDPOINT',
  /** How many nominations one nominator address may submit a day. */
  LIMIT_PER_NOMINATOR_PER_DAY: 'LIMIT_PER_NOMINATOR_PER_DAY',
  /** How many nominations may come from one source address an hour. */
  LIMIT_PER_SOURCE_PER_HOUR: 'LIMIT_PER_SOURCE_PER_HOUR',
} as const;

/** The value of EDGE_SECRET_ID where no CloudFront stands in front. */
export const edgeOff = 'off';

/** Set for every function alike. */
export const commonVariables = {
  /** The local stack's clock (`<ISO start>@<real epoch ms>x<speed>`); unset on AWS. */
  VIRTUAL_CLOCK: 'VIRTUAL_CLOCK',
  /** Read by Powertools' logger. */
  POWERTOOLS_SERVICE_NAME: 'POWERTOOLS_SERVICE_NAME',
  POWERTOOLS_LOG_LEVEL: 'POWERTOOLS_LOG_LEVEL',
  /**
   * Read by Powertools' metrics: set by the local stack, where no CloudWatch turns the metric
   * lines into metrics (a count above zero is logged as a warning all the same); unset on AWS.
   */
  POWERTOOLS_METRICS_DISABLED: 'POWERTOOLS_METRICS_DISABLED',
  /** Set by Lambda on AWS: the dimension of the metrics a function emits (shared/metrics.ts). */
  AWS_LAMBDA_FUNCTION_NAME: 'AWS_LAMBDA_FUNCTION_NAME',
  /** Read by Node, on AWS. */
  NODE_OPTIONS: 'NODE_OPTIONS',
  /** Read by the AWS SDK: set by Lambda on AWS, by the local stack for the emulators. */
  AWS_REGION: 'AWS_REGION',
  AWS_ACCESS_KEY_ID: 'AWS_ACCESS_KEY_ID',
  AWS_SECRET_ACCESS_KEY: 'AWS_SECRET_ACCESS_KEY',
} as const;

export const variables = { ...grantedVariables, ...commonVariables };

export type GrantedVariable = keyof typeof grantedVariables;

/**
 * A variable's value as the process holds it now, undefined when unset. Only shared/config.ts
 * (at load, throwing on what is missing) and the local stack's clock (at every use, since the
 * local stack moves it) call it.
 */
export const readVariable = (name: string): string | undefined => process.env[name];
