import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScheduledEvent } from '../../events/contracts.ts';
import { metlib2024 } from '../../events/programs/metlib-2024.ts';
import { planSchedules } from '../../shared/domain/schedule-plan.ts';
import { nominationBody, testStack, toParticipant, type WorkerStack } from '../support/test-stack.ts';

// One stack per file: handler modules read their configuration once per process.
const tag = randomUUID().slice(0, 8);
const bouncing = `bounce+${tag}@simulator.amazonses.com`;
const complaining = `complaint+${tag}@simulator.amazonses.com`;
const succeeding = `success+${tag}@simulator.amazonses.com`;
let stack: WorkerStack;
let organizer: string;
let runTimelineEvent: (input: unknown) => Promise<unknown>;

const input = (schedule: string): ScheduledEvent => {
  const planned = planSchedules(metlib2024).schedules.find((s) => s.name === schedule);
  if (!planned) throw new Error(`no schedule ${schedule}`);
  return planned.input;
};

/** Until the mailer has sent what is queued and the simulator's reports are recorded. */
const settled = async () => {
  await stack.poller.drained();
  await stack.poller.drained();
};

/** Submitted and confirmed by its nominator, as every nomination staff see is. */
const submit = async (candidateEmail: string, nominatorEmail?: string) =>
  (await stack.nominate(nominationBody({ candidateEmail, ...(nominatorEmail ? { nominatorEmail } : {}) })))
    .id;

const detail = async (id: string) => {
  const response = await stack.api('GET', `/nominations/${id}`, { token: organizer });
  expect(response.status).toBe(200);
  return response.json;
};

beforeAll(async () => {
  stack = await testStack();
  organizer = await stack.organizer();
  // The module the stack loaded, with the variables it granted.
  ({ run: runTimelineEvent } = await import('../../functions/run-timeline-event.ts'));
});

describe('the mailbox simulator’s addresses, as on AWS', () => {
  it('bounce@: the bounce is on the email, the history and the nomination, for organizers to correct', async () => {
    const id = await submit(bouncing, succeeding);
    await settled();
    const shown = await detail(id);
    const [ack] = shown.emails;
    expect(ack).toMatchObject({
      key: 'acknowledgement',
      status: 'sent',
      delivery: 'bounced',
      deliveryEvents: expect.arrayContaining([
        expect.objectContaining({ type: 'delivered', recipients: [succeeding] }),
        expect.objectContaining({
          type: 'bounced',
          bounceType: 'Permanent',
          recipients: [bouncing],
          diagnostic: 'smtp; 550 5.1.1 user unknown',
          messageId: ack.messageId,
        }),
      ]),
    });
    expect(shown.undeliverable).toEqual([
      expect.objectContaining({ role: 'candidate', address: bouncing, emailKey: 'acknowledgement' }),
    ]);
    expect(shown.history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor: 'mail service',
          action: 'email-bounced',
          emailKey: 'acknowledgement',
          recipients: [bouncing],
          note: 'smtp; 550 5.1.1 user unknown',
        }),
      ]),
    );
    // The delivery to the nominator stays on the email: the history keeps what needs acting on.
    expect(shown.history.map((h: { action: string }) => h.action)).toEqual([
      'submit',
      'confirm',
      'email-bounced',
    ]);
    // A report is not a change: the version an organizer holds is still good.
    expect(shown.version).toBe(2);

    // The readiness email lists the address to correct.
    await runTimelineEvent(input('decision-readiness'));
    await settled();
    const [readiness] = await stack.inbox(stack.organizerInbox);
    expect(readiness?.body.text).toContain('Addresses to correct, where email bounced for good:');
    expect(readiness?.body.text).toContain(`${bouncing} (candidate of`);
    expect(readiness?.body.text).toContain(id);

    // Corrected, the address no longer shows; the resend goes to the new one.
    const fixed = `candidate-${tag}@library.example.org`;
    const correction = await stack.api('PATCH', `/nominations/${id}`, {
      token: organizer,
      body: { candidate: { email: fixed }, expectedVersion: 2, note: 'Typo in the address' },
    });
    expect(correction.status).toBe(200);
    expect((await detail(id)).undeliverable).toEqual([]);
  });

  it('records a redelivered report once', async () => {
    const id = await submit(`bounce+again-${tag}@simulator.amazonses.com`);
    await settled();
    const { run: record } = await import('../../functions/record-email-event.ts');
    const { simulatedEvents } = await import('../../local/mail-events.ts');
    const shown = await detail(id);
    const [ack] = shown.emails;
    const [, bounce] = simulatedEvents(
      {
        pk: `NOMINATION#${id}`,
        sk: 'EMAIL#acknowledgement',
        to: ack.to,
        cc: ack.cc,
        messageId: ack.messageId,
        sentAt: ack.sentAt,
        subject: ack.subject,
      },
      { configurationSet: 'metlib-nominations-local', from: 'x@metlib.example.org', at: new Date() },
    );
    expect(await record(bounce)).toEqual({ outcome: 'already-recorded' });
    const again = await detail(id);
    expect(again.emails[0].deliveryEvents.filter((e: { type: string }) => e.type === 'bounced')).toHaveLength(
      1,
    );
    expect(again.undeliverable).toHaveLength(1);
    expect(again.history.filter((h: { action: string }) => h.action === 'email-bounced')).toHaveLength(1);
  });

  it('complaint@: still gets the decision, not the reminders', async () => {
    const id = await submit(complaining);
    await settled();
    expect((await detail(id)).emails[0]).toMatchObject({ status: 'sent', delivery: 'complained' });
    await stack.takeThrough(id, toParticipant, organizer);
    await settled();
    await runTimelineEvent(input('meeting-2024-04.reminder-7d'));
    await settled();
    const emails = (await detail(id)).emails as { kind: string; status: string; withheld?: string[] }[];
    expect(emails.find((e) => e.kind === 'decision-selected')).toMatchObject({ status: 'sent' });
    expect(emails.find((e) => e.kind === 'reminder')).toMatchObject({
      status: 'suppressed',
      withheld: [complaining],
    });
    const inbox = await stack.inbox(complaining);
    expect(inbox.map((e) => e.subject)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/reminder/i)]),
    );
  });

  it('keeps no address in a complaint’s key, and erasure by address takes the complaint too', async () => {
    const scanAll = async () => {
      const { ScanCommand } = await import('@aws-sdk/client-dynamodb');
      const { localDynamoDbClient } = await import('../../local/emulators.ts');
      const client = localDynamoDbClient(stack.dynamoDbEndpoint);
      const { Items } = await client.send(new ScanCommand({ TableName: stack.tableName }));
      client.destroy();
      return Items ?? [];
    };
    const complaints = (await scanAll()).filter((i) => i.sk?.S === 'COMPLAINT');
    expect(complaints.length).toBeGreaterThan(0);
    expect(JSON.stringify(complaints)).not.toContain(complaining);
    const erased = await stack.api('POST', '/personal-data/erase', {
      token: organizer,
      body: { email: complaining },
    });
    expect(erased.status).toBe(200);
    expect((await scanAll()).filter((i) => i.sk?.S === 'COMPLAINT')).toHaveLength(complaints.length - 1);
    expect(JSON.stringify(await scanAll())).not.toContain(complaining);
  });

  it('success@ and any other address: delivered', async () => {
    const id = await submit(succeeding.replace('success+', 'success+other-'));
    await settled();
    expect((await detail(id)).emails[0]).toMatchObject({ status: 'sent', delivery: 'delivered' });
    expect((await detail(id)).undeliverable).toEqual([]);
  });
});
