import type { EmailKind } from '../email/templates.ts';

/**
 * Whether an email still goes to an address that complained (marked an earlier email as spam).
 * Essential mail is what the person is owed or asked for: the acknowledgement of their own
 * nomination, the decision, the certificate, and the organizers' own alerts. Reminders and the
 * evaluation request are announcements: a complaint stops them. Every kind must be listed, so a
 * new kind cannot be added without this decision.
 */
export const mailClass: Record<EmailKind, 'essential' | 'optional'> = {
  // Asked for by submitting: the nominator's own confirmation link and what it found.
  confirmation: 'essential',
  'duplicate-notice': 'essential',
  acknowledgement: 'essential',
  'decision-selected': 'essential',
  'decision-selected-nominator': 'essential',
  'decision-not-selected': 'essential',
  'decision-reserve': 'essential',
  'decision-pending': 'essential',
  'place-offered': 'essential',
  'place-offered-nominator': 'essential',
  // Asked for by the participant: a new link to their page.
  'participant-link': 'essential',
  'reserve-closed': 'essential',
  'withdrawal-confirmed': 'essential',
  'place-vacated': 'essential',
  'stipend-awarded': 'essential',
  'decision-readiness': 'essential',
  'decisions-overdue': 'essential',
  'delivery-failed': 'essential',
  certificate: 'essential',
  reminder: 'optional',
  // A meeting moved or cancelled: without it a participant turns up at the wrong time.
  'timeline-changed': 'essential',
  // Whom a participant is mentored by and when: their group's sessions are in no other email.
  'mentoring-group': 'essential',
  // Organizers' news: not sent to someone who complained of our mail, like reminders.
  announcement: 'optional',
  // In place of the certificate: what the record shows, and whom to write to if it is wrong.
  'attendance-record': 'essential',
  evaluation: 'optional',
  'evaluation-reminder': 'optional',
};

export const isEssential = (kind: EmailKind) => mailClass[kind] !== 'optional';

/**
 * The mail service refused the email for good (rejected content, an unverified sender, no
 * permission, invalid parameters): trying again sends nothing, so the email is failed at once.
 */
export class MailRefusedError extends Error {
  override name = 'MailRefusedError';
}

/**
 * The send timed out after the request may have reached the mail service: it may have accepted
 * the message. The email is not handed to an immediate retry; its claim's lease runs out first.
 */
export class MailOutcomeUnknownError extends Error {
  override name = 'MailOutcomeUnknownError';
}

/**
 * The mail service took no message because the account's sending rate was exceeded: it accepted
 * nothing, so the same send may be made again once the rate allows.
 */
export class MailThrottledError extends Error {
  override name = 'MailThrottledError';
}

/** What the mail service reported about a sent email, once per recipient and kind of event. */
export type DeliveryEventType = 'delivered' | 'bounced' | 'complained' | 'rejected';

export interface DeliveryEvent {
  /** The event's own id (SES's feedback id or the EventBridge event id): recording is idempotent by it. */
  id: string;
  type: DeliveryEventType;
  at: string;
  /** The outbox reference the email was tagged with. */
  ref: string;
  messageId: string;
  recipients: string[];
  /** For a bounce: SES's Permanent, Transient or Undetermined; only Permanent makes an address undeliverable. */
  bounceType?: string;
  /** The remote server's answer or SES's reason, as reported. */
  diagnostic?: string;
}

/** An address of a nomination that bounced for good: shown to organizers until it is corrected. */
export interface UndeliverableAddress {
  role: 'candidate' | 'nominator';
  address: string;
  at: string;
  emailKey: string;
  diagnostic?: string;
}

/** The bounced addresses that are still the nomination's, since a correction replaces them. */
export const currentUndeliverable = (n: {
  candidate: { email: string };
  nominator: { email: string };
  undeliverable?: UndeliverableAddress[];
}): UndeliverableAddress[] => {
  const seen = new Set<string>();
  return (n.undeliverable ?? []).filter((u) => {
    const current = (u.role === 'candidate' ? n.candidate.email : n.nominator.email).toLowerCase();
    const key = `${u.role}|${u.address.toLowerCase()}`;
    if (current !== u.address.toLowerCase() || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

const severity: DeliveryEventType[] = ['delivered', 'rejected', 'bounced', 'complained'];

/** What an email's reports come to, the worst first: a complaint, a bounce, a reject, a delivery. */
export const deliverySummary = (events: { type: DeliveryEventType }[]): DeliveryEventType | undefined =>
  events.reduce<DeliveryEventType | undefined>(
    (worst, e) =>
      worst === undefined || severity.indexOf(e.type) > severity.indexOf(worst) ? e.type : worst,
    undefined,
  );
