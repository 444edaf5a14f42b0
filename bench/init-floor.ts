import type { FunctionEntry, TableAction } from '#functions/catalog';

/**
 * The functions that format a date in a zone (one `Intl.DateTimeFormat` with a `timeZone`),
 * with where: their floor loads ICU's time-zone data as they must. A function that does it on
 * some requests only counts, since the floor is what its job needs. The others format no date
 * in a zone: they read, decide or count, or mail only what other functions wrote.
 */
export const formatsInZone: Readonly<Record<string, string>> = {
  RenderNominationForm: 'the form shows the deadline in the program’s zone and UTC (shared/web/pages.ts)',
  SubmitNomination:
    'the confirmation email’s "confirm by", and the refusal of a closed window, in the program’s zone',
  ConfirmNomination:
    'the acknowledgement email’s decision date in the program’s zone (shared/email/templates.ts)',
  ManageNomination: 'the nominator’s page: the deadline and the decision date in the program’s zone',
  ServeParticipantPage: 'the participant’s page: meetings, the certificate day, in the participant’s zone',
  TransitionNomination: 'the decision emails: meeting times and the decision date in the program’s zone',
  DecideNominations: 'the same decision emails, several at once',
  DecideStipend:
    'the stipend email gives the conference’s dates (Intl in UTC, shared/email/cohort-templates.ts)',
  ResendEmail: 'a copy of an email is written again from its template, with its dates in the zone',
  NotifyDecisions: 'the decision emails, with the first meetings in the program’s zone',
  UpdateTimeline: 'the emails telling participants what moved, with the times in their zone',
  ChangeProgramSettings: 'the emails of a changed window or decision date, in the program’s zone',
  ArrangeMentoringGroups: 'the sessions of a group in each member’s email, in the zone',
  RecordAttendance: 'the registers place each meeting by its wall-clock time in its zone (schedule-plan)',
  SendAnnouncement: 'announcements carry the next meeting’s time in the zone',
  RunTimelineEvent: 'reminders: the meeting’s time in the participant’s and the program’s zone',
  IssueCertificates: 'the certificate’s month and the covering email’s dates',
  ServeEvaluation: 'the evaluation page: when it opens and closed, in the program’s zone',
  ServeCertificate: 'the participant’s page after a certificate is issued: the day in the zone',
  SyncSchedules: 'a schedule’s instant from a wall-clock time in its zone (EventBridge Scheduler’s own)',
};

/** The lib-dynamodb command each IAM action of a catalog entry is issued with. */
const commandOf: Record<TableAction, string> = {
  GetItem: 'GetCommand',
  BatchGetItem: 'BatchGetCommand',
  Query: 'QueryCommand',
  // Only ever an item of a transaction.
  ConditionCheckItem: 'TransactWriteCommand',
  PutItem: 'PutCommand',
  UpdateItem: 'UpdateCommand',
  DeleteItem: 'DeleteCommand',
  BatchWriteItem: 'BatchWriteCommand',
};
const writes: readonly TableAction[] = ['ConditionCheckItem', 'PutItem', 'UpdateItem', 'DeleteItem'];

/** Whether a function reads a Secrets Manager secret: the link signing key, or the edge's origin secret on a route. */
export const readsSecrets = (entry: FunctionEntry) => Boolean(entry.access.signLinks || entry.routes);

/**
 * The source of a function's floor bundle: what its job needs before any of our code.
 * - The SDK clients and the commands its declared access issues. Every write of this project
 *   goes through a transaction with its history or outbox items (shared/adapters/
 *   dynamodb-transaction.ts), so a function that writes needs TransactWriteCommand too.
 * - Secrets Manager's GetSecretValue where it reads a secret (`readsSecrets`).
 * - SES's SendRawEmail and GetSendQuota where it sends email.
 * - middy and the Powertools logger with its middleware: every handler is one.
 * - Where it formats a date in a zone (`formatsInZone`), one such format at import: ICU's
 *   time-zone data. Not the Powertools Metrics: two functions of 35 count something.
 */
export const floorSource = (entry: FunctionEntry, options: { zone?: boolean } = {}) => {
  const lines = [
    "import middy from '@middy/core';",
    "import { Logger } from '@aws-lambda-powertools/logger';",
    "import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';",
  ];
  const uses: string[] = [];
  const table = entry.access.table;
  if (table) {
    const commands = new Set(table.map((action) => commandOf[action]));
    if (table.some((action) => writes.includes(action))) commands.add('TransactWriteCommand');
    lines.push(
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
      `import { DynamoDBDocumentClient, ${[...commands].join(', ')} } from '@aws-sdk/lib-dynamodb';`,
    );
    uses.push('DynamoDBDocumentClient.from(new DynamoDBClient({}))', ...commands);
  }
  if (entry.access.sendEmail) {
    lines.push("import { SESClient, SendRawEmailCommand, GetSendQuotaCommand } from '@aws-sdk/client-ses';");
    uses.push('new SESClient({})', 'SendRawEmailCommand', 'GetSendQuotaCommand');
  }
  if (entry.access.manageSchedules) {
    const commands = [
      'CreateScheduleCommand',
      'UpdateScheduleCommand',
      'DeleteScheduleCommand',
      'GetScheduleCommand',
      'ListSchedulesCommand',
    ];
    lines.push(`import { SchedulerClient, ${commands.join(', ')} } from '@aws-sdk/client-scheduler';`);
    uses.push('new SchedulerClient({})', ...commands);
  }
  if (readsSecrets(entry)) {
    lines.push(
      "import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';",
    );
    uses.push('new SecretsManagerClient({})', 'GetSecretValueCommand');
  }
  if (options.zone ?? entry.name in formatsInZone) {
    uses.push(
      "new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Madrid', dateStyle: 'full', timeStyle: 'short' }).format(new Date())",
    );
  }
  return `${lines.join('\n')}
const kept = [${uses.join(', ')}];
export const handler = middy(async () => kept.length).use(injectLambdaContext(new Logger()));
`;
};
