import { randomUUID } from 'node:crypto';
import { SESClient } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureTable, localCredentials, localDynamoDbClient } from '../../local/emulators.ts';
import { freePort } from '../../local/listen.ts';
import { DynamoDbOutbox } from '../../shared/adapters/dynamodb-outbox.ts';
import { SesSender } from '../../shared/adapters/ses-sender.ts';
import type { EmailSender } from '../../shared/ports.ts';
import { redriveOptions, redriveOutbox } from '../../shared/use-cases/redrive-outbox.ts';
import {
  EmailClaimedElsewhereError,
  type SendOutboxEmailDeps,
  sendOutboxEmail,
} from '../../shared/use-cases/send-outbox-email.ts';
import { putNominations, queueAcknowledgements } from '../support/fixtures.ts';
import { mailPolicy } from '../support/mail-policy.ts';
import { processSes, sesInbox } from '../support/ses-inbox.ts';

// SES is down for longer than the stream trigger retries: the emails stay queued, and the sweep
// sends them once SES is back. The outage is real: the sender points at a port nothing listens on.

const sender = (endpoint: string) =>
  new SesSender(
    new SESClient({ endpoint, region: 'us-east-1', credentials: localCredentials, maxAttempts: 1 }),
    'MetLib <learning-circle@metlib.example.org>',
  );

const minutes = (n: number) => n * 60_000;
const sesEndpoint = (await processSes()).endpoint;

describe('emails the mailer gave up on during an SES outage', () => {
  let client: DynamoDBDocumentClient;
  let store: DynamoDbOutbox;
  let tableName: string;
  let deadSes: SesSender;
  const liveSes = () => sender(sesEndpoint);
  const t0 = new Date('2024-02-19T09:00:00Z');
  const at = (ms: number, ses: EmailSender): SendOutboxEmailDeps => ({
    outbox: store,
    sender: ses,
    clock: { now: () => new Date(t0.getTime() + ms) },
    leaseMs: 20_000,
    ...mailPolicy,
    leaseClock: { now: () => new Date(t0.getTime() + ms) },
  });

  const queue = (count: number, when: Date) =>
    queueAcknowledgements(store, count, 'outage', when, putNominations(client, tableName));

  beforeAll(async () => {
    tableName = `faults-${randomUUID()}`;
    await ensureTable(inject('dynamoDbEndpoint'), tableName);
    client = DynamoDBDocumentClient.from(localDynamoDbClient(inject('dynamoDbEndpoint')));
    store = new DynamoDbOutbox(client, tableName);
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

    // Each failure counts as the email's new start: 15 minutes after it, not before.
    const tooSoon = await redriveOutbox(at(minutes(30), liveSes()), { olderThanMs: minutes(15), limit: 50 });
    expect(tooSoon.found).toBe(0);

    // SES is back.
    const recovered = await redriveOutbox(at(minutes(32), liveSes()), {
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

  it('sends the others while one email keeps failing: a failure goes to the back of the queue', async () => {
    const start = new Date(t0.getTime() + minutes(200));
    const poison = await queue(1, start);
    const behind = await queue(2, new Date(start.getTime() + 1000));
    // The oldest email fails (say SES refuses that one address) in a sweep that takes one at a time.
    const first = await redriveOutbox(
      { ...at(minutes(220), deadSes) },
      { olderThanMs: minutes(15), limit: 1 },
    );
    expect(first.failed.map((f) => f.ref)).toEqual(poison.refs);
    // The next sweeps reach the ones behind it instead of retrying it first.
    for (let i = 0; i < behind.refs.length; i++) {
      const next = await redriveOutbox(at(minutes(221), liveSes()), { olderThanMs: minutes(15), limit: 1 });
      expect(next).toMatchObject({ found: 1, sent: 1 });
      expect(next.failed).toEqual([]);
    }
    for (const n of behind.people) expect(await sesInbox(n.candidate.email)).toHaveLength(1);
    const later = await redriveOutbox(at(minutes(240), liveSes()), { olderThanMs: minutes(15), limit: 1 });
    expect(later).toMatchObject({ found: 1, sent: 1 });
    expect(await sesInbox(poison.people[0]?.candidate.email ?? '')).toHaveLength(1);
  });

  it('retries an email that failed during one scheduled sweep at the very next one', async () => {
    const { people } = await queue(1, new Date(t0.getTime() + minutes(500)));
    // Sweeps run every 15 minutes with the deployed options; SES is down for the first, and the
    // failure lands a few seconds into it.
    const sweepAt = (m: number, ses: EmailSender, seconds = 0) =>
      redriveOutbox(at(minutes(m) + seconds * 1000, ses), redriveOptions);
    const failed = await sweepAt(525, deadSes, 5);
    expect(failed.failed).toHaveLength(1);
    const next = await sweepAt(540, liveSes());
    expect(next).toMatchObject({ found: 1, sent: 1 });
    expect(await sesInbox(people[0]?.candidate.email ?? '')).toHaveLength(1);
  });

  it('stops with time to spare before the function would time out, leaving the rest queued', async () => {
    const { people } = await queue(3, new Date(t0.getTime() + minutes(300)));
    const timeLeft = [60_000, 45_000, 20_000];
    const report = await redriveOutbox(at(minutes(320), liveSes()), {
      olderThanMs: minutes(15),
      limit: 50,
      reserveMs: 30_000,
      timeLeftMs: () => timeLeft.shift() ?? 0,
    });
    expect(report).toMatchObject({ found: 2, sent: 2, more: true });
    const received = await Promise.all(people.map((n) => sesInbox(n.candidate.email)));
    expect(received.map((r) => r.length).sort()).toEqual([0, 1, 1]);
  });

  it('times claims on the lease clock, so a program clock running fast lets no second sender in', async () => {
    const { people, refs } = await queue(1, new Date(t0.getTime() + minutes(400)));
    const ref = refs[0] as string;
    const real = { now: () => new Date() };
    let finish = () => {};
    let claimed = () => {};
    const sending = new Promise<void>((resolve) => {
      claimed = resolve;
    });
    const slow: EmailSender = {
      send: (message) =>
        new Promise((resolve) => {
          finish = () => resolve(liveSes().send(message));
          claimed();
        }),
    };
    const first = sendOutboxEmail({ ...at(minutes(420), slow), leaseClock: real }, ref);
    // Claimed, and sending until the test lets it finish.
    await sending;
    // An hour later on the program clock, a moment later in fact: the claim still holds.
    await expect(sendOutboxEmail({ ...at(minutes(480), liveSes()), leaseClock: real }, ref)).rejects.toThrow(
      EmailClaimedElsewhereError,
    );
    finish();
    expect(await first).toBe('sent');
    expect(await sesInbox(people[0]?.candidate.email ?? '')).toHaveLength(1);
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
