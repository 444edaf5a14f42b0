// Longer than most files on purpose: it is the one list of every function, an entry of data each.
//
// How to give a function access (read before adding an entry):
// - `access.table` lists the DynamoDB actions its code path issues, as IAM names them, and no
//   other: start from `reads` (GetItem, Query) and add each write the function makes. A
//   transaction needs the action of each of its items (a Put item needs PutItem, an Update item
//   UpdateItem, a Delete item DeleteItem, a ConditionCheck item ConditionCheckItem). infra/ grants
//   exactly these on the table and its indexes; the local stack refuses any other DynamoDB
//   command the function sends (local/table-access.ts), so an integration test that takes the
//   function down a path with a missing action fails with the action's name.
// - A public function never gets DeleteItem or BatchWriteItem: IAM cannot say "new items only",
//   so what keeps it from overwriting is the condition on each of its writes (docs/least-privilege.md).
// - `sendEmail`, `manageSchedules`, `organizerEmails`, `consoleSignIn`: each a yes, with the
//   variables that come with it (functions/environment.ts).
// - Every function writes to its own log group only (infra/project-function.ts); nothing to declare.
import type { ScheduledKind } from '#events/contracts';
import { type GrantedVariable, variables } from '#shared/environment';
import { type MetricName, metricNames } from '#shared/metric-names';

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

/** A count the function emits (shared/metrics.ts) that needs a person when a run reports one or more. */
export interface CountAlarm {
  metric: MetricName;
  /** What the alarm means to the person who receives it, and what to do. */
  description: string;
  /**
   * Emitted by every run: the alarm stays raised until a run reports zero, rather than clearing
   * when no run reports anything.
   */
  everyRun?: boolean;
}

/** A DynamoDB action as IAM names it, without the `dynamodb:` prefix. */
export type TableAction =
  | 'GetItem'
  | 'BatchGetItem'
  | 'Query'
  | 'ConditionCheckItem'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'BatchWriteItem';

