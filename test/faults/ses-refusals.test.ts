import { randomUUID } from 'node:crypto';
import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureTable, localCredentials, localDynamoDbClient } from '../../local/emulators.ts';
import { DynamoDbOutbox } from '../../shared/adapters/dynamodb-outbox.ts';
import { parseOutboxRef } from '../../shared/adapters/dynamodb-outbox-items.ts';
import { SesSender } from '../../shared/adapters/ses-sender.ts';
import { decodeRefTag } from '../../shared/adapters/ses-tags.ts';
import { MailOutcomeUnknownError } from '../../shared/domain/mail-delivery.ts';
import {
  EmailClaimedElsewhereError,
  type SendOutboxEmailDeps,
  sendOutboxEmail,
} from '../../shared/use-cases/send-outbox-email.ts';
import { putNominations, queueAcknowledgements } from '../support/fixtures.ts';
import { mailPolicy } from '../support/mail-policy.ts';
import { processSes } from '../support/ses-inbox.ts';

// SES's own errors, as the SDK raises them, injected where the emulator accepts everything.
const sesError = (name: string, message: string, status = 400) =>
  Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: status } });

let table: string;
const sesEndpoint = (await processSes()).endpoint;
let documents: DynamoDBDocumentClient;
let outbox: DynamoDbOutbox;

beforeAll(async () => {
  table = `refusals-${randomUUID()}`;
  await ensureTable(inject('dynamoDbEndpoint'), table);
  documents = DynamoDBDocumentClient.from(localDynamoDbClient(inject('dynamoDbEndpoint')));
  outbox = new DynamoDbOutbox(documents, table);
});

/** A sender whose SES client answers as the test says; the client is real, its transport mocked. */
const mockedSes = () => {
  const client = new SESClient({
    endpoint: sesEndpoint,
    region: 'us-east-1',
    credentials: localCredentials,
    maxAttempts: 1,
  });
  return {
    ses: mockClient(client),
    sender: new SesSender(client, 'MetLib <learning-circle@metlib.example.org>'),
  };
};

const clock = (start: string) => {
  let at = Date.parse(start);
  return { now: () => new Date(at), advance: (ms: number) => (at += ms) };
};

const deps = (sender: SesSender, maxAttempts = 16) => {
  const programClock = clock('2024-02-19T09:00:00Z');
  const leaseClock = clock('2024-02-19T09:00:00Z');
  const d: SendOutboxEmailDeps = {
    outbox,
    sender,
    clock: programClock,
    leaseClock,
    leaseMs: 60_000,
    ...mailPolicy,
    maxAttempts,
  };
  return { deps: d, programClock, leaseClock };
};

const item = async (ref: string) =>
  (await documents.send(new GetCommand({ TableName: table, Key: parseOutboxRef(ref), ConsistentRead: true })))
    .Item;

/** The organizers' alerts about one email, as the program's email partition holds them. */
const alertsFor = async (ref: string) => {
  const { Items } = await documents.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: {
        ':pk': 'PROGRAM#metlib-2024#EMAILS',
        ':sk': `EMAIL#delivery-failed#${ref}`,
      },
      ConsistentRead: true,
    }),
  );
  return Items ?? [];
};

