import { randomUUID } from 'node:crypto';
import { NominationWindowClosedError } from '../domain/errors.ts';
import { parseOrRefuse } from '../domain/field-issues.ts';
import { type Nomination, newNomination, nominationInputSchema } from '../domain/nomination.ts';
import {
  confirmationDeadline,
  confirmPath,
  manageLinkExpiry,
  managePath,
} from '../domain/nominator-links.ts';
import { nominationWindowState } from '../domain/program.ts';
import { expiryAfter } from '../domain/retention.ts';
import { formatInZone } from '../domain/time.ts';
import { confirmationEmail } from '../email/nominator-templates.ts';
import type { Clock, LinkSigner, NominationStore, ProgramRepository } from '../ports.ts';
import { type IntakeLimits, perAddressCounters, perSourceCounter } from './intake-counters.ts';

export interface SubmitNominationDeps {
  nominations: NominationStore;
  programs: ProgramRepository;
  clock: Clock;
  links: LinkSigner;
  limits: IntakeLimits;
  newId?: () => string;
}

export interface Submission {
  /** Where the links in the confirmation email point: the site's origin. */
  origin: string;
  /** The client's address, for the per-source limit. */
  sourceIp: string;
}

/**
 * 1. Find the program (404) and check its nomination window (403).
 * 2. Validate the body against the program's schema (400 with every field issue).
 * 3. Store it unconfirmed and unlisted, counted against the nominator's and the source's limits
 *    (429 past either), with one email: the confirmation link, to the nominator alone.
 * Nothing here reads whether the candidate was nominated before, so the answer is the same
 * either way; a duplicate is found, and told to the nominator only, on confirmation.
 */
export const submitNomination = async (
  deps: SubmitNominationDeps,
  programId: string,
  body: unknown,
  submission: Submission,
): Promise<Nomination> => {
  const { program } = await deps.programs.require(programId);
  const now = deps.clock.now();
  const window = nominationWindowState(program, now);
  if (window !== 'open') {
    const at = window === 'closed' ? program.nominationWindow.closesAt : program.nominationWindow.opensAt;
    throw new NominationWindowClosedError(
      `Nominations for the ${program.name} ${window === 'closed' ? 'closed' : 'open'} on ${formatInZone(new Date(at), program.timeZone)}`,
    );
  }
  const parsed = parseOrRefuse(nominationInputSchema(program), body, 'Some answers need correcting');
  const at = now.toISOString();
  const confirmBy = confirmationDeadline(now);
  const nomination: Nomination = {
    ...newNomination(parsed, {
      id: (deps.newId ?? randomUUID)(),
      programId: program.id,
      at,
      confirmBy: confirmBy.toISOString(),
    }),
    // Dropped by the table's TTL, with everything written with it, unless confirmed in time.
    expiresAt: expiryAfter(confirmBy, {}),
  };
  const [confirm, manage] = await Promise.all([
    deps.links.sign({ nominationId: nomination.id, purpose: 'confirm', expiresAt: confirmBy }),
    deps.links.sign({ nominationId: nomination.id, purpose: 'manage', expiresAt: manageLinkExpiry(program) }),
  ]);
  const email = confirmationEmail(program, nomination.nominator, {
    confirm: `${submission.origin}${confirmPath(confirm)}`,
    manage: `${submission.origin}${managePath(manage)}`,
    confirmBy,
  });
  await deps.nominations.create(
    nomination,
    {
      at,
      actor: 'nominator',
      action: 'submit',
      from: null,
      to: nomination.status,
      version: 1,
    },
    [{ key: 'confirmation', kind: 'confirmation', ...email }],
    [
      ...perAddressCounters(
        deps.limits,
        program.id,
        [nomination.nominator.email],
        now,
        `We have written to this address ${deps.limits.perNominatorPerDay} times today, the most a day allows; please try again tomorrow or write to the organizers`,
      ),
      perSourceCounter(deps.limits, program.id, submission.sourceIp, now),
    ],
  );
  return nomination;
};
