import { participant } from '../domain/actor.ts';
import { ExpiredLinkError, InvalidLinkError, VersionConflictError } from '../domain/errors.ts';
import type { NominatorLink } from '../domain/nominator-links.ts';
import { participantGeneration, renewedLinks } from '../domain/participant-links.ts';
import type { Clock, LinkSigner, NominationStore, ProgramRepository } from '../ports.ts';
import type { ParticipantPages } from './participant-links.ts';
import { recordChange } from './record-change.ts';

export interface LinkRenewalDeps {
  links: LinkSigner;
  nominations: NominationStore;
  programs: ProgramRepository;
  clock: Clock;
  pages: ParticipantPages;
}

/** How often a renewal that met a concurrent change of its nomination reads it again. */
const attempts = 3;

/** The participant link a token is, of any generation; none for anything else. */
const linkOf = async (links: LinkSigner, token: string): Promise<NominatorLink | undefined> => {
  try {
    return await links.verify(token, 'participant');
  } catch (error) {
    // Not ours, altered, another kind of link, or past its time: an expired link cannot be
    // renewed into a working one, since a participant's links all end with the program.
    if (error instanceof InvalidLinkError || error instanceof ExpiredLinkError) return undefined;
    throw error;
  }
};

/**
 * "Send me a new link", from the page a refused participant link shows (or the page itself, for
 * a link shared by mistake). It answers nothing, so the caller's answer is the same whatever the
 * token named: a participant's link or not, renewed or not.
 * 1. The token must be a participant link we signed that is not past its time; any generation
 *    will do, since an older link is what brings a participant here.
 * 2. The nomination must still exist, and have renewals left today (`linkRenewalsPerDay`).
 * 3. In one transaction conditioned on the version read: the next page and feed generations (every
 *    link mailed before stops working), the day's count, an audit entry, and the email with the
 *    fresh link to the candidate's address as stored, never an address given with the request.
 *    A concurrent change of the nomination is read again and tried again.
 */
export const requestNewParticipantLink = async (deps: LinkRenewalDeps, token: string): Promise<void> => {
  const link = await linkOf(deps.links, token);
  if (!link) return;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const before = await deps.nominations.get(link.nominationId);
    const fields = before && renewedLinks(before, deps.clock.now());
    if (!before || !fields) return;
    const { program } = await deps.programs.require(before.programId);
    const renewed = { ...before, ...fields };
    const { newParticipantLinkEmail } = await import('../email/templates.ts');
    try {
      await recordChange(deps, before, participant, {
        action: 'renew-participant-link',
        fields,
        emails: [
          {
            key: `participant-link-${participantGeneration(renewed)}`,
            kind: 'participant-link',
            ...newParticipantLinkEmail(program, renewed, await deps.pages.page(program, renewed)),
          },
        ],
      });
      return;
    } catch (error) {
      // Someone changed the nomination meanwhile: read it again. Past the attempts, nothing is
      // sent, and the answer, as always, says to write to the organizers if no email comes.
      if (!(error instanceof VersionConflictError)) throw error;
    }
  }
};