describe('a send SES refuses for good', () => {
  it.each([
    ['MessageRejected', 'Email address is not verified. The following identities failed the check'],
    ['MailFromDomainNotVerifiedException', 'Mail from domain not verified'],
    ['InvalidParameterValue', 'Missing final @domain'],
    ['AccessDenied', 'User is not authorized to perform ses:SendRawEmail'],
  ])('%s: the email is failed at once, out of the queue, with one alert', async (name, message) => {
    const { ses, sender } = mockedSes();
    ses.on(SendRawEmailCommand).rejects(sesError(name, message));
    const { refs } = await queueAcknowledgements(
      outbox,
      1,
      `refused-${name}`,
      new Date('2024-02-19T08:00:00Z'),
      putNominations(documents, table),
    );
    const ref = refs[0] as string;
    const { deps: d } = deps(sender);

    expect(await sendOutboxEmail(d, ref)).toBe('failed');
    expect(await item(ref)).toMatchObject({
      status: 'failed',
      attempts: 1,
      failedAt: '2024-02-19T09:00:00.000Z',
      lastError: expect.stringContaining(`${name}: ${message}`),
    });
    expect(await item(ref)).not.toHaveProperty('unsentPk');
    expect(await outbox.listUnsent(new Date('2030-01-01T00:00:00Z'), 1000)).not.toContain(ref);
    const alerts = await alertsFor(ref);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: 'delivery-failed',
      status: 'pending',
      to: mailPolicy.organizers,
    });
    // The stream's retry finds nothing to send: SES is asked once.
    expect(await sendOutboxEmail(d, ref)).toBe('already-handled');
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(1);
    // The send carried the outbox reference as a tag, which SES echoes in its events.
    const tags = ses.commandCalls(SendRawEmailCommand)[0]?.args[0].input.Tags ?? [];
    expect(tags.map((t) => [t.Name, decodeRefTag(t.Value ?? '')])).toEqual([['outbox-ref', ref]]);
    ses.restore();
  });
});

describe('a send that keeps failing for other reasons', () => {
  it('is retried up to the cap, then failed with one alert', async () => {
    const { ses, sender } = mockedSes();
    // The daily quota spent: a throttling that no wait of a second cures (the sending rate's own
    // throttling is made again in a later slot by the paced sender: test/unit/use-cases/send-pacing.test.ts).
    ses.on(SendRawEmailCommand).rejects(sesError('Throttling', 'Daily message quota exceeded.'));
    const { refs } = await queueAcknowledgements(
      outbox,
      1,
      'capped',
      new Date('2024-02-19T08:00:00Z'),
      putNominations(documents, table),
    );
    const ref = refs[0] as string;
    const { deps: d } = deps(sender, 3);
    for (let attempt = 1; attempt < 3; attempt++) {
      await expect(sendOutboxEmail(d, ref)).rejects.toThrow('temporarily unavailable');
      expect(await item(ref)).toMatchObject({ status: 'pending', attempts: attempt });
      expect(await alertsFor(ref)).toEqual([]);
    }
    expect(await sendOutboxEmail(d, ref)).toBe('failed');
    expect(await item(ref)).toMatchObject({ status: 'failed', attempts: 3 });
    expect(await alertsFor(ref)).toHaveLength(1);
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(3);
    ses.restore();
  });
});

describe('a send that timed out', () => {
  it('is not released for an immediate second try: its lease runs out first', async () => {
    const { ses, sender } = mockedSes();
    ses
      .on(SendRawEmailCommand)
      .rejectsOnce(Object.assign(new Error('Connection timed out after 5000 ms'), { name: 'TimeoutError' }))
      .resolves({ MessageId: 'after-the-lease' });
    const { refs } = await queueAcknowledgements(
      outbox,
      1,
      'timed-out',
      new Date('2024-02-19T08:00:00Z'),
      putNominations(documents, table),
    );
    const ref = refs[0] as string;
    const { deps: d, leaseClock } = deps(sender);

    await expect(sendOutboxEmail(d, ref)).rejects.toThrow(MailOutcomeUnknownError);
    expect(await item(ref)).toMatchObject({
      status: 'sending',
      leaseUntil: '2024-02-19T09:01:00.000Z',
      lastError: expect.stringContaining('TimeoutError: Connection timed out after 5000 ms'),
    });
    // The stream's retry, a second later: still leased, SES not asked again.
    leaseClock.advance(1_000);
    await expect(sendOutboxEmail(d, ref)).rejects.toThrow(EmailClaimedElsewhereError);
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(1);
    leaseClock.advance(60_000);
    expect(await sendOutboxEmail(d, ref)).toBe('sent');
    expect(await item(ref)).toMatchObject({ status: 'sent', attempts: 2, messageId: 'after-the-lease' });
    ses.restore();
  });
});
