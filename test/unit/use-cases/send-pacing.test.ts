import { describe, expect, it } from 'vitest';
import { MailRefusedError, MailThrottledError } from '../../../shared/domain/mail-delivery.ts';
import type { EmailMessage } from '../../../shared/email/templates.ts';
import type { EmailSender, SendSlots } from '../../../shared/ports.ts';
import {
  pacedSender,
  SendRateTakenError,
  slotHorizonSeconds,
  slotsIn,
  throttledRetries,
} from '../../../shared/use-cases/send-pacing.ts';

const message: EmailMessage = { to: ['a@example.org'], cc: [], subject: 's', text: 't', html: '<p>t</p>' };

/** Slots as the table keeps them: a count per second, refused at the limit. */
const memorySlots = () => {
  const taken = new Map<number, number>();
  const slots: SendSlots & { taken: typeof taken } = {
    taken,
    async take(second, limit) {
      const count = taken.get(second) ?? 0;
      if (count >= limit) return undefined;
      taken.set(second, count + 1);
      return count + 1;
    },
  };
  return slots;
};

/** A clock that moves only when the pacer sleeps; every send is stamped with the time it went. */
const harness = (rate: number | undefined, startMs = 1_000_250, outcomes: (Error | undefined)[] = []) => {
  let now = startMs;
  const sentAt: number[] = [];
  const throttled: number[] = [];
  const inner: EmailSender = {
    async send() {
      sentAt.push(now);
      const outcome = outcomes.shift();
      if (outcome) throw outcome;
      return { messageId: `m${sentAt.length}` };
    },
  };
  const slots = memorySlots();
  const sender = pacedSender(inner, {
    quota: { maxSendRate: async () => rate },
    slots,
    clock: { now: () => new Date(now) },
    sleep: async (ms) => {
      now += ms;
    },
    throttled: ({ attempt }) => throttled.push(attempt),
  });
  return { sender, sentAt, slots, throttled };
};

describe('sending paced to the account’s rate', () => {
  it('sends at once, taking no slot, when the mail service sets no rate', async () => {
    const { sender, sentAt, slots } = harness(undefined);
    await sender.send(message, 'ref');
    expect(sentAt).toEqual([1_000_250]);
    expect(slots.taken.size).toBe(0);
  });

  it('spreads sends evenly over each second, a little under the rate, a passed slot at once', async () => {
    // 5 a second reported: 98 % is 4.9, so second 1000 has 4 slots (250 ms apart) and 1001 has 5
    // (200 ms apart). The clock starts 250 ms into second 1000.
    const { sender, sentAt, slots } = harness(5);
    for (let i = 0; i < 9; i++) await sender.send(message, `ref-${i}`);
    expect(sentAt).toEqual([
      1_000_250, 1_000_250, 1_000_500, 1_000_750, 1_001_000, 1_001_200, 1_001_400, 1_001_600, 1_001_800,
    ]);
    expect([...slots.taken]).toEqual([
      [1000, 4],
      [1001, 5],
    ]);
  });

  it('gives each second whole slots adding up to 98 % of the rate, and one a second at least', () => {
    const seconds = Array.from({ length: 100 }, (_, i) => 1_796_000_000 + i);
    const total = (rate: number) => seconds.reduce((sum, s) => sum + slotsIn(s, rate), 0);
    expect([total(14), total(20), total(0.5)]).toEqual([1372, 1960, 100]);
    expect(new Set(seconds.map((s) => slotsIn(s, 20)))).toEqual(new Set([19, 20]));
  });

  it('sends a throttled email again in a later slot, counting each refusal', async () => {
    const throttle = new MailThrottledError('Maximum sending rate exceeded.');
    const { sender, sentAt, throttled } = harness(3, 1_000_000, [throttle, throttle]);
    await expect(sender.send(message, 'ref')).resolves.toEqual({ messageId: 'm3' });
    expect(sentAt).toEqual([1_000_000, 1_000_500, 1_001_000]);
    expect(throttled).toEqual([1, 2]);
  });

  it(`gives up after ${throttledRetries} refusals for the rate, for the trigger to retry`, async () => {
    const throttles = Array.from({ length: throttledRetries + 1 }, () => new MailThrottledError('rate'));
    const { sender, sentAt } = harness(10, 1_000_000, throttles);
    await expect(sender.send(message)).rejects.toBeInstanceOf(MailThrottledError);
    expect(sentAt).toHaveLength(throttledRetries + 1);
  });

  it('does not send a refused email again', async () => {
    const { sender, sentAt } = harness(10, 1_000_000, [new MailRefusedError('no')]);
    await expect(sender.send(message)).rejects.toBeInstanceOf(MailRefusedError);
    expect(sentAt).toHaveLength(1);
  });

  it(`fails, sending nothing, when every slot of the next ${slotHorizonSeconds} seconds is taken`, async () => {
    const { sender, sentAt, slots } = harness(3, 1_000_000);
    for (let s = 1000; s < 1000 + slotHorizonSeconds; s++) slots.taken.set(s, slotsIn(s, 3));
    await expect(sender.send(message)).rejects.toBeInstanceOf(SendRateTakenError);
    expect(sentAt).toEqual([]);
  });
});
