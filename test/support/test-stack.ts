import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import sample from '../../events/samples/nomination.json' with { type: 'json' };
import { localDynamoDbClient } from '../../local/emulators.ts';
import { nominatorLinkIn } from '../../local/nominator-mail.ts';
import { type RunningStack, startStack } from '../../local/stack.ts';

export interface SentEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[] };
  replyTo?: string[];
  subject: string;
  body: { text?: string; html?: string };
  attachments: { filename?: string; contentType: string; content: string }[];
}

export interface TestStack extends RunningStack {
  tableName: string;
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
  /** Emails in the SES emulator addressed (to or cc) to this address, after the outbox has drained. */
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
  /** A nomination taken by an organizer to `actions` (review, select, notify: a told participant). */
  decided(body: ReturnType<typeof nominationBody>, actions?: readonly string[]): Promise<{ id: string }>;
  /** The path of a participant's own page, from the newest email to them that carries it. */
  participantPage(address: string): Promise<string>;
}

/** The whole local stack in this test file's process, on its own table and a free API port. */
export const startTestStack = async (
  options: {
    clockStart?: string;
    organizerEmails?: string[];
    oidcKeyFile?: string;
    intakeLimits?: { perNominatorPerDay: number; perSourcePerHour: number };
    /** The functions' log level (WARN unless given). */
    logLevel?: string;
  } = {},
): Promise<TestStack> => {
  const tableName = `test-${randomUUID()}`;
  const stack = await startStack({
    apiPort: 0,
    schedulerPort: 0,
    dynamoDbEndpoint: inject('dynamoDbEndpoint'),
    sesEndpoint: inject('sesEndpoint'),
    keyFile: join(tmpdir(), `metlib-test-key-${randomUUID()}.json`),
    tableName,
    mailFrom: 'MetLib Learning Circle <learning-circle@metlib.example.org>',
    clockStart: options.clockStart ?? '2024-02-01T14:00:00Z',
    ...(options.organizerEmails ? { organizerEmails: options.organizerEmails } : {}),
    ...(options.oidcKeyFile ? { oidcKeyFile: options.oidcKeyFile } : {}),
    ...(options.intakeLimits ? { intakeLimits: options.intakeLimits } : {}),
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
    log: (line) => {
      if (!/ \d{3} \d+ ms$/.test(line)) process.stderr.write(`[stack] ${line}\n`);
    },
  });
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
    await stack.poller.drained();
    const store = (await (await fetch(`${stack.sesEndpoint}/store`)).json()) as { emails: SentEmail[] };
    return store.emails.filter((e) =>
      [...e.destination.to, ...e.destination.cc].some((a) => a.toLowerCase().includes(address.toLowerCase())),
    );
  };
  const linkFor: TestStack['linkFor'] = async (nominatorEmail, purpose = 'confirm') => {
    const confirmations = (await inbox(nominatorEmail)).filter((e) => e.subject.startsWith('Please confirm'));
    const path = nominatorLinkIn(confirmations.at(-1)?.body.text, purpose);
    if (!path) throw new Error(`No ${purpose} link was mailed to ${nominatorEmail}`);
    return path;
  };
  const nominate: TestStack['nominate'] = async (body = nominationBody()) => {
    const submitted = await api('POST', '/programs/metlib-2024/nominations', { body });
    if (submitted.status !== 202)
      throw new Error(`Submission answered ${submitted.status}: ${submitted.text}`);
    const confirmed = await api('POST', await linkFor(body.nominator.email));
    if (confirmed.status !== 200)
      throw new Error(`Confirmation answered ${confirmed.status}: ${confirmed.text}`);
    return { id: submitted.json.id as string };
  };
  const organizer = () => stack.token({ groups: ['organizers'], email: 'organizer@example.org' });
  const decided: TestStack['decided'] = async (body, actions = ['review', 'select', 'notify']) => {
    const { id } = await nominate(body);
    const token = await organizer();
    for (const action of actions) {
      const done = await api('POST', `/nominations/${id}/transitions`, { token, body: { action } });
      if (done.status !== 200) throw new Error(`${action} answered ${done.status}: ${done.text}`);
    }
    return { id };
  };
  const participantPage: TestStack['participantPage'] = async (address) => {
    const found = (await inbox(address))
      .map((e) => /\/participants\/[A-Za-z0-9_.-]+/.exec(e.body.text ?? '')?.[0])
      .filter(Boolean)
      .at(-1);
    if (!found) throw new Error(`No email to ${address} carried the participant's page`);
    return found;
  };
  return {
    ...stack,
    tableName,
    api,
    inbox,
    linkFor,
    nominate,
    decided,
    participantPage,
    organizer,
    reviewer: () => stack.token({ groups: ['reviewers'], email: 'reviewer@example.org' }),
    idToken: async (email) => (await stack.signIn(email)).idToken,
    itemCount: async () => {
      const client = localDynamoDbClient(stack.dynamoDbEndpoint);
      const { Count } = await client.send(new ScanCommand({ TableName: tableName, Select: 'COUNT' }));
      client.destroy();
      return Count ?? 0;
    },
  };
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
