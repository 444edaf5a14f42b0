import { countryName } from '../domain/countries.ts';
import type { Nomination } from '../domain/nomination.ts';
import type { Program } from '../domain/program.ts';
import { referenceOf } from '../domain/reference.ts';
import { formatDateInZone, formatDateRange, formatInZone, wallTimeToInstant } from '../domain/time.ts';
import { html, type SafeHtml } from './html.ts';

export type EmailKind =
  | 'confirmation'
  | 'duplicate-notice'
  | 'acknowledgement'
  | 'decision-selected'
  | 'decision-selected-nominator'
  | 'decision-not-selected'
  | 'decision-reserve'
  | 'decision-pending'
  | 'place-offered'
  | 'place-offered-nominator'
  | 'reserve-closed'
  | 'withdrawal-confirmed'
  | 'place-vacated'
  | 'stipend-awarded'
  | 'decision-readiness'
  | 'decisions-overdue'
  | 'reminder'
  | 'timeline-changed'
  | 'mentoring-group'
  | 'announcement'
  | 'attendance-record'
  | 'evaluation-reminder'
  | 'evaluation'
  | 'certificate'
  | 'delivery-failed'
  | 'participant-link';

export interface EmailAttachment {
  filename: string;
  contentType: string;
  /** base64 */
  content: string;
}

export interface EmailMessage {
  to: string[];
  cc: string[];
  subject: string;
  html: string;
  text: string;
  /** The program's contact address: where an answer to the email goes. */
  replyTo?: string[];
  attachments?: EmailAttachment[];
}

export interface Body {
  subject: string;
  /** Paragraphs; each is escaped by `html` when rendered. */
  paragraphs: (string | SafeHtml)[];
}

/**
 * Every email's frame: the paragraphs, then whom to write to (the program's contact address, also
 * its Reply-To) and who sends it.
 */
