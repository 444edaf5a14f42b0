import type { Actor } from '../domain/actor.ts';
import { authorize } from '../domain/authorization.ts';
import type { NominationStatus } from '../domain/nomination-states.ts';
import type { NominationDetail, NominationPage, NominationStore, ProgramRepository } from '../ports.ts';
import { detailFor } from './record-change.ts';

export interface ReadNominationsDeps {
  nominations: NominationStore;
  programs: ProgramRepository;
}

/** A page of a program's nominations, for staff: 403, then 404 for an unknown program. */
export const listNominations = async (
  deps: ReadNominationsDeps,
  actor: Actor,
  programId: string,
  query: { status?: NominationStatus; limit: number; cursor?: string },
): Promise<NominationPage> => {
  authorize(actor, 'list-nominations', { programId });
  const { program } = await deps.programs.require(programId);
  return deps.nominations.list(program.id, query);
};

/** One nomination with its history and emails, for staff. */
export const getNomination = async (
  deps: Pick<ReadNominationsDeps, 'nominations'>,
  actor: Actor,
  nominationId: string,
): Promise<NominationDetail> => {
  const detail = await detailFor(deps.nominations, actor, 'read-nomination', nominationId);
  return detail;
};
