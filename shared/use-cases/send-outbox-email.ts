import { DomainError } from '../domain/errors.ts';
import type { Clock, EmailSender, Outbox } from '../ports.ts';

export interface SendOutboxEmailDeps {
  outbox: Outbox;
  sender: EmailSender;
  /** Stamps sentAt, and says when an email last failed. */
  clock: Clock;
  /** How long a claim protects an email from a second sender; longer than one send can take. */
  leaseMs: number;
  /**
   * Times the claim. A lease is about how long a send really takes, so it runs on the real clock
   * even where the program clock runs fast (the local stack's).
   */
  leaseClock: Clock;
}

export type SendOutcome = 'sent' | 'already-handled';

/** What the email item records of a failed send: the error, and the service's own where it was wrapped. */
export const describeFailure = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const name = error instanceof DomainError ? error.code : error.name;
  const cause = error.cause instanceof Error ? ` (${error.cause.name}: ${error.cause.message})` : '';
  return `${name}: ${error.message}${cause}`;
};

/** Another sender holds a live claim on the email (or died holding it): retry after `until`. */
export class EmailClaimedElsewhereError extends Error {
  override name = 'EmailClaimedElsewhereError';
  constructor(readonly until: string) {
    super(`The email is claimed by another sender until ${until}`);
  }
}

/**
 * 1. Claim the outbox email (a conditional update): if it was sent, or another sender holds a
 *    live claim, there is nothing to do.
 * 2. Send it.
 * 3. Mark it sent under the same claim. If sending failed, release the claim so a retry can
 *    send it, and rethrow so the trigger retries.
 *
 * An email claimed by a sender that died stays claimed until the lease lapses; a retry before
 * then fails and is retried, so the email is not dropped. The one window for a second copy is a
 * crash after the mail service accepted the message and before step 3 is written.
 */
export const sendOutboxEmail = async (deps: SendOutboxEmailDeps, ref: string): Promise<SendOutcome> => {
  const result = await deps.outbox.claim(ref, deps.leaseClock.now(), deps.leaseMs);
  if (result.outcome === 'sent') return 'already-handled';
  if (result.outcome === 'leased') {
    // Another sender is at it, or died at it: fail so the trigger retries once the claim lapses.
    throw new EmailClaimedElsewhereError(result.until);
  }
  const claimed = result.email;
  let messageId: string;
  try {
    ({ messageId } = await deps.sender.send(claimed.message));
  } catch (error) {
    await deps.outbox.release(claimed, describeFailure(error), deps.clock.now());
    throw error;
  }
  await deps.outbox.markSent(claimed, messageId, deps.clock.now());
  return 'sent';
};
