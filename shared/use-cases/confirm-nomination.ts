import { ExpiredLinkError, VersionConflictError } from '../domain/errors.ts';
import type { Nomination } from '../domain/nomination.ts';
import { nextState } from '../domain/nomination-states.ts';
import { duplicateNoticeEmail } from '../email/nominator-templates.ts';
import { acknowledgementEmail } from '../email/templates.ts';
import type { AuditEntry, Clock, LinkSigner, NominationStore, ProgramRepository } from '../ports.ts';
import { writeHoldingCandidate } from './candidate-guard.ts';

export interface ConfirmNominationDeps {
  nominations: NominationStore;
  programs: ProgramRepository;
  clock: Clock;
  links: LinkSigner;
}

export type ConfirmationOutcome =
  /** Confirmed now: the candidate is told, the nominator in copy. */
  | 'confirmed'
  /** Confirmed now, while another nomination held the candidate: the nominator alone is told. */
  | 'confirmed-duplicate'
  /** Confirmed before (a second click, a retried request): nothing written, nothing sent. */
  | 'already-confirmed';

const expired = () =>
  new ExpiredLinkError(
    'This nomination was not confirmed within 48 hours and has been deleted. Please submit it again.',
  );

/** The nomination a confirmation link names, as it stands; the link's own errors otherwise. */
export const nominationToConfirm = async (
  deps: ConfirmNominationDeps,
  token: string,
): Promise<Nomination> => {
  const link = await deps.links.verify(token, 'confirm');
  const nomination = await deps.nominations.get(link.nominationId);
  // The link was ours, so a missing nomination is one dropped unconfirmed.
  if (!nomination) throw expired();
  if (
    nomination.status === 'unconfirmed' &&
    nomination.confirmBy &&
    deps.clock.now() > new Date(nomination.confirmBy)
  ) {
    // DynamoDB's TTL deletes some time after the instant; the deadline holds from the instant.
    throw expired();
  }
  return nomination;
};

/** Tries the confirmation this many times when a concurrent click changed the nomination first. */
const attempts = 3;

/**
 * The nominator confirms with the link in their email. The nomination becomes submitted and
 * listed, and takes the guard on its candidate's address in the same transaction as the email it
 * causes: the acknowledgement to the candidate (nominator in copy), or, when another nomination
 * holds the address, a note to the nominator alone and a link to that nomination for organizers.
 * A repeated or concurrent confirmation finds it confirmed and sends nothing.
 */
export const confirmNomination = async (
  deps: ConfirmNominationDeps,
  token: string,
): Promise<{ nomination: Nomination; outcome: ConfirmationOutcome }> => {
  for (let attempt = 1; ; attempt += 1) {
    const before = await nominationToConfirm(deps, token);
    if (before.status !== 'unconfirmed') return { nomination: before, outcome: 'already-confirmed' };
    const { program } = await deps.programs.require(before.programId);
    const at = deps.clock.now().toISOString();
    // Kept from now on: no confirmation deadline, no expiry until its fate is known.
    const { confirmBy: _, expiresAt: __, ...rest } = before;
    const after: Nomination = {
      ...rest,
      ...nextState(before, 'confirm'),
      version: before.version + 1,
      updatedAt: at,
    };
    const audit: AuditEntry = {
      at,
      actor: 'nominator',
      action: 'confirm',
      from: before.status,
      to: after.status,
      version: after.version,
    };
    try {
      const { nomination, duplicate } = await writeHoldingCandidate(
        deps.nominations,
        {
          before,
          after,
          audit,
          placeDelta: 0,
          capacity: program.capacity.max,
          emails: [
            { key: 'acknowledgement', kind: 'acknowledgement', ...acknowledgementEmail(program, after) },
          ],
          guardTake: before.candidate.email,
        },
        {
          note: 'The candidate already has a nomination in this program',
          emails: [
            {
              key: 'duplicate-notice',
              kind: 'duplicate-notice',
              ...duplicateNoticeEmail(program, before.nominator),
            },
          ],
        },
      );
      return { nomination, outcome: duplicate ? 'confirmed-duplicate' : 'confirmed' };
    } catch (error) {
      if (!(error instanceof VersionConflictError) || attempt >= attempts) throw error;
    }
  }
};
