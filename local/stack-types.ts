import type { SyncReport } from '#shared/use-cases/sync-schedules';
import type { TokenRequest } from './jwt.ts';
import type { StaffTokens } from './oidc/sign-in.ts';
import type { SchedulerEmulator } from './scheduler/emulator.ts';
import type { SentEmail } from './sent-emails.ts';
import type { SendingRateStats } from './ses-sending-rate.ts';
import type { StreamPoller } from './stream-poller.ts';

export interface StackOptions {
  apiPort: number;
  /** Start DynamoDB Local on this port, or use `dynamoDbEndpoint` if given. */
  dynamoDbPort?: number;
  dynamoDbEndpoint?: string;
  /** Start the SES emulator in this process on this port (0 for any), or use `sesEndpoint` if given. */
  sesPort?: number;
  sesEndpoint?: string;
  /** The SES emulator's sending rate, emails a second, refused beyond it as SES refuses them; unlimited if omitted. */
  sesSendRate?: number;
  /** The Scheduler emulator's port (0 for any free one). */
  schedulerPort?: number;
  /** The OpenID provider's port (0, the default, for any free one). */
  oidcPort?: number;
  /** Keep the OpenID provider's signing key here; omit for a new key at each start. */
  oidcKeyFile?: string;
  /** Keep DynamoDB data here; omit for in-memory. */
  dataDir?: string;
  keyFile: string;
  /** Keep the private key that signs links here (a JWK, made on first start). */
  linkKeyFile?: string;
  /**
   * Stand as CloudFront's origin: the functions then refuse a request whose `x-origin-verify`
   * header does not hold this value, as on AWS (none by default: no CloudFront stands in front).
   */
  edgeSecret?: string;
  /** Submission limits; the local defaults allow any volume from one source address. */
  intakeLimits?: { perNominatorPerDay: number; perSourcePerHour: number };
  tableName: string;
  mailFrom: string;
  organizerEmails?: string[];
  /** The instant the virtual clock starts at; omit for the real clock. */
  clockStart?: string;
  clockSpeed?: number;
  /** Build the console from source first (the default); a test run builds it once for all its stacks. */
  buildConsole?: boolean;
  log?: (line: string) => void;
  logLevel?: string;
}

export interface RunningStack {
  apiUrl: string;
  tableName: string;
  dynamoDbEndpoint: string;
  sesEndpoint: string;
  schedulerEndpoint: string;
  /** The local OpenID provider (`http://localhost:<port>`), where the console signs in. */
  oidcIssuer: string;
  /** The console's client at that issuer. */
  consoleClientId: string;
  /** Who the functions tell as organizers. */
  organizerEmails: readonly string[];
  /** The stream poller of the table as it is now (a reset starts a new one). */
  readonly poller: StreamPoller;
  scheduler: SchedulerEmulator;
  /** What the schedule sync did at the last start or reset, per program. */
  readonly syncReports: SyncReport[];
  /** Moves the local clock to `instant`; it runs on from there at the same speed. */
  setClock(instant: Date): void;
  now(): Date;
  /**
   * Moves the clock to `instant` and waits until what it set off is done: the schedules due on
   * the way fired, the emails they queued sent.
   */
  advanceTo(instant: Date | string): Promise<void>;
  /**
   * Resolves once nothing is left to do: no schedule due or being fired, every stream record
   * handed to its consumers, no email claimed by a sender and not yet sent.
   */
  settled(): Promise<void>;
  /**
   * Deletes the items whose TTL (`expiresAt`) is past the local clock, as DynamoDB's TTL process
   * does on AWS (DynamoDB Local does not); says how many went.
   */
  sweepExpired(): Promise<number>;
  /** Every email the SES emulator holds, oldest first. */
  sentEmails(): Promise<SentEmail[]>;
  /** The sends the SES emulator let through and refused for the rate (when it runs in this process). */
  sesSending(): SendingRateStats | undefined;
  /** The CPU time of the DynamoDB Local the stack started (none when it was given one). */
  dynamoDbCpuSeconds(): number | undefined;
  /** A token as `npm run token` prints one (issuer `metlib-local-token`). */
  token(request: TokenRequest): Promise<string>;
  /**
   * Signs a seeded account (local/oidc/accounts.ts) in at the OpenID provider as the console
   * does, over loopback without a browser; the ID token is what the console sends to the API.
   */
  signIn(email: string, password?: string): Promise<StaffTokens>;
  /** New tokens for a refresh token, as the console renews them. */
  refresh(refreshToken: string): Promise<StaffTokens>;
  /**
   * A new deploy on an empty table: the firings under way end and their log is cleared, the
   * table is made again with nothing in it, the mail emulator is emptied, the functions' caches
   * are dropped as new instances would start, the clock starts again at `clockStart`, and the
   * schedules are synced anew. The functions and emulators stay up.
   */
  reset(options?: { clockStart?: string; clockSpeed?: number }): Promise<void>;
  stop(): Promise<void>;
}
