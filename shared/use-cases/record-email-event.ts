import type { DeliveryEvent, UndeliverableAddress } from '../domain/mail-delivery.ts';
import type { Nomination } from '../domain/nomination.ts';
import type { AuditEntry, DeliveryLog, NominationStore } from '../ports.ts';

export interface RecordEmailEventDeps {
  deliveries: DeliveryLog;
  nominations: NominationStore;
}

export type RecordOutcome = 'recorded' | 'already-recorded' | 'unknown-email';

/** How the history names the mail service's reports. */
export const mailService = 'mail service';

/** The nomination's own addresses among the recipients that bounced for good. */
const undeliverableOf = (n: Nomination, event: DeliveryEvent, emailKey: string): UndeliverableAddress[] => {
  if (event.type !== 'bounced' || event.bounceType !== 'Permanent') return [];
  const bounced = new Set(event.recipients.map((r) => r.toLowerCase()));
  const roles = [
    ['candidate', n.candidate.email],
    ['nominator', n.nominator.email],
  ] as const;
  return roles
    .filter(([, address]) => bounced.has(address.toLowerCase()))
    .map(([role, address]) => ({
      role,
      address,
      at: event.at,
      emailKey,
      ...(event.diagnostic ? { diagnostic: event.diagnostic } : {}),
    }));
};

/**
 * Records what the mail service reported of a sent email: on the email (each event, with its
 * time and diagnostic), on its nomination's history (bounces, complaints and rejects: what an
 * organizer must act on), a permanent bounce of the candidate's or
 * nominator's address on the nomination (shown to organizers until the address is corrected),
 * and a complaint on the address (non-essential mail stops). The nomination's version does not
 * change: a report arriving while an organizer edits is not a conflict. Recorded once per event
 * id, however often it is delivered.
 */
export const recordEmailEvent = async (
  deps: RecordEmailEventDeps,
  event: DeliveryEvent,
): Promise<RecordOutcome> => {
  const email = await deps.deliveries.emailOf(event.ref);
  if (!email) return 'unknown-email';
  // A delivery is the normal case: it stays on the email ("sent, delivered"), and the history
  // keeps what an organizer must act on. So a delivery needs no read of the nomination (on
  // decision day, one a decision email).
  if (event.type === 'delivered') {
    const recorded = await deps.deliveries.record({ event, undeliverable: [], complained: [] });
    return recorded ? 'recorded' : 'already-recorded';
  }
  const nomination = email.nominationId ? await deps.nominations.get(email.nominationId) : undefined;
  const audit: AuditEntry | undefined = nomination
    ? {
        at: event.at,
        actor: mailService,
        action: `email-${event.type}`,
        from: nomination.status,
        to: nomination.status,
        version: nomination.version,
        emailKey: email.key,
        recipients: event.recipients,
        ...(event.diagnostic ? { note: event.diagnostic } : {}),
      }
    : undefined;
  const recorded = await deps.deliveries.record({
    event,
    ...(nomination ? { nominationId: nomination.id } : {}),
    ...(audit ? { audit } : {}),
    undeliverable: nomination ? undeliverableOf(nomination, event, email.key) : [],
    complained: event.type === 'complained' ? event.recipients : [],
  });
  return recorded ? 'recorded' : 'already-recorded';
};
