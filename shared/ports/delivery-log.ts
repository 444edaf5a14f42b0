import type { DeliveryEvent, UndeliverableAddress } from '../domain/mail-delivery.ts';
import type { EmailKind } from '../email/templates.ts';
import type { AuditEntry } from './nomination-store.ts';

/** Where the mail service's reports on sent emails are written. */
export interface DeliveryLog {
  /**
   * Records the event on its email, on its nomination's history (with `audit`), a permanent
   * bounce of the nomination's addresses on the nomination (`undeliverable`) and a complaint on
   * each address, in one write. False when it was recorded before (same event id) or the email
   * is not in the outbox.
   */
  record(write: DeliveryWrite): Promise<boolean>;
  /** The email the event is about, as the outbox holds it; undefined if there is none. */
  emailOf(
    ref: string,
  ): Promise<{ programId: string; nominationId?: string; key: string; kind: EmailKind } | undefined>;
}

export interface DeliveryWrite {
  event: DeliveryEvent;
  nominationId?: string;
  audit?: AuditEntry;
  undeliverable: UndeliverableAddress[];
  complained: string[];
}