export const layout = (
  program: Program,
  body: Body,
): Pick<EmailMessage, 'subject' | 'html' | 'text' | 'replyTo'> => ({
  subject: body.subject,
  replyTo: [program.contactEmail],
  html: html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${body.subject}</title></head>
<body style="font-family: Arial, sans-serif; line-height: 1.5; color: #0b0c0c; max-width: 40em">
${body.paragraphs.map((p) => html`<p style="white-space:pre-line">${p}</p>\n`)}<p style="color:#505a5f">Questions? Write to <a href="mailto:${program.contactEmail}">${program.contactEmail}</a>, or answer this email.<br>${program.name} · ${program.organizer}</p>
</body></html>`.value,
  text: `${body.paragraphs.map((p) => (typeof p === 'string' ? p : stripTags(p.value))).join('\n\n')}\n\nQuestions? Write to ${program.contactEmail}, or answer this email.\n\n-- \n${program.name} · ${program.organizer}\n`,
});

const stripTags = (markup: string) =>
  markup
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/**
 * The participant's own page, in each email to a participant (when the sender can sign it): their
 * meetings with links and readings, their calendar feed, their certificate, leaving the program.
 * Only ever in an email to the participant alone (`participantEmail`): whoever holds the link can
 * act as them, so their nominator gets the news in an email of their own, without it.
 */
export const yourPage = (page: string | undefined): string[] =>
  page
    ? [
        `Your page in the program, with the meetings ahead, their links and readings, your calendar feed and your certificate: ${page} (the link is yours alone; please do not share it).`,
      ]
    : [];

export const addressees = (n: Nomination) => ({ to: [n.candidate.email], cc: [n.nominator.email] });

/** An email to a participant alone, greeting them by name before `paragraphs`. */
export const participantEmail = (
  program: Program,
  participant: Nomination,
  subject: string,
  paragraphs: Body['paragraphs'],
): EmailMessage => ({
  to: [participant.candidate.email],
  cc: [],
  ...layout(program, { subject, paragraphs: [`Dear ${participant.candidate.name},`, ...paragraphs] }),
});

/** An email to the candidate with their nominator in copy, greeting the candidate by name before `paragraphs`. */
export const candidateEmail = (
  program: Program,
  n: Nomination,
  subject: string,
  paragraphs: Body['paragraphs'],
): EmailMessage => ({
  ...addressees(n),
  ...layout(program, { subject, paragraphs: [`Dear ${n.candidate.name},`, ...paragraphs] }),
});

const decisionDay = (program: Program) =>
  formatDateInZone(new Date(program.decisionsDueAt), program.timeZone);

export const acknowledgementEmail = (program: Program, n: Nomination): EmailMessage => ({
  ...addressees(n),
  ...layout(program, {
    subject: `Nomination received: ${n.candidate.name} for the ${program.name}`,
    paragraphs: [
      `Dear ${n.nominator.name} and ${n.candidate.name},`,
      `Thank you: we have received the nomination of ${n.candidate.name} (${n.candidate.role}) by ${n.library.name}, ${n.library.city}, ${countryName(n.library.country)}, for the ${program.name}.`,
      `Project: ${n.project.title}.`,
      `The advisory group will review every nomination. You will both hear the decision by email by ${decisionDay(program)}.`,
      `Your reference: ${referenceOf(n.id)}`,
    ],
  }),
});

/**
 * The first meeting still ahead at `now`: a participant selected late, or a reserve offered a
 * place in May, is never sent to a meeting that has already happened.
 */
export const nextMeeting = (program: Program, now: Date) => {
  for (const event of program.timeline) {
    if (event.kind === 'meeting' && 'at' in event.when) {
      const at = wallTimeToInstant(event.when.at, event.timeZone ?? program.timeZone);
      if (at.getTime() > now.getTime()) return at;
    }
  }
  return undefined;
};

export const conference = (program: Program) => program.timeline.find((e) => e.kind === 'conference');

export const stipendAwardedParagraph = (program: Program) => {
  const conf = conference(program);
  return `You have been awarded a travel stipend${conf ? ` for the ${conf.title}` : ''}. The organizers will write to you about the arrangements.`;
};

/** What a participant needs to hear on being given a place: the next meeting and the conference. */
const participantParagraphs = (program: Program, n: Nomination, now: Date): Body['paragraphs'] => {
  const paragraphs: Body['paragraphs'] = [];
  const meeting = nextMeeting(program, now);
  if (meeting) {
    paragraphs.push(
      `The next online meeting is on ${formatInZone(meeting, program.timeZone)}, which is ${formatInZone(meeting, n.candidate.timeZone)} where you are. Reminders with a calendar invitation will follow before each meeting.`,
    );
  }
  const conf = conference(program);
  const awarded = n.stipend?.award === 'awarded';
  if (conf && 'from' in conf.when) {
    paragraphs.push(
      `${conf.title}: ${formatDateRange(conf.when.from, conf.when.to)}${conf.location ? `, ${conf.location}` : ''}. ${
        awarded
          ? stipendAwardedParagraph(program)
          : n.travel.conditionalOnStipend
            ? 'You told us that your participation depends on a travel stipend; the organizers will contact you about it.'
            : 'Please plan your travel with your library.'
      }`,
    );
  } else if (awarded) paragraphs.push(stipendAwardedParagraph(program));
  return paragraphs;
};

/** To the participant alone, with their page: the nominator's news is `selectedNoticeEmail`. */
export const decisionSelectedEmail = (
  program: Program,
  n: Nomination,
  now: Date,
  page?: string,
): EmailMessage => {
  return participantEmail(program, n, `Selected: ${program.name}`, [
    `Congratulations: you have been selected for the ${program.name}, nominated by ${n.library.name}.`,
    ...participantParagraphs(program, n, now),
    ...yourPage(page),
    `We look forward to a year of learning together.`,
    `Your reference: ${referenceOf(n.id)}`,
  ]);
};

/**
 * A reserve is offered the place a participant gave up: selected, from now on, in one step. To the
 * participant alone, with their page: the nominator's news is `placeOfferedNoticeEmail`.
 */
export const placeOfferedEmail = (
  program: Program,
  n: Nomination,
  now: Date,
  page?: string,
): EmailMessage => {
  return participantEmail(program, n, `A place has opened for you: ${program.name}`, [
    `A place has opened in the ${program.name}, and it is yours: you were on the reserve list, and you are now a participant, nominated by ${n.library.name}.`,
    ...participantParagraphs(program, n, now),
    ...yourPage(page),
    `If you can no longer take part, please tell the organizers at once, so that the place can go to the next person on the reserve list.`,
    `Your reference: ${referenceOf(n.id)}`,
  ]);
};

export const decisionNotSelectedEmail = (program: Program, n: Nomination): EmailMessage => ({
  ...candidateEmail(program, n, `Your nomination for the ${program.name}`, [
    `Thank you for your interest in the ${program.name} and for the nomination by ${n.library.name}.`,
    `We received many strong nominations for ${program.capacity.max} places, and the advisory group selected with an emphasis on geographic diversity and the range of projects. We are sorry that we cannot offer you a place in this cohort.`,
    `We hope to welcome you at a future learning circle.`,
    `Your reference: ${referenceOf(n.id)}`,
  ]),
});

/**
 * A participant asked for a new link to their page: to the address on their nomination alone,
 * never one given with the request. The links before it, and the calendar address, stop working.
 */
export const newParticipantLinkEmail = (program: Program, n: Nomination, page: string): EmailMessage =>
  participantEmail(program, n, `A new link to your page: ${program.name}`, [
    `As asked, here is a new link to your page in the ${program.name}: ${page} (the link is yours alone; please do not share it).`,
    `The links in earlier emails no longer work, nor does your calendar's old address: open your page to subscribe to the new one.`,
    `If you did not ask for it, someone with one of your older links did: that link no longer works either, and nothing more is needed from you.`,
    `Your reference: ${referenceOf(n.id)}`,
  ]);
