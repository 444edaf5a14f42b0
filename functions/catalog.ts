// Longer than most files on purpose: it is the one list of every function, an entry of data each.
import type { ScheduledKind } from '#events/contracts';
import { type GrantedVariable, variables } from '#shared/environment';

export interface HttpRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway path syntax: /nominations/{id} */
  path: string;
  /**
   * A staff route: the JWT authorizer admits signed-in staff only; what each may do there is
   * decided by the use case through `authorize` (shared/domain/authorization.ts). Public if omitted.
   */
  staff?: true;
}

export interface StreamTrigger {
  /** Lambda event filter pattern on the stream record. */
  filter: Record<string, unknown>;
  batchSize: number;
  maxRetryAttempts: number;
  bisectBatchOnError: boolean;
}

export interface ScheduleTargetSpec {
  /** The kinds of program schedule that invoke this function. */
  kinds: readonly ScheduledKind[];
  /** The variable that gives the functions managing schedules this function's ARN. */
  arnVariable: GrantedVariable;
}

/** Files a function reads beside its code, such as fonts. */
export interface BundleFiles {
  /** The folder they are in, from the project root (locally the function reads them there). */
  from: string;
  files: readonly string[];
  /** The folder of the bundle they are copied to (the function reads them there on AWS). */
  folder: string;
  /** The variable that gives the function that folder. */
  environmentVariable: GrantedVariable;
}

export interface FunctionEntry {
  /** PascalCase logical name, used for construct ids and log lines. */
  name: string;
  /** Path of the entry file from the project root. */
  entry: string;
  description: string;
  routes?: readonly HttpRoute[];
  stream?: StreamTrigger;
  /** EventBridge Scheduler invokes it for these kinds of program schedule. */
  scheduleTarget?: ScheduleTargetSpec;
  /** A recurring EventBridge Scheduler schedule invokes it (the Scheduler emulator, locally). */
  every?: { minutes: number };
  /** Run once on every deploy (and when the local stack starts). */
  runOnDeploy?: boolean;
  /**
   * The mail configuration set's events (bounce, complaint, delivery, reject) invoke it: through
   * an EventBridge rule on AWS, from the local mailbox simulator (local/mail-events.ts) locally.
   */
  mailEvents?: true;
  /**
   * What it may touch, declared once: infra/ grants exactly this and sets the variables that come
   * with it (functions/environment.ts); locally the handler loads with those variables alone.
   */
  access: {
    table?: 'read' | 'read-write';
    /** Send email through SES from the sender identity. */
    sendEmail?: boolean;
    /** Create, update and delete the program schedules. */
    manageSchedules?: boolean;
    /** Know the organizers' addresses, to alert them as the timeline runs. */
    organizerEmails?: boolean;
    /** Know where the staff console signs in (the OpenID issuer and the console's client). */
    consoleSignIn?: boolean;
    /** Read the secret that signs and verifies the nominators' links. */
    signLinks?: boolean;
    /** Know the submission limits (per nominator address, per source address). */
    intakeLimits?: boolean;
  };
  timeoutSeconds?: number;
  bundleFiles?: BundleFiles;
}

/**
 * The schedule of a recurring entry, for the CDK stack and the local stack alike: the rate as
 * AWS spells it (singular for one), and no retries, since the next run comes within the period.
 */
export const recurringSchedule = ({ minutes }: { minutes: number }) => ({
  expression: `rate(${minutes} ${minutes === 1 ? 'minute' : 'minutes'})`,
  maximumRetryAttempts: 0,
  maximumEventAgeSeconds: minutes * 60,
});

/**
 * Every Lambda function of the system: its entry file, what triggers it, who may call it and
 * what it may touch. infra/ creates one function, route or trigger and grant per entry; local/
 * mounts the same handlers on the same routes and triggers; functions/environment.ts gives each
 * the variables that come with its access, and no other. Nothing else lists them.
 */
