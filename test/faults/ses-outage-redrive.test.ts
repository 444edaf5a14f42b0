import { randomUUID } from 'node:crypto';
import { SESClient } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureTable, localCredentials, localDynamoDbClient } from '../../local/emulators.ts';
import { freePort } from '../../local/free-port.ts';
import { DynamoDbStore } from '../../shared/adapters/dynamodb-store.ts';
import { SesSender } from '../../shared/adapters/ses-sender.ts';
import { redriveOutbox } from '../../shared/use-cases/redrive-outbox.ts';
import { type SendOutboxEmailDeps, sendOutboxEmail } from '../../shared/use-cases/send-outbox-email.ts';
import { queueAcknowledgements } from '../support/fixtures.ts';
import { sesInbox } from '../support/ses-inbox.ts';

// SES is down for longer than the stream trigger retries: the emails stay queued, and the sweep
// sends them once SES is back. The outage is real: the sender points at a port nothing listens on.

const sender = (endpoint: string) =>
  new SesSender(
    new SESClient({ endpoint, region: 'us-east-1', credentials: localCredentials, maxAttempts: 1 }),
    'MetLib <learning-circle@metlib.example.org>',
  );

const minutes = (n: number) => n * 60_000;

describe('emails the mailer gave up on during an SES outage', () => {
  let client: DynamoDBDocumentClient;
  let store: DynamoDbStore;
  let tableName: string;
  let deadSes: SesSender;
  const liveSes = () => sender(inject('sesEndpoint'));
  const t0 = new Date('2024-02-19T09:00:00Z');
  const at = (ms: number, ses: SesSender): SendOutboxEmailDeps => ({
    outbox: store,
    sender: ses,
    clock: { now: () => new Date(t0.getTime() + ms) },
    leaseMs: 20_000,
  });

  const queue = (count: number, when: Date) => queueAcknowledgements(store, count, 'outage', when);

  beforeAll(async () => {
    tableName = `faults-${randomUUID()}`;
    await ensureTable(inject('dynamoDbEndpoint'), tableName);
    client = DynamoDBDocumentClient.from(localDynamoDbClient(inject('dynamoDbEndpoint')));
    store = new DynamoDbStore(client, tableName);
    deadSes = sender(`http://127.0.0.1:${await freePort()}`);
  });

  it('keeps them queued through the outage and sends each once after it', async () => {
    const { people, refs } = await queue(4, t0);
    // The stream trigger's attempts, all during the outage: each fails and leaves the email pending.
    for (let attempt = 0; attempt < 3; attempt++) {
      for (const ref of refs)
        await expect(sendOutboxEmail(at(attempt * 1000, deadSes), ref)).rejects.toThrow();
    }
    const [pk, sk] = (refs[0] as string).split('|');
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { pk, sk } }));
    expect(Item).toMatchObject({ status: 'pending', attempts: 3, lastError: expect.any(String) });

    // Too young for the sweep: the trigger may still be retrying.
    const early = await redriveOutbox(at(minutes(5), liveSes()), { olderThanMs: minutes(15), limit: 50 });
    expect(early.found).toBe(0);

    // A sweep while SES is still down reports every failure and loses nothing.
    const stillDown = await redriveOutbox(at(minutes(16), deadSes), { olderThanMs: minutes(15), limit: 50 });
    expect(stillDown.found).toBe(4);
    expect(stillDown.failed.map((f) => f.ref).sort()).toEqual([...refs].sort());

    // SES is back.
    const recovered = await redriveOutbox(at(minutes(31), liveSes()), {
      olderThanMs: minutes(15),
      limit: 50,
    });
    expect(recovered).toMatchObject({ found: 4, sent: 4, failed: [], more: false });
    for (const n of people) expect(await sesInbox(n.candidate.email)).toHaveLength(1);

    // Sent emails leave the unsent index: the next sweep finds nothing and sends nothing.
    const after = await redriveOutbox(at(minutes(46), liveSes()), { olderThanMs: minutes(15), limit: 50 });
    expect(after.found).toBe(0);
    const { Item: sent } = await client.send(new GetCommand({ TableName: tableName, Key: { pk, sk } }));
    expect(sent).toMatchObject({ status: 'sent' });
    expect(sent).not.toHaveProperty('unsentPk');
    for (const n of people) expect(await sesInbox(n.candidate.email)).toHaveLength(1);
  });

  it('takes at most its limit per sweep, oldest first, and says more are waiting', async () => {
    const start = new Date(t0.getTime() + minutes(60));
    const older = await queue(2, start);
    const newer = await queue(2, new Date(start.getTime() + 1000));
    const deps = { ...at(minutes(90), liveSes()) };
    const first = await redriveOutbox(deps, { olderThanMs: minutes(15), limit: 2 });
    expect(first).toMatchObject({ found: 2, sent: 2, more: true });
    for (const n of older.people) expect(await sesInbox(n.candidate.email)).toHaveLength(1);
    for (const n of newer.people) expect(await sesInbox(n.candidate.email)).toHaveLength(0);
    const second = await redriveOutbox(deps, { olderThanMs: minutes(15), limit: 2 });
    expect(second).toMatchObject({ found: 2, sent: 2, more: false });
    for (const n of newer.people) expect(await sesInbox(n.candidate.email)).toHaveLength(1);
  });

  it('sends an email once when the sweep and the stream trigger reach it together', async () => {
    const { people, refs } = await queue(6, new Date(t0.getTime() + minutes(120)));
    const deps = at(minutes(140), liveSes());
    const [sweep, ...direct] = await Promise.all([
      redriveOutbox(deps, { olderThanMs: minutes(15), limit: 50 }),
      ...refs.map((ref) => sendOutboxEmail(deps, ref).catch((error: Error) => error.name)),
    ]);
    expect(sweep.failed).toEqual([]);
    // Each email went out through exactly one of the two; the loser saw it sent or claimed.
    const sentDirectly = direct.filter((outcome) => outcome === 'sent').length;
    expect(sweep.sent + sentDirectly).toBe(6);
    for (const n of people) expect(await sesInbox(n.candidate.email)).toHaveLength(1);
  });
});
