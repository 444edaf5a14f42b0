import { describe, expect, it } from 'vitest';
import { ServiceUnavailableError } from '#shared/domain/errors';
import {
  describeFailure,
  EmailClaimedElsewhereError,
  sendOutboxEmail,
} from '#shared/use-cases/send-outbox-email';
import { emailRef } from '../../support/in-memory/outbox.ts';
import { inMemoryWorld, nominated } from '../../support/in-memory/world.ts';

/** A world with one acknowledgement waiting in the outbox, and its reference. */
const waiting = async () => {
  const world = inMemoryWorld();
  const n = await nominated(world);
  return { world, n, ref: emailRef({ programId: n.programId, nominationId: n.id }, 'acknowledgement') };
};

describe('sendOutboxEmail', () => {
  it('sends a pending email and marks it sent on the program clock', async () => {
    const { world, n, ref } = await waiting();
    world.clock.set('2024-02-01T14:00:02Z');
    expect(await sendOutboxEmail(world, ref)).toBe('sent');
    expect(world.sender.sent.map((m) => [m.to, m.cc, m.subject])).toEqual([
      [
        [n.candidate.email],
        [n.nominator.email],
        'Nomination received: Jordi Serra for the MetLib Learning Circle 2024',
      ],
    ]);
    expect((await world.nominations.getDetail(n.id))?.emails).toEqual([
      expect.objectContaining({
        key: 'acknowledgement',
        status: 'sent',
        attempts: 1,
        sentAt: '2024-02-01T14:00:02.000Z',
        messageId: 'message-1',
      }),
      // Only the email it was given: the nominator's confirmation waits for its own turn.
      expect.objectContaining({ key: 'confirmation', status: 'pending', attempts: 0 }),
    ]);
  });

  it('sends nothing again for an email already sent, or one not in the outbox', async () => {
    const { world, ref } = await waiting();
    await sendOutboxEmail(world, ref);
    expect(await sendOutboxEmail(world, ref)).toBe('already-handled');
    expect(await sendOutboxEmail(world, 'NOMINATION#unknown|EMAIL#acknowledgement')).toBe('already-handled');
    expect(world.sender.sent).toHaveLength(1);
  });

  it('leaves an email claimed by another sender until its lease lapses on the real clock', async () => {
    const { world, ref } = await waiting();
    const other = await world.outbox.claim(ref, world.leaseClock.now(), world.leaseMs);
    expect(other.outcome).toBe('claimed');

    const until = '2024-02-01T14:01:00.000Z';
    await expect(sendOutboxEmail(world, ref)).rejects.toThrow(new EmailClaimedElsewhereError(until));
    // The program clock running ahead (the local stack's) does not end a lease.
    world.clock.advance(3_600_000);
    await expect(sendOutboxEmail(world, ref)).rejects.toThrow(EmailClaimedElsewhereError);
    world.leaseClock.advance(world.leaseMs);
    await expect(sendOutboxEmail(world, ref)).rejects.toThrow(EmailClaimedElsewhereError);
    expect(world.sender.sent).toEqual([]);

    world.leaseClock.advance(1);
    expect(await sendOutboxEmail(world, ref)).toBe('sent');
    expect(world.outbox.find(ref)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('releases a failed email with the error, re-keyed by the failure, so a retry sends it once', async () => {
    const { world, ref } = await waiting();
    world.clock.set('2024-02-01T14:05:00Z');
    const outage = new ServiceUnavailableError(
      'The mail service is temporarily unavailable; please try again',
      {
        cause: Object.assign(new Error('connect ECONNREFUSED'), { name: 'TimeoutError' }),
      },
    );
    world.sender.failNext(outage);
    await expect(sendOutboxEmail(world, ref)).rejects.toBe(outage);
    expect(world.outbox.find(ref)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError:
        'ServiceUnavailable: The mail service is temporarily unavailable; please try again (TimeoutError: connect ECONNREFUSED)',
      unsentSince: '2024-02-01T14:05:00.000Z',
    });
    expect(world.outbox.find(ref)).not.toHaveProperty('claim');

    expect(await sendOutboxEmail(world, ref)).toBe('sent');
    expect(world.sender.sent).toHaveLength(1);
    expect(world.outbox.find(ref)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(world.outbox.find(ref)).not.toHaveProperty('lastError');
  });

  it('leaves the email to the sender that took it over when its own lease lapsed during a failed send', async () => {
    const { world, ref } = await waiting();
    world.sender.during = async () => {
      world.sender.during = undefined;
      world.leaseClock.advance(world.leaseMs + 1);
      await world.outbox.claim(ref, world.leaseClock.now(), world.leaseMs);
    };
    world.sender.failNext(new Error('timed out'));
    await expect(sendOutboxEmail(world, ref)).rejects.toThrow('timed out');
    expect(world.outbox.find(ref)).toMatchObject({ status: 'sending', attempts: 2 });
    expect(world.outbox.find(ref)).not.toHaveProperty('lastError');
  });

  it('describes a failure by its code or name, and its cause', () => {
    expect(describeFailure(new TypeError('x is not a function'))).toBe('TypeError: x is not a function');
    expect(describeFailure('a string')).toBe('a string');
  });
});
