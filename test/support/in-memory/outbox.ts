import { randomUUID } from 'node:crypto';
import { outboxRef } from '#shared/adapters/dynamodb-outbox-items';
import { keys } from '#shared/adapters/table-design';
import type {
  ClaimedEmail,
  ClaimResult,
  EmailQueue,
  EmailRecord,
  EmailStatus,
  Outbox,
  OutboxEmail,
  QueuedEmail,
} from '#shared/ports';

/** An outbox email as the table item holds it, with what the senders write on it. */
export interface StoredEmail {
  ref: string;
  programId: string;
  nominationId?: string;
  email: OutboxEmail;
  status: EmailStatus;
  attempts: number;
  createdAt: string;
  /** When it was queued or last failed, while it is unsent (the `unsent` index's sort key). */
  unsentSince?: string;
  claim?: string;
  leaseUntil?: string;
  sentAt?: string;
  messageId?: string;
  lastError?: string;
  failedAt?: string;
  withheld?: string[];
}

/**
 * The reference the DynamoDB outbox gives an email (its item key), so a test can name an email
 * as a stream record would: unique per nomination and key, or per program and key for the
 * organizers' emails.
 */
export const emailRef = (queued: Pick<QueuedEmail, 'programId' | 'nominationId'>, key: string) =>
  outboxRef(
    queued.nominationId ? keys.email(queued.nominationId, key) : keys.programEmail(queued.programId, key),
  );

/**
 * The outbox of DynamoDbOutbox, one map entry per email item. The contract it keeps:
 * - enqueue writes each email unless its reference exists (idempotent by key), one by one;
 * - claim takes a pending email, or one whose lease has lapsed, counting an attempt; a sent,
 *   failed or suppressed email (or one that does not exist) answers `sent`, a live lease `leased` until it lapses;
 * - markSent needs the same claim (and throws without it, as the conditional update does);
 * - release under the same claim puts the email back, unsent since the failure; a lost claim is
 *   ignored;
 * - fail under the claim marks it failed, out of the unsent list, with its alert queued in the
 *   same write; hold keeps status and lease (the next claim waits for the lease); suppress marks
 *   it not sent on purpose;
 * - listUnsent lists unsent emails (pending or claimed) by the time they were queued or last
 *   failed, then by reference, strictly before the cut-off.
 */
export class InMemoryOutbox implements Outbox, EmailQueue {
  private readonly items = new Map<string, StoredEmail>();

  /** Every email as stored, in the order written; copies, so a test cannot change the outbox. */
  all(): StoredEmail[] {
    return [...this.items.values()].map((item) => structuredClone(item));
  }

  find(ref: string): StoredEmail | undefined {
    const item = this.items.get(ref);
    return item && structuredClone(item);
  }

  has(ref: string) {
    return this.items.has(ref);
  }

  /** Writes a new email; the caller has checked that its reference is free (the put's condition). */
  insert(queued: QueuedEmail, createdAt: string): void {
    const ref = emailRef(queued, queued.email.key);
    if (this.items.has(ref)) throw new Error(`The outbox already holds ${ref}`);
    this.items.set(ref, {
      ref,
      programId: queued.programId,
      ...(queued.nominationId ? { nominationId: queued.nominationId } : {}),
      email: structuredClone(queued.email),
      status: 'pending',
      attempts: 0,
      createdAt,
      unsentSince: createdAt,
    });
  }

  /** What the API shows of a nomination's emails, ordered by key as the partition sorts them. */
  recordsOf(nominationId: string): EmailRecord[] {
    return [...this.items.values()]
      .filter((item) => item.nominationId === nominationId)
      .sort((a, b) => (a.email.key < b.email.key ? -1 : 1))
      .map((item) => ({
        key: item.email.key,
        kind: item.email.kind,
        to: [...item.email.to],
        cc: [...item.email.cc],
        subject: item.email.subject,
        status: item.status,
        attempts: item.attempts,
        createdAt: item.createdAt,
        ...(item.sentAt ? { sentAt: item.sentAt, messageId: item.messageId as string } : {}),
        ...(item.lastError ? { lastError: item.lastError } : {}),
        ...(item.failedAt ? { failedAt: item.failedAt } : {}),
        ...(item.withheld ? { withheld: [...item.withheld] } : {}),
      }));
  }

