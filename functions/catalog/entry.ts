// What a catalog entry says, and how to give a function access (read before adding an entry):
// - `access.table` lists the DynamoDB actions its code path issues, as IAM names them, and no
//   other: start from `reads` (GetItem, Query) and add each write the function makes. A
//   transaction needs the action of each of its items (a Put item needs PutItem, an Update item
//   UpdateItem, a Delete item DeleteItem, a ConditionCheck item ConditionCheckItem). infra/ grants
//   exactly these on the table and its indexes; the local stack refuses any other DynamoDB
//   command the function sends (local/table-access.ts), so an integration test that takes the
//   function down a path with a missing action fails with the action's name.
// - A public function never gets DeleteItem or BatchWriteItem: IAM cannot say "new items only",
//   so what keeps it from overwriting is the condition on each of its writes (docs/least-privilege.md).
// - `signLinks` only where a function mints links; `verifyLinks` where it only checks them.
// - `sendEmail`, `manageSchedules`, `organizerEmails`, `consoleSignIn`: each a yes, with the
//   variables that come with it (functions/environment.ts).
// - Every function writes to its own log group only (infra/project-function.ts); nothing to declare.
import type { ScheduledKind } from '#events/contracts';
import { programs } from '#events/programs/index';
import { keys } from '#shared/adapters/table-design';
import { type GrantedVariable, variables } from '#shared/environment';
import type { MetricName } from '#shared/metric-names';

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
  /**
   * Batches of one shard processed at once (Lambda's ParallelizationFactor, 1–10), each partition
   * key's records still in order. 1 if omitted.
   */
  parallelization?: number;
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

/**
 * Each program's own partition (`PROGRAM#<id>`: its stored timeline, settings and groups), and
 * not the partitions that begin the same (a candidate's guard, the organizers' emails).
 */
export const programPartitions: readonly string[] = [...programs.keys()].map(keys.byProgram);

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
    /**
     * The only partition keys its commands may name, when they are known before it runs: granted
     * as `dynamodb:LeadingKeys` and checked locally as `table` is. Omitted where the keys come
     * from the request (a nomination's id, an address's hash): docs/least-privilege.md says
     * which functions and why.
     */
    partitions?: readonly string[];
    /** Send email through SES from the sender identity. */
    sendEmail?: boolean;
    /** Create, update and delete the program schedules. */
    manageSchedules?: boolean;
    /** Know the organizers' addresses, to alert them as the timeline runs. */
    organizerEmails?: boolean;
    /** Know where the staff console signs in (the OpenID issuer and the console's client). */
    consoleSignIn?: boolean;
    /**
     * Mint links (nominators' and participants'): read the secret holding the private key that
     * signs them, and know the public keys. Only for a function whose emails or pages carry a new
     * link: whoever holds the private key can forge any link.
     */
    signLinks?: boolean;
    /** Check the links it is opened with: the public keys alone, no way to sign (docs/link-keys.md). */
    verifyLinks?: boolean;
    /** Know the site's address, to put the participants' signed links (signLinks too) in emails. */
    siteUrl?: boolean;
    /** Know the submission limits (per nominator address, per source address). */
    intakeLimits?: boolean;
  };
  timeoutSeconds?: number;
  bundleFiles?: BundleFiles;
}

/**
 * What a function that takes nominations through their states needs: their writes (DeleteItem: a
 * withdrawal gives the candidate's guard back, closing the reserve list each reserve's rank) and
 * what the emails of a transition carry: the organizers' addresses, the participants' signed links.
 */
export const transitionAccess = {
  table: [...reads, 'PutItem', 'UpdateItem', 'DeleteItem'],
  organizerEmails: true,
  signLinks: true,
  siteUrl: true,
} as const satisfies FunctionEntry['access'];

/** The fonts of the participation certificate, beside the code of each function that makes one. */
export const certificateFonts: BundleFiles = {
  from: 'node_modules/dejavu-fonts-ttf/ttf',
  files: ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'],
  folder: 'fonts',
  environmentVariable: variables.CERTIFICATE_FONT_DIR,
};

/**
 * The schedule of a recurring entry, for the CDK stack and the local stack alike: the rate as
 * AWS spells it (singular for one), and no retries, since the next run comes within the period.
 */
export const recurringSchedule = ({ minutes }: { minutes: number }) => ({
  expression: `rate(${minutes} ${minutes === 1 ? 'minute' : 'minutes'})`,
  maximumRetryAttempts: 0,
  maximumEventAgeSeconds: minutes * 60,
});
