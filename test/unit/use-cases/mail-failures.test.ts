import { describe, expect, it } from 'vitest';
import { MailOutcomeUnknownError, MailRefusedError } from '#shared/domain/mail-delivery';
import { redriveOutbox } from '#shared/use-cases/redrive-outbox';
import { EmailClaimedElsewhereError, sendOutboxEmail } from '#shared/use-cases/send-outbox-email';
import { emailRef } from '../../support/in-memory/outbox.ts';
import { inMemoryWorld, nominated } from '../../support/in-memory/world.ts';

const waiting = async () => {
  const world = inMemoryWorld();
  const n = await nominated(world);
  return { world, n, ref: emailRef({ programId: n.programId, nominationId: n.id }, 'acknowledgement') };
};

const alertsOf = (world: ReturnType<typeof inMemoryWorld>) =>
  world.outbox.all().filter((e) => e.email.kind === 'delivery-failed');

describe('an email the mail service will not take', () => {
  it('is failed at the first refusal for good, with one alert to the organizers in the same write', async () => {
    const { world, n, ref } = await waiting();
    world.clock.set('2024-02-01T14:00:03Z');
    world.sender.failNext(
      new MailRefusedError(`SES refused the email: Email address is not verified: ${n.candidate.email}`, {
        cause: Object.assign(new Error('Email address is not verified.'), { name: 'MessageRejected' }),
      }),
    );
    expect(await sendOutboxEmail(world, ref)).toBe('failed');
    expect(world.outbox.find(ref)).toMatchObject({
      status: 'failed',
      attempts: 1,
      failedAt: '2024-02-01T14:00:03.000Z',
      lastError: expect.stringContaining('MessageRejected: Email address is not verified.'),
    });
    // Out of the queue: no sweep tries it again, so it alerts no one again.
    expect(await world.outbox.listUnsent(new Date('2030-01-01T00:00:00Z'), 10)).not.toContain(ref);
    const [alert, ...more] = alertsOf(world);
    expect(more).toEqual([]);
    expect(alert).toMatchObject({
      programId: 'metlib-2024',
      status: 'pending',
      email: {
        to: ['chair@metlib.example.org', 'secretary@metlib.example.org'],
        subject: expect.stringContaining('acknowledgement'),
      },
    });
    expect(alert?.email.text).toContain(`Nomination: ${n.id}`);
    expect(alert?.email.text).toContain('Email address is not verified');
    // The alert outlives the nomination in the organizers' mailboxes: it names nobody, not even
    // where the mail service's answer quoted the address.
    for (const personal of [n.candidate.email, n.candidate.name, n.nominator.email, n.nominator.name]) {
      expect(JSON.stringify(alert?.email).toLowerCase()).not.toContain(personal.toLowerCase());
    }
    // The refusal is final: the stream's retry finds nothing to send.
    expect(await sendOutboxEmail(world, ref)).toBe('already-handled');
    expect(world.sender.sent).toEqual([]);
  });

  it('is retried after other failures up to the cap, then failed with one alert', async () => {
    const { world, ref } = await waiting();
    world.sender.failNext(...Array.from({ length: world.maxAttempts }, () => new Error('Throttling')));
    for (let attempt = 1; attempt < world.maxAttempts; attempt++) {
      await expect(sendOutboxEmail(world, ref)).rejects.toThrow('Throttling');
      expect(world.outbox.find(ref)).toMatchObject({ status: 'pending', attempts: attempt });
    }
    expect(alertsOf(world)).toEqual([]);
    expect(await sendOutboxEmail(world, ref)).toBe('failed');
    expect(world.outbox.find(ref)).toMatchObject({ status: 'failed', attempts: world.maxAttempts });
    expect(alertsOf(world)).toHaveLength(1);
  });

  it('raises no alert when the alert itself fails, so a broken organizer address cannot loop', async () => {
    const { world, ref } = await waiting();
    world.sender.failNext(new MailRefusedError('refused'));
    await sendOutboxEmail(world, ref);
    const [alert] = alertsOf(world);
    world.sender.failNext(new MailRefusedError('refused as well'));
    expect(await sendOutboxEmail(world, alert?.ref as string)).toBe('failed');
    expect(alertsOf(world)).toHaveLength(1);
  });

  it('is not released after a timeout: its lease runs out before the next try', async () => {
    const { world, ref } = await waiting();
    world.clock.set('2024-02-01T14:00:30Z');
    world.sender.failNext(new MailOutcomeUnknownError('SES did not answer in time'));
    await expect(sendOutboxEmail(world, ref)).rejects.toThrow(MailOutcomeUnknownError);
    expect(world.outbox.find(ref)).toMatchObject({
      status: 'sending',
      lastError: 'MailOutcomeUnknownError: SES did not answer in time',
    });
    // The stream's immediate retry, and the sweep's, find it leased.
    await expect(sendOutboxEmail(world, ref)).rejects.toThrow(EmailClaimedElsewhereError);
    world.clock.advance(15 * 60_000);
    // The sweep sends what else is owed (the nominator's confirmation), not this one.
    expect(await redriveOutbox(world, { olderThanMs: 14 * 60_000, limit: 10 })).toMatchObject({
      claimedElsewhere: 1,
    });
    expect(world.sender.refs).not.toContain(ref);
    world.leaseClock.advance(world.leaseMs + 1);
    expect(await sendOutboxEmail(world, ref)).toBe('sent');
    expect(world.sender.refs.filter((r) => r === ref)).toHaveLength(1);
  });

  it('tags each send with its outbox reference, which the mail service echoes in its reports', async () => {
    const { world, ref } = await waiting();
    await sendOutboxEmail(world, ref);
    expect(world.sender.refs).toEqual([ref]);
  });
});

describe('an address that complained', () => {
  it('gets no reminder: the reminder is suppressed, visibly', async () => {
    const world = inMemoryWorld();
    const n = await nominated(world);
    world.complaints.add(n.candidate.email.toUpperCase());
    const ref = emailRef({ programId: n.programId, nominationId: n.id }, 'reminder#meeting-2024-04');
    await world.outbox.enqueue(
      [
        {
          programId: n.programId,
          nominationId: n.id,
          email: {
            key: 'reminder#meeting-2024-04',
            kind: 'reminder',
            to: [n.candidate.email],
            cc: [],
            subject: 'Reminder',
            html: '<p>Reminder</p>',
            text: 'Reminder',
          },
        },
      ],
      world.clock.now(),
    );
    expect(await sendOutboxEmail(world, ref)).toBe('suppressed');
    expect(world.outbox.find(ref)).toMatchObject({ status: 'suppressed', withheld: [n.candidate.email] });
    expect(await world.outbox.listUnsent(new Date('2030-01-01T00:00:00Z'), 10)).not.toContain(ref);
    expect(world.sender.sent).toEqual([]);
  });

  it('still gets essential mail (the acknowledgement, the decision)', async () => {
    const { world, n, ref } = await waiting();
    world.complaints.add(n.candidate.email);
    expect(await sendOutboxEmail(world, ref)).toBe('sent');
    expect(world.sender.sent[0]?.to).toEqual([n.candidate.email]);
  });
});
