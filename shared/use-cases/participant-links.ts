import { ExpiredLinkError, InvalidLinkError } from '../domain/errors.ts';
import type { Nomination } from '../domain/nomination.ts';
import {
  calendarPath,
  feedGeneration,
  participantGeneration,
  participantLinkExpiry,
  participantPath,
} from '../domain/participant-links.ts';
import type { Program } from '../domain/program.ts';
import type { LinkSigner, NominationStore, ProgramRepository } from '../ports.ts';

/** Makes a participant's private links: their page, and their calendar feed. */
export interface ParticipantPages {
  page(program: Program, n: Nomination): Promise<string>;
  calendar(program: Program, n: Nomination): Promise<string>;
}

export const participantPages = (links: LinkSigner, siteUrl: string): ParticipantPages => ({
  page: async (program, n) =>
    `${siteUrl}${participantPath(
      await links.sign({
        nominationId: n.id,
        purpose: 'participant',
        expiresAt: participantLinkExpiry(program),
        generation: participantGeneration(n),
      }),
    )}`,
  calendar: async (program, n) =>
    `${siteUrl}${calendarPath(
      await links.sign({
        nominationId: n.id,
        purpose: 'calendar',
        expiresAt: participantLinkExpiry(program),
        generation: feedGeneration(n),
      }),
    )}`,
});

/**
 * The nomination a participant's link names, and its program: the one way every page behind the
 * link (the page, the certificate, the evaluation, leaving) reads who is asking. A link outlives
 * an erasure; a link of an earlier generation (one a newer link replaced) is refused. A link made
 * before links had generations counts as the first.
 */
export const participantOf = async (
  deps: { links: LinkSigner; nominations: NominationStore; programs: ProgramRepository },
  token: string,
) => {
  const link = await deps.links.verify(token, 'participant');
  const nomination = await deps.nominations.get(link.nominationId);
  if (!nomination)
    throw new ExpiredLinkError(
      'This page no longer exists: its data was erased. Please write to the organizers.',
    );
  if ((link.generation ?? 0) !== participantGeneration(nomination))
    throw new InvalidLinkError(
      'This link was replaced by a newer one, sent to you by email: please use the link in your newest email from the program.',
    );
  return { nomination, stored: await deps.programs.require(nomination.programId) };
};
