import type { Nomination } from '../domain/nomination.ts';
import {
  calendarPath,
  feedGeneration,
  participantLinkExpiry,
  participantPath,
} from '../domain/participant-links.ts';
import type { Program } from '../domain/program.ts';
import type { LinkSigner } from '../ports.ts';

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
