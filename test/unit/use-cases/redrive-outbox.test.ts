import { describe, expect, it } from 'vitest';
import { redriveOutbox } from '#shared/use-cases/redrive-outbox';
import { sendOutboxEmail } from '#shared/use-cases/send-outbox-email';
import { queueAcknowledgements } from '../../support/fixtures.ts';
import { inMemoryWorld, type World } from '../../support/in-memory/world.ts';

const minutes = (n: number) => n * 60_000;
const options = { olderThanMs: minutes(14), limit: 10 };

/** Acknowledgements queued straight into the outbox, `count` of them at each of the given minutes past 14:00. */
const queuedAt = async (world: World, ...at: number[]) => {
  const refs: string[] = [];
  for (const minute of at) {
    const when = new Date(Date.parse('2024-02-01T14:00:00Z') + minutes(minute));
    refs.push(...(await queueAcknowledgements(world.outbox, 1, `m${minute}`, when)).refs);
  }
  return refs;
};

describe('redriveOutbox', () => {
  it('sends the emails queued at least the cut-off ago, the longest waiting first, and leaves younger ones', async () => {
    const world = inMemoryWorld();
    const [a, b, young] = await queuedAt(world, 1, 0, 10);
    world.clock.set('2024-02-01T14:15:01Z');
    expect(await redriveOutbox(world, options)).toEqual({
      found: 2,
      sent: 2,
      alreadyHandled: 0,
      claimedElsewhere: 0,
      failed: [],
      gaveUp: [],
      suppressed: 0,
      more: false,
    });
    expect(world.outbox.find(b as string)?.sentAt).toBe('2024-02-01T14:15:01.000Z');
    expect(world.outbox.find(a as string)?.status).toBe('sent');
    expect(world.outbox.find(young as string)?.status).toBe('pending');
    expect(world.sender.sent.map((m) => m.to[0]?.split('-')[0])).toEqual(['m0', 'm1']);
  });

  it('leaves an email queued exactly the cut-off ago for the next sweep', async () => {
    const world = inMemoryWorld();
    const [due, notYet] = await queuedAt(world, 0, 1);
    world.clock.set('2024-02-01T14:15:00Z');
    expect(await redriveOutbox(world, options)).toMatchObject({ found: 1, sent: 1 });
    expect([due, notYet].map((r) => world.outbox.find(r as string)?.status)).toEqual(['sent', 'pending']);
  });

  it('takes at most its limit and says there is more', async () => {
    const world = inMemoryWorld();
    const refs = await queuedAt(world, 0, 1, 2, 3, 4);
    world.clock.set('2024-02-01T15:00:00Z');
    expect(await redriveOutbox(world, { ...options, limit: 2 })).toMatchObject({
      found: 2,
      sent: 2,
      more: true,
    });
    expect(refs.map((r) => world.outbox.find(r)?.status)).toEqual([
      'sent',
      'sent',
      'pending',
      'pending',
      'pending',
    ]);
    expect(await redriveOutbox(world, { ...options, limit: 3 })).toMatchObject({
      found: 3,
      sent: 3,
      more: false,
    });
    expect(await redriveOutbox(world, options)).toMatchObject({ found: 0, sent: 0, more: false });
  });

  it('goes on past a failure, and puts the failed email behind the others', async () => {
    const world = inMemoryWorld();
    const [first, second] = await queuedAt(world, 0, 1);
    world.clock.set('2024-02-01T14:20:00Z');
    world.sender.failNext(new Error('Throttling: maximum sending rate exceeded'));
    expect(await redriveOutbox(world, { ...options, limit: 1 })).toEqual({
      found: 1,
      sent: 0,
      alreadyHandled: 0,
      claimedElsewhere: 0,
      failed: [{ ref: first, error: 'Error: Throttling: maximum sending rate exceeded' }],
      gaveUp: [],
      suppressed: 0,
      more: true,
    });
    // 14 minutes after the failure the first is overdue again, but the second has waited longer.
    world.clock.set('2024-02-01T14:34:01Z');
    expect(await redriveOutbox(world, { ...options, limit: 1 })).toMatchObject({ sent: 1, more: true });
    expect(world.outbox.find(second as string)?.status).toBe('sent');
    expect(await redriveOutbox(world, options)).toMatchObject({ sent: 1, failed: [], more: false });
    expect(world.outbox.find(first as string)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('counts emails sent by someone else meanwhile, and leaves those another sender holds', async () => {
    const world = inMemoryWorld();
    const [sentMeanwhile, held, free] = await queuedAt(world, 0, 1, 2);
    await world.outbox.claim(held as string, world.leaseClock.now(), world.leaseMs);
    world.clock.set('2024-02-01T15:00:00Z');
    const list = world.outbox.listUnsent.bind(world.outbox);
    world.outbox.listUnsent = async (before, limit) => {
      const refs = await list(before, limit);
      await sendOutboxEmail(world, sentMeanwhile as string);
      return refs;
    };
    expect(await redriveOutbox(world, options)).toMatchObject({
      found: 3,
      sent: 1,
      alreadyHandled: 1,
      claimedElsewhere: 1,
      failed: [],
    });
    expect(world.sender.sent).toHaveLength(2);
    expect(world.outbox.find(free as string)?.status).toBe('sent');
    expect(world.outbox.find(held as string)?.status).toBe('sending');
  });

  it('stops with time to spare, leaving the rest for the next sweep', async () => {
    const world = inMemoryWorld();
    const refs = await queuedAt(world, 0, 1, 2);
    world.clock.set('2024-02-01T15:00:00Z');
    const left = [120_000, 61_000, 59_000];
    const report = await redriveOutbox(world, {
      ...options,
      reserveMs: 60_000,
      timeLeftMs: () => left.shift() ?? 0,
    });
    expect(report).toMatchObject({ found: 2, sent: 2, more: true });
    expect(world.outbox.find(refs[2] as string)?.status).toBe('pending');
  });
});
