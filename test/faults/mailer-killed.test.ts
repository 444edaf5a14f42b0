import { randomUUID } from 'node:crypto';
import { SESClient } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { ensureTable, localCredentials, localDynamoDbClient } from '../../local/emulators.ts';
import { DynamoDbOutbox } from '../../shared/adapters/dynamodb-outbox.ts';
import { SesSender } from '../../shared/adapters/ses-sender.ts';
import type { EmailMessage } from '../../shared/email/templates.ts';
import type { EmailSender } from '../../shared/ports.ts';
import { sendOutboxEmail } from '../../shared/use-cases/send-outbox-email.ts';
import { putNominations, queueAcknowledgements } from '../support/fixtures.ts';
import { mailPolicy } from '../support/mail-policy.ts';
import { processSes, sesInbox } from '../support/ses-inbox.ts';

// One stack per file: handler modules read their configuration once per process.

describe('the mailer killed in the middle of a batch', () => {
  it('sends every outbox email after the restart, none twice', async () => {
    const tableName = `faults-${randomUUID()}`;
    await ensureTable(inject('dynamoDbEndpoint'), tableName);
    const documents = DynamoDBDocumentClient.from(localDynamoDbClient(inject('dynamoDbEndpoint')));
    const store = new DynamoDbOutbox(documents, tableName);
    const ses = new SesSender(
      new SESClient({
        endpoint: (await processSes()).endpoint,
        region: 'us-east-1',
        credentials: localCredentials,
      }),
      'MetLib <learning-circle@metlib.example.org>',
    );
    const { people, refs } = await queueAcknowledgements(
      store,
      5,
      'killed',
      new Date(),
      putNominations(documents, tableName),
    );

    // The first mailer sends two, then dies while sending the third: claimed, never finished.
    let sent = 0;
    let dyingSend = () => {};
    const sending = new Promise<void>((resolve) => {
      dyingSend = resolve;
    });
    const dying: EmailSender = {
      send: (message: EmailMessage) => {
        if (++sent <= 2) return ses.send(message);
        dyingSend();
        return new Promise<never>(() => {});
      },
    };
    const t0 = new Date();
    const atT0 = { now: () => t0 };
    const first = {
      outbox: store,
      sender: dying,
      clock: atT0,
      leaseClock: atT0,
      leaseMs: 20_000,
      ...mailPolicy,
    };
    await sendOutboxEmail(first, refs[0] as string);
    await sendOutboxEmail(first, refs[1] as string);
    void sendOutboxEmail(first, refs[2] as string);
    // Claimed: it is sending (and will never finish).
    await sending;

    // A restarted mailer, before the dead one's lease lapses: the third is refused, to be retried.
    const fiveSecondsOn = { now: () => new Date(t0.getTime() + 5_000) };
    const soon = {
      outbox: store,
      sender: ses,
      clock: fiveSecondsOn,
      leaseClock: fiveSecondsOn,
      leaseMs: 20_000,
      ...mailPolicy,
    };
    await expect(sendOutboxEmail(soon, refs[2] as string)).rejects.toThrow(/claimed by another sender/);
    // After the lease: the whole batch again, as the stream redelivers it.
    const afterLease = { now: () => new Date(t0.getTime() + 25_000) };
    const later = { ...soon, clock: afterLease, leaseClock: afterLease };
    const outcomes = [];
    for (const ref of refs) outcomes.push(await sendOutboxEmail(later, ref));
    expect(outcomes).toEqual(['already-handled', 'already-handled', 'sent', 'sent', 'sent']);
    for (const n of people) expect(await sesInbox(n.candidate.email)).toHaveLength(1);
  });
});
