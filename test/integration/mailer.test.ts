import { randomUUID } from 'node:crypto';
import { SESClient } from '@aws-sdk/client-ses';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { metlib2024 } from '../../events/programs/metlib-2024.ts';
import { ensureTable, localCredentials } from '../../local/emulators.ts';
import { documentClient } from '../../shared/adapters/aws-clients.ts';
import { DynamoDbNominationStore } from '../../shared/adapters/dynamodb-nominations.ts';
import { DynamoDbOutbox } from '../../shared/adapters/dynamodb-outbox.ts';
import { outboxRef } from '../../shared/adapters/dynamodb-outbox-items.ts';
import { SesSender } from '../../shared/adapters/ses-sender.ts';
import { keys } from '../../shared/adapters/table-design.ts';
import { acknowledgementEmail } from '../../shared/email/templates.ts';
import { sendOutboxEmail } from '../../shared/use-cases/send-outbox-email.ts';
import { sampleNomination } from '../support/fixtures.ts';
import { mailPolicy } from '../support/mail-policy.ts';
import { nominationBody, testStack, type WorkerStack } from '../support/test-stack.ts';

let stack: WorkerStack;
beforeAll(async () => {
  stack = await testStack();
});

const clock = { now: () => new Date() };
const ses = (endpoint: string) =>
  new SesSender(
    new SESClient({ endpoint, region: 'us-east-1', credentials: localCredentials, maxAttempts: 1 }),
    'MetLib <learning-circle@metlib.example.org>',
  );

describe('the mailer', () => {
  it('sends nothing again when a stream record is delivered twice', async () => {
    const body = nominationBody();
    const { id } = await stack.nominate(body);
    expect(await stack.inbox(body.candidate.email)).toHaveLength(1);

    const { run } = await import('../../functions/send-email.ts');
    const key = keys.email(id, 'acknowledgement');
    const record = { dynamodb: { Keys: { pk: { S: key.pk }, sk: { S: key.sk } }, SequenceNumber: '1' } };
    const result = await run({ Records: [record, record] } as never);
    expect(result.batchItemFailures).toEqual([]);
    expect(await stack.inbox(body.candidate.email)).toHaveLength(1);
  });

  it('releases an email the mail service refused and sends it once on the retry', async () => {
    // A table without a stream consumer, so only this test sends.
    const tableName = `mailer-${randomUUID()}`;
    await ensureTable(stack.dynamoDbEndpoint, tableName);
    const client = documentClient(stack.dynamoDbEndpoint);
    const store = new DynamoDbNominationStore(client, tableName);
    const outbox = new DynamoDbOutbox(client, tableName);
    const candidate = `retry-${randomUUID()}@library.example.org`;
    const nomination = sampleNomination((n) => {
      n.candidate.email = candidate;
    });
    await store.create(
      nomination,
      {
        at: nomination.submittedAt,
        actor: 'test',
        action: 'submit',
        from: null,
        to: 'submitted',
        version: 1,
      },
      [{ key: 'acknowledgement', kind: 'acknowledgement', ...acknowledgementEmail(metlib2024, nomination) }],
    );
    const ref = outboxRef(keys.email(nomination.id, 'acknowledgement'));

    // Nothing listens on port 9: the send fails as an unreachable service would.
    const unreachable = {
      outbox,
      sender: ses('http://127.0.0.1:9'),
      clock,
      leaseClock: clock,
      leaseMs: 60_000,
      ...mailPolicy,
    };
    await expect(sendOutboxEmail(unreachable, ref)).rejects.toThrow();
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: keys.email(nomination.id, 'acknowledgement') }),
    );
    expect(Item).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.any(String) });

    const working = {
      outbox,
      sender: ses(stack.sesEndpoint),
      clock,
      leaseClock: clock,
      leaseMs: 60_000,
      ...mailPolicy,
    };
    // Two senders at once: one sends; the other finds it claimed and fails, to be retried later.
    const outcomes = await Promise.allSettled([sendOutboxEmail(working, ref), sendOutboxEmail(working, ref)]);
    // (If the first finished before the second looked, the second finds it sent instead.)
    const settled = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : String(o.reason.message)));
    expect(settled.filter((o) => o === 'sent')).toHaveLength(1);
    expect(settled.filter((o) => o !== 'sent')[0]).toMatch(
      /^already-handled$|claimed by another sender until/,
    );
    expect(await sendOutboxEmail(working, ref)).toBe('already-handled');
    expect(await stack.inbox(candidate)).toHaveLength(1);
    const detail = await store.getDetail(nomination.id);
    expect(detail?.emails).toEqual([
      expect.objectContaining({
        key: 'acknowledgement',
        status: 'sent',
        attempts: 2,
        messageId: expect.any(String),
      }),
    ]);
    client.destroy();
  });
});
