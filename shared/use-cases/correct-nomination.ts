import type { Actor } from '../domain/actor.ts';
import { ValidationError } from '../domain/errors.ts';
import { parseOrRefuse } from '../domain/field-issues.ts';
import {
  candidateKey,
  correctionSchema,
  holdsCandidateGuard,
  type Nomination,
} from '../domain/nomination.ts';
import type { ProgramRepository } from '../ports.ts';
import { type ChangeDeps, checkExpectedVersion, nominationFor, recordChange } from './record-change.ts';

export interface CorrectionDeps extends ChangeDeps {
  programs: ProgramRepository;
}

const people = ['candidate', 'nominator'] as const;
const personFields = ['name', 'email'] as const;

/**
 * An organizer corrects the candidate's or the nominator's name or email:
 * 1. Organizers only (403); the nomination must exist (404); the fields follow the submission's
 *    rules (400), and something must change (400).
 * 2. At `expectedVersion` only (409).
 * 3. One transaction: the corrected nomination, an audit entry with each changed field before and
 *    after, and for a new candidate address the duplicate guard moved to it (409
 *    DuplicateNomination when that address is already nominated). Later emails and the
 *    certificate read the nomination, so they use the corrected values.
 */
export const correctNomination = async (
  deps: CorrectionDeps,
  nominationId: string,
  actor: Actor,
  body: unknown,
): Promise<Nomination> => {
  const before = await nominationFor(deps.nominations, actor, 'correct-nomination', nominationId);
  const { program } = await deps.programs.require(before.programId);
  const parsed = parseOrRefuse(correctionSchema(program), body, 'The correction is not valid');
  const correction = parsed;
  checkExpectedVersion(before, correction.expectedVersion);

  const was: Record<string, string> = {};
  const is: Record<string, string> = {};
  const fields: Pick<Nomination, 'candidate' | 'nominator'> = {
    candidate: { ...before.candidate },
    nominator: { ...before.nominator },
  };
  for (const person of people) {
    for (const field of personFields) {
      const value = correction[person]?.[field];
      if (value === undefined || value === before[person][field]) continue;
      was[`${person}.${field}`] = before[person][field];
      is[`${person}.${field}`] = value;
      fields[person][field] = value;
    }
  }
  if (Object.keys(is).length === 0) {
    throw new ValidationError('The correction changes nothing', [
      { path: '', message: 'Give a new candidate or nominator name or email' },
    ]);
  }
  const guardMoves =
    holdsCandidateGuard(before) &&
    candidateKey(before.candidate.email) !== candidateKey(fields.candidate.email);
  return recordChange(deps, before, actor, {
    action: 'correct',
    fields,
    audit: { changes: { before: was, after: is }, ...(correction.note ? { note: correction.note } : {}) },
    ...(guardMoves ? { guardMove: { from: before.candidate.email, to: fields.candidate.email } } : {}),
  });
};
