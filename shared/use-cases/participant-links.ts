import { ExpiredLinkError } from '../domain/errors.ts';
import type { Nomination } from '../domain/nomination.ts';
import {
  calendarPath,
  feedGeneration,
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
 * link (the page, the certificate, the evaluation) reads who is asking. A link outlives an erasure.
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
  return { nomination, stored: await deps.programs.require(nomination.programId) };
};