/** What every function that reads the table issues: an item by its key (a program) and queries. */
export const reads = ['GetItem', 'Query'] as const satisfies readonly TableAction[];

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
  /** An alarm on each count it emits (its error alarm comes anyway). */
  alarms?: readonly CountAlarm[];
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
    /** The DynamoDB actions its code path issues (see the top of this file). */
    table?: readonly TableAction[];
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
    /** Know the site's address, to put the participants' signed links (signLinks too) in emails. */
    siteUrl?: boolean;
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
    access: { table: ['GetItem'] },
  },
  {
    name: 'GetProgram',
    entry: 'functions/get-program.ts',
    description: 'Public program information: window, decision date, timeline, themes',
    routes: [{ method: 'GET', path: '/programs/{programId}' }],
    access: { table: ['GetItem'] },
  },
  {
    name: 'SubmitNomination',
    entry: 'functions/submit-nomination.ts',
    description: 'Accepts a nomination as JSON or from the form, and asks its nominator to confirm it',
    routes: [{ method: 'POST', path: '/programs/{programId}/nominations' }],
    access: { table: ['GetItem', 'PutItem', 'UpdateItem'], signLinks: true, intakeLimits: true },
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
    access: { table: [...reads, 'PutItem', 'UpdateItem'], signLinks: true },
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
    // The one public route with DeleteItem: its signed link is the nominator's key to one
    // nomination, and what it deletes (the guard it moves or gives back, an address item it no
    // longer has) is conditioned on being that nomination's own.
    access: { table: [...reads, 'PutItem', 'UpdateItem', 'DeleteItem'], signLinks: true },
  },
  {
    name: 'ServeParticipantPage',
    entry: 'functions/serve-participant-page.ts',
    description:
      'A participant’s own page from their private link: meetings ahead, calendar feed, leaving the program',
    routes: [
      { method: 'GET', path: '/participants/{token}' },
      { method: 'POST', path: '/participants/{token}/calendar' },
      { method: 'GET', path: '/participants/{token}/leave' },
      { method: 'POST', path: '/participants/{token}/leave' },
      { method: 'GET', path: '/calendars/{token}' },
    ],
    // DeleteItem: leaving gives the candidate's guard back, as a withdrawal does.
    access: {
      table: [...reads, 'PutItem', 'UpdateItem', 'DeleteItem'],
      organizerEmails: true,
      signLinks: true,
      siteUrl: true,
    },
  },
  {
    name: 'ListNominations',
    entry: 'functions/list-nominations.ts',
    description: 'Lists a program’s nominations by status, a page at a time',
    routes: [{ method: 'GET', path: '/programs/{programId}/nominations', staff: true }],
    access: { table: reads },
  },
  {
    name: 'GetNomination',
    entry: 'functions/get-nomination.ts',
    description: 'One nomination with its history and emails',
    routes: [{ method: 'GET', path: '/nominations/{id}', staff: true }],
    access: { table: reads },
  },
  {
    name: 'TransitionNomination',
    entry: 'functions/transition-nomination.ts',
    description:
      'Review, select, reject, reserve, notify, offer a place, close a reserve or withdraw a nomination',
    routes: [{ method: 'POST', path: '/nominations/{id}/transitions', staff: true }],
    // DeleteItem: a withdrawal gives the candidate's guard back, leaving the reserve its rank item.
    access: {
      table: [...reads, 'PutItem', 'UpdateItem', 'DeleteItem'],
      organizerEmails: true,
      signLinks: true,
      siteUrl: true,
    },
  },
  {
    name: 'DecideNominations',
    entry: 'functions/decide-nominations.ts',
    description: 'Selects, rejects or puts on the reserve list several nominations, each on its own',
    routes: [{ method: 'POST', path: '/programs/{programId}/decisions', staff: true }],
    access: {
      table: [...reads, 'PutItem', 'UpdateItem', 'DeleteItem'],
      organizerEmails: true,
      signLinks: true,
      siteUrl: true,
    },
    timeoutSeconds: 60,
  },
  {
    name: 'ReadCohort',
    entry: 'functions/read-cohort.ts',
    description: 'The cohort’s composition, and how considered decisions would change it',
    routes: [
      { method: 'GET', path: '/programs/{programId}/cohort', staff: true },
      { method: 'GET', path: '/regions', staff: true },
    ],
    access: { table: reads },
    timeoutSeconds: 30,
  },
  {
    name: 'DecideStipend',
    entry: 'functions/decide-stipend.ts',
    description: 'Awards, declines or does not award a participant’s travel stipend',
    routes: [{ method: 'PUT', path: '/nominations/{id}/stipend', staff: true }],
    access: { table: ['GetItem', 'PutItem', 'UpdateItem'] },
  },
  {
    name: 'ClassifyNomination',
    entry: 'functions/classify-nomination.ts',
    description: 'Corrects the region or Global South status a nomination’s country implies, audited',
    routes: [{ method: 'PUT', path: '/nominations/{id}/classification', staff: true }],
    access: { table: ['GetItem', 'PutItem', 'UpdateItem'] },
  },
  {
    name: 'DeclareConflict',
    entry: 'functions/declare-conflict.ts',
    description: 'Records a conflict of interest with a nomination; the declarer no longer reviews it',
    routes: [{ method: 'POST', path: '/nominations/{id}/conflicts', staff: true }],
    access: { table: ['GetItem', 'PutItem', 'UpdateItem'] },
  },
  {
    name: 'ExportNominations',
    entry: 'functions/export-nominations.ts',
    description: 'Every nomination of a program with its reviews as CSV, for organizers',
    routes: [{ method: 'GET', path: '/programs/{programId}/nominations.csv', staff: true }],
    // It writes the export's audit entry on the program.
    access: { table: [...reads, 'PutItem'] },
    timeoutSeconds: 60,
  },
  {
    name: 'CorrectNomination',
    entry: 'functions/correct-nomination.ts',
    description: 'Corrects the candidate’s or nominator’s name or email, audited',
    routes: [{ method: 'PATCH', path: '/nominations/{id}', staff: true }],
    access: { table: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'] },
  },
  {
    name: 'ResendEmail',
    entry: 'functions/resend-email.ts',
    description: 'Queues a copy of a nomination’s email to its current addresses',
    routes: [{ method: 'POST', path: '/nominations/{id}/emails/{key}/resend', staff: true }],
    access: { table: [...reads, 'PutItem', 'UpdateItem'] },
  },
  {
    name: 'AnswerPersonalDataRequest',
    entry: 'functions/answer-personal-data-request.ts',
    description: 'Exports or erases everything stored about one email address, for organizers',
    routes: [
      { method: 'POST', path: '/personal-data/export', staff: true },
      { method: 'POST', path: '/personal-data/erase', staff: true },
    ],
    access: { table: [...reads, 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'] },
  },
  {
    name: 'NotifyDecisions',
    entry: 'functions/notify-decisions.ts',
    description: 'Notifies every decided nomination of a program',
    routes: [{ method: 'POST', path: '/programs/{programId}/notifications', staff: true }],
    access: { table: [...reads, 'PutItem', 'UpdateItem'], signLinks: true, siteUrl: true },
    timeoutSeconds: 60,
  },
  {
    name: 'UpdateTimeline',
    entry: 'functions/update-timeline.ts',
    description:
      'Changes a program’s timeline, tells participants of what moved or went, and brings its schedules in line',
    routes: [
      { method: 'GET', path: '/programs/{programId}/timeline', staff: true },
      { method: 'PUT', path: '/programs/{programId}/timeline', staff: true },
    ],
    // Query: the participants, who are told of a meeting moved or cancelled.
    access: { table: [...reads, 'PutItem'], manageSchedules: true, signLinks: true, siteUrl: true },
    timeoutSeconds: 60,
  },
  {
    name: 'ChangeProgramSettings',
    entry: 'functions/change-program-settings.ts',
    description:
      'A program’s settings (window, decision date, capacity, stipends, contact…) and their changes, for organizers',
    routes: [
      { method: 'GET', path: '/programs/{programId}/settings', staff: true },
      { method: 'PUT', path: '/programs/{programId}/settings', staff: true },
    ],
    access: { table: [...reads, 'PutItem'], manageSchedules: true, signLinks: true, siteUrl: true },
    timeoutSeconds: 60,
  },
  {
    name: 'ArrangeMentoringGroups',
    entry: 'functions/arrange-mentoring-groups.ts',
    description:
      'The mentoring groups (mentor, members, sessions) for staff; organizers change them and the participants concerned are told',
    routes: [
      { method: 'GET', path: '/programs/{programId}/mentoring-groups', staff: true },
      { method: 'PUT', path: '/programs/{programId}/mentoring-groups', staff: true },
    ],
    access: { table: [...reads, 'PutItem'], signLinks: true, siteUrl: true },
    timeoutSeconds: 30,
  },
  {
    name: 'RecordAttendance',
    entry: 'functions/record-attendance.ts',
    description:
      'The registers of the meetings and each participant’s attendance, for staff; organizers keep them',
    routes: [
      { method: 'GET', path: '/programs/{programId}/attendance', staff: true },
      { method: 'PUT', path: '/programs/{programId}/attendance/{eventId}', staff: true },
    ],
    access: { table: [...reads, 'PutItem'] },
  },
  {
    name: 'SendAnnouncement',
    entry: 'functions/send-announcement.ts',
    description:
      'Organizers write to participants, a mentoring group, the reserve list or every applicant: preview, send once per recipient, list',
    routes: [
      { method: 'GET', path: '/programs/{programId}/announcements', staff: true },
      { method: 'POST', path: '/programs/{programId}/announcements', staff: true },
      { method: 'POST', path: '/programs/{programId}/announcements/preview', staff: true },
    ],
    access: { table: [...reads, 'PutItem'], signLinks: true, siteUrl: true },
    timeoutSeconds: 60,
  },
  {
    name: 'SyncSchedules',
    entry: 'functions/sync-schedules.ts',
    description: 'Creates, updates and deletes program schedules to match the timelines',
    runOnDeploy: true,
    // Also every hour, so a sync that left schedules pending repairs itself; a run that finds
    // everything in line only lists and reads the schedules.
    every: { minutes: 60 },
    alarms: [
      {
        metric: metricNames.schedulesPending,
        description:
          'A schedule sync could not bring every program schedule in line with its timeline: a reminder, a decision-day run or the certificates may not fire. The hourly sync retries; if the alarm stays raised, read the SyncSchedules logs ("schedules not synced", "pending") and fix the cause.',
        everyRun: true,
      },
    ],
    access: { table: ['GetItem'], manageSchedules: true },
    timeoutSeconds: 120,
  },
  {
    name: 'RunTimelineEvent',
    entry: 'functions/run-timeline-event.ts',
    description:
      'Decision readiness, decisions due, the reserve list’s close, reminders and the evaluation request, as scheduled',
    scheduleTarget: {
      kinds: [
        'decision-readiness',
        'decisions-due',
        'reserve-closes',
        'reminder',
        'evaluation',
        'evaluation-reminder',
      ],
      arnVariable: variables.TIMELINE_FUNCTION_ARN,
    },
    // DeleteItem: closing the reserve list gives each reserve's rank item back.
    access: {
      table: [...reads, 'PutItem', 'UpdateItem', 'DeleteItem'],
      organizerEmails: true,
      signLinks: true,
      siteUrl: true,
    },
    timeoutSeconds: 300,
  },
  {
    // Its own function: pdf-lib and fontkit, about three quarters of its bundle, are not for the
    // monthly reminders to load at every cold start.
    name: 'IssueCertificates',
    entry: 'functions/issue-certificates.ts',
    description: 'Participation certificates as PDF, mailed to each participant, as scheduled',
    scheduleTarget: { kinds: ['certificates'], arnVariable: variables.CERTIFICATE_FUNCTION_ARN },
    access: {
      table: [...reads, 'PutItem', 'UpdateItem'],
      organizerEmails: true,
      signLinks: true,
      siteUrl: true,
    },
    timeoutSeconds: 300,
    bundleFiles: {
      from: 'node_modules/dejavu-fonts-ttf/ttf',
      files: ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'],
      folder: 'fonts',
      environmentVariable: variables.CERTIFICATE_FONT_DIR,
    },
  },
  {
    name: 'ServeEvaluation',
    entry: 'functions/serve-evaluation.ts',
    description:
      'The hosted evaluation: each participant’s form on their own page, and the results and answers (CSV) for staff',
    routes: [
      { method: 'GET', path: '/participants/{token}/evaluation' },
      { method: 'POST', path: '/participants/{token}/evaluation' },
      { method: 'GET', path: '/programs/{programId}/evaluation', staff: true },
      { method: 'GET', path: '/programs/{programId}/evaluation.csv', staff: true },
    ],
    access: { table: [...reads, 'PutItem'], signLinks: true },
  },
  {
    name: 'ServeCertificate',
    entry: 'functions/serve-certificate.ts',
    description:
      'A participant’s certificate on demand: downloaded from their page, or issued again by organizers after a correction',
    routes: [
      { method: 'GET', path: '/participants/{token}/certificate' },
      { method: 'POST', path: '/nominations/{id}/certificate', staff: true },
    ],
    access: { table: [...reads, 'PutItem', 'UpdateItem'], signLinks: true, siteUrl: true },
    timeoutSeconds: 30,
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
    access: {
      table: [...reads, 'BatchGetItem', 'PutItem', 'UpdateItem'],
      sendEmail: true,
      organizerEmails: true,
    },
    timeoutSeconds: 30,
  },
  {
    name: 'RedriveOutbox',
    entry: 'functions/redrive-outbox.ts',
    description: 'Sends the outbox emails the stream mailer gave up on',
    every: { minutes: 15 },
    access: {
      table: [...reads, 'BatchGetItem', 'PutItem', 'UpdateItem'],
      sendEmail: true,
      organizerEmails: true,
    },
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
      { method: 'GET', path: '/staff/cohort' },
      { method: 'GET', path: '/staff/program' },
      { method: 'GET', path: '/staff/groups' },
      { method: 'GET', path: '/staff/attendance' },
      { method: 'GET', path: '/staff/announcements' },
      { method: 'GET', path: '/staff/evaluation' },
      { method: 'GET', path: '/staff/timeline' },
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
    access: { table: [...reads, 'BatchGetItem', 'PutItem', 'UpdateItem'] },
  },
  {
    name: 'CheckDecisionsNotified',
    entry: 'functions/check-decisions-notified.ts',
    description: 'An hour after decisions are due, counts the decided nominations still not notified',
    scheduleTarget: { kinds: ['decisions-check'], arnVariable: variables.DECISIONS_CHECK_FUNCTION_ARN },
    alarms: [
      {
        metric: metricNames.decidedNotNotified,
        description:
          'An hour after decisions were due, some decided nominations have still not been told (the CheckDecisionsNotified log lists their ids). Look at each in the staff console, then notify them (Notify decisions, POST /programs/{programId}/notifications).',
      },
    ],
    access: { table: reads },
    timeoutSeconds: 60,
  },
];
