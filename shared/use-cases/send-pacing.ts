import { MailThrottledError } from '../domain/mail-delivery.ts';
import type { Clock, EmailSender, SendQuota, SendSlots } from '../ports.ts';

export interface SendPacingDeps {
  quota: SendQuota;
  slots: SendSlots;
  /** Real time: the rate is the mail service's, whatever the program's clock says. */
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  /** Told of each send the mail service refused for the rate. */
  throttled?: (detail: { ref?: string; attempt: number }) => void;
}

/** How far ahead a send looks for a free slot; beyond it the send fails and is retried later. */
export const slotHorizonSeconds = 20;

/** Sends refused for the rate made again, each in a slot of its own, before the send fails. */
export const throttledRetries = 5;

/** Every slot of the next `slotHorizonSeconds` is taken: the send is retried by its trigger. */
export class SendRateTakenError extends Error {
  override name = 'SendRateTakenError';
}

/**
 * The share of the account's rate the slots use. The mail service lets a short burst through
 * (its allowance refills at the rate); sending a little under the rate refills it while sending,
 * so the network's unevenness never finds it empty.
 */
export const rateShare = 0.98;

/**
 * The slots of one second at a rate: whole numbers whose sum over any run of seconds is the rate's
 * share of it (19.6 a second is 19, 20, 20, 20, 20, 19, …), at least one. Every sender computes
 * the same from the second alone. In thousandths, so no rounding of a float tips a second over.
 */
export const slotsIn = (second: number, rate: number) => {
  const milli = Math.round(rate * rateShare * 1000);
  return Math.max(1, Math.floor(((second + 1) * milli) / 1000) - Math.floor((second * milli) / 1000));
};

/**
 * Waits for a slot of the account's rate: the k-th of a second's n slots goes k−1 n-ths into it,
 * so sends reach the mail service evenly. A slot whose time has passed (the second was idle
 * until now) goes at once.
 */
const waitForSlot = async (deps: SendPacingDeps, rate: number) => {
  const first = Math.floor(deps.clock.now().getTime() / 1000);
  for (let second = first; second < first + slotHorizonSeconds; second++) {
    const perSecond = slotsIn(second, rate);
    const position = await deps.slots.take(second, perSecond);
    if (position === undefined) continue;
    const wait = second * 1000 + ((position - 1) * 1000) / perSecond - deps.clock.now().getTime();
    if (wait > 0) await deps.sleep(wait);
    return;
  }
  throw new SendRateTakenError(
    `Every sending slot of the next ${slotHorizonSeconds} seconds is taken (${rate} a second)`,
  );
};

/**
 * The sender every outbox email goes through: at most the account's rate, shared by every
 * sender at once through the slots (the mailer's parallel batches, the sweep, the resend), read
 * from the mail service itself. A send refused for the rate anyway (another sender on the
 * account, clocks apart) took nothing, so it is made again in a later slot.
 */
export const pacedSender = (sender: EmailSender, deps: SendPacingDeps): EmailSender => ({
  async send(message, ref) {
    for (let attempt = 1; ; attempt++) {
      const rate = await deps.quota.maxSendRate();
      if (rate !== undefined) await waitForSlot(deps, rate);
      try {
        return await sender.send(message, ref);
      } catch (error) {
        if (!(error instanceof MailThrottledError) || attempt > throttledRetries) throw error;
        deps.throttled?.({ ...(ref ? { ref } : {}), attempt });
      }
    }
  },
});
