import type { DeliveryEvent, DeliveryEventType } from '../domain/mail-delivery.ts';
import type { Nomination } from '../domain/nomination.ts';
import type { NominationAction, NominationStatus } from '../domain/nomination-states.ts';
import type { Review } from '../domain/reviews.ts';
import type { EmailKind } from '../email/templates.ts';
import type { OutboxEmail } from './email-queue.ts';

/** What an audit entry records: a transition, the submission, or a change that keeps the status. */
export type AuditAction =
  | NominationAction
  | 'submit'
  | 'declare-conflict'
  | 'correct'
  | 'resend-email'
  /** A participant's travel stipend decided; organizers' corrections of region or Global South. */
  | 'award-stipend'
  | 'classify'
  /** An email queued for the nomination outside a transition (the late-decision notice). */
  | 'notice'
  /** The participant replaced their calendar feed's address: the old one stops working. */
  | 'renew-calendar-feed'
  /** The participant asked for a new page link: the earlier ones (and the feed's address) stop working. */
  | 'renew-participant-link'
  /** The certificate made again (after a name correction) and mailed. */
  | 'reissue-certificate'
  /** The nomination's personal data got its lifetime (the participants', at the certificates). */
  | 'set-retention'
  /** What the mail service reported of one of its emails (recorded without changing its version). */
  | `email-${DeliveryEventType}`;

export interface AuditEntry {
  at: string;
  actor: string;
  /** The actor's `sub` (staff) or system name: what identifies them when the address changes. */
  actorId?: string;
  action: AuditAction;
  from: NominationStatus | null;
  to: NominationStatus;
  version: number;
  note?: string;
  score?: number;
  /** For a correction: the corrected fields as they were and as they are. */
  changes?: { before: Record<string, unknown>; after: Record<string, unknown> };
  /** For a reserve: the rank given. */
  rank?: number;
  /** For a resend: the key of the email queued again, and the copy's. */
  emailKey?: string;
  resentAs?: string;
  /** For an email event: who it concerned. */
  recipients?: string[];
}

/**
 * `failed`: refused for good or out of attempts (the organizers were alerted once);
 * `suppressed`: not sent, every recipient having complained, and the kind not essential.
 */
export type EmailStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'suppressed';

export interface EmailRecord {
  key: string;
  kind: EmailKind;
  to: string[];
  cc: string[];
  subject: string;
  status: EmailStatus;
  createdAt: string;
  attempts: number;
  sentAt?: string;
  messageId?: string;
  lastError?: string;
  failedAt?: string;
  /** Recipients left out because they complained (a non-essential kind). */
  withheld?: string[];
  /** The last of what the mail service reported after sending: delivered, bounced, complained, rejected. */
  delivery?: DeliveryEventType;
  /** Each report, in the order received, with its time and the service's diagnostic. */
  deliveryEvents?: Omit<DeliveryEvent, 'ref'>[];
}

export interface NominationDetail {
  nomination: Nomination;
  history: AuditEntry[];
  emails: EmailRecord[];
  /** One per reviewer, their latest. */
  reviews: Review[];
}

export interface NominationPage {
  items: Nomination[];
  cursor?: string;
}

export interface TransitionWrite {
  before: Nomination;
  after: Nomination;
  audit: AuditEntry;
  emails: OutboxEmail[];
  /** +1 takes one of the program's places, -1 gives one back; refused past `capacity`. */
  placeDelta: -1 | 0 | 1;
  capacity: number;
  /** +1 awards one of the program's travel stipends, -1 gives one back; refused past `stipendLimit`. */
  stipendDelta?: -1 | 0 | 1;
  stipendLimit?: number;
  /**
   * The nomination's reserve rank changes: it gives `from` back and takes `to`, which no other
   * nomination of the program may hold (RankTakenError).
   */
  rankChange?: { from?: number | undefined; to?: number | undefined };
  /** A review to store as its reviewer's one review, replacing their earlier one. */
  review?: Review;
  /**
   * A new candidate address: the duplicate guard moves from the old address to the new one;
   * DuplicateNominationError when the new one is already nominated.
   */
  guardMove?: { from: string; to: string };
  /**
   * On confirmation: the nomination takes the guard on its candidate's address;
   * DuplicateNominationError (naming the holder) when another nomination holds it.
   */
  guardTake?: string;
  /** On withdrawal: the nomination gives the guard on this address back, if it holds it. */
  guardRelease?: string;
  /** Limits the change counts against (a nominator's correction): TooManySubmissionsError past one. */
  counters?: readonly SubmissionCounter[];
}

/**
 * A limit a public write (a submission, a nominator's correction) counts against, in its own
 * write: the counter `key` for the current window may reach `limit`; past it the write is refused
 * with `refusal`, nothing written. One write names each key once.
 */
export interface SubmissionCounter {
  key: string;
  limit: number;
  /** When the window's counter may be deleted. */
  expiresAt: Date;
  refusal: string;
}

export interface NominationStore {
  /**
   * Stores a new nomination, its first audit entry and emails atomically, counting it against
   * `counters` (TooManySubmissionsError past one). An unconfirmed nomination is stored unlisted
   * and takes no guard; any other takes the guard on its candidate's address
   * (DuplicateNominationError when it is held).
   */
  create(
    nomination: Nomination,
    audit: AuditEntry,
    emails: OutboxEmail[],
    counters?: readonly SubmissionCounter[],
  ): Promise<void>;
  get(id: string): Promise<Nomination | undefined>;
  getDetail(id: string): Promise<NominationDetail | undefined>;
  list(
    programId: string,
    query: { status?: NominationStatus; limit: number; cursor?: string },
  ): Promise<NominationPage>;
  /**
   * Applies any change of a nomination (a transition, a review, a declaration, a correction, a
   * resend) with its audit entry, only if the nomination is still at `before.version`:
   * VersionConflictError, CapacityReachedError or DuplicateNominationError otherwise, and
   * TooManySubmissionsError, before any of those, when a counter is at its limit.
   */
  applyTransition(write: TransitionWrite): Promise<void>;
  /** The reviews of a nomination, one per reviewer. */
  reviewsOf(id: string): Promise<Review[]>;
  /** One reviewer's review of a nomination, if they gave one. */
  reviewBy(id: string, reviewer: string): Promise<Review | undefined>;
  /** The reserve ranks taken in a program, read consistently (not through the listing index). */
  takenRanks(programId: string): Promise<number[]>;
  /** An outbox email of a nomination as queued, body included. */
  getEmail(id: string, key: string): Promise<OutboxEmail | undefined>;
}
