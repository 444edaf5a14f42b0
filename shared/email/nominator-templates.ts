import type { Nomination } from '../domain/nomination.ts';
import { confirmationHours } from '../domain/nominator-links.ts';
import type { Program } from '../domain/program.ts';
import { referenceOf } from '../domain/reference.ts';
import { formatDateInZone, formatDateRange, formatInZone } from '../domain/time.ts';
import { html } from './html.ts';
import { conference, type EmailMessage, layout } from './templates.ts';

const link = (url: string) => html`<a href="${url}">${url}</a>`;

/**
 * The one email a submission causes, to the nominator alone. Nothing the submitter typed is in it
 * but the nominator's own name in the body (escaped): a stranger's address typed into the form
 * receives a fixed text that names no one, and no candidate is mailed until this is confirmed.
 */
export const confirmationEmail = (
  program: Program,
  nominator: { name: string; email: string },
  links: { confirm: string; manage: string; confirmBy: Date },
): EmailMessage => ({
  to: [nominator.email],
  cc: [],
  ...layout(program, {
    subject: `Please confirm your nomination for the ${program.name}`,
    paragraphs: [
      `Dear ${nominator.name},`,
      `This address was used to nominate a candidate for the ${program.name}. The nomination is sent to the advisory group, and the candidate told, only once you confirm it. Please confirm it by ${formatInZone(links.confirmBy, program.timeZone)} (${confirmationHours} hours from submission):`,
      link(links.confirm),
      `Until ${formatInZone(new Date(program.nominationWindow.closesAt), program.timeZone)} you can see, correct or withdraw the nomination with this private link; keep it to yourself:`,
      link(links.manage),
      'If you did not make this nomination, ignore this email: nobody else will be written to, and the nomination is deleted unconfirmed.',
    ],
  }),
});

/**
 * To the nominator, when the candidate already had a confirmed nomination in the program, found
 * as they confirmed theirs or as they gave the candidate a new address: theirs is kept and linked
 * to it for the organizers; the candidate is not written to again.
 */
export const duplicateNoticeEmail = (
  program: Program,
  nominator: { name: string; email: string },
  occasion: 'confirmation' | 'correction' = 'confirmation',
): EmailMessage => ({
  to: [nominator.email],
  cc: [],
  ...layout(program, {
    subject:
      occasion === 'confirmation'
        ? `Your nomination for the ${program.name} is confirmed`
        : `Your correction of your nomination for the ${program.name} is saved`,
    paragraphs: [
      `Dear ${nominator.name},`,
      occasion === 'confirmation'
        ? `Thank you for confirming your nomination for the ${program.name}. This candidate already has a nomination in this program; the organizers will see yours too, linked to it, and take both into account. The candidate has been told of the nomination already, so we have not written to them again.`
        : `Your correction is saved. The candidate's new email address already has a nomination in the ${program.name}; the organizers will see yours too, linked to it, and take both into account. The candidate has been told of that nomination already, so we have not written to them again.`,
      `Everyone nominated hears the decision by email by ${formatDateInZone(new Date(program.decisionsDueAt), program.timeZone)}.`,
    ],
  }),
});

/** The conference the participant travels to, and their stipend once awarded: what a library plans for. */
const travelParagraphs = (program: Program, n: Nomination): string[] => {
  const conf = conference(program);
  if (!conf || !('from' in conf.when)) return [];
  const stipend =
    n.stipend?.award === 'awarded' ? ` ${n.candidate.name} has been awarded a travel stipend for it.` : '';
  return [
    `${conf.title}: ${formatDateRange(conf.when.from, conf.when.to)}${conf.location ? `, ${conf.location}` : ''}.${stipend}`,
  ];
};

/**
 * To the nominator alone, a place given to their candidate: the news, without the participant's
 * private page, which is in the participant's own email only (anyone holding it could act as them).
 */
const placeNotice = (program: Program, n: Nomination, subject: string, news: string): EmailMessage => ({
  to: [n.nominator.email],
  cc: [],
  ...layout(program, {
    subject,
    paragraphs: [
      `Dear ${n.nominator.name},`,
      news,
      `We have written to ${n.candidate.name} with the first steps of the year and a private page of their own for the meetings, their calendar and their certificate.`,
      ...travelParagraphs(program, n),
      `Your reference: ${referenceOf(n.id)}`,
    ],
  }),
});

/** The nominator's news of the candidate's selection; the candidate's own email is `decisionSelectedEmail`. */
export const selectedNoticeEmail = (program: Program, n: Nomination): EmailMessage =>
  placeNotice(
    program,
    n,
    `${n.candidate.name} has been selected: ${program.name}`,
    `Congratulations: ${n.candidate.name}, nominated by ${n.library.name}, has been selected for the ${program.name}.`,
  );

/** The nominator's news of a place given to their candidate from the reserve list; theirs is `placeOfferedEmail`. */
export const placeOfferedNoticeEmail = (program: Program, n: Nomination): EmailMessage =>
  placeNotice(
    program,
    n,
    `A place has opened for ${n.candidate.name}: ${program.name}`,
    `A place has opened in the ${program.name}, and it has gone to ${n.candidate.name}, nominated by ${n.library.name}: they were on the reserve list, and they are now a participant.`,
  );
