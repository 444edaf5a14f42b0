import { randomUUID } from 'node:crypto';
import { NominationWindowClosedError, ValidationError } from '../domain/errors.ts';
import { toFieldIssues } from '../domain/field-issues.ts';
import { type Nomination, newNomination, nominationInputSchema } from '../domain/nomination.ts';
import { nominationWindowState } from '../domain/program.ts';
import { formatInZone } from '../domain/time.ts';
import { acknowledgementEmail } from '../email/templates.ts';
import type { Clock, NominationStore, ProgramRepository } from '../ports.ts';

export interface SubmitNominationDeps {
  nominations: NominationStore;
  programs: ProgramRepository;
  clock: Clock;
  newId?: () => string;
}

/**
 * 1. Find the program (404) and check its nomination window (403).
 * 2. Validate the body against the program's schema (400 with every field issue).
 * 3. Store the nomination, its guard on the candidate's email, the first audit entry and the
 *    acknowledgement email in one transaction (409 if the candidate was already nominated).
 */
export const submitNomination = async (
  deps: SubmitNominationDeps,
  programId: string,
  body: unknown,
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
  const parsed = nominationInputSchema(program).safeParse(body);
  if (!parsed.success) {
    throw new ValidationError('Some answers need correcting', toFieldIssues(parsed.error));
  }
  const at = now.toISOString();
  const nomination = newNomination(parsed.data, {
    id: (deps.newId ?? randomUUID)(),
    programId: program.id,
    at,
  });

  await deps.nominations.create(
    nomination,
    {
      at,
      actor: `nominator:${nomination.nominator.email}`,
      action: 'submit',
      from: null,
      to: 'submitted',
      version: 1,
    },
    [{ key: 'acknowledgement', kind: 'acknowledgement', ...acknowledgementEmail(program, nomination) }],
  );
  return nomination;
};
