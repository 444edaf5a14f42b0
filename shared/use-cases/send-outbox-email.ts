import { DomainError } from '../domain/errors.ts';
import { isEssential, MailOutcomeUnknownError, MailRefusedError } from '../domain/mail-delivery.ts';
import { deliveryFailedEmail } from '../email/delivery-templates.ts';
import type { ClaimedEmail, Clock, ComplaintRegistry, EmailSender, Outbox, QueuedEmail } from '../ports.ts';

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
  /** Attempts (claims) before a failing email is given up and the organizers alerted. */
  maxAttempts: number;
  /** Who is told, once, of an email given up. */
  organizers: string[];
  complaints: ComplaintRegistry;
}

/**
 * `failed`: given up now (refused for good, or its last attempt); `suppressed`: not sent, its
 * recipients having complained.
 */
export type SendOutcome = 'sent' | 'already-handled' | 'failed' | 'suppressed';

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

/** The organizers' notice of a failed email, filed with the program's emails under a key of its own. */
const alertFor = (
  deps: SendOutboxEmailDeps,
  email: ClaimedEmail,
  reason: string,
): QueuedEmail | undefined => {
  // An alert that fails raises no alert of its own: that would loop on a broken organizer address.
  if (email.kind === 'delivery-failed' || deps.organizers.length === 0) return undefined;
  const message = deliveryFailedEmail(deps.organizers, {
    kind: email.kind,
    to: email.message.to,
    subject: email.message.subject,
    programId: email.programId,
    ...(email.nominationId ? { nominationId: email.nominationId } : {}),
    reason,
    attempts: email.attempts,
  });
  return {
    programId: email.programId,
    email: { ...message, key: `delivery-failed#${email.ref}`, kind: 'delivery-failed' },
  };
};

/** Leaves out the recipients who complained, unless the email is essential. */
const withoutComplaints = async (deps: SendOutboxEmailDeps, email: ClaimedEmail) => {
  if (isEssential(email.kind)) return { message: email.message, withheld: [] };
  const complained = new Set(
    (await deps.complaints.complainedOf([...email.message.to, ...email.message.cc])).map((a) =>
      a.toLowerCase(),
    ),
  );
  const keep = (addresses: string[]) => addresses.filter((a) => !complained.has(a.toLowerCase()));
  const withheld = [...email.message.to, ...email.message.cc].filter((a) => complained.has(a.toLowerCase()));
  return { message: { ...email.message, to: keep(email.message.to), cc: keep(email.message.cc) }, withheld };
};

/**
 * 1. Claim the outbox email (a conditional update): if it was sent, or another sender holds a
 *    live claim, there is nothing to do.
 * 2. Leave out the recipients who complained, unless the email is essential; if none is left,
 *    mark it suppressed.
 * 3. Send it, tagged with its reference so the mail service's reports find it.
 * 4. Mark it sent under the same claim. If sending failed:
 *    - refused for good, or on its last allowed attempt: mark it failed, with the organizers'
 *      alert queued in the same write (so one alert per email, whoever gives up on it);
 *    - timed out (the service may have accepted it): keep the claim until its lease runs out,
 *      and rethrow;
 *    - otherwise release the claim so a retry can send it, and rethrow so the trigger retries.
 *
 * An email claimed by a sender that died stays claimed until the lease lapses; a retry before
 * then fails and is retried, so the email is not dropped. The one window for a second copy is a
 * crash (or a timeout) after the mail service accepted the message and before step 4 is written.
 */
export const sendOutboxEmail = async (deps: SendOutboxEmailDeps, ref: string): Promise<SendOutcome> => {
  const result = await deps.outbox.claim(ref, deps.leaseClock.now(), deps.leaseMs);
  if (result.outcome === 'sent') return 'already-handled';
  if (result.outcome === 'leased') {
    // Another sender is at it, or died at it: fail so the trigger retries once the claim lapses.
    throw new EmailClaimedElsewhereError(result.until);
  }
  const claimed = result.email;
  const { message, withheld } = await withoutComplaints(deps, claimed);
  if (message.to.length === 0) {
    await deps.outbox.suppress(claimed, withheld, deps.clock.now());
    return 'suppressed';
  }
  let messageId: string;
  try {
    ({ messageId } = await deps.sender.send(message, ref));
  } catch (error) {
    const reason = describeFailure(error);
    const now = deps.clock.now();
    if (error instanceof MailRefusedError || claimed.attempts >= deps.maxAttempts) {
      await deps.outbox.fail(claimed, reason, now, alertFor(deps, claimed, reason));
      return 'failed';
    }
    if (error instanceof MailOutcomeUnknownError) await deps.outbox.hold(claimed, reason, now);
    else await deps.outbox.release(claimed, reason, now);
    throw error;
  }
  await deps.outbox.markSent(claimed, messageId, deps.clock.now(), withheld.length ? withheld : undefined);
  return 'sent';
};
