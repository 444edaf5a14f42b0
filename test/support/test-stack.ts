import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import sample from '../../events/samples/nomination.json' with { type: 'json' };
import { localDynamoDbClient } from '../../local/emulators.ts';
import { type RunningStack, startStack } from '../../local/stack.ts';

export interface SentEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[] };
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
}

/** The whole local stack in this test file's process, on its own table and a free API port. */
export const startTestStack = async (
  options: {
    clockStart?: string;
    organizerEmails?: string[];
    oidcKeyFile?: string;
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
  return {
    ...stack,
    tableName,
    api,
    organizer: () => stack.token({ groups: ['organizers'], email: 'organizer@example.org' }),
    reviewer: () => stack.token({ groups: ['reviewers'], email: 'reviewer@example.org' }),
    idToken: async (email) => (await stack.signIn(email)).idToken,
    inbox: async (address) => {
      await stack.poller.drained();
      const store = (await (await fetch(`${stack.sesEndpoint}/store`)).json()) as { emails: SentEmail[] };
      return store.emails.filter((e) =>
        [...e.destination.to, ...e.destination.cc].some((a) =>
          a.toLowerCase().includes(address.toLowerCase()),
        ),
      );
    },
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
