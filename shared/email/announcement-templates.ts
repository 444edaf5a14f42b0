import type { AnnouncementDraft } from '../domain/announcements.ts';
import type { Nomination } from '../domain/nomination.ts';
import type { Program } from '../domain/program.ts';
import { addressees, type EmailMessage, layout, yourPage } from './templates.ts';

/** An organizer's announcement to one recipient: their name, then the text as written, paragraph by paragraph. */
export const announcementEmail = (
  program: Program,
  n: Nomination,
  announcement: AnnouncementDraft,
  copyNominator: boolean,
  page?: string,
): EmailMessage => ({
  ...(copyNominator ? addressees(n) : { to: [n.candidate.email], cc: [] }),
  ...layout(program, {
    subject: announcement.subject,
    paragraphs: [
      `Dear ${n.candidate.name},`,
      ...announcement.body
        .split(/\r?\n\s*\r?\n/)
        .map((p) => p.trim())
        .filter(Boolean),
      ...yourPage(page),
    ],
  }),
});