export const catalog: readonly FunctionEntry[] = [
  {
    name: 'RenderNominationForm',
    entry: 'functions/render-nomination-form.ts',
    description: 'The hosted nomination form, its confirmation page, the privacy notice and robots.txt',
    routes: [
      { method: 'GET', path: '/' },
      { method: 'GET', path: '/programs/{programId}/nominate' },
      { method: 'GET', path: '/programs/{programId}/nominate/submitted' },
      { method: 'GET', path: '/programs/{programId}/privacy' },
      { method: 'GET', path: '/robots.txt' },
    ],
    access: { table: 'read' },
  },
  {
    name: 'GetProgram',
    entry: 'functions/get-program.ts',
    description: 'Public program information: window, decision date, timeline, themes',
    routes: [{ method: 'GET', path: '/programs/{programId}' }],
    access: { table: 'read' },
  },
  {
    name: 'SubmitNomination',
    entry: 'functions/submit-nomination.ts',
    description: 'Accepts a nomination as JSON or from the form, and asks its nominator to confirm it',
    routes: [{ method: 'POST', path: '/programs/{programId}/nominations' }],
    access: { table: 'read-write', signLinks: true, intakeLimits: true },
  },
  {
    name: 'ConfirmNomination',
    entry: 'functions/confirm-nomination.ts',
    description: 'The nominator confirms a nomination from the link in their email',
    // A path parameter, not a query string: API Gateway's access log records the route, not the token.
    routes: [
      { method: 'GET', path: '/nominations/confirm/{token}' },
      { method: 'POST', path: '/nominations/confirm/{token}' },
    ],
    access: { table: 'read-write', signLinks: true },
  },
  {
    name: 'ManageNomination',
    entry: 'functions/manage-nomination.ts',
    description: "The nominator's private page: see, correct or withdraw the nomination",
    routes: [
      { method: 'GET', path: '/nominations/manage/{token}' },
      { method: 'POST', path: '/nominations/manage/{token}' },
      { method: 'GET', path: '/nominations/manage/{token}/edit' },
      { method: 'GET', path: '/nominations/manage/{token}/withdraw' },
      { method: 'POST', path: '/nominations/manage/{token}/withdraw' },
    ],
    access: { table: 'read-write', signLinks: true },
  },
  {
    name: 'ListNominations',
    entry: 'functions/list-nominations.ts',
    description: 'Lists a program’s nominations by status, a page at a time',
    routes: [{ method: 'GET', path: '/programs/{programId}/nominations', staff: true }],
    access: { table: 'read' },
  },
  {
    name: 'GetNomination',
    entry: 'functions/get-nomination.ts',
    description: 'One nomination with its history and emails',
    routes: [{ method: 'GET', path: '/nominations/{id}', staff: true }],
    access: { table: 'read' },
  },
  {
    name: 'TransitionNomination',
    entry: 'functions/transition-nomination.ts',
    description: 'Review, select, reject, notify or withdraw a nomination',
    routes: [{ method: 'POST', path: '/nominations/{id}/transitions', staff: true }],
    access: { table: 'read-write' },
  },
  {
    name: 'DeclareConflict',
    entry: 'functions/declare-conflict.ts',
    description: 'Records a conflict of interest with a nomination; the declarer no longer reviews it',
    routes: [{ method: 'POST', path: '/nominations/{id}/conflicts', staff: true }],
    access: { table: 'read-write' },
  },
  {
    name: 'ExportNominations',
    entry: 'functions/export-nominations.ts',
    description: 'Every nomination of a program with its reviews as CSV, for organizers',
    routes: [{ method: 'GET', path: '/programs/{programId}/nominations.csv', staff: true }],
    // It writes the export's audit entry on the program.
    access: { table: 'read-write' },
    timeoutSeconds: 60,
  },
  {
    name: 'CorrectNomination',
    entry: 'functions/correct-nomination.ts',
    description: 'Corrects the candidate’s or nominator’s name or email, audited',
    routes: [{ method: 'PATCH', path: '/nominations/{id}', staff: true }],
    access: { table: 'read-write' },
  },
  {
    name: 'ResendEmail',
    entry: 'functions/resend-email.ts',
    description: 'Queues a copy of a nomination’s email to its current addresses',
    routes: [{ method: 'POST', path: '/nominations/{id}/emails/{key}/resend', staff: true }],
    access: { table: 'read-write' },
  },
  {
    name: 'AnswerPersonalDataRequest',
    entry: 'functions/answer-personal-data-request.ts',
    description: 'Exports or erases everything stored about one email address, for organizers',
    routes: [
      { method: 'POST', path: '/personal-data/export', staff: true },
      { method: 'POST', path: '/personal-data/erase', staff: true },
    ],
    access: { table: 'read-write' },
  },
  {
    name: 'NotifyDecisions',
    entry: 'functions/notify-decisions.ts',
    description: 'Notifies every decided nomination of a program',
    routes: [{ method: 'POST', path: '/programs/{programId}/notifications', staff: true }],
    access: { table: 'read-write' },
    timeoutSeconds: 60,
  },
  {
    name: 'UpdateTimeline',
    entry: 'functions/update-timeline.ts',
    description: 'Changes a program’s timeline and brings its schedules in line',
    routes: [{ method: 'PUT', path: '/programs/{programId}/timeline', staff: true }],
    access: { table: 'read-write', manageSchedules: true },
    timeoutSeconds: 60,
  },
  {
    name: 'SyncSchedules',
    entry: 'functions/sync-schedules.ts',
    description: 'Creates, updates and deletes program schedules to match the timelines',
    runOnDeploy: true,
    access: { table: 'read', manageSchedules: true },
    timeoutSeconds: 120,
  },
  {
    name: 'RunTimelineEvent',
    entry: 'functions/run-timeline-event.ts',
    description: 'Decision readiness, decisions due, reminders and the evaluation request, as scheduled',
    scheduleTarget: {
      kinds: ['decision-readiness', 'decisions-due', 'reminder', 'evaluation'],
      arnVariable: variables.TIMELINE_FUNCTION_ARN,
    },
    access: { table: 'read-write', organizerEmails: true },
    timeoutSeconds: 300,
  },
  {
    // Its own function: pdf-lib and fontkit, about three quarters of its bundle, are not for the
    // monthly reminders to load at every cold start.
    name: 'IssueCertificates',
    entry: 'functions/issue-certificates.ts',
    description: 'Participation certificates as PDF, mailed to each participant, as scheduled',
    scheduleTarget: { kinds: ['certificates'], arnVariable: variables.CERTIFICATE_FUNCTION_ARN },
    access: { table: 'read-write', organizerEmails: true },
    timeoutSeconds: 300,
    bundleFiles: {
      from: 'node_modules/dejavu-fonts-ttf/ttf',
      files: ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'],
      folder: 'fonts',
      environmentVariable: variables.CERTIFICATE_FONT_DIR,
    },
  },
  {
    name: 'SendEmail',
    entry: 'functions/send-email.ts',
    description: 'Sends each new outbox email through SES, once',
    stream: {
      filter: { eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: ['email'] } } } },
      batchSize: 10,
      maxRetryAttempts: 5,
      bisectBatchOnError: true,
    },
    access: { table: 'read-write', sendEmail: true, organizerEmails: true },
    timeoutSeconds: 30,
  },
  {
    name: 'RedriveOutbox',
    entry: 'functions/redrive-outbox.ts',
    description: 'Sends the outbox emails the stream mailer gave up on',
    every: { minutes: 15 },
    access: { table: 'read-write', sendEmail: true, organizerEmails: true },
    timeoutSeconds: 300,
  },
  {
    name: 'RenderStaffConsole',
    entry: 'functions/render-staff-console.ts',
    description: 'The staff console: its page, its static files and its sign-in settings',
    // Listed one by one rather than as /staff/{proxy+}: the local gateway has no greedy parameter.
    // /staff also answers /staff/, as API Gateway routes a path with a trailing slash.
    routes: [
      { method: 'GET', path: '/staff' },
      { method: 'GET', path: '/staff/callback' },
      { method: 'GET', path: '/staff/config.json' },
      { method: 'GET', path: '/staff/assets/{file}' },
      { method: 'GET', path: '/staff/nominations/{id}' },
      { method: 'GET', path: '/staff/personal-data' },
    ],
    access: { consoleSignIn: true },
    bundleFiles: {
      from: 'console/dist',
      files: ['index.html', 'assets'],
      folder: 'console',
      environmentVariable: variables.CONSOLE_ASSET_DIR,
    },
  },
  {
    name: 'RecordEmailEvent',
    entry: 'functions/record-email-event.ts',
    description: 'Records what SES reports of each sent email: delivered, bounced, complained, rejected',
    mailEvents: true,
    access: { table: 'read-write' },
  },
];
