import type { AttendanceRecord } from '../domain/attendance.ts';
import { groupOf } from '../domain/mentoring-groups.ts';
import type { Nomination } from '../domain/nomination.ts';
import type { Program, TimelineEvent } from '../domain/program.ts';
import {
  formatCalendarDate,
  formatDateRange,
  formatInZone,
  formatMonth,
  wallTimeToInstant,
} from '../domain/time.ts';
import { type EmailAttachment, type EmailMessage, participantEmail, yourPage } from './templates.ts';

const base64 = (content: string | Uint8Array) => Buffer.from(content).toString('base64');

/** When the event is, in the program's zone and in the participant's own. */
export const whenText = (program: Program, event: TimelineEvent, participantZone: string) => {
  const zone = event.timeZone ?? program.timeZone;
  if ('at' in event.when) {
    const start = wallTimeToInstant(event.when.at, zone);
    const own =
      zone === participantZone ? '' : `, which is ${formatInZone(start, participantZone)} where you are`;
    const length = event.when.durationMinutes ? ` (${event.when.durationMinutes / 60} hours)` : '';
    return `${formatInZone(start, zone)}${own}${length}`;
  }
  if ('from' in event.when) return formatDateRange(event.when.from, event.when.to);
  return formatMonth(event.when.month);
};

/** An .ics file as an attachment: PUBLISH a new or changed entry, CANCEL a cancelled one. */
export const invitation = (event: TimelineEvent, ics: string, method: 'PUBLISH' | 'CANCEL' = 'PUBLISH') => ({
  filename: `${event.id}.ics`,
  contentType: `text/calendar; charset=utf-8; method=${method}`,
  content: base64(ics),
});

/** A meeting's theme, facilitator, agenda, readings and (private) join link, as paragraphs. */
export const meetingDetails = (program: Program, event: TimelineEvent): string[] => {
  const theme = program.themes.find((t) => t.slug === event.theme)?.label;
  const group = groupOf(program, event.group);
  return [
    ...(theme ? [`Theme: ${theme}.`] : []),
    ...(group ? [`For the mentoring group ${group.name}, mentored by ${group.mentor}.`] : []),
    ...(event.facilitator ? [`Facilitated by ${event.facilitator}.`] : []),
    ...(event.agenda ? [`Agenda:\n${event.agenda}`] : []),
    ...(event.readings?.length
      ? [`To read before:\n${event.readings.map((r) => `- ${r.title}: ${r.url}`).join('\n')}`]
      : []),
    ...(event.joinUrl
      ? [`Join: ${event.joinUrl} (this link is for participants; please do not share it).`]
      : []),
  ];
};

export const reminderEmail = (
  program: Program,
  event: TimelineEvent,
  participant: Nomination,
  invite: string | undefined,
  daysAhead: number,
  page?: string,
): EmailMessage => {
  const soon = daysAhead <= 1 ? 'tomorrow' : `in ${daysAhead} days`;
  const attachments: EmailAttachment[] = invite ? [invitation(event, invite)] : [];
  return {
    ...participantEmail(program, participant, `Reminder: ${event.title} ${soon}`, [
      `A reminder: ${event.title} of the ${program.name} is ${soon}.`,
      `When: ${whenText(program, event, participant.candidate.timeZone)}.`,
      ...(event.location ? [`Where: ${event.location}.`] : []),
      ...meetingDetails(program, event),
      ...(invite ? ['The calendar invitation is attached.'] : []),
      ...yourPage(page),
    ]),
    attachments,
  };
};

/** When an event starts, in the program's zone, for a subject line. */
const startText = (program: Program, event: TimelineEvent) =>
  'at' in event.when
    ? formatInZone(
        wallTimeToInstant(event.when.at, event.timeZone ?? program.timeZone),
        event.timeZone ?? program.timeZone,
      )
    : 'from' in event.when
      ? formatDateRange(event.when.from, event.when.to)
      : formatMonth(event.when.month);

