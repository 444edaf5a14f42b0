import type { Nomination } from './nomination.ts';
import type { NominationState } from './nomination-states.ts';
import type { Program } from './program.ts';
import { epochSeconds } from './time.ts';

/**
 * The table's TTL attribute: whole seconds since the epoch, after which DynamoDB deletes the item
 * (within a day or two; readers treat an item past it as gone). Every item that holds personal
 * data gets it once the data's lifetime is known; anything else that expires (an unconfirmed
 * submission, say) uses the same attribute, through `expiryAfter`.
 */
export const expiryAttribute = 'expiresAt';

/** The TTL value for an instant some hours or calendar months after `from` (UTC). */
export const expiryAfter = (from: Date | string, span: { hours?: number; months?: number }): number => {
  const at = new Date(from);
  if (span.months) at.setUTCMonth(at.getUTCMonth() + span.months);
  if (span.hours) at.setTime(at.getTime() + span.hours * 3_600_000);
  return epochSeconds(at);
};

/** What a program keeps when its definition says nothing: the notice and the TTL both read this. */
export const defaultRetention = { monthsAfterDecision: 6, monthsAfterCertificates: 12 } as const;

export const retentionOf = (program: Program) => ({
  monthsAfterDecision: program.personalData.monthsAfterDecision ?? defaultRetention.monthsAfterDecision,
  monthsAfterCertificates:
    program.personalData.monthsAfterCertificates ?? defaultRetention.monthsAfterCertificates,
});

/**
 * When a nomination's personal data is to be erased, known once its fate is: a withdrawal, or a
 * "not selected" decision told to the candidate, starts the shorter period; a participant's data
 * lives until some months after the certificates (see `certificateExpiry`). Undefined while the
 * fate is open (submitted, reviewed, decided but not told, a participant before certificates).
 */
export const decisionExpiry = (program: Program, after: NominationState, at: string): number | undefined => {
  const fateKnown =
    after.status === 'withdrawn' || (after.status === 'notified' && after.decision === 'not_selected');
  return fateKnown ? expiryAfter(at, { months: retentionOf(program).monthsAfterDecision }) : undefined;
};

export const certificateExpiry = (program: Program, at: string): number =>
  expiryAfter(at, { months: retentionOf(program).monthsAfterCertificates });

/**
 * What is still open when the certificates run is never decided: nothing is decided after the
 * program's last event, so a nomination without a lifetime then (submitted, reviewed, a duplicate
 * nobody acted on, selected or rejected but never told, a reserve never told) gets the shorter
 * period from that run, as if it had been told "not selected" that day.
 */
export const undecidedExpiry = (program: Program, at: string): number =>
  expiryAfter(at, { months: retentionOf(program).monthsAfterDecision });

/**
 * How long the organizers' own emails are kept (decision readiness, decisions overdue, an email
 * not delivered): they may name applicants or quote the mail service's answer about an address,
 * and no program is loaded where some are written (the mailer), so the period is fixed.
 */
export const organizerEmailMonths = defaultRetention.monthsAfterDecision;

/**
 * How long a complaint about our mail is honoured after the last one: an address that marked
 * our mail as spam gets no announcements or reminders for a year, then the record goes, as every
 * item derived from an address does.
 */
export const complaintMonths = 12;

/** The outcome a nomination leaves for the statistics once its personal data is gone. */
export type Outcome = 'participant' | 'not-selected' | 'withdrawn' | 'undecided';

/**
 * What stays of a nomination for statistics: no name, address, library, text or id, only what
 * many nominations share. Kept apart from the nomination, with no TTL.
 */
export const anonymousOutcome = (nomination: Nomination) => ({
  programId: nomination.programId,
  country: nomination.library.country,
  projectType: nomination.project.type,
  outcome: outcomeOf(nomination),
});

const outcomeOf = (n: Nomination): Outcome => {
  if (n.status === 'withdrawn') return 'withdrawn';
  if (n.status !== 'notified') return 'undecided';
  return n.decision === 'selected' ? 'participant' : 'not-selected';
};
