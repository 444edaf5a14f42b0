import { countryName } from '../domain/countries.ts';
import type { Nomination } from '../domain/nomination.ts';
import type { Program } from '../domain/program.ts';
import { referenceOf } from '../domain/reference.ts';
import { formatCalendarDate } from '../domain/time.ts';
import { candidateEmail, type EmailMessage, layout, stipendAwardedParagraph } from './templates.ts';

/** The emails of the reserve list, withdrawals, stipends and late decisions (docs/cohort.md). */

const reference = (n: Nomination) => `Your reference: ${referenceOf(n.id)}`;

export const decisionReserveEmail = (program: Program, n: Nomination): EmailMessage => ({
  ...candidateEmail(program, n, `On the reserve list: ${program.name}`, [
    `Thank you for your interest in the ${program.name} and for the nomination by ${n.library.name}.`,
    `All ${program.capacity.max} places have been offered, and the advisory group has put you on the reserve list${n.reserveRank ? ` (number ${n.reserveRank})` : ''}. If a participant withdraws before ${formatCalendarDate(program.reserveUntil)}, their place is offered to the next person on the list, and you will hear from us at once.`,
    `If no place opens by then, we will write to you once more when the list closes.`,
    reference(n),
  ]),
});

export const decisionPendingEmail = (program: Program, n: Nomination): EmailMessage => ({
  ...candidateEmail(program, n, `Your nomination is still being considered: ${program.name}`, [
    `We promised a decision on the nomination by ${n.library.name} for the ${program.name} by today. The advisory group is still considering it, and we are sorry for the wait.`,
    `You will hear the decision by email by ${formatCalendarDate(program.lateDecisionsBy)}.`,
    reference(n),
  ]),
});

export const reserveClosedEmail = (program: Program, n: Nomination): EmailMessage => ({
  ...candidateEmail(program, n, `The reserve list has closed: ${program.name}`, [
    `The reserve list of the ${program.name} closed on ${formatCalendarDate(program.reserveUntil)} without a place opening for you. We are sorry that we cannot offer you a place in this cohort.`,
    `Thank you for your patience, and for the nomination by ${n.library.name}. We hope to welcome you at a future learning circle.`,
    reference(n),
  ]),
});

export const withdrawalConfirmedEmail = (program: Program, n: Nomination): EmailMessage => ({
  ...candidateEmail(program, n, `Your withdrawal from the ${program.name}`, [
    `We have recorded that you are withdrawing from the ${program.name}. You will receive no more reminders, and your place will be offered to someone on the reserve list.`,
    `If this is a mistake, please write to the organizers at once.`,
    `Thank you for the time you gave the program; we hope to see you at a future learning circle.`,
    reference(n),
  ]),
});

export const stipendAwardedEmail = (program: Program, n: Nomination): EmailMessage => ({
  ...candidateEmail(program, n, `Travel stipend awarded: ${program.name}`, [
    stipendAwardedParagraph(program),
    reference(n),
  ]),
});

/** For the organizers: a place opened, and who is first in line for it. */
export const placeVacatedEmail = (
  program: Program,
  organizers: string[],
  n: Nomination,
  reserves: Nomination[],
): EmailMessage => ({
  to: organizers,
  cc: [],
  ...layout(program, {
    subject: `A place has opened: ${n.candidate.name} withdrew from the ${program.name}`,
    paragraphs: [
      `${n.candidate.name} (${n.library.name}, ${countryName(n.library.country)}, ${n.id}) has withdrawn from the ${program.name}, so a place is free.`,
      reserves.length
        ? `First on the reserve list: ${reserves
            .map(
              (r) =>
                `${r.reserveRank}. ${r.candidate.name} (${r.library.city}, ${countryName(r.library.country)}, ${r.id})`,
            )
            .join(
              '; ',
            )}. Offering the place is one action on the reserve's page in the staff console: they are selected and told at once.`
        : 'Nobody is on the reserve list.',
      `The reserve list holds until ${formatCalendarDate(program.reserveUntil)}.`,
    ],
  }),
});
