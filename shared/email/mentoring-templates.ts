import type { MentoringGroup } from '../domain/mentoring-groups.ts';
import type { Nomination } from '../domain/nomination.ts';
import type { Program } from '../domain/program.ts';
import type { CalendarChanges } from '../use-cases/calendar-changes.ts';
import { type EmailAttachment, type EmailMessage, participantEmail, yourPage } from './templates.ts';

import { whenText } from './timeline-templates.ts';

const who = (n: Nomination) => `${n.candidate.name} (${n.library.name}, ${n.library.city})`;

/**
 * A participant's mentoring group changed (they joined one, left one, or its name or mentor
 * changed), or their group's sessions did: who mentors them, who is with them, and their
 * calendar's changes with entries that replace theirs.
 */
export const mentoringGroupEmail = (
  program: Program,
  participant: Nomination,
  groups: { was: MentoringGroup | undefined; is: MentoringGroup | undefined },
  fellows: Nomination[],
  changes: CalendarChanges,
  invites: EmailAttachment[],
  page?: string,
): EmailMessage => {
  const { was, is } = groups;
  const zone = participant.candidate.timeZone;
  const moved = was?.id !== is?.id || was?.mentor !== is?.mentor || was?.name !== is?.name;
  const subject = !moved
    ? `Changes to your mentoring sessions: ${program.name}`
    : is
      ? `Your mentoring group in the ${program.name}: ${is.name}`
      : `You are no longer in a mentoring group of the ${program.name}`;
  return {
    ...participantEmail(
      program,
      participant,
      subject,
      [
        ...(is
          ? [
              `You are in the mentoring group ${is.name}, mentored by ${is.mentor}.`,
              fellows.length
                ? `With you in the group: ${fellows.map(who).join('; ')}.`
                : 'You are the first member of the group; the others follow.',
            ]
          : was
            ? [
                `You are no longer in the mentoring group ${was.name}. The organizers will tell you about your mentoring sessions.`,
              ]
            : []),
        ...changes.changed.map((e) => `${e.title}: ${whenText(program, e, zone)}.`),
        ...changes.cancelled.map(
          (e) => `${e.title} on ${whenText(program, e, zone)} is no longer in your calendar.`,
        ),
        invites.length
          ? 'The attached calendar entries update your calendar: open them to add, move or remove the sessions.'
          : '',
        'A reminder comes before each session.',
        ...yourPage(page),
      ].filter(Boolean),
    ),
    ...(invites.length ? { attachments: invites } : {}),
  };
};
