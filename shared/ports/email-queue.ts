import type { EmailKind, EmailMessage } from '../email/templates.ts';

/** An email to write to the outbox. `key` is unique per nomination: the same key is never sent twice. */
export interface OutboxEmail extends EmailMessage {
  key: string;
  kind: EmailKind;
}

/** An email queued outside a state change: for a nomination's participant, or for the organizers. */
export interface QueuedEmail {
  programId: string;
  /** Set for emails to a participant: the email is filed with their nomination. */
  nominationId?: string;
  email: OutboxEmail;
}

export interface EmailQueue {
  /** Writes each email unless its key is already in the outbox; says how many were new. */
  enqueue(emails: QueuedEmail[], now: Date): Promise<{ queued: number; alreadyQueued: number }>;
}
