import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import sample from '../../events/samples/nomination.json' with { type: 'json' };
import { localDynamoDbClient } from '../../local/emulators.ts';
import { addressedTo, linkIn, newestLink, type SentEmail } from '../../local/sent-emails.ts';
import { type RunningStack, type StackOptions, startStack } from '../../local/stack.ts';
import { documentClient } from '../../shared/adapters/aws-clients.ts';
import { keys } from '../../shared/adapters/table-design.ts';

export type { SentEmail } from '../../local/sent-emails.ts';

/** An organizer's action on a nomination: its name alone, or the body with its details. */
export type Step = string | { action: string; [detail: string]: unknown };

/** Reviewed, selected and told so: a participant of the program. */
export const toParticipant: readonly Step[] = ['review', 'select', 'notify'];

export interface TestStack extends RunningStack {
  /** A request to the local gateway; JSON bodies are sent as JSON. */
  api(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string; headers?: Record<string, string>; raw?: string | Buffer },
    // biome-ignore lint/suspicious/noExplicitAny: tests read response fields freely and assert their values
  ): Promise<{ status: number; headers: Headers; json: any; text: string }>;
  organizer(): Promise<string>;
  reviewer(): Promise<string>;
  /**
   * The ID token of a seeded staff account (`organizer@metlib.example.org`,
   * `reviewer1@…` to `reviewer3@metlib.example.org`), signed in at the local OpenID provider as
   * the console does: what the console sends to the API.
   */
  idToken(email: string): Promise<string>;
  /** Emails addressed (to or cc) to this address, once everything under way has settled. */
  inbox(address: string): Promise<SentEmail[]>;
  itemCount(): Promise<number>;
  /** The path of the newest confirmation (or manage) link mailed to a nominator. */
  linkFor(nominatorEmail: string, purpose?: 'confirm' | 'manage'): Promise<string>;
  /**
   * Submits a nomination (the sample with addresses of its own unless `body` is given) and
   * confirms it from the link in the nominator's email, as a nominator does: it is then listed,
   * and its acknowledgement queued. Throws unless both steps succeed.
   */
  nominate(body?: ReturnType<typeof nominationBody>): Promise<{ id: string }>;
  /** Takes a nomination through actions in turn (an organizer's unless `token` says); a refusal throws with the API's answer. */
  takeThrough(id: string, steps: readonly Step[], token?: string): Promise<void>;
  /** A nomination, nominated and taken through `steps` by an organizer (a told participant unless said). */
  decided(body?: ReturnType<typeof nominationBody>, steps?: readonly Step[]): Promise<{ id: string }>;
  /** The path of a participant's own page, from the newest email to them that carries it. */
  participantPage(address: string): Promise<string>;
  /** The address the functions tell as organizers. */
  organizerInbox: string;
  /** The OpenID provider's signing key (a JWK file): a test signs tokens as the provider would. */
  oidcKeyFile: string;
}

/** The DynamoDB Local of this worker (VITEST_POOL_ID counts the workers from 1). */
const workerDynamoDbEndpoint = () => {
  const all = inject('dynamoDbEndpoints');
  return all[(Number(process.env.VITEST_POOL_ID ?? 1) - 1) % all.length] as string;
};

const defaultClockStart = '2024-02-01T14:00:00Z';

/** What a test can ask of a stack of its own: the stack shared by a worker's files asks none of it. */
export interface PrivateStackOptions {
  clockStart?: string;
  intakeLimits?: StackOptions['intakeLimits'];
  /** The functions' log level (WARN unless given). */
  logLevel?: string;
  /** Stand as CloudFront's origin: requests must carry this origin secret. */
  edgeSecret?: string;
}

/** A whole local stack in this process, on its own table, with the helpers the tests share. */
export const startPrivateStack = async (options: PrivateStackOptions = {}): Promise<TestStack> => {
  const oidcKeyFile = join(tmpdir(), `metlib-test-oidc-key-${randomUUID()}.json`);
  const stack = await startStack({
    apiPort: 0,
    schedulerPort: 0,
    sesPort: 0,
    dynamoDbEndpoint: workerDynamoDbEndpoint(),
    keyFile: join(tmpdir(), `metlib-test-key-${randomUUID()}.json`),
    oidcKeyFile,
    tableName: `test-${randomUUID()}`,
    mailFrom: 'MetLib Learning Circle <learning-circle@metlib.example.org>',
    clockStart: options.clockStart ?? defaultClockStart,
    // The run built it once, before any stack started (test/global-setup.ts).
    buildConsole: false,
    ...(options.intakeLimits ? { intakeLimits: options.intakeLimits } : {}),
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
    ...(options.edgeSecret ? { edgeSecret: options.edgeSecret } : {}),
    log: (line) => {
      if (!/ \d{3} \d+ ms$/.test(line)) process.stderr.write(`[stack] ${line}\n`);
    },
  });
  return withTestHelpers(stack, oidcKeyFile);
};

/** The stack a worker's files share: they never stop it, it ends with the worker. */
export type WorkerStack = Omit<TestStack, 'stop'>;

let workerStack: Promise<TestStack> | undefined;

/**
 * The local stack of this test worker, started by its first file and reset for each file after:
 * an empty table, no schedules but the program's, no emails, the clock at `clockStart`. The
 * worker runs its files one at a time, so a file has the stack to itself. It stays up for the
 * next file: there is nothing to stop.
 */
