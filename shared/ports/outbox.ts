import type { EmailKind, EmailMessage } from '../email/templates.ts';
import type { QueuedEmail } from './email-queue.ts';

/** An outbox email claimed for sending; `claim` is what proves we hold it. */
export interface ClaimedEmail {
  ref: string;
  claim: string;
  message: EmailMessage;
  attempts: number;
  kind: EmailKind;
  programId: string;
  nominationId?: string;
}

export type ClaimResult =
  | { outcome: 'claimed'; email: ClaimedEmail }
  | { outcome: 'sent' }
  /** Another sender holds a live claim until `until`. */
  | { outcome: 'leased'; until: string };

export interface Outbox {
  /** Takes the email for sending unless it was sent or another sender holds a live claim. */
  claim(ref: string, now: Date, leaseMs: number): Promise<ClaimResult>;
  /** `withheld`: recipients left out because they complained. */
  markSent(email: ClaimedEmail, messageId: string, now: Date, withheld?: string[]): Promise<void>;
  /** Gives the email back after a failed send; it counts as unsent since `failedAt`. */
  release(email: ClaimedEmail, reason: string, failedAt: Date): Promise<void>;
  /**
   * References of the emails not yet sent whose last try (or queuing, if never tried) was before
   * `before`, the longest waiting first.
   */
  listUnsent(before: Date, limit: number): Promise<string[]>;
  /**
   * The email will not be sent: refused for good or out of attempts. It leaves the unsent queue,
   * and `alert` (the organizers' one notice of it) is queued in the same write.
   */
  fail(email: ClaimedEmail, reason: string, failedAt: Date, alert?: QueuedEmail): Promise<void>;
  /**
   * After a send whose outcome is unknown: the error is recorded, the claim kept until its lease
   * runs out, so no retry sends it again before then.
   */
  hold(email: ClaimedEmail, reason: string, failedAt: Date): Promise<void>;
  /** Marks it not sent on purpose: every recipient complained and the kind is not essential. */
  suppress(email: ClaimedEmail, withheld: string[], at: Date): Promise<void>;
}
