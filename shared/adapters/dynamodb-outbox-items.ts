import { deliverySummary } from '../domain/mail-delivery.ts';
import { expiryAfter, expiryAttribute, organizerEmailMonths } from '../domain/retention.ts';
import type { EmailRecord, QueuedEmail } from '../ports.ts';
import { keys, tableDesign } from './table-design.ts';

type Item = Record<string, unknown>;

/** Outbox references are the item's key, as the stream record carries it. */
export const outboxRef = (key: { pk: string; sk: string }) => `${key.pk}|${key.sk}`;

export const parseOutboxRef = (ref: string) => {
  const [pk, sk] = ref.split('|');
  return { pk, sk };
};

/**
 * An outbox email as it is first written, in a transaction with the change that causes it or on
 * its own: pending, never tried, unique by its key, listed in the `unsent` index. An email of a
 * nomination carries the nomination's TTL (`expiresAt`, once it has one); an email to the
 * organizers expires `organizerEmailMonths` after it is queued.
 */
export const outboxEmailPut = (
  { programId, nominationId, email }: QueuedEmail,
  createdAt: string,
  expiresAt?: number,
) => {
  const key = nominationId ? keys.email(nominationId, email.key) : keys.programEmail(programId, email.key);
  const ttl = nominationId ? expiresAt : expiryAfter(createdAt, { months: organizerEmailMonths });
  return {
    Item: {
      ...key,
      unsentPk: keys.unsentPartition,
      unsentSk: `${createdAt}#${outboxRef(key)}`,
      type: tableDesign.emailItemType,
      programId,
      ...(nominationId ? { nominationId } : {}),
      ...email,
      status: 'pending',
      attempts: 0,
      createdAt,
      ...(ttl === undefined ? {} : { [expiryAttribute]: ttl }),
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  };
};

/** What the API shows of an outbox email: where it went and whether it was sent, not its body. */
export const emailRecord = (item: Item): EmailRecord => {
  const e = item as unknown as EmailRecord;
  return {
    key: e.key,
    kind: e.kind,
    to: e.to,
    cc: e.cc,
    subject: e.subject,
    status: e.status,
    attempts: e.attempts,
    createdAt: e.createdAt,
    ...(e.sentAt ? { sentAt: e.sentAt, messageId: e.messageId } : {}),
    ...(e.lastError ? { lastError: e.lastError } : {}),
    ...(e.failedAt ? { failedAt: e.failedAt } : {}),
    ...(e.withheld ? { withheld: e.withheld } : {}),
    ...(e.deliveryEvents?.length
      ? { delivery: deliverySummary(e.deliveryEvents), deliveryEvents: e.deliveryEvents }
      : {}),
  } as EmailRecord;
};