  async enqueue(emails: QueuedEmail[], now: Date): Promise<{ queued: number; alreadyQueued: number }> {
    let queued = 0;
    for (const email of emails) {
      if (this.has(emailRef(email, email.email.key))) continue;
      this.insert(email, now.toISOString());
      queued += 1;
    }
    return { queued, alreadyQueued: emails.length - queued };
  }

  async claim(ref: string, now: Date, leaseMs: number): Promise<ClaimResult> {
    const item = this.items.get(ref);
    // As the update's condition: only a pending email, or a sending one whose lease lapsed.
    if (!item || (item.status !== 'pending' && item.status !== 'sending')) return { outcome: 'sent' };
    const at = now.toISOString();
    const lapsed = item.leaseUntil !== undefined && item.leaseUntil < at;
    if (item.status === 'sending' && !lapsed) {
      return { outcome: 'leased', until: item.leaseUntil ?? '' };
    }
    item.status = 'sending';
    item.claim = randomUUID();
    item.leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    item.attempts += 1;
    const { to, cc, subject, html, text, replyTo, attachments } = structuredClone(item.email);
    return {
      outcome: 'claimed',
      email: {
        ref,
        claim: item.claim,
        attempts: item.attempts,
        kind: item.email.kind,
        programId: item.programId,
        ...(item.nominationId ? { nominationId: item.nominationId } : {}),
        message: {
          to,
          cc,
          subject,
          html,
          text,
          ...(replyTo ? { replyTo } : {}),
          ...(attachments ? { attachments } : {}),
        },
      },
    };
  }

  async markSent(email: ClaimedEmail, messageId: string, now: Date, withheld?: string[]): Promise<void> {
    const item = this.claimed(email);
    if (!item) throw new Error(`The claim on ${email.ref} was lost before the mark`);
    if (withheld) item.withheld = [...withheld];
    item.status = 'sent';
    item.sentAt = now.toISOString();
    item.messageId = messageId;
    delete item.claim;
    delete item.leaseUntil;
    delete item.lastError;
    delete item.unsentSince;
  }

  async release(email: ClaimedEmail, reason: string, failedAt: Date): Promise<void> {
    const item = this.claimed(email);
    if (!item) return;
    item.status = 'pending';
    item.lastError = reason.slice(0, 500);
    item.unsentSince = failedAt.toISOString();
    delete item.claim;
    delete item.leaseUntil;
  }

  async fail(email: ClaimedEmail, reason: string, failedAt: Date, alert?: QueuedEmail): Promise<void> {
    const item = this.claimed(email);
    if (!item) return;
    // One write with the alert, as the DynamoDB transaction: it refuses an alert already queued.
    if (alert && this.has(emailRef(alert, alert.email.key))) throw new Error('The alert is already queued');
    item.status = 'failed';
    item.failedAt = failedAt.toISOString();
    item.lastError = reason.slice(0, 500);
    delete item.claim;
    delete item.leaseUntil;
    delete item.unsentSince;
    if (alert) this.insert(alert, item.failedAt);
  }

  async hold(email: ClaimedEmail, reason: string, failedAt: Date): Promise<void> {
    const item = this.claimed(email);
    if (!item) return;
    item.lastError = reason.slice(0, 500);
    item.unsentSince = failedAt.toISOString();
    delete item.claim;
  }

  async suppress(email: ClaimedEmail, withheld: string[], _at: Date): Promise<void> {
    const item = this.claimed(email);
    if (!item) throw new Error(`The claim on ${email.ref} was lost before the mark`);
    item.status = 'suppressed';
    item.withheld = [...withheld];
    delete item.claim;
    delete item.leaseUntil;
    delete item.lastError;
    delete item.unsentSince;
  }

  async listUnsent(before: Date, limit: number): Promise<string[]> {
    const cutoff = before.toISOString();
    return [...this.items.values()]
      .flatMap((item) =>
        item.unsentSince && item.unsentSince < cutoff ? [`${item.unsentSince}#${item.ref}`] : [],
      )
      .sort()
      .slice(0, limit)
      .map((sortKey) => sortKey.slice(sortKey.indexOf('#') + 1));
  }

  private claimed(email: ClaimedEmail) {
    const item = this.items.get(email.ref);
    return item?.claim === email.claim ? item : undefined;
  }
}