/** What participants are told of a change to the calendar: each event changed or cancelled. */
export const timelineChangedEmail = (
  program: Program,
  participant: Nomination,
  changes: { changed: TimelineEvent[]; cancelled: TimelineEvent[] },
  invites: EmailAttachment[],
  page?: string,
): EmailMessage => {
  const zone = participant.candidate.timeZone;
  const one = changes.changed.length + changes.cancelled.length === 1;
  const [only] = [...changes.changed, ...changes.cancelled];
  const subject =
    one && only
      ? `${changes.cancelled.length ? 'Cancelled' : 'Changed'}: ${only.title}, ${startText(program, only)}`
      : `Changes to the calendar of the ${program.name}`;
  return {
    ...participantEmail(
      program,
      participant,
      subject,
      [
        ...changes.changed.map(
          (event) =>
            `${event.title} is now on ${whenText(program, event, zone)}.${event.location ? ` Where: ${event.location}.` : ''}`,
        ),
        ...changes.cancelled.map(
          (event) => `${event.title} on ${whenText(program, event, zone)} is cancelled.`,
        ),
        ...changes.changed.flatMap((event) => meetingDetails(program, event)),
        invites.length
          ? 'The attached calendar entries replace the ones you have: open them to update your calendar.'
          : '',
        'Reminders will come before each meeting as usual, at the new times.',
        ...yourPage(page),
      ].filter(Boolean),
    ),
    attachments: invites,
  };
};

/** Where a participant answers the evaluation: on their own page. */
const evaluationLink = (program: Program, page: string | undefined) =>
  page
    ? `The evaluation: ${page}/evaluation (the link is yours alone). You can change your answers until the end of ${formatCalendarDate(program.evaluation.closesOn)}.`
    : `The evaluation is on your page in the program, linked from your earlier emails, until the end of ${formatCalendarDate(program.evaluation.closesOn)}.`;

export const evaluationEmail = (program: Program, participant: Nomination, page?: string): EmailMessage => ({
  ...participantEmail(program, participant, `Your evaluation of the ${program.name}`, [
    `Thank you for a year of learning together. Please tell us how the ${program.name} worked for you, so the next cohort's is better still. It takes about ten minutes.`,
    evaluationLink(program, page),
  ]),
});

/** A week before the evaluation closes, to a participant who has not answered it. */
export const evaluationReminderEmail = (
  program: Program,
  participant: Nomination,
  page?: string,
): EmailMessage => ({
  ...participantEmail(program, participant, `A week left to evaluate the ${program.name}`, [
    `We have not had your evaluation of the ${program.name} yet. Your answers shape the next cohort's year; it takes about ten minutes.`,
    evaluationLink(program, page),
  ]),
});

export const certificateEmail = (
  program: Program,
  participant: Nomination,
  pdf: Uint8Array,
  page?: string,
): EmailMessage => ({
  ...participantEmail(program, participant, `Your certificate of participation: ${program.name}`, [
    `Congratulations on completing the ${program.name}. Your certificate of participation is attached.`,
    ...yourPage(page),
  ]),
  attachments: [
    {
      filename: `certificate-${program.id}.pdf`,
      contentType: 'application/pdf',
      content: base64(pdf),
    },
  ],
});

/**
 * In place of the certificate, for a participant whose record does not meet the rule: each
 * meeting with their mark, the rule, and whom to write to if the record is wrong.
 */
export const attendanceRecordEmail = (
  program: Program,
  participant: Nomination,
  record: AttendanceRecord,
  page?: string,
): EmailMessage => ({
  ...participantEmail(program, participant, `Your participation in the ${program.name}`, [
    `Thank you for your year in the ${program.name}. Its certificate of participation goes to those present at ${record.required} of the ${record.held} monthly meetings; our register shows you present at ${record.attended}:`,
    record.meetings
      .map(
        ({ event, mark }) =>
          `- ${whenText(program, event, program.timeZone)}: ${mark ?? 'no register kept (counted as present)'}`,
      )
      .join('\n'),
    `If the register is wrong, please write to ${program.contactEmail}: once it is corrected, your certificate follows.`,
    ...yourPage(page),
  ]),
});
