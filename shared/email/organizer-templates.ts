import type { UndeliverableAddress } from '../domain/mail-delivery.ts';
import type { Nomination } from '../domain/nomination.ts';
import type { NominationStatus } from '../domain/nomination-states.ts';
import type { Program } from '../domain/program.ts';
import { formatCalendarDate, formatDateInZone, formatInZone } from '../domain/time.ts';
import { type EmailMessage, layout } from './templates.ts';

// What the organizers are told as decisions fall due: how things stand before, and what is still
// undecided after.

export interface DecisionStanding {
  counts: Record<NominationStatus | 'notified_selected' | 'notified_not_selected', number>;
  placesTaken: number;
  stipendsRequested: number;
  stipendsAwarded: number;
  undecided: Nomination[];
  /** Addresses of live nominations that bounced for good and are not corrected yet. */
  undeliverable: { nomination: Nomination; address: UndeliverableAddress }[];
}

/** Past this many, the readiness email counts the addresses to correct and points to the console. */
const undeliverableShown = 50;

const undeliverableParagraph = (list: DecisionStanding['undeliverable']) => {
  const shown = list
    .slice(0, undeliverableShown)
    .map(({ nomination: n, address: u }) => `${u.address} (${u.role} of ${n.candidate.name}, ${n.id})`)
    .join('; ');
  const more =
    list.length > undeliverableShown
      ? `; and ${list.length - undeliverableShown} more, listed in the staff console`
      : '';
  return `Addresses to correct, where email bounced for good: ${shown}${more}. Correct each in the staff console and send the email again.`;
};

/**
 * How many nominations an organizer email names one by one. Past it the email gives the count and
 * sends the reader to the console: a flood of nominations must not grow an email (or its outbox
 * item, which DynamoDB caps at 400 KB) without bound.
 */
export const listedInEmail = 25;

const undecidedList = (undecided: Nomination[]) => {
  const named = undecided
    .slice(0, listedInEmail)
    .map((n) => `${n.candidate.name} (${n.library.city}, ${n.status}, ${n.id})`)
    .join('; ');
  const more = undecided.length - listedInEmail;
  return more > 0
    ? `${named}; and ${more} more, listed in the staff console at /staff?status=submitted`
    : named;
};

export const decisionReadinessEmail = (
  program: Program,
  organizer: string,
  s: DecisionStanding,
): EmailMessage => ({
  to: [organizer],
  cc: [],
  ...layout(program, {
    subject: `Decisions due ${formatDateInZone(new Date(program.decisionsDueAt), program.timeZone)}: ${s.undecided.length} nominations undecided`,
    paragraphs: [
      `Decisions for the ${program.name} are due on ${formatInZone(new Date(program.decisionsDueAt), program.timeZone)}, when every decided applicant is notified automatically.`,
      `Nominations: ${s.counts.submitted} submitted, ${s.counts.reviewed} reviewed, ${s.counts.selected} selected, ${s.counts.not_selected} not selected, ${s.counts.reserve} on the reserve list, ${s.counts.withdrawn} withdrawn.`,
      `Places: ${s.placesTaken} selected of ${program.capacity.min}–${program.capacity.max}.`,
      `Travel stipends: ${s.stipendsRequested} selected participants depend on one; ${s.stipendsAwarded} of ${program.travelStipends.min}–${program.travelStipends.max} awarded.`,
      s.undecided.length
        ? `Still undecided: ${undecidedList(s.undecided)}. If they are still undecided when decisions are due, each gets an email that day saying the nomination is still being considered and that they will hear by ${formatCalendarDate(program.lateDecisionsBy)}.`
        : 'Every nomination has a decision.',
      ...(s.undeliverable.length ? [undeliverableParagraph(s.undeliverable)] : []),
    ],
  }),
});

export const decisionsOverdueEmail = (
  program: Program,
  organizer: string,
  undecided: Nomination[],
): EmailMessage => ({
  to: [organizer],
  cc: [],
  ...layout(program, {
    subject: `Overdue: ${undecided.length} nominations for the ${program.name} have no decision`,
    paragraphs: [
      `Decisions were due on ${formatInZone(new Date(program.decisionsDueAt), program.timeZone)}. Every decided applicant has now been notified, but these nominations have no decision yet: ${undecidedList(undecided)}. Each has been told that the nomination is still being considered and that they will hear by ${formatCalendarDate(program.lateDecisionsBy)}.`,
      'Select or reject them, then notify them (POST /programs/{programId}/notifications notifies every decided nomination).',
    ],
  }),
});