export const testStack = async (options: { clockStart?: string } = {}): Promise<WorkerStack> => {
  if (!workerStack) {
    workerStack = startPrivateStack(options);
    return workerStack;
  }
  const stack = await workerStack;
  await stack.reset({ clockStart: options.clockStart ?? defaultClockStart });
  return stack;
};

/**
 * Stops the worker stack's stream poller once a file is done (its reset starts a new one for the
 * next file): nothing reads the table between files, nor after the last one, when the run stops
 * DynamoDB Local. Called after every file of the stack project (test/support/stack-file-hooks.ts).
 */
export const pauseWorkerStack = async () => {
  if (workerStack) await (await workerStack).poller.stop();
};

const withTestHelpers = (stack: RunningStack, oidcKeyFile: string): TestStack => {
  const api: TestStack['api'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | Buffer | undefined = opts.raw;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers,
      body: typeof body === 'string' || body === undefined ? body : new Uint8Array(body),
      redirect: 'manual',
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, json, text };
  };
  const inbox: TestStack['inbox'] = async (address) => {
    await stack.settled();
    return (await stack.sentEmails()).filter((email) => addressedTo(email, address));
  };
  const linkFor: TestStack['linkFor'] = async (nominatorEmail, purpose = 'confirm') => {
    const confirmations = (await inbox(nominatorEmail)).filter((e) => e.subject.startsWith('Please confirm'));
    const path = linkIn(confirmations.at(-1)?.body.text, purpose);
    if (!path) throw new Error(`No ${purpose} link was mailed to ${nominatorEmail}`);
    return path;
  };
  /**
   * The confirmation link as the email queued with the submission carries it, read from the
   * outbox item: a nomination seeded for another test need not wait for the mailer to send it
   * (which waits for every other delivery in flight). Once sent, the item keeps no body: then the
   * link is read from the inbox, as the tests of intake always read it.
   */
  let documents: ReturnType<typeof documentClient> | undefined;
  const queuedConfirmLink = async (id: string, nominatorEmail: string) => {
    documents ??= documentClient(stack.dynamoDbEndpoint);
    const { Item } = await documents.send(
      new GetCommand({
        TableName: stack.tableName,
        Key: keys.email(id, 'confirmation'),
        ConsistentRead: true,
      }),
    );
    const path = linkIn(Item?.text as string | undefined, 'confirm');
    if (path) return path;
    if (Item?.status === 'sent') return linkFor(nominatorEmail);
    throw new Error(`No confirmation email was queued for ${id}`);
  };
  const nominate: TestStack['nominate'] = async (body = nominationBody()) => {
    const submitted = await api('POST', '/programs/metlib-2024/nominations', { body });
    if (submitted.status !== 202)
      throw new Error(`Submission answered ${submitted.status}: ${submitted.text}`);
    const confirmed = await api(
      'POST',
      await queuedConfirmLink(submitted.json.id as string, body.nominator.email),
    );
    if (confirmed.status !== 200)
      throw new Error(`Confirmation answered ${confirmed.status}: ${confirmed.text}`);
    return { id: submitted.json.id as string };
  };
  const organizer = () => stack.token({ groups: ['organizers'], email: 'organizer@example.org' });
  const takeThrough: TestStack['takeThrough'] = async (id, steps, token) => {
    const as = token ?? (await organizer());
    for (const step of steps) {
      // A review needs a score: a step named 'review' gives a middling one.
      const body =
        typeof step === 'string' ? { action: step, ...(step === 'review' ? { score: 3 } : {}) } : step;
      const answer = await api('POST', `/nominations/${id}/transitions`, { token: as, body });
      if (answer.status !== 200) throw new Error(`${body.action} answered ${answer.status}: ${answer.text}`);
    }
  };
  const helpers = {
    api,
    inbox,
    linkFor,
    nominate,
    takeThrough,
    decided: async (body = nominationBody(), steps = toParticipant) => {
      const { id } = await nominate(body);
      await takeThrough(id, steps);
      return { id };
    },
    participantPage: async (address) => {
      const found = newestLink(await inbox(address), 'participant');
      if (!found) throw new Error(`No email to ${address} carried the participant's page`);
      return found;
    },
    organizer,
    reviewer: () => stack.token({ groups: ['reviewers'], email: 'reviewer@example.org' }),
    idToken: async (email) => (await stack.signIn(email)).idToken,
    itemCount: async () => {
      const client = localDynamoDbClient(stack.dynamoDbEndpoint);
      const { Count } = await client.send(new ScanCommand({ TableName: stack.tableName, Select: 'COUNT' }));
      client.destroy();
      return Count ?? 0;
    },
    organizerInbox: stack.organizerEmails[0] as string,
    oidcKeyFile,
  } satisfies Omit<TestStack, keyof RunningStack>;
  // Onto the running stack itself: its poller and sync reports are getters that a reset renews.
  return Object.assign(stack, helpers);
};

/** The sample nomination with a unique candidate and nominator, so emails can be told apart. */
export const nominationBody = (overrides: { candidateEmail?: string; nominatorEmail?: string } = {}) => {
  const tag = randomUUID().slice(0, 8);
  return {
    ...structuredClone(sample),
    nominator: {
      ...sample.nominator,
      email: overrides.nominatorEmail ?? `director-${tag}@library.example.org`,
    },
    candidate: {
      ...sample.candidate,
      email: overrides.candidateEmail ?? `candidate-${tag}@library.example.org`,
    },
  };
};
